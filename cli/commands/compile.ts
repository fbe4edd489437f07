/**
 * `jiuzhu compile`: every version of a policy → TypeScript module + JS + .d.ts with the runtime
 * beside them. Generated code that does not type-check is a compiler bug: exit 2, nothing written.
 * An existing output folder is written only if it is empty or jiuzhu's own (or with --force).
 */
import { compilePolicy, DEFAULT_PACKAGE_NAME, outputFolderProblem, writeCompiled } from "../../compiler/compile.js";
import { validPackageName } from "../../compiler/package-output.js";
import { hasErrors } from "../../compiler/diagnostics.js";
import { renderDiagnostics } from "../../compiler/render.js";
import { CliError, ExitCode } from "../exit-codes.js";
import { writeText, type Io } from "../io.js";
import { loadCheckedPolicies } from "../policies.js";

export interface CompileOptions {
  out: string;
  name?: string;
  emitTs?: boolean;
  asciiNames?: boolean;
  /** write into an existing folder jiuzhu did not write (replacing its package.json, runtime/) */
  force?: boolean;
}

export async function compileCommand(path: string, options: CompileOptions, io: Io): Promise<number> {
  if (options.name !== undefined && !validPackageName(options.name)) {
    throw new CliError(
      `包名「${options.name}」不符合 npm 的规则（小写英文字母、数字、- . _ ~，可带 @范围/）；请改用如 --name yingkou-jiuzhu`,
    );
  }
  if (options.name === undefined) {
    writeText(io.stderr, `提示：未指定包名，输出包名为「${DEFAULT_PACKAGE_NAME}」；发布或在项目中依赖前请用 --name 指定`);
  }
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
  const written = await writeCompiled(options.out, results, {
    name: options.name,
    emitTs: options.emitTs === true,
    asciiNames: options.asciiNames === true,
  });
  for (const f of written ?? []) writeText(io.stdout, String(f));
  return ExitCode.Ok;
}
