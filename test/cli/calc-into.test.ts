/**
 * calc's fast path — the compiled module's evaluateInto with one reused OutcomeInto, formatted by
 * IntoLines — must write byte for byte what the evaluate + outcomeLine path writes, with the same
 * ledger rules (kept only when the claim computes, out-of-order dates, year rollover), on the
 * real 营口市 module: the examples, the CLI fixtures and generated bench claims.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { runCalc, type CalcSetup } from "../../cli/calc-loop.js";
import { readBatches, type InputFormat } from "../../cli/input/readers.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { loadPolicyPaths } from "../../compiler/load.js";
import { loadEvaluator, type LoadedEvaluator } from "../../compiler/module-cache.js";
import { selectVersion } from "../../compiler/versions.js";
import { generateClaims } from "../../bench/claims.js";
import type { Evaluator } from "../../runtime/types.js";

let versions: CheckedPolicy[];
const loaded = new Map<CheckedPolicy, LoadedEvaluator>();
beforeAll(async () => {
  versions = loadPolicyPaths(["policies/营口市"]).policies.map((p) => p.policy!);
  for (const v of versions) loaded.set(v, await loadEvaluator(v));
}, 120_000);

async function* chunks(text: string, size = 1 << 16): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

interface Run {
  lines: string[];
  stats: { records: number; errors: number };
  intoCalls: number;
}

/** Runs calc over `text`; `fast` hands the loop the module (evaluateInto), else evaluate only. */
async function calc(text: string, format: InputFormat, fast: boolean, over: Partial<CalcSetup> = {}): Promise<Run> {
  let intoCalls = 0;
  const evaluatorFor = (p: CheckedPolicy): Evaluator => {
    const real = loaded.get(p)!;
    if (!fast) return { evaluate: real.evaluate };
    const into = (real.module as { evaluateInto: (...a: unknown[]) => void }).evaluateInto;
    return { evaluate: real.evaluate, module: { evaluateInto: (...a: unknown[]) => (intoCalls++, into(...a)) } } as Evaluator;
  };
  const lines: string[] = [];
  const setup: CalcSetup = { versions, calculator: "医疗救助", explain: false, select: selectVersion, evaluatorFor, ...over };
  const stats = await runCalc(readBatches(chunks(text), format), setup, (l) => void lines.push(l));
  return { lines, stats, intoCalls };
}

async function expectSame(text: string, format: InputFormat, over: Partial<CalcSetup> = {}): Promise<Run> {
  const slow = await calc(text, format, false, over);
  const fast = await calc(text, format, true, over);
  expect(fast.intoCalls).toBeGreaterThan(0);
  expect(fast.stats).toEqual(slow.stats);
  const differing = fast.lines.findIndex((l, i) => l !== slow.lines[i]);
  expect(differing === -1 ? undefined : [fast.lines[differing], slow.lines[differing]]).toBeUndefined();
  expect(fast.lines).toHaveLength(slow.lines.length);
  return fast;
}

const jsonl = (records: Iterable<Record<string, unknown>>) => [...records].map((r) => JSON.stringify(r)).join("\n");

describe("calc with evaluateInto", () => {
  it("writes the same lines as evaluate + outcomeLine on the examples and fixtures", async () => {
    await expectSame(readFileSync("examples/营口市-2023.jsonl", "utf8"), "jsonl");
    await expectSame(readFileSync("examples/营口市-2023.csv", "utf8"), "csv");
    await expectSame(readFileSync("examples/营口市-资助参保.json", "utf8"), "json", { calculator: "资助参保" });
    await expectSame(readFileSync("test/cli/fixtures/claims.jsonl", "utf8"), "jsonl");
    await expectSame(readFileSync("test/cli/fixtures/claims.csv", "utf8"), "csv");
    await expectSame(readFileSync("test/cli/fixtures/claims.json", "utf8"), "json");
  });

  it("writes the same lines on generated claims over two years, for both calculators", async () => {
    // few persons: caps, deductibles, 预警 and the 2023 → 2024 rollover all come into play
    const text = jsonl(generateClaims(20_000, 7, 300));
    const run = await expectSame(text, "jsonl");
    expect(run.stats.records).toBe(20_000);
    expect(run.lines.some((l) => l.includes('"预警"'))).toBe(true);
    expect(run.lines.some((l) => l.includes("已达年度限额"))).toBe(true);
    const paying = [...generateClaims(5_000, 8, 300)].map((r, i) => ({ ...r, 个人缴费: String(300 + (i % 200)) }));
    const funded = await expectSame(jsonl(paying), "jsonl", { calculator: "资助参保" });
    expect(funded.stats.errors).toBeLessThan(5_000);
  });

  it("keeps the ledger rules: out-of-order dates, refused claims, year rollover", async () => {
    const c = (o: Record<string, unknown>) => ({ 身份: ["低保对象"], 就诊类型: "住院", 规范转诊: true, ...o });
    const text = jsonl([
      c({ 编号: "1", 人员编号: "P", 结算日期: "2023-03-01", 个人负担: "90000" }),
      c({ 编号: "2", 人员编号: "P", 结算日期: "2023-02-01", 个人负担: "90000" }), // out of order
      c({ 编号: "3", 人员编号: "P", 结算日期: "2023-04-01" }), // no 个人负担: refused, ledger untouched
      c({ 编号: "4", 人员编号: "P", 结算日期: "2023-04-01", 个人负担: "90000" }), // cap reached
      c({ 编号: "5", 人员编号: "P", 结算日期: "2024-01-02", 个人负担: "90000" }), // new year
      c({ 编号: "6", 人员编号: "P", 结算日期: "2023-12-31", 个人负担: "1" }), // an earlier year
      c({ 编号: "7", 结算日期: "2023-05-01", 个人负担: "5000", 身份: [] }), // no identity, no person
      c({ 编号: "8", 人员编号: "P", 结算日期: "2019-01-01", 个人负担: "1" }), // before every version
    ]);
    const run = await expectSame(text, "jsonl");
    expect(run.stats).toEqual({ records: 8, errors: 4, noPerson: 1, warningSkips: new Map() });
    expect(JSON.parse(run.lines[1]!)["错误"]).toMatch(/请先按结算日期排序/);
    expect(JSON.parse(run.lines[5]!)["错误"]).toMatch(/请先按结算日期排序/);
  });

  it("uses evaluate (with 计算过程) when explaining", async () => {
    const text = readFileSync("test/cli/fixtures/claims.jsonl", "utf8");
    const run = await calc(text, "jsonl", true, { explain: true });
    expect(run.intoCalls).toBe(0);
    expect(run.lines.some((l) => l.includes('"计算过程"'))).toBe(true);
  });
});
