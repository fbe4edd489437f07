import { describe, expect, it } from "vitest";
import { claim, identity, item, ok, policy, runAll, 万, 元 } from "./_helpers.js";

const 低保 = identity("低保对象");
const one = (it: ReturnType<typeof item>, extra = {}) =>
  policy({ identities: [低保], items: [it], ...extra });
const c = (burden: number, date = "2024-03-01") =>
  claim({ 身份: ["低保对象"], 个人负担: burden, 结算日期: date });

describe("interpreter arithmetic", () => {
  it("single ratio", () => {
    // 10000元 × 70% = 7000元
    const { outs } = runAll(one(item("基本救助", { 低保对象: { bp: 7000 } })), [c(元(10000))]);
    const o = ok(outs[0]!);
    expect(o.金额).toBe(元(7000));
    expect(o.适用身份).toBe("低保对象");
    expect(o.明细).toEqual([{ 项目: "基本救助", 金额: 元(7000), 依据: "项目基本救助" }]);
  });

  it("deductible 按次 applies to every claim", () => {
    // each: (3000 − 1000) × 50% = 1000元
    const p = one(item("基本救助", { 低保对象: { deductible: 元(1000), bp: 5000 } }));
    const { outs, ledger } = runAll(p, [c(元(3000)), c(元(3000), "2024-04-01")]);
    expect(outs.map((o) => ok(o).金额)).toEqual([元(1000), 元(1000)]);
    expect(ledger.used["起付线:基本救助"]).toBeUndefined();
  });

  it("deductible 按年 is consumed across claims", () => {
    // claim 1: burden 600 < 1000 → 0, deductible left 400
    // claim 2: burden 3000 − 400 = 2600 × 50% = 1300元
    // claim 3: burden 1000, deductible used up → 500元
    const p = one(item("基本救助", { 低保对象: { deductible: 元(1000), bp: 5000 } }, { deductiblePeriod: "年" }));
    const { outs, ledger } = runAll(p, [c(元(600)), c(元(3000), "2024-04-01"), c(元(1000), "2024-05-01")]);
    expect(outs.map((o) => ok(o).金额)).toEqual([0, 元(1300), 元(500)]);
    expect(ok(outs[0]!).明细[0]!.说明).toBe("未超过起付线 1000元");
    expect(ledger.used["起付线:基本救助"]).toBe(元(1000));
  });

  const segs: [number, number | null, number][] = [
    [0, 万(2), 7000],
    [万(2), null, 8000],
  ];

  it("segments 按次: 2万 at 70%, above at 80%, each claim from 0", () => {
    // 3万: 2万×70% + 1万×80% = 14000 + 8000 = 22000元, twice
    const p = one(item("基本救助", { 低保对象: { segments: segs } }));
    const { outs } = runAll(p, [c(万(3)), c(万(3), "2024-04-01")]);
    expect(outs.map((o) => ok(o).金额)).toEqual([元(22000), 元(22000)]);
  });

  it("segments 按年: the position carries across claims", () => {
    // claim 1: 1.5万 all in [0,2万) → 10500元; position 1.5万
    // claim 2: 1万 from 1.5万 to 2.5万: 0.5万×70% + 0.5万×80% = 3500 + 4000 = 7500元
    const p = one(item("基本救助", { 低保对象: { segments: segs } }, { segmentPeriod: "年" }));
    const { outs, ledger } = runAll(p, [c(万(1.5)), c(万(1), "2024-04-01")]);
    expect(outs.map((o) => ok(o).金额)).toEqual([元(10500), 元(7500)]);
    expect(ledger.used["分段:基本救助"]).toBe(万(2.5));
  });

  it("segments after a 按年 deductible start at the burden left", () => {
    // deductible 5000元 按年, segments 按年: claim 2.5万 → B' = 2万 → 2万×70% = 14000元
    const p = one(
      item("基本救助", { 低保对象: { deductible: 元(5000), segments: segs } }, { deductiblePeriod: "年", segmentPeriod: "年" }),
    );
    expect(ok(runAll(p, [c(万(2.5))]).outs[0]!).金额).toBe(元(14000));
  });

  it("rounds half-up once per item", () => {
    // 333分 × 50% = 166.5分 → 167分; 332分 × 50% = 166分 exactly
    const p = one(item("基本救助", { 低保对象: { bp: 5000 } }));
    expect(runAll(p, [c(333)]).outs.map((o) => ok(o).金额)).toEqual([167]);
    // 3分 × 33.33% = 0.9999分 → 1分; 1分 × 33.33% = 0.3333 → 0 with 说明
    const q = one(item("基本救助", { 低保对象: { bp: 3333 } }));
    const { outs } = runAll(q, [c(3), c(1, "2024-04-01")]);
    expect(ok(outs[0]!).金额).toBe(1);
    expect(ok(outs[1]!).明细[0]).toMatchObject({ 金额: 0, 说明: "不足0.5分，舍入为0" });
  });

  it("rounds the exact sum of segments, not each segment", () => {
    // base 2分, [0,1)×50% = 0.5 and [1,∞)×50% = 0.5 → sum 1分 (rounding each would give 2)
    const p = one(item("基本救助", { 低保对象: { segments: [[0, 1, 5000], [1, null, 5000]] } }));
    expect(ok(runAll(p, [c(2)]).outs[0]!).金额).toBe(1);
  });

  it("per-claim cap", () => {
    // 5万 × 70% = 35000元 > 单次限额 1万元 → 1万元
    const p = one(item("基本救助", { 低保对象: { bp: 7000, perClaimCap: 万(1) } }));
    const o = ok(runAll(p, [c(万(5))]).outs[0]!);
    expect(o.明细[0]).toMatchObject({ 金额: 万(1), 说明: "已达单次限额 1万元" });
  });

  it("annual cap across claims", () => {
    // cap 2万: claim 1 1.5万×100% = 1.5万; claim 2 1万 → only 0.5万 left; claim 3 → 0
    const p = one(item("基本救助", { 低保对象: { bp: 10000, annualCap: 万(2) } }));
    const { outs, ledger } = runAll(p, [c(万(1.5)), c(万(1), "2024-04-01"), c(万(1), "2024-05-01")]);
    expect(outs.map((o) => ok(o).金额)).toEqual([万(1.5), 万(0.5), 0]);
    expect(ok(outs[2]!).明细[0]!.说明).toBe("已达年度限额 2万元");
    expect(ledger.used["限额:基本救助"]).toBe(万(2));
  });

  it("the 按年 deductible is consumed even when the annual cap is exhausted", () => {
    // cap 100元 used by claim 1 (burden 300, deductible 100 → 200 → capped 100);
    // claim 2 pays 0 but nothing more of the deductible remains to consume.
    const p = one(
      item("基本救助", { 低保对象: { deductible: 元(100), bp: 10000, annualCap: 元(100) } }, { deductiblePeriod: "年" }),
    );
    const { outs, ledger } = runAll(p, [c(元(300)), c(元(50), "2024-04-01")]);
    expect(outs.map((o) => ok(o).金额)).toEqual([元(100), 0]);
    expect(ledger.used["起付线:基本救助"]).toBe(元(100));
  });

  it("cap group shared by two items; counters charged with the final amount", () => {
    // group 5万/year over 普通住院 (100%) and 重特大 (100%, own annual cap 1万).
    // claim: burden 4万 → 普通 4万 (group left 1万); 重特大 base 4万 → cap 1万 → group 1万 → 1万.
    // claim 2: burden 2万 → 普通 0 (group exhausted), 重特大: item cap exhausted → 0.
    const 普通 = item("普通住院", { 低保对象: { bp: 10000 } }, { capGroups: ["住院合计"] });
    const 重特大 = item("重特大", { 低保对象: { bp: 10000, annualCap: 万(1) } }, { capGroups: ["住院合计"] });
    const p = policy({
      identities: [低保],
      items: [普通, 重特大],
      capGroups: [{ name: "住院合计", annualCap: 万(5), members: ["普通住院", "重特大"], source: { line: 1, citation: "组" }, notes: [] }],
    });
    const { outs, ledger } = runAll(p, [c(万(4)), c(万(2), "2024-04-01")]);
    expect(ok(outs[0]!).明细.map((l) => l.金额)).toEqual([万(4), 万(1)]);
    expect(ok(outs[1]!).明细.map((l) => l.说明)).toEqual([
      "已达限额组「住院合计」年度限额 5万元",
      "已达年度限额 1万元",
    ]);
    expect(ledger.used["限额组:住院合计"]).toBe(万(5));
    expect(ledger.used["限额:重特大"]).toBe(万(1));
  });

  it("a cap group charges the amount after a later group lowered it", () => {
    // groups g1 (10万) then g2 (300元): A = 1000 → g1 room 10万 → g2 room 300 → A = 300;
    // g1 must be charged 300, not 1000.
    const it1 = item("甲", { 低保对象: { bp: 10000 } }, { capGroups: ["g1", "g2"] });
    const g = (name: string, cap: number) => ({ name, annualCap: cap, members: ["甲"], source: { line: 1, citation: "" }, notes: [] });
    const p = policy({ identities: [低保], items: [it1], capGroups: [g("g1", 万(10)), g("g2", 元(300))] });
    const { outs, ledger } = runAll(p, [c(元(1000))]);
    expect(ok(outs[0]!).金额).toBe(元(300));
    expect(ledger.used["限额组:g1"]).toBe(元(300));
  });

  it("item base = 个人负担 − an earlier item", () => {
    // 基本 10000 × 70% = 7000; 倾斜 base 10000 − 7000 = 3000 × 50% = 1500; total 8500元
    const 基本 = item("基本救助", { 低保对象: { bp: 7000 } });
    const 倾斜 = item("倾斜救助", { 低保对象: { bp: 5000 } }, {
      base: { kind: "sub", left: { kind: "field", name: "个人负担" }, right: { kind: "item", name: "基本救助" } },
      baseText: "个人负担 - 基本救助",
    });
    const o = ok(runAll(policy({ identities: [低保], items: [基本, 倾斜] }), [c(元(10000))]).outs[0]!);
    expect(o.明细.map((l) => l.金额)).toEqual([元(7000), 元(1500)]);
    expect(o.金额).toBe(元(8500));
  });

  it("a negative base is clamped to 0", () => {
    // const 100元 − 个人负担 500元 = −400 → 0
    const it1 = item("甲", { 低保对象: { bp: 10000 } }, {
      base: { kind: "sub", left: { kind: "const", fen: 元(100) }, right: { kind: "field", name: "个人负担" } },
    });
    const o = ok(runAll(one(it1), [c(元(500))]).outs[0]!);
    expect(o.明细[0]).toMatchObject({ 金额: 0, 说明: "基数为0" });
  });

  it("flat amount and 每人一次", () => {
    // 大病关怀 5000元 once; the second claim gets 0 with 说明
    const p = one(item("大病关怀", { 低保对象: { flat: 元(5000) } }, { oncePerPerson: true }));
    const { outs, ledger } = runAll(p, [c(元(10)), c(元(10), "2024-04-01")]);
    expect(outs.map((o) => ok(o).金额)).toEqual([元(5000), 0]);
    expect(ok(outs[1]!).明细[0]!.说明).toBe("每人一次，已享受");
    expect(ledger.lifetime["次数:大病关怀"]).toBe(1);
  });

  it("row citation wins over the item's", () => {
    const p = one(item("基本救助", { 低保对象: { bp: 7000, cite: "第十一条（一）" } }));
    expect(ok(runAll(p, [c(元(100))]).outs[0]!).明细[0]!.依据).toBe("第十一条（一）");
  });
});
