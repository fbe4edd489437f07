import { describe, expect, it } from "vitest";
import type { WarningIR } from "../../compiler/ir.js";
import { newLedger } from "../../runtime/types.js";
import { claim, err, identity, item, ok, policy, runAll, 万, 元 } from "./_helpers.js";

const 特困 = identity("特困人员");
const 低保 = identity("低保对象");

describe("interpreter ledger", () => {
  it("year rollover resets used but keeps lifetime (每人一次)", () => {
    // 2024: 甲 100% cap 1000元 → 1000 (cap used up); 关怀 flat 500 once.
    // 2025: cap fresh → 1000 again; 关怀 still already enjoyed → 0.
    const p = policy({
      identities: [低保],
      items: [
        item("甲", { 低保对象: { bp: 10000, annualCap: 元(1000) } }),
        item("关怀", { 低保对象: { flat: 元(500) } }, { oncePerPerson: true }),
      ],
    });
    const c = (d: string) => claim({ 身份: ["低保对象"], 个人负担: 元(3000), 结算日期: d });
    const { outs, ledger } = runAll(p, [c("2024-12-30"), c("2024-12-31"), c("2025-01-02")]);
    expect(outs.map((o) => ok(o).明细.map((l) => l.金额))).toEqual([
      [元(1000), 元(500)],
      [0, 0],
      [元(1000), 0],
    ]);
    expect(ledger).toEqual({
      year: 2025,
      lastDate: "2025-01-02",
      used: { "限额:甲": 元(1000) },
      lifetime: { "次数:关怀": 1 },
    });
  });

  it("an error leaves the ledger untouched, including the year", () => {
    const p = policy({
      identities: [低保],
      items: [item("甲", { 低保对象: { bp: 10000 } }, { base: { kind: "field", name: "限额内费用" } })],
    });
    const ledger = { year: 2024, lastDate: "2024-05-01", used: { "限额:甲": 5 }, lifetime: {} };
    const before = structuredClone(ledger);
    err(runAll(p, [claim({ 身份: ["低保对象"], 结算日期: "2025-01-01" })], ledger).outs[0]!);
    expect(ledger).toEqual(before);
  });

  const warning: WarningIR = {
    name: "因病返贫风险",
    countVisitTypes: ["住院", "门诊慢特病"],
    countField: "个人负担",
    // 身份 属于 特困人员 且 年度累计个人负担 >= 5000元
    when: {
      kind: "and",
      left: { kind: "identityIn", identities: ["特困人员"] },
      right: { kind: "compare", op: ">=", left: { kind: "yearTotal", name: "年度累计个人负担" }, right: { kind: "const", fen: 元(5000) } },
    },
    source: { line: 20, citation: "第十六条（一）" },
  };

  it("预警 counts burden of counted visit types, whatever the eligibility", () => {
    // 3000 (住院) + 1000 (普通门诊, not counted) + 2500 (门诊慢特病) → 5500 ≥ 5000 on the third
    const p = policy({
      identities: [特困],
      items: [item("甲", { 特困人员: { bp: 5000 } }, { visitTypes: ["住院"] })],
      warnings: [warning],
    });
    const c = (burden: number, v: "住院" | "普通门诊" | "门诊慢特病", d: string) =>
      claim({ 身份: ["特困人员"], 个人负担: burden, 就诊类型: v, 结算日期: d });
    const { outs, ledger } = runAll(p, [
      c(元(3000), "住院", "2024-01-01"),
      c(元(1000), "普通门诊", "2024-02-01"),
      c(元(2500), "门诊慢特病", "2024-03-01"),
    ]);
    expect(outs.map((o) => ok(o).预警)).toEqual([
      undefined,
      undefined,
      [{ 名称: "因病返贫风险", 统计字段: "个人负担", 年度累计: 元(5500), 依据: "第十六条（一）" }],
    ]);
    expect(ok(outs[2]!).金额).toBe(0); // not eligible (门诊慢特病) but counted
    expect(ledger.used["累计:因病返贫风险"]).toBe(元(5500));
  });

  it("预警 counts without an identity, and not in other calculators", () => {
    // no identity: counted 6000, but the condition needs 特困人员 → no output
    const p = policy({
      identities: [特困],
      items: [item("甲", { 特困人员: { bp: 5000 } }), item("资助", { 特困人员: { flat: 元(100) } }, { calculator: "资助参保" })],
      warnings: [warning],
    });
    const ledger = newLedger(2024);
    const o = ok(runAll(p, [claim({ 个人负担: 万(0.6) })], ledger).outs[0]!);
    expect(o.预警).toBeUndefined();
    expect(ledger.used["累计:因病返贫风险"]).toBe(万(0.6));
    runAll(p, [claim({ 身份: ["特困人员"], 个人负担: 万(0.6) })], ledger, "资助参保");
    expect(ledger.used["累计:因病返贫风险"]).toBe(万(0.6));
  });

  it("explain lines are Chinese and cite their 依据", () => {
    const p = policy({ identities: [特困], items: [item("甲", { 特困人员: { bp: 7000, deductible: 元(100), cite: "第十一条" } })] });
    const o = ok(runAll(p, [claim({ 身份: ["特困人员"], 个人负担: 元(1000) })]).outs[0]!);
    // (1000 − 100) × 70% = 630元
    expect(o.计算过程).toEqual([
      "持有身份「特困人员」（依据 身份特困人员）",
      "按身份「特困人员」：",
      "  甲：基数 个人负担 = 1000元；起付线 100元（按次）扣除 100元，余 900元；900元×70%=630元，四舍五入到分 = 630元；得 630元（依据 第十一条）",
      "  救助金额合计 630元",
    ]);
  });

  it("计算过程 shows computed amounts in plain 元, never 万元 (issue 10 §4)", () => {
    const p = policy({ identities: [特困], items: [item("甲", { 特困人员: { bp: 7000, cite: "第十一条" } })] });
    const o = ok(runAll(p, [claim({ 身份: ["特困人员"], 个人负担: 元(39857.15) })]).outs[0]!);
    // 39857.15 × 70% = 27900.005 → half-up 27900.01元; and a round 元(40000) × 70% = 28000元, not 2.8万元
    expect(o.计算过程!.join("\n")).toContain("基数 个人负担 = 39857.15元");
    expect(o.计算过程!.join("\n")).toContain("四舍五入到分 = 27900.01元");
    const r = ok(runAll(p, [claim({ 身份: ["特困人员"], 个人负担: 元(40000) })]).outs[0]!);
    const text = r.计算过程!.join("\n");
    expect(text).toContain("基数 个人负担 = 40000元");
    expect(text).toContain("救助金额合计 28000元");
    expect(text).not.toContain("万元");
  });
});
