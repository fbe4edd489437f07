import { describe, expect, it } from "vitest";
import { newLedger } from "../../runtime/types.js";
import { claim, cond, err, identity, item, ok, policy, runAll, unspecifiedRow, 元 } from "./_helpers.js";

const 特困 = identity("特困人员", { aliases: ["特困供养人员"] });
const 低保 = identity("低保对象");
const 边缘 = identity("低保边缘家庭成员");

describe("interpreter identities", () => {
  // 特困 90%, 低保 70%, 边缘 50% on 个人负担
  const rows = { 特困人员: { bp: 9000 }, 低保对象: { bp: 7000 }, 低保边缘家庭成员: { bp: 5000 } };
  const p3 = policy({ identities: [特困, 低保, 边缘], items: [item("基本救助", rows)] });

  it("就高不重复: the best identity wins, others are reported in declaration order", () => {
    // 1000元: 特困 900, 低保 700, 边缘 500 → 900, record order does not matter
    const o = ok(runAll(p3, [claim({ 身份: ["低保边缘家庭成员", "特困供养人员", "低保对象"], 个人负担: 元(1000) })]).outs[0]!);
    expect(o.金额).toBe(元(900));
    expect(o.适用身份).toBe("特困人员");
    expect(o.其他身份).toEqual([
      { 身份: "低保对象", 金额: 元(700) },
      { 身份: "低保边缘家庭成员", 金额: 元(500) },
    ]);
    expect(o.计算过程!.some((s) => s.startsWith("就高不重复") && s.includes("依据 就高条款"))).toBe(true);
  });

  it("ties go to the earliest declared identity", () => {
    const p = policy({
      identities: [特困, 低保],
      items: [item("基本救助", { 特困人员: { bp: 7000 }, 低保对象: { bp: 7000 } })],
    });
    const o = ok(runAll(p, [claim({ 身份: ["低保对象", "特困人员"], 个人负担: 元(100) })]).outs[0]!);
    expect(o.适用身份).toBe("特困人员");
    expect(o.其他身份).toEqual([{ 身份: "低保对象", 金额: 元(70) }]);
  });

  it("only the winner's ledger use is kept", () => {
    // 特困: deductible 0, 100%, annual cap 1000 → 600; 低保: deductible 200 按年 → 400.
    const p = policy({
      identities: [特困, 低保],
      items: [item("甲", { 特困人员: { bp: 10000, annualCap: 元(1000) }, 低保对象: { deductible: 元(200), bp: 10000 } }, { deductiblePeriod: "年" })],
    });
    const { ledger } = runAll(p, [claim({ 身份: ["特困人员", "低保对象"], 个人负担: 元(600) })]);
    expect(ledger.used).toEqual({ "限额:甲": 元(600) });
  });

  it("参照: item scope, then calculator scope, then *", () => {
    // 其他: 甲 参照 特困 (90%), calculator 医疗救助 参照 低保 (70%), * 参照 边缘 (50%)
    const 其他 = identity("其他特殊困难人员", {
      treatAs: { 甲: "特困人员", 医疗救助: "低保对象", "*": "低保边缘家庭成员" },
    });
    const ids = ["特困人员", "低保对象", "低保边缘家庭成员", "其他特殊困难人员"];
    const 甲 = item("甲", rows, { identities: ids });
    const 乙 = item("乙", rows, { identities: ids });
    const 丙 = item("丙", rows, { identities: ids, calculator: "资助参保" });
    const p = policy({ identities: [特困, 低保, 边缘, 其他], items: [甲, 乙, 丙] });
    const c = claim({ 身份: ["其他特殊困难人员"], 个人负担: 元(100) });
    const main = ok(runAll(p, [c]).outs[0]!);
    expect(main.明细.map((l) => l.金额)).toEqual([元(90), 元(70)]);
    expect(main.适用身份).toBe("其他特殊困难人员");
    expect(main.计算过程!.some((s) => s.includes("甲（参照「特困人员」）"))).toBe(true);
    const sub = ok(runAll(p, [c], newLedger(2024), "资助参保").outs[0]!);
    expect(sub.金额).toBe(元(50));
  });

  it("exclusion: every item 0, no identity wins, ledger keeps only lastDate", () => {
    // 交通肇事 is excluded unless 交警认定无责任方
    const when = {
      kind: "and" as const,
      left: { kind: "textIn" as const, field: "致伤原因", values: ["交通肇事"] },
      right: { kind: "not" as const, operand: { kind: "flag" as const, field: "交警认定无责任方" } },
    };
    const p = policy({
      identities: [低保],
      items: [item("基本救助", rows), item("倾斜救助", rows)],
      exclusions: [{ calculator: "医疗救助", when, text: "致伤原因 属于 交通肇事 除外 交警认定无责任方", source: { line: 3, citation: "二、（三）4" } }],
    });
    const base = { 身份: ["低保对象"], 个人负担: 元(100) };
    const { outs, ledger } = runAll(p, [
      claim({ ...base, 致伤原因: "交通肇事", 交警认定无责任方: false }),
      claim({ ...base, 致伤原因: "交通肇事", 交警认定无责任方: true }),
      claim(base), // no 致伤原因: not excluded, and the exception flag is not needed
    ]);
    const o = ok(outs[0]!);
    expect(o.金额).toBe(0);
    expect(o.适用身份).toBeUndefined();
    expect(o.明细[1]).toEqual({ 项目: "倾斜救助", 金额: 0, 依据: "二、（三）4", 说明: "不予救助：致伤原因 属于 交通肇事 除外 交警认定无责任方" });
    expect(ok(outs[1]!).金额).toBe(元(140));
    expect(ok(outs[2]!).金额).toBe(元(140));
    expect(ledger.lastDate).toBe("2024-03-01");
  });

  it("no identity: 0 with 说明", () => {
    const o = ok(runAll(p3, [claim({ 身份: [], 个人负担: 元(100) })]).outs[0]!);
    expect(o.金额).toBe(0);
    expect(o.适用身份).toBeUndefined();
    expect(o.明细[0]!.说明).toBe("未持有本政策所列救助对象身份");
  });

  it("identity condition: within 12 months of 申请日期, else not held; missing field is an error", () => {
    const 重病 = identity("因病致贫重病患者", {
      condition: { kind: "within", subject: "结算日期", reference: "申请日期", months: 12 },
      source: { line: 5, citation: "第十三条" },
    });
    const p = policy({ identities: [重病], items: [item("基本救助", { 因病致贫重病患者: { bp: 5000 } })] });
    // (申请日期 − 12 months, 申请日期] = (2023-03-01, 2024-03-01]
    const at = (d: string) => claim({ 身份: ["因病致贫重病患者"], 个人负担: 元(100), 结算日期: d, 申请日期: "2024-03-01" });
    const { outs } = runAll(p, [at("2023-03-01"), at("2023-03-02"), at("2024-03-01")], newLedger(2023));
    expect(outs.map((o) => ok(o).金额)).toEqual([0, 元(50), 元(50)]);
    expect(ok(outs[0]!).明细[0]!.说明).toBe("未持有本政策所列救助对象身份");
    const e = err(runAll(p, [claim({ 身份: ["因病致贫重病患者"], 个人负担: 元(100) })]).outs[0]!);
    expect(e).toMatch(/^缺少字段「申请日期」：身份「因病致贫重病患者」的条件（依据 第十三条）/);
  });

  it("applicability: visit type, identity not in item, false condition", () => {
    const 甲 = item("甲", { 低保对象: { bp: 10000 } }, { visitTypes: ["住院", "门诊慢特病"] });
    const 乙 = item("乙", { 低保对象: { bp: 10000 }, 特困人员: { bp: 10000 } }, { identities: ["特困人员"] });
    const 丙 = item("丙", { 低保对象: { bp: 10000 } }, {
      conditions: [cond({ kind: "flag", field: "规范转诊" }, "规范转诊", "第十一条（二）")],
    });
    const p = policy({ identities: [特困, 低保], items: [甲, 乙, 丙] });
    const o = ok(runAll(p, [claim({ 身份: ["低保对象"], 就诊类型: "普通门诊", 规范转诊: false, 个人负担: 元(100) })]).outs[0]!);
    expect(o.明细.map((l) => l.说明)).toEqual([
      "不适用：本项目适用于 住院、门诊慢特病",
      "不适用：身份「低保对象」不在本项目对象中",
      "不符合条件：规范转诊（依据 第十一条（二））",
    ]);
    expect(o.金额).toBe(0);
  });

  it("未规定 row → error citing the row, ledger untouched", () => {
    const p = policy({
      identities: [特困, 低保],
      items: [item("基本救助", { 特困人员: { bp: 9000 }, 低保对象: unspecifiedRow("四、（二）3") })],
    });
    const ledger = newLedger(2024);
    const { outs } = runAll(p, [claim({ 身份: ["特困人员", "低保对象"], 个人负担: 元(100) })], ledger);
    expect(err(outs[0]!)).toBe("未规定：基本救助 · 低保对象 的待遇本文件未规定（依据 四、（二）3）");
    expect(ledger).toEqual(newLedger(2024));
  });

  it("未规定 identity → error even when another identity pays", () => {
    const 建档 = identity("建档立卡贫困人口", { unspecified: true, source: { line: 9, citation: "四、（二）3" } });
    const p = policy({ identities: [特困, 建档], items: [item("基本救助", { 特困人员: { bp: 9000 } })] });
    const e = err(runAll(p, [claim({ 身份: ["特困人员", "建档立卡贫困人口"], 个人负担: 元(100) })]).outs[0]!);
    expect(e).toBe("未规定：身份「建档立卡贫困人口」的救助待遇本文件未规定（依据 四、（二）3）");
  });

  it("a 基础政策 alone cannot compute", () => {
    const p = policy({ identities: [特困], items: [item("基本救助", { 特困人员: { bp: 9000 } })] });
    p.meta = { ...p.meta, name: "山东省医疗救助", isBase: true };
    expect(err(runAll(p, [claim({ 身份: ["特困人员"] })]).outs[0]!)).toBe(
      "未规定：山东省医疗救助 是基础政策，须由引用它的政策计算",
    );
  });

  it("a base field the record lacks is an error naming it", () => {
    const p = policy({
      identities: [特困],
      items: [item("重特大", { 特困人员: { bp: 9000 } }, { base: { kind: "field", name: "限额内费用" }, baseText: "限额内费用" })],
    });
    expect(err(runAll(p, [claim({ 身份: ["特困人员"] })]).outs[0]!)).toBe(
      "缺少字段「限额内费用」：救助项目「重特大」的基数「限额内费用」需要此字段",
    );
  });
});
