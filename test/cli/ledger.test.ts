/**
 * `calc --ledger` (issue 14): annual totals carry across batches through the ledger file, a rerun
 * settles nothing twice, a reversal writes the corrections of recomputing the year without the
 * claim. Amounts are worked by hand from 营口市 第十一条（一） (基本救助, 住院, 市域内, no 转诊 so
 * no 倾斜救助):
 *   低保边缘家庭成员: 起付线 2000元 a year, 60%, 年度限额 2万元
 *   低保对象:         起付线 0,           70%, 年度限额 2万元
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { amounts, jiuzhu, jsonl, tempDir } from "./ledger-helpers.js";

const policy = "policies/营口市";
const edge = { 身份: ["低保边缘家庭成员"], 就诊类型: "住院" };
const dibao = { 身份: ["低保对象"], 就诊类型: "住院" };

const A1 = { 编号: "A1", 人员编号: "P1", ...edge, 结算日期: "2024-01-15", 个人负担: 5000 };
const B1 = { 编号: "B1", 人员编号: "P2", ...dibao, 结算日期: "2024-01-20", 个人负担: 1000 };
const A2 = { 编号: "A2", 人员编号: "P1", ...edge, 结算日期: "2024-02-10", 个人负担: 10000 };
const A3 = { 编号: "A3", 人员编号: "P1", ...edge, 结算日期: "2024-02-20", 个人负担: 30000 };
const B2 = { 编号: "B2", 人员编号: "P2", ...dibao, 结算日期: "2024-02-05", 个人负担: 1000 };
const january = [A1, B1];
const february = [B2, A2, A3];

/** By hand, the whole year in one run. */
const EXPECTED = new Map([
  ["A1", "1800.00"], // (5000 − 起付线 2000) × 60% = 1800
  ["B1", "700.00"], // 1000 × 70% = 700
  ["B2", "700.00"], // 1000 × 70% = 700 (no 起付线, far from the 2万 limit)
  ["A2", "6000.00"], // 起付线 used up in January: 10000 × 60% = 6000
  ["A3", "12200.00"], // 30000 × 60% = 18000, limited to 20000 − 1800 − 6000 = 12200
]);

async function calc(ledger: string, file: string, ...more: string[]) {
  return jiuzhu(["calc", "--policy", policy, "--ledger", ledger, ...more, file]);
}

