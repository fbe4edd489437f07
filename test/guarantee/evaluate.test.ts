/** One 保证 over one claim: result fields, `X 的 救助金额`, record tests, and skipped error records. */
import { describe, expect, it } from "vitest";
import { evaluateGuarantee, calculatorsOf } from "../../compiler/guarantee/index.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import type { Claim } from "../../runtime/types.js";
import { load, realWith } from "./_helpers.js";

const policy = load(
  realWith("policies/营口市/2023-01-01.jz", [
    "保证 住院才有救助：就诊类型 属于 住院、门诊慢特病 或 救助金额 = 0",
    "保证 日期：结算日期 >= 2023-01-01",
    "保证 差额：个人负担 - 救助金额 >= 0",
  ]),
);
const interpreter = createInterpreter(policy);
const g = (name: string) => policy.guarantees.find((x) => x.name === name)!;
const claim = (extra: Partial<Claim>): Claim =>
  ({ 编号: "1", 身份: [], 就诊类型: "住院", 结算日期: "2023-03-01", 个人负担: 3_000_000, 病种: [], 规范转诊: true, 就医地: "市域内", 参保: true, 参保类型: "居民医保", ...extra }) as Claim;

describe("evaluateGuarantee", () => {
  it("救助金额 is the claim's own total, 个人负担 its field; both sides are shown", () => {
    const v = evaluateGuarantee(policy, interpreter, g("不超过个人负担"), claim({ 身份: ["低保对象"] }));
    expect(v).toMatchObject({ kind: "checked", holds: true });
    if (v.kind !== "checked") return;
    expect(v.comparisons).toEqual([{ text: "救助金额 <= 个人负担", left: "2.49万元", right: "3万元", holds: true }]);
    expect(v.runs.map((r) => [r.calculator.name, r.identity])).toEqual([["医疗救助", undefined]]);
  });

  it("X 的 救助金额 evaluates the same claim under X alone, whatever the claim holds", () => {
    const v = evaluateGuarantee(policy, interpreter, g("特困不低于低保"), claim({ 身份: [] }), true);
    expect(v.kind).toBe("checked");
    if (v.kind !== "checked") return;
    // 特困: 2万 cap + 1万 × 70%; 低保: 2万 + (1万 − 3000) × 70%
    expect(v.comparisons[0]).toMatchObject({ left: "2.7万元", right: "2.49万元", holds: true });
    expect(v.runs.map((r) => r.identity)).toEqual(["特困人员", "低保对象"]);
    expect(v.runs[0]!.outcome.ok && v.runs[0]!.outcome.计算过程?.join("\n")).toContain("基本救助");
  });

  it("资助金额 selects the 资助参保 calculator", () => {
    expect(calculatorsOf(policy, g("特困全额资助")).map((c) => c.name)).toEqual(["资助参保"]);
    const v = evaluateGuarantee(policy, interpreter, g("特困全额资助"), claim({ 个人缴费: 38_000 }));
    expect(v).toMatchObject({ kind: "checked", holds: true, comparisons: [{ left: "380元", right: "380元" }] });
  });

  it("a record whose evaluation is an error (未规定) pays nothing and is skipped", () => {
    const v = evaluateGuarantee(policy, interpreter, g("特困不低于低保"), claim({ 病种: ["严重精神障碍"] }));
    expect(v.kind).toBe("skipped");
    expect(v.kind === "skipped" && v.reason).toMatch(/^未规定：/);
  });

  it("record tests, dates and differences follow the reference semantics", () => {
    const outpatient = claim({ 身份: ["低保对象"], 就诊类型: "普通门诊" });
    expect(evaluateGuarantee(policy, interpreter, g("住院才有救助"), outpatient)).toMatchObject({ holds: true });
    expect(evaluateGuarantee(policy, interpreter, g("日期"), outpatient)).toMatchObject({ holds: true });
    const v = evaluateGuarantee(policy, interpreter, g("差额"), claim({ 身份: ["低保对象"] }));
    expect(v).toMatchObject({ holds: true, comparisons: [{ text: "个人负担 − 救助金额 >= 0元", left: "5100元" }] });
  });
});
