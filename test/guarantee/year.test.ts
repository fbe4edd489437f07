/**
 * 保证 over a person's year (issue 11 §2): `全年` in the language, sequences of one person's claims,
 * and the over-payment a naive encoding of a combined per-identity cap makes — caught by the year
 * 保证, missed by the claim-scope one.
 *
 * Fixture document (test/guarantee/fixtures/*\/示例市): 第三条 住院、门诊慢特病 救助 特困人员100%，
 * 低保对象80%，低保边缘家庭成员50%；第四条 合并计算年度限额：特困人员、低保对象6万元；低保边缘家庭成员4万元。
 * naive = one pair of items and one 限额组 per identity (three disjoint groups); nested = one 6万
 * group over every item and a 4万 group over the 低保边缘 items.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { claimSchema } from "../../compiler/claim-schema.js";
import { checkGuarantee, evaluateSequence, renderResult, sequenceArbitrary, SEQUENCE_PERSON } from "../../compiler/guarantee/index.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { loadEvaluator } from "../../compiler/module-cache.js";
import { validateClaim } from "../../runtime/claims.js";
import type { Claim, Evaluator } from "../../runtime/types.js";
import { cli, load, realWith, RUNS } from "./_helpers.js";

const NAIVE = "test/guarantee/fixtures/naive/示例市/2023-01-01.jz";
const NESTED = "test/guarantee/fixtures/nested/示例市/2023-01-01.jz";
const naive = load(NAIVE);
const nested = load(NESTED);
const g = (p: CheckedPolicy, name: string) => p.guarantees.find((x) => x.name === name)!;

function claims(p: CheckedPolicy, records: Record<string, unknown>[]): Claim[] {
  const schema = claimSchema(p, p.calculators[0]!.fields);
  return records.map((r, i) => {
    const v = validateClaim(r, schema, i + 1);
    if (!v.ok) throw new Error(v.错误);
    return v.claim;
  });
}

const engines: [string, (p: CheckedPolicy) => Promise<Evaluator>][] = [
  ["interpreter", async (p) => createInterpreter(p)],
  ["compiled", (p) => loadEvaluator(p)],
];

describe("the language: 全年", () => {
  it("a 保证 using 全年 is year-scoped; the others stay claim-scoped", () => {
    expect(g(naive, "全年不超过合并限额")).toMatchObject({ scope: "year", text: "全年 救助金额 <= 6万元" });
    expect(g(naive, "全年不超过合并限额").source.citation).toBe("第四条");
    expect(g(naive, "全年不超过合并限额").cond).toEqual({
      kind: "compare",
      op: "<=",
      left: { kind: "yearSum", of: { kind: "field", name: "救助金额" } },
      right: { kind: "const", fen: 6_000_000 },
    });
    expect(load("policies/营口市/2023-01-01.jz").guarantees.find((x) => x.name === "不超过个人负担")!.scope).toBe("claim");
  });
});

describe("the disjoint-限额组 over-payment (hand-computed)", () => {
  // 1. 2023-03-01 住院 个人负担 62500：低保 80% = 50000（6万 room）> 低保边缘 50% = 31250 → 50000
  // 2. 2023-06-01 住院 个人负担 37000：
  //    naive:  低保 80% = 29600, its group has 10000 left → 10000; 低保边缘 50% = 18500, its own 4万
  //            group untouched → 18500; 就高 → 18500. 全年 50000 + 18500 = 68500 > 60000.
  //    nested: 低保 → 10000; 低保边缘 min(18500, 60000 − 50000, 40000) = 10000; tie → 低保 (declared
  //            first) 10000. 全年 50000 + 10000 = 60000.
  const both = ["低保对象", "低保边缘家庭成员"];
  const twoIdentities = [
    { 身份: both, 就诊类型: "住院", 结算日期: "2023-03-01", 个人负担: "62500" },
    { 身份: both, 就诊类型: "住院", 结算日期: "2023-06-01", 个人负担: "37000" },
  ];
  // the same person whose identity changes mid-year: 低保 until spring, 低保边缘 after
  const changing = [
    { 身份: ["低保对象"], 就诊类型: "住院", 结算日期: "2023-03-01", 个人负担: "62500" },
    { 身份: ["低保边缘家庭成员"], 就诊类型: "门诊慢特病", 结算日期: "2023-06-01", 个人负担: "37000" },
  ];

  describe.each(engines)("%s engine", (_, evaluatorFor) => {
    it.each([
      ["holding two identities", twoIdentities],
      ["identity changing mid-year", changing],
    ])("naive: %s is paid 68500 against a 6万 cap; the year 保证 fails after the second claim", async (_, records) => {
      const v = evaluateSequence(naive, await evaluatorFor(naive), g(naive, "全年不超过合并限额"), claims(naive, records));
      expect(v.holds).toBe(false);
      expect(v.steps.map((s) => (s.kind === "checked" ? [s.holds, s.comparisons[0]!.left] : s.reason))).toEqual([
        [true, "5万元"],
        [false, "6.85万元"],
      ]);
      const second = v.steps[1]!;
      expect(second.kind === "checked" && second.runs[0]!.outcome).toMatchObject({ ok: true, 金额: 1_850_000, 适用身份: "低保边缘家庭成员" });
    });

    it.each([
      ["holding two identities", twoIdentities],
      ["identity changing mid-year", changing],
    ])("nested: %s is paid 60000; the year 保证 holds", async (_, records) => {
      const v = evaluateSequence(nested, await evaluatorFor(nested), g(nested, "全年不超过合并限额"), claims(nested, records));
      expect(v).toMatchObject({ holds: true, checked: 2 });
      expect(v.steps.map((s) => s.kind === "checked" && s.comparisons[0]!.left)).toEqual(["5万元", "6万元"]);
    });
  });

  it("the claim-scope 保证 cannot see it: every single claim is within 6万", async () => {
    const policy = load(realWith(NAIVE, ["保证 单次不超过合并限额：救助金额 <= 6万元"]));
    const r = checkGuarantee(policy, createInterpreter(policy), g(policy, "单次不超过合并限额"), { runs: RUNS, seed: 1 });
    expect(r.status).toBe("holds");
  });
});

describe("random sequences", () => {
  it.each([1, 2, 3])("naive: the year 保证 fails and shrinks to a sequence over 6万 whose last claim breaks it (seed %i)", (seed) => {
    const r = checkGuarantee(naive, createInterpreter(naive), g(naive, "全年不超过合并限额"), { runs: RUNS, seed });
    expect(r.status).toBe("fails");
    const seq = r.counterexample!.sequence!;
    expect(seq.holds).toBe(false);
    const last = seq.steps.at(-1)!;
    expect(last.kind).toBe("checked");
    if (last.kind !== "checked") return;
    expect(last.holds).toBe(false);
    // 全年 救助金额 = the sum of what each claim was paid, over 6万
    const paid = seq.steps.map((s) => (s.kind === "checked" && s.runs[0]!.outcome.ok ? s.runs[0]!.outcome.金额 : 0));
    expect(paid.reduce((a, b) => a + b, 0)).toBeGreaterThan(6_000_000);
    // the report lists exactly the claims up to the one that fails
    expect(r.counterexample!.records).toHaveLength(seq.steps.length);
  });

  it.each(engines)("nested: every year 保证 holds (%s engine)", async (_, evaluatorFor) => {
    const evaluator = await evaluatorFor(nested);
    for (const x of nested.guarantees) {
      const r = checkGuarantee(nested, evaluator, x, { runs: RUNS, seed: 1 });
      expect([x.name, r.status]).toEqual([x.name, "holds"]);
      expect(r.checked).toBeGreaterThan(RUNS);
    }
  });

  it("sequences: one person, one calendar year inside the period, dates in order, identities and visit types that vary", () => {
    const yk = load("policies/营口市/2023-01-01.jz");
    const samples = fc.sample(sequenceArbitrary(yk, yk.calculators[0]!.fields), { numRuns: 300, seed: 3 });
    let identitiesChange = 0;
    let visitsChange = 0;
    for (const seq of samples) {
      const dates = seq.map((r) => r["结算日期"] as string);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates.map((d) => d.slice(0, 4))).size).toBe(1);
      for (const d of dates) expect(d >= "2023-01-01" && d <= "2025-01-01").toBe(true);
      for (const r of seq) expect(r["人员编号"]).toBe(SEQUENCE_PERSON);
      if (new Set(seq.map((r) => JSON.stringify(r["身份"]))).size > 1) identitiesChange++;
      if (new Set(seq.map((r) => r["就诊类型"])).size > 1) visitsChange++;
    }
    expect(identitiesChange).toBeGreaterThan(100);
    expect(visitsChange).toBeGreaterThan(100);
  });
});

describe("several calculators", () => {
  it("a year 保证 naming two results runs both calculators on every claim, each on its own ledger", () => {
    const p = load(realWith("policies/营口市/2023-01-01.jz", ["保证 两个计算器：全年 资助金额 <= 全年 个人缴费 且 全年 救助金额 <= 4万元"]));
    const x = g(p, "两个计算器");
    const r = checkGuarantee(p, createInterpreter(p), x, { runs: RUNS, seed: 1 });
    expect(r).toMatchObject({ status: "holds" });
    const bad = load(realWith("policies/营口市/2023-01-01.jz", ["保证 错的：全年 资助金额 + 全年 救助金额 <= 全年 个人缴费"]));
    const f = checkGuarantee(bad, createInterpreter(bad), g(bad, "错的"), { runs: RUNS, seed: 1 });
    expect(f.status).toBe("fails");
    const last = f.counterexample!.sequence!.steps.at(-1)!;
    expect(last.kind === "checked" && last.runs.map((run) => run.calculator.name)).toEqual(["资助参保", "医疗救助"]);
  });
});

describe("both engines", () => {
  it.each([
    ["naive fixture", NAIVE, "全年不超过合并限额"],
    ["营口", "policies/营口市/2023-01-01.jz", "全年不超过两项年度限额"],
    ["台州", "policies/台州市/2020-07-01.jz", "全年不超过个人负担"],
  ])("pay every claim of a random sequence the same, on the same running ledgers (%s)", async (_, file, name) => {
    const p = load(file);
    const x = g(p, name);
    const interpreter = createInterpreter(p);
    const compiled = await loadEvaluator(p);
    const schema = claimSchema(p, p.calculators[0]!.fields);
    const paid = (v: ReturnType<typeof evaluateSequence>) =>
      v.steps.map((s) => (s.kind === "skipped" ? `skipped ${s.reason}` : s.runs.map((r) => (r.outcome.ok ? [r.outcome.金额, r.outcome.适用身份, r.outcome.明细.map((l) => l.金额)] : r.outcome.错误))));
    let paidClaims = 0;
    for (const seq of fc.sample(sequenceArbitrary(p, p.calculators[0]!.fields), { numRuns: 150, seed: 5 })) {
      const cs = seq.map((r, i) => {
        const v = validateClaim(r, schema, i + 1);
        if (!v.ok) throw new Error(v.错误);
        return v.claim;
      });
      // up to the claim after which the 保证 fails (naive fixture), else the whole sequence
      const a = evaluateSequence(p, interpreter, x, cs);
      expect(paid(evaluateSequence(p, compiled, x, cs))).toEqual(paid(a));
      paidClaims += a.checked;
    }
    expect(paidClaims).toBeGreaterThan(150);
  });
});

describe("the report", () => {
  it("jiuzhu test prints the shrunk sequence with each claim's amount, the sums and trace; exit 1", async () => {
    const { code, out } = await cli("test", NAIVE, "--engine", "interpreter", "--seed", "1", "--runs", String(RUNS));
    expect(code).toBe(1);
    expect(out).toContain(`✗ 示例市 2023-01-01 · 全年不超过合并限额（${NAIVE}:59）`);
    expect(out).toContain("  保证不成立：全年 救助金额 <= 6万元");
    expect(out).toMatch(/最小反例：同一人同一年的 \d+ 条记录（第 \d+ 组随机记录发现，缩小 \d+ 步；加 --seed 1 可重现）/);
    expect(out).toMatch(/^ {4}1\. \{"人员编号":"甲","结算日期":"2023-/m);
    expect(out).toMatch(/^ {2}第 1 条（2023-\d\d-\d\d）：$/m);
    expect(out).toMatch(/全年 救助金额 <= 6万元：左边 [\d.]+万?元，右边 6万元，不成立/);
    expect(out).toContain("    计算过程（救助金额：按记录所持身份）：");
    expect(out).toMatch(/第 \d+ 条记录之后保证不成立/);
    expect(out).toContain("✓ 示例市 2023-01-01 · 低保边缘全年不超过合并限额");
  });

  it("a claim that cannot be computed is shown as not counted", async () => {
    const yq = load("policies/阳泉市/2020-01-01.jz");
    const x = { ...yq.guarantees[0]!, name: "示例", scope: "year" as const, cond: { kind: "compare" as const, op: "<=" as const, left: { kind: "yearSum" as const, of: { kind: "field" as const, name: "救助金额" } }, right: { kind: "const" as const, fen: 0 } }, text: "全年 救助金额 <= 0" };
    const schema = claimSchema(yq, yq.calculators[0]!.fields);
    const raw = [
      { 人员编号: "甲", 身份: ["建档立卡贫困人口"], 就诊类型: "住院", 结算日期: "2020-02-01", 个人负担: "1000", 限额内费用: "0", 特药保障: "否" },
      { 人员编号: "甲", 身份: ["特困人员"], 就诊类型: "住院", 结算日期: "2020-03-01", 个人负担: "1000", 限额内费用: "0", 特药保障: "否" },
    ];
    const cs = raw.map((r, i) => {
      const v = validateClaim(r, schema, i + 1);
      if (!v.ok) throw new Error(v.错误);
      return v.claim;
    });
    const seq = evaluateSequence(yq, createInterpreter(yq), x, cs, true);
    // 建档立卡 is 未规定 (四、（二）3): skipped, counts nowhere; 特困 100% of 1000 = 1000 > 0
    expect(seq.steps.map((s) => s.kind)).toEqual(["skipped", "checked"]);
    expect(seq.holds).toBe(false);
    const text = renderResult(yq, { guarantee: x, status: "fails", runs: 1, checked: 1, seed: 0, counterexample: { record: raw[0]!, records: raw, sequence: seq, foundAfter: 1, shrinks: 0 } });
    expect(text).toMatch(/第 1 条（2020-02-01）：\n {4}无结果，不计入全年：未规定/);
    expect(text).toContain("全年 救助金额 <= 0元：左边 1000元，右边 0元，不成立");
  });
});
