import { describe, expect, it } from "vitest";
import { runCalc, type CalcSetup } from "../../cli/calc-loop.js";
import { readBatches } from "../../cli/input/readers.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import type { Evaluator } from "../../runtime/types.js";

/** A tiny policy: only what the loop reads (meta, calculators, fields, identities and their names). */
function fakePolicy(effective: string, expires: string | null): CheckedPolicy {
  return {
    meta: { name: "测试办法", region: "营口市", effective, expires },
    identityNames: { 低保对象: "低保对象", 城乡低保对象: "低保对象", 特困人员: "特困人员" },
    identities: [{ name: "特困人员" }, { name: "低保对象" }],
    fields: [],
    calculators: [
      { name: "医疗救助", resultField: "救助金额", items: ["基本救助"], fields: ["身份", "结算日期", "个人负担"] },
      { name: "资助参保", resultField: "资助金额", items: [], fields: ["身份", "结算日期"] },
    ],
  } as unknown as CheckedPolicy;
}

/** Pays 50% of 个人负担 up to 1000元 a year per person, tracked in the ledger like the real ones. */
function fakeEvaluator(tag: string): Evaluator {
  return {
    evaluate(_calculator, claim, ledger) {
      if (claim.身份.includes("特困人员") && claim.个人负担 === 1) return { ok: false, 错误: "未规定：测试" };
      const used = ledger.used["限额:基本救助"] ?? 0;
      const pay = Math.min(Math.floor((claim.个人负担 ?? 0) / 2), 100000 - used);
      ledger.used["限额:基本救助"] = used + pay;
      return {
        ok: true,
        金额: pay,
        明细: [{ 项目: "基本救助", 金额: pay, 依据: tag }],
        适用身份: claim.身份[0],
        其他身份: [],
      };
    },
  };
}

function setup(over: Partial<CalcSetup> = {}): CalcSetup {
  const v1 = fakePolicy("2023-01-01", "2024-01-01");
  const v2 = fakePolicy("2024-01-01", null);
  return {
    versions: [v2, v1],
    calculator: "医疗救助",
    explain: false,
    select: (vs, d) => vs.find((v) => v.meta.effective <= d && (v.meta.expires === null || d < v.meta.expires)),
    evaluatorFor: async (p) => fakeEvaluator(p.meta.effective),
    ...over,
  };
}

