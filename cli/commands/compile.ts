/**
 * `jiuzhu compile`: every version of a policy → TypeScript module + JS + .d.ts with the runtime
 * beside them. Generated code that does not type-check is a compiler bug: exit 2, nothing written.
 */
import { compilePolicy, writeCompiled } from "../../compiler/compile.js";
import { hasErrors } from "../../compiler/diagnostics.js";
import { renderDiagnostics } from "../../compiler/render.js";
import { CliError, ExitCode } from "../exit-codes.js";
import { writeText, type Io } from "../io.js";
import { loadCheckedPolicies } from "../policies.js";

export async function compileCommand(path: string, options: { out: string }, io: Io): Promise<number> {
  const { policies, sources } = await loadCheckedPolicies([path], io, { showWarnings: true });
  const results = [];
  for (const { file, policy } of policies) {
    const result = await compilePolicy(policy, { sourceText: sources.get(file) ?? "" });
    if (result.diagnostics.length > 0) writeText(io.stderr, renderDiagnostics(result.diagnostics, sources));
    if (hasErrors(result.diagnostics)) {
      throw new CliError(`内部错误（请报告）：为「${file}」生成的代码未通过类型检查`, ExitCode.Usage);
    }
    results.push(result);
  }
  const written = await writeCompiled(options.out, results);
  for (const f of written ?? []) writeText(io.stdout, String(f));
  return ExitCode.Ok;
}
