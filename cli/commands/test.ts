/**
 * `jiuzhu test <路径...>`: checks every 保证 of every (non-基础) policy version with fast-check
 * (compiler/guarantee) and prints one line per 保证, with the smallest counterexample of each that
 * fails. Exit 0 all hold, 1 one fails (or no record could test it), 2 usage / unreadable / a policy
 * that does not check.
 */
import type { Command } from "commander";
import type { CheckedPolicy, GuaranteeIR } from "../../compiler/ir.js";
import type { Evaluator } from "../../runtime/types.js";
import { CliError, ExitCode } from "../exit-codes.js";
import { writeText, type Io } from "../io.js";

export interface TestOptions {
  runs?: string;
  seed?: string;
  engine?: string;
}

function integerOption(name: string, text: string, min: number): number {
  const n = /^-?\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new CliError(`选项「${name}」应为${min > 0 ? "正" : ""}整数：「${text}」`);
  return n;
}

/**
 * file:line of a 保证. A city inherits its base policy's 保证 (基于), whose line is in the base's
 * file: so the line is looked up where it actually reads `保证 <name>`.
 */
function whereIs(policy: CheckedPolicy, g: GuaranteeIR, sources: Map<string, string>): string {
  const line = g.source.line;
  const says = (text: string | undefined) => (text?.split("\n")[line - 1] ?? "").trim().startsWith(`保证 ${g.name}`);
  if (says(sources.get(policy.meta.file))) return `${policy.meta.file}:${line}`;
  for (const [file, text] of sources) if (says(text)) return `${file}:${line}`;
  return `${policy.meta.file}:${line}`;
}

export async function testCommand(paths: string[], options: TestOptions, io: Io): Promise<number> {
  const runs = integerOption("--runs", options.runs ?? "2000", 1);
  const seed = options.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : integerOption("--seed", options.seed, -(2 ** 31));
  const engine = options.engine ?? "compiled";
  if (engine !== "interpreter" && engine !== "compiled") throw new CliError(`未知的计算引擎「${engine}」，应为 compiled 或 interpreter`);
  // imported when run: the checker, fast-check and the code generator cost the other commands nothing
  const { loadCheckedPolicies } = await import("../policies.js");
  const { policies, sources } = await loadCheckedPolicies(paths, io, { showWarnings: false });
  const { checkPolicyGuarantees, renderResult, renderSummary } = await import("../../compiler/guarantee/index.js");
  const evaluatorFor: (p: CheckedPolicy) => Promise<Evaluator> =
    engine === "compiled"
      ? (await import("../../compiler/module-cache.js")).loadEvaluator
      : async (p) => (await import("../../compiler/interpreter/index.js")).createInterpreter(p);

  const all = [];
  for (const { policy } of policies) {
    if (policy.meta.isBase || policy.guarantees.length === 0) continue;
    const results = checkPolicyGuarantees(policy, await evaluatorFor(policy), { runs, seed });
    for (const r of results) writeText(io.stdout, renderResult(policy, r, whereIs(policy, r.guarantee, sources)));
    all.push(...results);
  }
  if (all.length === 0) {
    writeText(io.stderr, `「${paths.join("、")}」中没有保证（基础政策不单独检查）`);
    return ExitCode.Ok;
  }
  writeText(io.stdout, renderSummary(all));
  return all.every((r) => r.status === "holds") ? ExitCode.Ok : ExitCode.Findings;
}

/** Adds the `test` command; `setCode` receives the exit code (main's convention). */
export function registerTest(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command("test")
    .usage("<路径...> [选项]")
    .description("用随机就诊记录检验政策中的每条保证；不成立时给出最小反例和计算过程")
    .argument("<路径...>", "政策文件或文件夹（如 policies/营口市 或 policies）")
    .option("--runs <次数>", "每条保证检验的随机记录数（默认 2000）")
    .option("--seed <种子>", "随机种子，用于重现某次结果（默认随机）")
    .option("--engine <引擎>", "计算引擎：compiled（默认，编译模块）或 interpreter（参考解释器）")
    .action(async (paths: string[], opts: TestOptions) => {
      setCode(await testCommand(paths, opts, io));
    });
}