async function run(jsonl: string, over: Partial<CalcSetup> = {}) {
  const lines: string[] = [];
  async function* one() {
    yield jsonl;
  }
  const stats = await runCalc(readBatches(one(), "jsonl"), setup(over), (l) => void lines.push(l));
  return { stats, out: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const claim = (o: Record<string, unknown>) =>
  JSON.stringify({ 身份: "低保对象", 结算日期: "2023-03-01", 个人负担: "1000", ...o });

describe("calc loop", () => {
  it("writes exactly one line per record, in order, and keeps going past bad ones", async () => {
    const input = [
      claim({ 编号: "a" }),
      '{"编号": "broken"',
      claim({ 个人负担: "abc" }),
      "",
      claim({ 编号: 42, 个人负担: 300.5 }),
    ].join("\n");
    const { stats, out } = await run(input);
    expect(stats).toMatchObject({ records: 4, errors: 2, noPerson: 2 });
    expect(out).toEqual([
      { 编号: "a", 救助金额: "500.00", 明细: [{ 项目: "基本救助", 金额: "500.00", 依据: "2023-01-01" }], 适用身份: "低保对象", 其他身份: [] },
      { 编号: "2", 错误: expect.stringMatching(/^第2行不是有效的 JSON：/) },
      { 编号: "3", 错误: "字段「个人负担」不是有效金额：「abc」" },
      expect.objectContaining({ 编号: "42", 救助金额: "150.25" }),
    ]);
  });

  it("shares one year ledger per 人员编号, across versions within a year, fresh each year", async () => {
    const input = [
      claim({ 人员编号: "P", 个人负担: "1600" }), // 800
      claim({ 人员编号: "Q", 个人负担: "1600" }), // 800, another person
      claim({ 人员编号: "P", 个人负担: "1600", 结算日期: "2023-06-01" }), // 200 left of 1000
      claim({ 个人负担: "1600" }), // no 人员编号: own ledger, 800
      claim({ 人员编号: "P", 个人负担: "1600", 结算日期: "2024-01-02" }), // new year, new version: 800
    ].join("\n");
    const { stats, out } = await run(input);
    expect(stats.errors).toBe(0);
    expect(out.map((o) => o["救助金额"])).toEqual(["800.00", "800.00", "200.00", "800.00", "800.00"]);
    expect((out[4]!["明细"] as { 依据: string }[])[0]!.依据).toBe("2024-01-01");
  });

  it("rejects a claim dated before one already processed for the same person", async () => {
    const input = [
      claim({ 人员编号: "P", 结算日期: "2023-05-01", 个人负担: "1600" }),
      claim({ 人员编号: "P", 结算日期: "2023-04-01" }),
      claim({ 人员编号: "P", 结算日期: "2022-12-31" }),
      claim({ 人员编号: "P", 结算日期: "2023-05-01" }), // same day is fine
    ].join("\n");
    const { stats, out } = await run(input, { versions: [fakePolicy("2022-01-01", null)] });
    expect(stats.errors).toBe(2);
    expect(out[1]!["错误"]).toBe(
      "结算日期 2023-04-01 早于同一人员（人员编号「P」）已处理的结算日期 2023-05-01，请先按结算日期排序",
    );
    expect(out[2]!["错误"]).toMatch(/请先按结算日期排序/);
    expect(out[3]!["救助金额"]).toBe("200.00"); // 1000元 cap: 800 paid, the rejected ones used none
  });

  it("leaves the ledger untouched by a record the evaluator refuses", async () => {
    const input = [
      claim({ 人员编号: "P", 身份: "特困人员", 个人负担: "0.01", 结算日期: "2023-09-01" }),
      claim({ 人员编号: "P", 结算日期: "2023-02-01" }),
    ].join("\n");
    const { out } = await run(input);
    expect(out[0]).toEqual({ 编号: "1", 错误: "未规定：测试" });
    expect(out[1]!["救助金额"]).toBe("500.00");
  });

  it("reports a date outside every version, naming the versions", async () => {
    const { out } = await run(claim({ 结算日期: "2019-05-01" }));
    expect(out[0]).toEqual({
      编号: "1",
      错误: "结算日期 2019-05-01 不在任何版本的施行期内（营口市 现有版本：2023-01-01 至 2023-12-31、2024-01-01 起）",
    });
    const single = await run(claim({ 结算日期: "2019-05-01" }), { versions: [fakePolicy("2023-01-01", null)] });
    expect(single.out[0]!["错误"]).toBe("结算日期 2019-05-01 不在任何版本的施行期内（营口市 现有版本：2023-01-01 起）");
  });

  it("reports a bad 结算日期 through validation", async () => {
    const { out } = await run(claim({ 结算日期: "2023-02-30" }) + "\n" + claim({ 结算日期: undefined }));
    expect(out[0]!["错误"]).toBe("字段「结算日期」不是有效日期（应为 YYYY-MM-DD）：「2023-02-30」");
    expect(out[1]!["错误"]).toBe("缺少字段「结算日期」");
  });

  it("uses the calculator's own amount field", async () => {
    const { out } = await run(claim({}), { calculator: "资助参保" });
    expect(out[0]).toMatchObject({ 编号: "1", 资助金额: "500.00" });
    expect(out[0]).not.toHaveProperty("救助金额");
  });

  it("turns an evaluator crash into an error for that record only", async () => {
    let n = 0;
    const crashing: Evaluator = {
      evaluate: (c, cl, l, o) => {
        if (++n === 1) throw new Error("boom");
        return fakeEvaluator("x").evaluate(c, cl, l, o);
      },
    };
    const { stats, out } = await run(claim({}) + "\n" + claim({}), { evaluatorFor: () => crashing });
    expect(stats.errors).toBe(1);
    expect(out[0]!["错误"]).toBe("内部错误（请报告）：boom");
    expect(out[1]!["救助金额"]).toBe("500.00");
  });

  it("waits for the output when it asks to (backpressure), also inside a batch", async () => {
    const input = Array.from({ length: 20 }, (_, i) => claim({ 编号: `c${i}` })).join("\n");
    const lines: string[] = [];
    let waiting = false;
    let overlapped = false;
    const write = (line: string): Promise<void> | undefined => {
      if (waiting) overlapped = true;
      lines.push(line);
      if (lines.length % 3 !== 0) return undefined;
      waiting = true;
      return new Promise((resolve) => setTimeout(() => ((waiting = false), resolve()), 1));
    };
    async function* one() {
      yield input; // a single chunk: all 20 records arrive in one batch
    }
    const stats = await runCalc(readBatches(one(), "jsonl"), setup(), write);
    expect(stats.records).toBe(20);
    expect(overlapped).toBe(false);
    expect(lines.map((l) => JSON.parse(l)["编号"])).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`));
  });

  it("prepares each version's evaluator once", async () => {
    let loads = 0;
    const input = Array.from({ length: 50 }, (_, i) => claim({ 结算日期: i % 2 ? "2023-01-05" : "2024-01-05" })).join("\n");
    await run(input, { evaluatorFor: async (p) => (loads++, fakeEvaluator(p.meta.effective)) });
    expect(loads).toBe(2);
  });
});
