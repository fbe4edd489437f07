/**
 * 计算过程 line by line on the 营口-like fixture, written by hand, from BOTH engines (issue 10 §4):
 * exclusions and conditions that did not apply with the values compared, plain 元 beside the
 * rule's wording, every cap that lowered an amount with what this person had used and had left.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { yingkou } from "./fixtures/yingkou.js";
import { claim, compileAndLoad, ok } from "./fixtures/load.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { newLedger, type Claim, type Evaluator, type PersonLedger } from "../../runtime/types.js";

let engines: [string, Evaluator][];
beforeAll(async () => {
  const L = await compileAndLoad(yingkou());
  engines = [
    ["compiled", L.module],
    ["interpreter", createInterpreter(yingkou())],
  ];
});

function explain(c: Claim, used: Record<string, number> = {}): string[][] {
  return engines.map(([, ev]) => {
    const ledger: PersonLedger = { ...newLedger(2023), used: { ...used } };
    return ok(ev.evaluate("医疗救助", c, ledger, { explain: true })).计算过程!;
  });
}

describe("计算过程 (both engines, the same text)", () => {
  it("lists the exclusions tested and the conditions that did not apply, with the values compared", () => {
    // 孤儿, 住院, 个人负担 20000元, 规范转诊 否, no 致伤原因, no 病种
    for (const lines of explain(claim({ 身份: ["孤儿"], 就诊类型: "住院", 个人负担: 2_000_000 }))) {
      expect(lines).toEqual([
        "持有身份「孤儿」（依据 第五条（二））",
        "不予救助 非 参保：参保 = 是 → 不排除（依据 第五条）",
        "不予救助 致伤原因 属于 交通肇事：致伤原因 未填，不属于 → 不排除",
        "按身份「孤儿」：",
        // 20000 × 70% = 14000 (年度限额 2万元 and 限额组 3万元 not reached)
        "  基本救助：基数 个人负担 = 20000元；20000元×70%=14000元，四舍五入到分 = 14000元；得 14000元（依据 第十一条（一）1）",
        "  倾斜救助：条件 规范转诊 且 就医地 属于 市域内、省内市外：规范转诊 = 否 → 不适用，0元（依据 第十一条（二））",
        // 20000 − 起付线 1万元 = 10000, all in [0, 5万) at 10% = 1000
        "  大额补充：基数 个人负担 = 20000元；起付线 1万元（按次）扣除 10000元，余 10000元；分段按扣除起付线后的「个人负担」计；0元至5万元部分 10000元×10%=1000元，四舍五入到分 = 1000元；得 1000元（依据 附件1）",
        "  按床日定额救助：条件 病种 属于 严重精神障碍：病种 无，不含 严重精神障碍 → 不适用，0元（依据 第十一条（二）4）",
        // the rule's 10万元 stays in its wording; the values compared are plain 元
        "  大病关怀：条件 个人负担 >= 10万元：个人负担 20000元 < 100000元 → 不适用，0元（依据 附件2）",
        // 14000 + 1000 = 15000元, not 1.5万元
        "  救助金额合计 15000元",
        "预警「因病返贫风险」：年度累计个人负担 20000元，触发（依据 第十六条（一））",
      ]);
    }
  });

  it("a capped line says every cap that lowered it, what was used and what was left", () => {
    // 限额组 住院救助合计 (3万元) already used 25000元 this year
    const c = claim({ 身份: ["孤儿"], 就诊类型: "住院", 个人负担: 20_000_000, 规范转诊: true });
    for (const lines of explain(c, { "限额组:住院救助合计": 2_500_000 })) {
      expect(lines.slice(3, 10)).toEqual([
        "按身份「孤儿」：",
        // 200000 × 70% = 140000 → 年度限额 2万元: room 20000 → 限额组: 30000 − 25000 = 5000
        "  基本救助：基数 个人负担 = 200000元；200000元×70%=140000元，四舍五入到分 = 140000元；年度限额 2万元（本年已用 0元，余 20000元），取 20000元；限额组「住院救助合计」年度限额 3万元（本年已用 25000元，余 5000元），取 5000元；得 5000元（依据 第十一条（一）1）",
        // 200000 − 5000 = 195000 × 70% = 136500 → 年度限额 2万元
        "  倾斜救助：基数 个人负担 - 基本救助 = 195000元；195000元×70%=136500元，四舍五入到分 = 136500元；年度限额 2万元（本年已用 0元，余 20000元），取 20000元；得 20000元（依据 第十一条（二）1）",
        // 200000 − 10000 = 190000: 50000 × 10% = 5000 + 140000 × 20% = 28000 → 33000 → 单次 1万元 → 限额组 25000 + 5000 used, 0 left
        "  大额补充：基数 个人负担 = 200000元；起付线 1万元（按次）扣除 10000元，余 190000元；分段按扣除起付线后的「个人负担」计；0元至5万元部分 50000元×10%=5000元 + 5万元以上部分 140000元×20%=28000元，四舍五入到分 = 33000元；单次限额 1万元，取 10000元；限额组「住院救助合计」年度限额 3万元（本年已用 30000元，余 0元），取 0元；得 0元（依据 附件1）",
        "  按床日定额救助：条件 病种 属于 严重精神障碍：病种 无，不含 严重精神障碍 → 不适用，0元（依据 第十一条（二）4）",
        "  大病关怀：定额 5000元；得 5000元（依据 附件2）",
        // 5000 + 20000 + 0 + 5000
        "  救助金额合计 30000元",
      ]);
    }
  });

  it("two identities: the 不适用 lines carry the marker calc hides; 就高不重复 names what was not taken", () => {
    const c = claim({ 身份: ["特困人员", "低保边缘家庭成员"], 就诊类型: "住院", 个人负担: 1_000_000 });
    for (const lines of explain(c)) {
      // 特困人员: 10000 × 70% = 7000; 大额补充 10000 − 起付线 1万元 = 0
      expect(lines).toContain("  大额补充：基数 个人负担 = 10000元；起付线 1万元（按次）扣除 10000元，余 0元；得 0元（未超过起付线 1万元）（依据 附件1）");
      expect(lines).toContain("  救助金额合计 7000元");
      // 低保边缘家庭成员: (10000 − 2000) × 60% = 4800
      expect(lines).toContain("  基本救助：基数 个人负担 = 10000元；起付线 2000元（按年，本年已扣 0元）扣除 2000元，余 8000元；8000元×60%=4800元，四舍五入到分 = 4800元；得 4800元（依据 第十一条（一）2）");
      expect(lines).toContain("  大额补充：0元（不适用：身份「低保边缘家庭成员」不在本项目对象中）（依据 附件1）");
      expect(lines).toContain("就高不重复：取「特困人员」7000元，不取「低保边缘家庭成员」4800元（依据 第十一条）");
    }
  });

  it("an identity dropped by its condition shows the dates compared", () => {
    // 因病致贫重病患者 counts only with 申请日期 in the 12 months up to 结算日期 (2023-03-01)
    const c = claim({ 身份: ["因病致贫重病患者", "低保对象"], 就诊类型: "住院", 个人负担: 100_000, 申请日期: "2021-05-01" });
    for (const lines of explain(c)) {
      expect(lines.slice(0, 2)).toEqual([
        "持有身份「低保对象」（依据 第五条（三））",
        "身份「因病致贫重病患者」的条件：申请日期 2021-05-01 不在 结算日期 2023-03-01 前 12 个月内 → 不成立，不按此身份计算（依据 第十三条）",
      ]);
    }
  });

  it("an exclusion that applies ends the list with its values", () => {
    const c = claim({ 身份: ["孤儿"], 就诊类型: "住院", 个人负担: 100_000, 致伤原因: "交通肇事" });
    for (const lines of explain(c)) {
      expect(lines.slice(1, 3)).toEqual([
        "不予救助 非 参保：参保 = 是 → 不排除（依据 第五条）",
        "不予救助 致伤原因 属于 交通肇事：致伤原因 = 交通肇事，属于 → 不予救助，各项为0",
      ]);
      expect(lines.some((l) => l.startsWith("按身份"))).toBe(false);
    }
  });
});