describe("calc --ledger: batches", () => {
  it("two monthly batches give the amounts of one combined batch, to the 分", async () => {
    const dir = tempDir();
    const ledger = join(dir, "ledger.db");
    const jan = await calc(ledger, jsonl(dir, "01.jsonl", january));
    const feb = await calc(ledger, jsonl(dir, "02.jsonl", february));
    expect(jan.stderr + feb.stderr).toBe("");
    expect([jan.code, feb.code]).toEqual([0, 0]);
    const monthly = new Map([...amounts(jan.out), ...amounts(feb.out)]);
    expect(monthly).toEqual(EXPECTED);
    // the combined batch, in a fresh ledger and without one
    const combined = await calc(join(dir, "one.db"), jsonl(dir, "all.jsonl", [...january, ...february]));
    expect(amounts(combined.out)).toEqual(EXPECTED);
    const plain = await jiuzhu(["calc", "--policy", policy, join(dir, "all.jsonl")]);
    expect(amounts(plain.out)).toEqual(EXPECTED);
    // without the ledger the second month starts from zero: A2 would pay (10000 − 2000) × 60% = 4800
    const alone = await jiuzhu(["calc", "--policy", policy, join(dir, "02.jsonl")]);
    expect(amounts(alone.out).get("A2")).toBe("4800.00");
  });

  it("a second run of the same batch changes nothing: every claim comes back from the ledger, 已结算", async () => {
    const dir = tempDir();
    const ledger = join(dir, "ledger.db");
    await calc(ledger, jsonl(dir, "01.jsonl", january));
    const first = await calc(ledger, jsonl(dir, "02.jsonl", february));
    const before = await jiuzhu(["ledger", "show", "--ledger", ledger, "P1"]);
    const again = await calc(ledger, join(dir, "02.jsonl"));
    expect(again.code).toBe(0);
    expect(again.out.map((l) => l.已结算)).toEqual([true, true, true]);
    // the same lines as first written, plus the mark
    expect(again.stdout).toBe(first.stdout.replace(/\}\n/g, ',"已结算":true}\n'));
    const after = await jiuzhu(["ledger", "show", "--ledger", ledger, "P1"]);
    expect(after.stdout).toBe(before.stdout);
    // a batch mixing settled and new claims computes only the new one, on the saved totals
    const A4 = { 编号: "A4", 人员编号: "P1", ...edge, 结算日期: "2024-03-01", 个人负担: 1000 };
    const mixed = await calc(ledger, jsonl(dir, "03.jsonl", [A3, A4]));
    expect(mixed.out.map((l) => [l.编号, l.救助金额, l.已结算])).toEqual([
      ["A3", "12200.00", true],
      ["A4", "0.00", undefined], // the 2万 limit is used up: 1800 + 6000 + 12200 = 20000
    ]);
  });

  it("a new year starts from 起付线 and limit again (lifetime counts carry)", async () => {
    const dir = tempDir();
    const ledger = join(dir, "ledger.db");
    await calc(ledger, jsonl(dir, "2024.jsonl", [A1, A2, A3]));
    const next = { 编号: "A5", 人员编号: "P1", ...edge, 结算日期: "2025-01-10", 个人负担: 10000 };
    const r = await calc(ledger, jsonl(dir, "2025.jsonl", [next]));
    expect(amounts(r.out).get("A5")).toBe("4800.00"); // (10000 − 2000) × 60%
  });

  it("the same 编号 with other content is an error line; settled claims are not touched", async () => {
    const dir = tempDir();
    const ledger = join(dir, "ledger.db");
    await calc(ledger, jsonl(dir, "01.jsonl", january));
    const changed = await calc(ledger, jsonl(dir, "x.jsonl", [{ ...A1, 个人负担: 6000 }, B1]));
    expect(changed.code).toBe(1);
    expect(changed.out[0]!.错误).toMatch(/编号「A1」已于此前结算.*内容不同.*--reverse A1/);
    expect(changed.out[1]).toMatchObject({ 编号: "B1", 救助金额: "700.00", 已结算: true });
    // the same claim written differently (5000 vs "5000.00") is the same claim
    const same = await calc(ledger, jsonl(dir, "y.jsonl", [{ ...A1, 个人负担: "5000.00" }]));
    expect(same.out[0]).toMatchObject({ 编号: "A1", 救助金额: "1800.00", 已结算: true });
  });

  it("--ledger needs 编号 and 人员编号 on every record; the others still compute", async () => {
    const dir = tempDir();
    const { 人员编号: _p, ...noPerson } = A1;
    const { 编号: _i, ...noId } = B1;
    const r = await calc(join(dir, "l.db"), jsonl(dir, "c.jsonl", [noPerson, noId, A2]));
    expect(r.code).toBe(1);
    expect(r.out[0]!.错误).toMatch(/「人员编号」/);
    expect(r.out[1]!.错误).toMatch(/「编号」/);
    // A2 alone for P1 this year: (10000 − 2000) × 60% = 4800
    expect(r.out[2]).toMatchObject({ 编号: "A2", 救助金额: "4800.00" });
  });

  it("a ledger file belongs to one region: another region's policy is exit 2", async () => {
    const dir = tempDir();
    const ledger = join(dir, "l.db");
    await calc(ledger, jsonl(dir, "c.jsonl", [A1]));
    const other = await jiuzhu(["calc", "--policy", "policies/济宁市", "--ledger", ledger, join(dir, "c.jsonl")]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/属于地区「营口市」.*不能用于「济宁市」/);
    expect(other.stdout).toBe("");
  });

  it("usage: --reverse or --ledger-cache without --ledger, a bad cache size", async () => {
    const r1 = await jiuzhu(["calc", "--policy", policy, "--reverse", "A1"]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/--reverse 只能与 --ledger/);
    const r2 = await jiuzhu(["calc", "--policy", policy, "--ledger", join(tempDir(), "l.db"), "--ledger-cache", "0", "-"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--ledger-cache 应为正整数/);
  });

  it("the interpreter gives the same amounts across batches (both engines share the ledger format)", async () => {
    const dir = tempDir();
    const ledger = join(dir, "l.db");
    const jan = await calc(ledger, jsonl(dir, "01.jsonl", january), "--engine", "interpreter");
    const feb = await calc(ledger, jsonl(dir, "02.jsonl", february), "--engine", "interpreter");
    expect(new Map([...amounts(jan.out), ...amounts(feb.out)])).toEqual(EXPECTED);
  });

  it("a cache of one person ledger gives the same amounts (evicted ledgers are saved and read back)", async () => {
    const dir = tempDir();
    const r = await calc(join(dir, "l.db"), jsonl(dir, "all.jsonl", [A1, B1, B2, A2, A3]), "--ledger-cache", "1");
    expect(amounts(r.out)).toEqual(EXPECTED);
  });
});

