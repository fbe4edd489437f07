/**
 * Loading policies for the commands that need a policy that checks (compile, calc): diagnostics
 * are rendered on stderr, and an unreadable path or any error diagnostic is exit 2.
 * The loader (parser, checker) and the renderer are imported only when needed: with
 * `cache: true` a warm run is served by compiler/checked-cache.ts and loads neither.
 */
import { hasErrors } from "../compiler/diagnostics.js";
import type { CheckedPolicy } from "../compiler/ir.js";
import type { CachedLoad } from "../compiler/checked-cache.js";
import { CliError, ExitCode } from "./exit-codes.js";
import { writeText, type Io } from "./io.js";

export interface LoadedPolicies {
  policies: { file: string; policy: CheckedPolicy }[];
  sources: Map<string, string>;
}

export interface LoadOptions {
  showWarnings: boolean;
  /** Serve a clean load from the checked-policy cache, and fill it on a miss. */
  cache?: boolean;
}

/** Loads and checks `paths`; throws CliError (exit 2) unless every version checks. */
export async function loadCheckedPolicies(paths: string[], io: Io, options: LoadOptions): Promise<LoadedPolicies> {
  const loaded = (options.cache ? await cached(paths) : undefined) ?? (await load(paths, options.cache === true));
  const unreadable = loaded.unreadable.map((u) => `无法读取「${u.path}」：${u.message}`);
  const failed = hasErrors(loaded.diagnostics);
  if (failed || (options.showWarnings && loaded.diagnostics.length > 0)) {
    const { renderDiagnostics } = await import("../compiler/render.js");
    writeText(io.stderr, renderDiagnostics(loaded.diagnostics, loaded.sources));
  }
  if (unreadable.length > 0) throw new CliError(unreadable.join("\n"), ExitCode.Usage);
  if (failed) {
    const { renderSummary } = await import("../compiler/render.js");
    throw new CliError(`${renderSummary(loaded.diagnostics)}\n政策未通过检查，请先用 jiuzhu check 修正`, ExitCode.Usage);
  }
  const policies = loaded.policies.flatMap((p) => (p.policy ? [{ file: p.file, policy: p.policy }] : []));
  if (policies.length === 0) throw new CliError(`「${paths.join("、")}」中没有政策文件`, ExitCode.Usage);
  return { policies, sources: loaded.sources };
}

/** A hit, or undefined: a cache that fails in any way is just a miss. */
async function cached(paths: string[]): Promise<CachedLoad | undefined> {
  try {
    return await (await import("../compiler/checked-cache.js")).readCheckedCache(paths);
  } catch {
    return undefined;
  }
}

/** The full load (parser and checker); a clean one is written to the cache when `cache`. */
async function load(paths: string[], cache: boolean): Promise<CachedLoad> {
  const { loadPolicyPaths } = await import("../compiler/load.js");
  const loaded = loadPolicyPaths(paths);
  if (cache) {
    try {
      await (await import("../compiler/checked-cache.js")).writeCheckedCache(paths, loaded);
    } catch {
      // the cache only saves time: a load that checked is not a failure because it was not stored
    }
  }
  return loaded;
}
