/**
 * The runner: shrunk counterexamples, untested 保证, and — since a check that cannot fail proves
 * nothing — the real policies' 保证 failing on policies broken the way their text rules out.
 */
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { checkGuarantee, evaluateGuarantee, fenText, type GuaranteeResult } from "../../compiler/guarantee/index.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import type { CheckedPolicy, RowIR } from "../../compiler/ir.js";
import { validateClaim } from "../../runtime/claims.js";
import { load, realWith, RUNS, TINY, tree } from "./_helpers.js";

function check(policy: CheckedPolicy, name: string, seed = 1): GuaranteeResult {
  const g = policy.guarantees.find((x) => x.name === name);
  if (!g) throw new Error(`no 保证 ${name}`);
  return checkGuarantee(policy, createInterpreter(policy), g, { runs: RUNS, seed });
}

/** A copy of a real policy with one table row changed (JSON copy: rows of one table line are one object). */
function broken(file: string, item: string, identity: string, change: (row: Extract<RowIR, { kind: "params" }>) => void): CheckedPolicy {
  const p = JSON.parse(JSON.stringify(load(file))) as CheckedPolicy;
  const row = p.items.find((i) => i.name === item)!.rows[identity]!;
  if (row.kind !== "params") throw new Error(`${item} ${identity} is not a row with numbers`);
  change(row);
  return p;
}

describe("checkGuarantee", () => {
  const tiny = load(tree({ "试点市/2023-01-01.jz": TINY + "保证 错的：救助金额 < 1元\n" }) + "/试点市/2023-01-01.jz");

  it("holds, having tested records", () => {
    const r = check(tiny, "不超过个人负担");
    expect(r.status).toBe("holds");
    expect(r.checked).toBeGreaterThan(RUNS / 2);
  });

  it.each([1, 2, 3, 4, 5])("shrinks a false 保证 to the smallest claim (seed %i): 个人负担 1.43元 pays 1元", (seed) => {
    const r = check(tiny, "错的", seed);
    expect(r.status).toBe("fails");
    expect(r.counterexample!.record).toMatchObject({ 身份: ["低保对象"], 个人负担: "1.43" });
    const v = r.counterexample!.verdict!;
    expect(v).toMatchObject({ kind: "checked", holds: false, comparisons: [{ text: "救助金额 < 1元", left: "1元", right: "1元" }] });
  });

  it.each([1, 2, 3])("on a real policy the counterexample's 个人负担 is minimal: 1分 less holds (seed %i)", (seed) => {
    const policy = load(realWith("policies/营口市/2023-01-01.jz", ["保证 错的：救助金额 < 1元"]));
    const r = check(policy, "错的", seed);
    expect(r.status).toBe("fails");
    const record = r.counterexample!.record;
    const burden = Math.round(Number(record["个人负担"]) * 100);
    const calc = policy.calculators[0]!;
    const schema = { fields: policy.fields, identityNames: policy.identityNames, calculatorFields: calc.fields };
    const less = validateClaim({ ...record, 个人负担: fenText(burden - 1) }, schema, 1);
    expect(less.ok).toBe(true);
    if (!less.ok) return;
    const g = policy.guarantees.find((x) => x.name === "错的")!;
    expect(evaluateGuarantee(policy, createInterpreter(policy), g, less.claim)).toMatchObject({ holds: true });
  });

  it("a 保证 no record can compute is untested, not proven", () => {
    // 参保资助 only for 居民医保 (第七条): a 职工医保 record computes 0 before reaching the 未规定 row, so
    // the copy drops that condition to keep a 保证 that no record can compute
    const copy = realWith("policies/营口市/2023-01-01.jz", ["保证 无从检验：纳入监测范围的农村易返贫致贫人口 的 资助金额 <= 个人缴费"]);
    const text = readFileSync(copy, "utf8");
    expect(text).toContain("  条件 参保类型 属于 居民医保 依据 第七条\n");
    writeFileSync(copy, text.replace("  条件 参保类型 属于 居民医保 依据 第七条\n", ""));
    const policy = load(copy);
    expect(check(policy, "无从检验")).toMatchObject({ status: "untested", checked: 0 });
  });
});

describe("the real policies' 保证 catch the mistakes their text rules out", () => {
  const YK = "policies/营口市/2023-01-01.jz";
  it.each<[string, string, () => CheckedPolicy]>([
    ["营口 特困不低于低保", "特困不低于低保", () => broken(YK, "倾斜救助", "特困人员", (r) => void (r.deductible = 500_000))],
    ["营口 孤儿同特困", "孤儿同特困", () => broken(YK, "倾斜救助", "特困人员", (r) => void (r.deductible = 500_000))],
    ["营口 低保不低于低保边缘", "低保不低于低保边缘", () => broken(YK, "基本救助", "低保边缘家庭成员", (r) => void ((r.deductible = 0), (r.segments[0]!.bp = 7500)))],
    ["营口 低保边缘不低于因病致贫", "低保边缘不低于因病致贫", () => broken(YK, "基本救助", "因病致贫重病患者", (r) => void (r.deductible = 0))],
    ["营口 不超过两项年度限额", "不超过两项年度限额", () => broken(YK, "倾斜救助", "低保对象", (r) => void (r.annualCap = 3_000_000))],
    ["营口 特困全额资助", "特困全额资助", () => broken(YK, "参保资助", "特困人员", (r) => void (r.segments[0]!.bp = 9000))],
    ["台州 特困住院全额", "特困住院全额", () => broken("policies/台州市/2020-07-01.jz", "住院救助", "特困供养人员", (r) => void (r.segments[0]!.bp = 9900))],
    ["威海 重点不低于低收入", "重点不低于低收入", () => broken("policies/威海经济技术开发区/2017-03-15.jz", "门诊救助", "低收入救助对象", (r) => void (r.segments[0]!.bp = 9000))],
    // issue 12: 重特大疾病 pays 20% of 限额内费用 `不超过 个人负担`; without that bound 阳泉's 保证 fails
    ["阳泉 不超过个人负担", "不超过个人负担", () => {
      const p = broken("policies/阳泉市/2020-01-01.jz", "重特大疾病医疗救助", "低保对象", () => undefined);
      delete p.items.find((i) => i.name === "重特大疾病医疗救助")!.bound;
      return p;
    }],
    ["阳泉 大病关怀不超过定额", "大病关怀不超过定额", () => broken("policies/阳泉市/2020-01-01.jz", "大病关怀救助", "特困人员", (r) => void (r.flat = 600_000))],
  ])("%s fails on a broken copy", (_, name, policy) => {
    const r = check(policy(), name);
    expect(r.status).toBe("fails");
    expect(r.counterexample!.verdict).toMatchObject({ kind: "checked", holds: false });
  });
});
