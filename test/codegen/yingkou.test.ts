/**
 * The compiled 营口-like fixture against hand-computed claims. Amounts in 分; the arithmetic is
 * written beside each expectation (元 for readability).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { yingkou } from "./fixtures/yingkou.js";
import { claim, compileAndLoad, ok, run, type Loaded } from "./fixtures/load.js";
import { newLedger } from "../../runtime/types.js";
import { execFileSync } from "node:child_process";
import { cp, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

let L: Loaded;
beforeAll(async () => {
  L = await compileAndLoad(yingkou());
});

const amounts = (o: ReturnType<typeof ok>) => o.明细.map((l) => l.金额);

describe("compiled 营口-like module", () => {
  it("type-checks and reports stage timings", () => {
    expect(L.compiled.diagnostics).toEqual([]);
    expect(L.compiled.js).toContain("export function evaluate");
    expect(L.compiled.dts).toContain("export type 身份");
    for (const t of Object.values(L.compiled.timings)) expect(t).toBeGreaterThanOrEqual(0);
  });

  it("writes a self-contained folder: copied elsewhere, plain Node imports it", async () => {
    const copy = path.join(await mkdtemp(path.join(os.tmpdir(), "jiuzhu-copy-")), "out");
    await cp(L.dir, copy, { recursive: true });
    const script = `const m = await import("./out/${L.compiled.baseName}.js");
      const o = m.evaluate("医疗救助", { 编号: "1", 身份: ["孤儿"], 就诊类型: "住院", 结算日期: "2023-01-05", 个人负担: 1000, 病种: [], 规范转诊: false, 就医地: "市域内", 参保: true, 参保类型: "居民医保" }, { year: 2023, lastDate: "", used: {}, lifetime: {} });
      console.log(JSON.stringify([o.金额, m.元数据.地区]));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: path.dirname(copy),
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual([700, "营口市"]); // 10元 × 70%
  });

  it("opens with the banner and exports the data tables", () => {
    expect(L.compiled.ts.split("\n")[0]).toContain("policies/营口市/2023-01-01.jz");
    expect(L.compiled.ts.split("\n")[0]).toContain("请勿手工修改");
    const m = L.module as Record<string, any>;
    expect(m.元数据).toMatchObject({
      地区: "营口市",
      文号: "营政办发〔2022〕23号",
      生效: "2023-01-01",
      失效: null,
    });
    expect(m.参数表["倾斜救助"]["低保边缘家庭成员"].年度限额).toBe(1_800_000);
    expect(m.身份名表["特困供养人员"]).toBe("特困人员");
    expect(m.字段表.find((f: any) => f.name === "个人缴费")).toMatchObject({
      type: { kind: "金额" },
      builtin: false,
    });
    expect(typeof m["计算医疗救助"]).toBe("function");
    expect(typeof m["计算资助参保"]).toBe("function");
    expect(L.compiled.ts).toContain(
      "// 救助项目 倾斜救助：policies/营口市/2023-01-01.jz:41 依据 第十一条（二）",
    );
  });

  it("就高不重复 over two identities, then the winner's ledger carries into the next claim", () => {
    const c1 = claim({
      身份: ["低保边缘家庭成员", "特困人员"],
      就诊类型: "住院",
      个人负担: 3_000_000,
      规范转诊: true,
    });
    const c2 = claim({
      身份: ["特困人员", "低保边缘家庭成员"],
      就诊类型: "住院",
      个人负担: 1_000_000,
      规范转诊: true,
      结算日期: "2023-04-01",
    });
    const { outcomes, ledger } = run(L.module, "医疗救助", [c1, c2]);
    // 特困人员: 基本 30000×70% = 21000 → 年度限额 20000; 倾斜 (30000−20000)×70% = 7000;
    // 大额补充 (30000−起付线10000)=20000 in [0,5万) ×10% = 2000 (限额组 30000−20000 leaves room)
    const o1 = ok(outcomes[0]!);
    expect(o1.适用身份).toBe("特困人员");
    expect(amounts(o1)).toEqual([2_000_000, 700_000, 200_000, 0, 0]);
    expect(o1.金额).toBe(2_900_000);
    expect(o1.明细[0]!.说明).toBe("已达年度限额 2万元");
    // 低保边缘: 基本 (30000−2000)×60% = 16800; 倾斜 (30000−16800−5000)×60% = 4920
    // 16800 + 4920 = 21720元
    expect(o1.其他身份).toEqual([{ 身份: "低保边缘家庭成员", 金额: 2_172_000 }]);
    // 特困人员 again: 基本 room 0; 倾斜 10000×70% = 7000 (限额 20000−7000 left); 大额 base under 起付线 → 0
    // 低保边缘 on the same (特困's) ledger: 基本 room 0; 倾斜 (10000−5000)×60% = 3000
    const o2 = ok(outcomes[1]!);
    expect(amounts(o2)).toEqual([0, 700_000, 0, 0, 0]);
    expect(o2.其他身份).toEqual([{ 身份: "低保边缘家庭成员", 金额: 300_000 }]);
    expect(ledger.used).toMatchObject({
      "限额:基本救助": 2_000_000,
      "限额:倾斜救助": 1_400_000,
      "分段:大额补充": 2_000_000,
      "限额组:住院救助合计": 2_200_000,
    });
    expect(ledger.lastDate).toBe("2023-04-01");
  });

  it("rounds half-up once per item", () => {
    // 特困人员 门诊慢特病 0.15元: 15 分 × 70% = 10.5 → 11 分 (规范转诊 否 → 倾斜 不符合条件)
    const o = ok(
      L.module.evaluate(
        "医疗救助",
        claim({ 身份: ["特困人员"], 就诊类型: "门诊慢特病", 个人负担: 15 }),
        newLedger(2023),
      ),
    );
    expect(amounts(o)).toEqual([11, 0, 0, 0, 0]);
    expect(o.明细[1]!.说明).toBe(
      "不符合条件：规范转诊 且 就医地 属于 市域内、省内市外（依据 第十一条（二））",
    );
    expect(o.明细[2]!.说明).toBe("不适用：本项目适用于 住院");
  });

  it("identity 条件: 因病致贫重病患者 counts only with 申请日期 in the 12 months up to 结算日期", () => {
    // held: 5000.01元 − 起付线 5000元 = 0.01元 × 50% = 0.005元 → 1 分; 倾斜 base 500000 under 起付线 1万元
    const held = claim({
      身份: ["因病致贫重病患者"],
      就诊类型: "住院",
      个人负担: 500_001,
      申请日期: "2022-06-01",
      规范转诊: true,
      就医地: "省内市外",
    });
    const o = ok(L.module.evaluate("医疗救助", held, newLedger(2023)));
    expect(o.金额).toBe(1);
    expect(o.适用身份).toBe("因病致贫重病患者");
    const dropped = ok(
      L.module.evaluate("医疗救助", { ...held, 申请日期: "2023-06-01" }, newLedger(2023), {
        explain: true,
      }),
    );
    expect(dropped.金额).toBe(0);
    expect(dropped.适用身份).toBeUndefined();
    expect(dropped.明细.every((l) => l.说明 === "未持有本政策所列救助对象身份")).toBe(true);
    expect(dropped.计算过程!.join("\n")).toContain("因病致贫重病患者");
    const { 申请日期: _, ...noDate } = held;
    const err = L.module.evaluate("医疗救助", noDate, newLedger(2023));
    expect(err).toEqual({ ok: false, 错误: expect.stringContaining("申请日期") });
  });

  it("不予救助: 0 per item with the reason; 预警 still counts", () => {
    const ledger = newLedger(2023);
    const o = ok(
      L.module.evaluate(
        "医疗救助",
        claim({ 身份: ["特困人员"], 就诊类型: "住院", 个人负担: 600_000, 参保: false }),
        ledger,
      ),
    );
    expect(o.金额).toBe(0);
    expect(o.适用身份).toBeUndefined();
    expect(o.明细[0]).toEqual({
      项目: "基本救助",
      金额: 0,
      依据: "第五条",
      说明: "不予救助：非 参保",
    });
    // 6000元 ≥ 5000元 for a 特困人员 → 因病返贫风险
    expect(o.预警).toEqual([
      { 名称: "因病返贫风险", 统计字段: "个人负担", 年度累计: 600_000, 依据: "第十六条（一）" },
    ]);
    // the module adds every key of the policy at 0 (one ledger shape); 0 = absent (docs/语义.md)
    expect(Object.fromEntries(Object.entries(ledger.used).filter(([, v]) => v !== 0))).toEqual({
      "累计:因病返贫风险": 600_000,
    });
    const o2 = ok(
      L.module.evaluate(
        "医疗救助",
        claim({ 身份: ["特困人员"], 就诊类型: "住院", 个人负担: 1, 致伤原因: "交通肇事" }),
        ledger,
      ),
    );
    expect(o2.明细[1]).toEqual({
      项目: "倾斜救助",
      金额: 0,
      依据: "",
      说明: "不予救助：致伤原因 属于 交通肇事",
    });
  });

  it("未规定 identity or row: an error, ledger untouched", () => {
    const ledger = newLedger(2023);
    const before = JSON.stringify(ledger);
    const e1 = L.module.evaluate(
      "医疗救助",
      claim({ 身份: ["特困人员", "建档立卡贫困人口"], 就诊类型: "住院", 个人负担: 100 }),
      ledger,
    );
    expect(e1).toEqual({
      ok: false,
      错误: "未规定：身份「建档立卡贫困人口」的救助待遇本文件未规定（依据 四、（二）3）",
    });
    const e2 = L.module.evaluate(
      "医疗救助",
      claim({ 身份: ["特困人员"], 就诊类型: "住院", 个人负担: 100, 病种: ["偏执型精神分裂症"] }),
      ledger,
    );
    expect(e2).toEqual({
      ok: false,
      错误: "未规定：按床日定额救助 · 特困人员 的待遇本文件未规定（依据 第十一条（二）4）",
    });
    expect(JSON.stringify(ledger)).toBe(before);
  });

  it("每人一次 flat item, lifetime kept across the year rollover", () => {
    const big = (date: string) =>
      claim({
        身份: ["低保边缘家庭成员"],
        就诊类型: "门诊慢特病",
        个人负担: 10_000_000,
        结算日期: date,
      });
    const { outcomes, ledger } = run(L.module, "医疗救助", [
      big("2023-05-01"),
      big("2023-06-01"),
      big("2024-01-02"),
    ]);
    // 基本 (100000−2000)×60% = 58800 → 年度限额 20000; 大病关怀 定额 3000元
    expect(amounts(ok(outcomes[0]!))).toEqual([2_000_000, 0, 0, 0, 300_000]);
    // same year: 基本 cap used up; 大病关怀 already had
    expect(amounts(ok(outcomes[1]!))).toEqual([0, 0, 0, 0, 0]);
    expect(ok(outcomes[1]!).明细[4]!.说明).toBe("每人一次，已享受");
    // 2024: used reset (起付线 2000 again: 58800 → 20000), lifetime kept
    expect(amounts(ok(outcomes[2]!))).toEqual([2_000_000, 0, 0, 0, 0]);
    expect(ledger.year).toBe(2024);
    expect(ledger.lifetime).toEqual({ "次数:大病关怀": 1 });
    expect(ledger.used["起付线:基本救助"]).toBe(200_000);
  });

  it("second calculator 资助参保 with a policy field and 参照 per calculator", () => {
    // 其他特殊困难人员 参照 低保对象 for 资助参保: 100%; 低保边缘: 350.01元 × 60% = 210.006 → 210.01元
    const o1 = ok(
      L.module.evaluate(
        "资助参保",
        claim({ 身份: ["其他特殊困难人员"], 个人缴费: 35_000 }),
        newLedger(2023),
      ),
    );
    expect(o1.金额).toBe(35_000);
    expect(o1.明细[0]!.依据).toBe("第七条（二）");
    expect(o1.预警).toBeUndefined();
    const o2 = ok(
      L.module.evaluate(
        "资助参保",
        claim({ 身份: ["低保边缘家庭成员"], 个人缴费: 35_001 }),
        newLedger(2023),
      ),
    );
    expect(o2.金额).toBe(21_001);
    const e = L.module.evaluate("资助参保", claim({ 身份: ["孤儿"] }), newLedger(2023));
    expect(e).toEqual({ ok: false, 错误: expect.stringContaining("个人缴费") });
    expect(L.module.evaluate("不存在", claim({}), newLedger(2023)).ok).toBe(false);
  });

  // 计算过程 line by line, from both engines: explain-lines.test.ts

  it("Σ 明细 = 金额 and explain changes nothing but 计算过程", () => {
    const c = claim({
      身份: ["特困人员", "孤儿"],
      就诊类型: "住院",
      个人负担: 8_765_432,
      规范转诊: true,
    });
    const plain = ok(L.module.evaluate("医疗救助", c, newLedger(2023)));
    const { 计算过程, ...explained } = ok(
      L.module.evaluate("医疗救助", c, newLedger(2023), { explain: true }),
    );
    expect(explained).toEqual(plain);
    expect(计算过程!.length).toBeGreaterThan(3);
    expect(plain.明细.reduce((s, l) => s + l.金额, 0)).toBe(plain.金额);
    // tie between 特困人员 and 孤儿 (same rows): the earlier declared wins
    expect(plain.适用身份).toBe("特困人员");
    expect(plain.其他身份).toEqual([{ 身份: "孤儿", 金额: plain.金额 }]);
  });
});