describe("calc --ledger --reverse", () => {
  it("reversing A1 writes the corrections of recomputing the year without it", async () => {
    const dir = tempDir();
    const ledger = join(dir, "ledger.db");
    await calc(ledger, jsonl(dir, "01.jsonl", january));
    await calc(ledger, jsonl(dir, "02.jsonl", february));
    const r = await jiuzhu(["calc", "--policy", policy, "--ledger", ledger, "--reverse", "A1"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // without A1: A2 = (10000 − 2000) × 60% = 4800 (was 6000: 追回 1200);
    //             A3 = min(30000 × 60%, 20000 − 4800) = 15200 (was 12200: 补付 3000)
    expect(r.out).toEqual([
      { 编号: "A1", 冲正: true, 原金额: "1800.00" },
      { 编号: "A2", 更正: "追回", 差额: "-1200.00", 原金额: "6000.00", 新金额: "4800.00" },
      { 编号: "A3", 更正: "补付", 差额: "3000.00", 原金额: "12200.00", 新金额: "15200.00" },
    ]);
    // = recomputing the year without A1, in a fresh ledger
    const fresh = await calc(join(dir, "fresh.db"), jsonl(dir, "noA1.jsonl", [B1, B2, A2, A3]));
    expect(amounts(fresh.out)).toEqual(new Map([["B1", "700.00"], ["B2", "700.00"], ["A2", "4800.00"], ["A3", "15200.00"]]));
    // the ledger now says so: a rerun of February re-emits the new amounts
    const again = await calc(ledger, join(dir, "02.jsonl"));
    expect(amounts(again.out)).toEqual(new Map([["B2", "700.00"], ["A2", "4800.00"], ["A3", "15200.00"]]));
    const shown = JSON.parse((await jiuzhu(["ledger", "show", "--ledger", ledger, "P1"])).stdout);
    expect(shown.已结算.map((c: { 编号: string }) => c.编号)).toEqual(["A2", "A3"]);
  });

  it("an unknown 编号 is an error line (exit 1); other reversals still happen", async () => {
    const dir = tempDir();
    const ledger = join(dir, "ledger.db");
    await calc(ledger, jsonl(dir, "01.jsonl", january));
    const r = await jiuzhu(["calc", "--policy", policy, "--ledger", ledger, "--reverse", "NOPE,B1"]);
    expect(r.code).toBe(1);
    expect(r.out[0]!.错误).toMatch(/没有已结算的编号「NOPE」/);
    expect(r.out[1]).toEqual({ 编号: "B1", 冲正: true, 原金额: "700.00" });
  });
});

describe("jiuzhu ledger show", () => {
  it("prints a person's year: totals, claims, version and module digest", async () => {
    const dir = tempDir();
    const ledger = join(dir, "ledger.db");
    await calc(ledger, jsonl(dir, "all.jsonl", [A1, A2]));
    const r = await jiuzhu(["ledger", "show", "--ledger", ledger, "P1", "--year", "2024"]);
    expect(r.code).toBe(0);
    const shown = JSON.parse(r.stdout);
    expect(shown).toMatchObject({ 人员编号: "P1", 年度: 2024, 地区: "营口市", 计算器: "医疗救助", 最后结算日期: "2024-02-10" });
    // 起付线 consumed 2000; paid against the 2万 limit 1800 + 6000 = 7800
    expect(shown.年度累计["起付线:基本救助"]).toBe("2000.00");
    expect(shown.年度累计["限额:基本救助"]).toBe("7800.00");
    expect(shown.已结算[0]).toMatchObject({ 编号: "A1", 结算日期: "2024-01-15", 金额: "1800.00", 版本: "2023-01-01（营政办发〔2022〕23号）" });
    expect(shown.已结算[0].模块摘要).toMatch(/^[0-9a-f]{32}$/);
    const none = await jiuzhu(["ledger", "show", "--ledger", ledger, "P1", "--year", "2023"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/没有 2023 年度的记录（有记录的年度：2024）/);
  });
});
