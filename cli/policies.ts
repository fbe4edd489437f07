/**
 * Loading policies for the commands that need a policy that checks (compile, calc): diagnostics
 * are rendered on stderr, and an unreadable path or any error diagnostic is exit 2.
 */
import { hasErrors } from "../compiler/diagnostics.js";
import type { CheckedPolicy } from "../compiler/ir.js";
import { loadPolicyPaths } from "../compiler/load.js";
import { renderDiagnostics, renderSummary } from "../compiler/render.js";
import { CliError, ExitCode } from "./exit-codes.js";
import { writeText, type Io } from "./io.js";

export interface LoadedPolicies {
  policies: { file: string; policy: CheckedPolicy }[];
  sources: Map<string, string>;
}

/** Loads and checks `paths`; throws CliError (exit 2) unless every version checks. */
export async function loadCheckedPolicies(
  paths: string[],
  io: Io,
  options: { showWarnings: boolean },
): Promise<LoadedPolicies> {
  const loaded = await loadPolicyPaths(paths);
  const unreadable = loaded.unreadable.map((u) => `无法读取「${u.path}」：${u.message}`);
  const failed = hasErrors(loaded.diagnostics);
  if (failed || (options.showWarnings && loaded.diagnostics.length > 0)) {
    writeText(io.stderr, renderDiagnostics(loaded.diagnostics, loaded.sources));
  }
  if (unreadable.length > 0) throw new CliError(unreadable.join("\n"), ExitCode.Usage);
  if (failed) {
    throw new CliError(`${renderSummary(loaded.diagnostics)}\n政策未通过检查，请先用 jiuzhu check 修正`, ExitCode.Usage);
  }
  const policies = loaded.policies.flatMap((p) => (p.policy ? [{ file: p.file, policy: p.policy }] : []));
  if (policies.length === 0) throw new CliError(`「${paths.join("、")}」中没有政策文件`, ExitCode.Usage);
  return { policies, sources: loaded.sources };
}
