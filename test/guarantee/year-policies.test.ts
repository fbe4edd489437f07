/**
 * The year 保证 added to the five documents' policies fail on a copy broken the way the document's
 * annual caps rule out — a check that cannot fail proves nothing. (That they hold on the policies
 * as written is cli.test.ts's "every 保证 of the real policies holds".)
 */
import { describe, expect, it } from "vitest";
import { checkGuarantee } from "../../compiler/guarantee/index.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import type { CheckedPolicy, ItemIR, RowIR } from "../../compiler/ir.js";
import { load, RUNS } from "./_helpers.js";

const TZ = "policies/台州市/2020-07-01.jz";
const WH = "policies/威海经济技术开发区/2017-03-15.jz";
const JN = "policies/济宁市/2021-01-01.jz";
const YK = "policies/营口市/2023-01-01.jz";
const YQ = "policies/阳泉市/2020-01-01.jz";

type Params = Extract<RowIR, { kind: "params" }>;

/** A JSON copy of a real policy (rows of one table line become separate objects) with one change. */
function broken(file: string, change: (p: CheckedPolicy) => void): CheckedPolicy {
  const p = JSON.parse(JSON.stringify(load(file))) as CheckedPolicy;
  change(p);
  return p;
}
const item = (p: CheckedPolicy, name: string): ItemIR => p.items.find((i) => i.name === name)!;
const row = (p: CheckedPolicy, name: string, identity: string): Params => item(p, name).rows[identity] as Params;
const cap = (name: string, identity: string, fen: number | null) => (p: CheckedPolicy) => void (row(p, name, identity).annualCap = fen);

describe("each year 保证 of the real policies fails on a broken copy", () => {
  it.each<[string, string, string, (p: CheckedPolicy) => void]>([
    ["台州 住院与特殊病种门诊封顶线 10万 → 20万", TZ, "住院与特殊病种门诊全年不超过封顶线", (p) => void (p.capGroups.find((g) => g.name === "医疗费用救助封顶")!.annualCap = 20_000_000)],
    ["台州 特困普通门诊 600元 → 1000元", TZ, "门诊全年不超过封顶线", cap("门诊救助", "特困供养人员", 100_000)],
    ["台州 低保普通门诊 400元 → 500元", TZ, "低保门诊全年不超过封顶线", cap("门诊救助", "低保对象", 50_000)],
    ["威海 住院救助年度累计限额 5万 → 6万", WH, "住院救助全年不超过年度累计限额", cap("住院救助", "低保对象", 6_000_000)],
    // 门诊救助 is outside the 5万 (issue 12): its own 2万元 band at 70%, written as 年度限额 1.4万元
    // (per-settlement rounding alone could pass 14000.00 by a fen a claim)
    ["威海 门诊救助 1.4万 → 1.5万", WH, "门诊救助全年不超过两万元段的七成", cap("门诊救助", "低保对象", 1_500_000)],
    ["济宁 住院救助 1万 → 1.5万", JN, "住院救助全年不超过年度限额", cap("住院救助", "低保对象", 1_500_000)],
    ["济宁 (山东) 再救助 2万 → 2.5万", JN, "再救助全年不超过年度累计限额", cap("再救助", "低保对象", 2_500_000)],
    ["济宁 两项 3万: 再救助 → 3万", JN, "全年不超过两项年度限额", cap("再救助", "特困人员", 3_000_000)],
    ["营口 基本救助 2万 → 2.5万", YK, "基本救助全年不超过年度限额", cap("基本救助", "特困人员", 2_500_000)],
    ["营口 倾斜救助 2万 → 2.5万", YK, "倾斜救助全年不超过年度限额", cap("倾斜救助", "低保对象", 2_500_000)],
    ["营口 低保边缘倾斜救助 1.8万 → 2万", YK, "低保边缘倾斜救助全年不超过年度限额", cap("倾斜救助", "低保边缘家庭成员", 2_000_000)],
    ["营口 因病致贫倾斜救助 1.5万 → 1.8万", YK, "因病致贫倾斜救助全年不超过年度限额", cap("倾斜救助", "因病致贫重病患者", 1_800_000)],
    ["营口 两项 4万: 基本救助 → 3万", YK, "全年不超过两项年度限额", cap("基本救助", "特困人员", 3_000_000)],
    ["阳泉 低保住院救助 15000 → 无", YQ, "低保住院救助全年不超过年度限额", cap("住院救助", "低保对象", null)],
    ["阳泉 门诊救助 3000 → 4000", YQ, "门诊救助全年不超过年度限额", cap("门诊救助", "特困人员", 400_000)],
    ["阳泉 戈谢病庞贝氏病救助 15000 → 2万", YQ, "戈谢病庞贝氏病救助全年不超过年度限额", cap("戈谢病庞贝氏病救助", "低保对象", 2_000_000)],
    ["阳泉 一次性救助 5000 → 6000", YQ, "一次性救助全年不超过年度限额", cap("一次性救助", "低收入救助对象", 600_000)],
    // only a sequence sees this one: each single claim still pays 5000元
    ["阳泉 大病关怀 每人一次 dropped", YQ, "大病关怀全年不超过定额", (p) => void (item(p, "大病关怀救助").oncePerPerson = false)],
  ])("%s", (_, file, name, change) => {
    const p = broken(file, change);
    const g = p.guarantees.find((x) => x.name === name)!;
    expect(g.scope).toBe("year");
    const r = checkGuarantee(p, createInterpreter(p), g, { runs: RUNS, seed: 1 });
    expect(r.status).toBe("fails");
    expect(r.counterexample!.sequence!.steps.at(-1)).toMatchObject({ kind: "checked", holds: false });
  });
});
