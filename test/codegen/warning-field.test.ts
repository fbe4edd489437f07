/**
 * issue 12 (台州 三、（二） "大额医疗费用30万元(含)以上的预警提示"), both engines: a 预警 counting
 * 医疗费用 sums that field over the person's counted claims of the year; a claim of a counted visit
 * type without it skips the 预警 (not counted, not tested, listed in 预警跳过) and is never a
 * record error. Amounts by hand beside each claim.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { newOutcomeInto, type OutcomeInto } from "../../runtime/into.js";
import { newLedger, type Claim, type Evaluator, type Outcome, type PersonLedger } from "../../runtime/types.js";
import { HEADER, policyOf } from "../check/helpers.js";
import { claim, compileAndLoad } from "./fixtures/load.js";

const SRC = `${HEADER}
身份 低保对象 依据 第二条
字段 医疗费用 金额 依据 第四条

救助项目 住院救助 依据 第三条
  基数 个人负担
  | 身份     | 比例 |
  | 低保对象 | 70%  |

预警 大额医疗费用 依据 第四条
  统计 住院、门诊慢特病
  当 年度累计医疗费用 >= 30万元
`;

const 元 = (y: number) => y * 100;
type Into = (calculator: string, claim: Claim, ledger: PersonLedger, out: OutcomeInto) => void;

let policy: CheckedPolicy;
let engines: [string, Evaluator][];
let into: Into;
beforeAll(async () => {
  policy = policyOf(SRC);
  const compiled = (await compileAndLoad(policy)).module;
  into = compiled.evaluateInto as Into;
  engines = [
    ["compiled", compiled],
    ["interpreter", createInterpreter(policy)],
  ];
});

/** One person's year, in order (人员编号 甲). */
const year: { claim: Partial<Claim> & Record<string, unknown>; want: Outcome }[] = [
  {
    // 50000 × 70% = 35000元; 医疗费用 累计 200000 < 300000: no 预警
    claim: { 身份: ["低保对象"], 就诊类型: "住院", 个人负担: 元(50000), 医疗费用: 元(200000) },
    want: { ok: true, 金额: 元(35000), 明细: [{ 项目: "住院救助", 金额: 元(35000), 依据: "第三条" }], 适用身份: "低保对象", 其他身份: [] },
  },
  {
    // 10000 × 70% = 7000元; no 医疗费用 on a counted 住院 claim: skipped, 累计 stays 200000
    claim: { 身份: ["低保对象"], 就诊类型: "住院", 个人负担: 元(10000) },
    want: {
      ok: true, 金额: 元(7000), 明细: [{ 项目: "住院救助", 金额: 元(7000), 依据: "第三条" }], 适用身份: "低保对象", 其他身份: [],
      预警跳过: ["大额医疗费用"],
    },
  },
  {
    // no identity: 0 (个人负担 not read); 累计 200000 + 100000 = 300000 ≥ 30万元 (含): 预警
    claim: { 就诊类型: "门诊慢特病", 医疗费用: 元(100000) },
    want: {
      ok: true, 金额: 0, 明细: [{ 项目: "住院救助", 金额: 0, 依据: "第三条", 说明: "未持有本政策所列救助对象身份" }], 其他身份: [],
      预警: [{ 名称: "大额医疗费用", 统计字段: "医疗费用", 年度累计: 元(300000), 依据: "第四条" }],
    },
  },
  {
    // 普通门诊 is not counted: its missing 医疗费用 skips nothing; the condition still reads 累计 300000
    claim: { 就诊类型: "普通门诊" },
    want: {
      ok: true, 金额: 0, 明细: [{ 项目: "住院救助", 金额: 0, 依据: "第三条", 说明: "未持有本政策所列救助对象身份" }], 其他身份: [],
      预警: [{ 名称: "大额医疗费用", 统计字段: "医疗费用", 年度累计: 元(300000), 依据: "第四条" }],
    },
  },
];

describe("预警 counting 医疗费用 (年度累计医疗费用)", () => {
  it("both engines: counted, skipped without the field (never an error), fired at 30万元 (含)", () => {
    for (const [name, ev] of engines) {
      const ledger = newLedger(2023);
      const got = year.map((y, i) => {
        const o = ev.evaluate("医疗救助", claim({ 编号: String(i + 1), 人员编号: "甲", ...y.claim }), ledger);
        if (o.ok) delete o.计算过程;
        return o;
      });
      // the 明细 说明 of a no-identity claim is the engines' shared text; compare the rest exactly
      expect(got.map(strip), name).toEqual(year.map((y) => strip(y.want)));
      expect(ledger.used["累计:大额医疗费用"], name).toBe(元(300000));
    }
  });

  it("evaluateInto carries the same 预警 and 预警跳过 (reset between claims)", () => {
    const ledger = newLedger(2023);
    const out = newOutcomeInto();
    const seen = year.map((y, i) => {
      into("医疗救助", claim({ 编号: String(i + 1), 人员编号: "甲", ...y.claim }), ledger, out);
      return {
        ok: out.ok,
        金额: out.金额,
        预警: Array.from({ length: out.预警数 }, (_, k) => [out.预警名称[k], out.预警字段[k], out.预警累计[k]]),
        跳过: out.预警跳过.slice(0, out.预警跳过数),
      };
    });
    expect(seen).toEqual([
      { ok: true, 金额: 元(35000), 预警: [], 跳过: [] },
      { ok: true, 金额: 元(7000), 预警: [], 跳过: ["大额医疗费用"] },
      { ok: true, 金额: 0, 预警: [["大额医疗费用", "医疗费用", 元(300000)]], 跳过: [] },
      { ok: true, 金额: 0, 预警: [["大额医疗费用", "医疗费用", 元(300000)]], 跳过: [] },
    ]);
  });

  it("a 预警 counting 个人负担 skips a claim without it instead of refusing the record", async () => {
    const p = policyOf(SRC.replace("年度累计医疗费用 >= 30万元", "年度累计个人负担 >= 5000元"));
    const c = claim({ 就诊类型: "住院" }); // no identity, no 个人负担: nothing else reads it
    for (const ev of [createInterpreter(p), (await compileAndLoad(p)).module]) {
      const o = ev.evaluate("医疗救助", c, newLedger(2023));
      expect(o).toMatchObject({ ok: true, 金额: 0, 预警跳过: ["大额医疗费用"] });
    }
  });
});

/** An outcome without 说明 texts (engines share them; this test is about 预警). */
function strip(o: Outcome): unknown {
  if (!o.ok) return o;
  return { ...o, 明细: o.明细.map((l) => ({ 项目: l.项目, 金额: l.金额 })) };
}
