/**
 * `jiuzhu compile`: every version of a policy → TypeScript module + JS + .d.ts with the runtime
 * beside them. Generated code that does not type-check is a compiler bug: exit 2, nothing written.
 * An existing output folder is written only if it is empty or jiuzhu's own (or with --force).
 */
import { compilePolicy, outputFolderProblem, writeCompiled } from "../../compiler/compile.js";
import { hasErrors } from "../../compiler/diagnostics.js";
import { renderDiagnostics } from "../../compiler/render.js";
import { CliError, ExitCode } from "../exit-codes.js";
import { writeText, type Io } from "../io.js";
import { loadCheckedPolicies } from "../policies.js";

export interface CompileOptions {
  out: string;
  /** write into an existing folder jiuzhu did not write (replacing its package.json, runtime/) */
  force?: boolean;
}

export async function compileCommand(path: string, options: CompileOptions, io: Io): Promise<number> {
  // before compiling: a refusal should not wait for the type-checker
  const problem = options.force === true ? undefined : await outputFolderProblem(options.out);
  if (problem !== undefined) {
    throw new CliError(
      `不能写入输出目录「${options.out}」：${problem}。\n` +
        "写入会覆盖其中的 package.json 和 runtime/。请换一个不存在或空的目录；确要写入时加 --force",
      ExitCode.Usage,
    );
  }
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
