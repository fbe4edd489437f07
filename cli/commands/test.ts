/**
 * `jiuzhu test <路径...>`: checks every 保证 of every (non-基础) policy version with fast-check
 * (compiler/guarantee) and prints one line per 保证, with the smallest counterexample of each that
 * fails; then runs each region's officers' example tables (例/*.csv, cli/examples) on BOTH engines
 * and prints every mismatch with its trace. Exit 0 all hold, 1 a 保证 fails (or no record could
 * test it) or an example mismatches or is malformed, 2 usage / unreadable / a policy that does not
 * check.
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
  const examplesOk = await runExamples(policies.map((p) => p.policy), io);
  for (const { policy } of policies) {
    if (policy.meta.isBase || policy.guarantees.length === 0) continue;
    const results = checkPolicyGuarantees(policy, await evaluatorFor(policy), { runs, seed });
    for (const r of results) writeText(io.stdout, renderResult(policy, r, whereIs(policy, r.guarantee, sources)));
    all.push(...results);
  }
  if (all.length === 0) {
    if (examplesOk === undefined) writeText(io.stderr, `「${paths.join("、")}」中没有保证，也没有案例表（基础政策不单独检查）`);
    return examplesOk === false ? ExitCode.Findings : ExitCode.Ok;
  }
  writeText(io.stdout, renderSummary(all));
  return all.every((r) => r.status === "holds") && examplesOk !== false ? ExitCode.Ok : ExitCode.Findings;
}

/**
 * Each region's 例/*.csv on both engines (an officer's hand-computed amount must hold whichever
 * engine `calc` uses). Prints malformed rows, mismatches with their traces, and one summary line
 * per region. undefined: no region has tables.
 */
async function runExamples(policies: CheckedPolicy[], io: Io): Promise<boolean | undefined> {
  const { findRegionExamples, checkRegionExamples, renderMismatch, renderExamplesSummary } = await import("../examples/index.js");
  const regions = await findRegionExamples(policies);
  if (regions.length === 0) return undefined;
  const { loadEvaluator } = await import("../../compiler/module-cache.js");
  const { createInterpreter } = await import("../../compiler/interpreter/index.js");
  let ok = true;
  for (const region of regions) {
    for (const note of region.notes) writeText(io.stderr, note);
    const compiled = new Map<CheckedPolicy, Evaluator>();
    const interpreted = new Map<CheckedPolicy, Evaluator>();
    for (const v of region.versions) {
      compiled.set(v, await loadEvaluator(v));
      interpreted.set(v, createInterpreter(v));
    }
    const report = checkRegionExamples(region.versions, region.tables, [
      { name: "compiled", evaluatorFor: (p) => compiled.get(p)! },
      { name: "interpreter", evaluatorFor: (p) => interpreted.get(p)! },
    ]);
    for (const e of report.errors) writeText(io.stdout, `✗ 案例表格式错误 ${e}`);
    for (const r of report.results) if (r.mismatches.length > 0) writeText(io.stdout, renderMismatch(r));
    const name = region.versions[0]?.meta.region ?? region.dir;
    writeText(io.stdout, renderExamplesSummary(name, report, 2));
    if (report.errors.length > 0 || report.results.some((r) => r.mismatches.length > 0)) ok = false;
  }
  return ok;
}

/** Adds the `test` command; `setCode` receives the exit code (main's convention). */
export function registerTest(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command("test")
    .usage("<路径...> [选项]")
    .description("用随机就诊记录检验政策中的每条保证，并用两种引擎核对各地区 例/*.csv 中的手算案例；不成立或不符时给出反例和计算过程")
    .argument("<路径...>", "政策文件或文件夹（如 policies/营口市 或 policies）")
    .option("--runs <次数>", "每条保证检验的随机记录数（默认 2000）")
    .option("--seed <种子>", "随机种子，用于重现某次结果（默认随机）")
    .option("--engine <引擎>", "检验保证的计算引擎：compiled（默认，编译模块）或 interpreter（参考解释器）；案例总是两种引擎都算")
    .action(async (paths: string[], opts: TestOptions) => {
      setCode(await testCommand(paths, opts, io));
    });
}
