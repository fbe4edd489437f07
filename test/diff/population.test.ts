import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { populationImpact, type RawRecord } from "../../compiler/diff/population.js";
import { openText, readRecords } from "../../cli/input/readers.js";
import { load, VARIANT, YINGKOU } from "./_load.js";

const old = load(YINGKOU);
const neu = load(VARIANT);

describe("population impact (--claims)", () => {
  it("counts changes, errors, totals, groups and eligibility with calc's ledger rules", async () => {
    const records = readRecords(await openText("test/diff/fixtures/claims.jsonl"), "jsonl");
    const p = await populationImpact(records, old, neu);
    // A1 边缘 8000 转诊: 基本 (8000−2000)×60%=3600 | 65% → 3900; 倾斜 base 4400 < 5000 → 0 | 4100−4000=100×60%=60
    // A2 same person: deductibles used; 基本 6000×60%=3600 | 65% 3900; 倾斜 base 2400, 剩余起付线 600 → 1800×60%=1080 | 2100×60%=1260
    // B1 特困 10000: 7000 both. C1 因病致贫 80000: 基本 2万; 倾斜 (60000−10000)×50% capped 1.5万 | 2万
    // D1 alias only in the new version: old cannot compute. E1 普通门诊: 0 both. F1 2000: 0 both.
    // "this is not json" and G1 (no 个人负担): both sides cannot compute.
    expect(p.records).toBe(9);
    expect(p.oldErrors).toBe(3);
    expect(p.newErrors).toBe(2);
    expect(p.bothErrors).toBe(2);
    expect(p.changed).toBe(3);
    const oldTotal = 360000 + 0 + 360000 + 108000 + 700000 + 3500000;
    // D1 (分散供养特困人员, an alias only the new version knows) is priced on the new side:
    // 特困 住院 1000元 × 70% = 700元 基本; no 规范转诊 → no 倾斜. It is a new payout, not a skipped record.
    const newTotal = 390000 + 6000 + 390000 + 126000 + 700000 + 4000000 + 70000;
    expect([p.oldTotal, p.newTotal]).toEqual([oldTotal, newTotal]);
    expect(p.largest.map((c) => [c.编号, c.delta])).toEqual([["C1", 500000], ["A2", 48000], ["A1", 36000]]);
    expect(p.byVisitType.map((r) => [r.key, r.claims, r.changed])).toEqual([["住院", 4, 2], ["门诊慢特病", 1, 1], ["普通门诊", 1, 0]]);
    expect(p.byIdentity.find((r) => r.key === "低保边缘家庭成员")).toMatchObject({ claims: 4, changed: 2 });
    expect([p.becameEligible, p.stoppedEligible]).toEqual([0, 0]);
  });

  it("prices one-side records on their side, keeps increases and decreases apart, per person-year, failures with reasons", async () => {
    const records = readRecords(await openText("test/diff/fixtures/claims.jsonl"), "jsonl");
    const all: unknown[] = [];
    const p = await populationImpact(records, old, neu, { onFailure: (f) => void all.push(f) });
    expect(p.oneSide).toEqual([{ side: "新", identity: "特困人员", reason: expect.stringContaining("分散供养特困人员"), claims: 1, total: 70000 }]);
    // increases: A1 +360元 (3600→3960), A2 +480元 (4680→5160), C1 +5000元; no decreases
    expect(p.increases).toEqual({ count: 3, sum: 36000 + 48000 + 500000, largest: 500000 });
    expect(p.decreases).toEqual({ count: 0, sum: 0, largest: 0 });
    const edge = p.byIdentity.find((r) => r.key === "低保边缘家庭成员")!;
    expect(edge.increases).toEqual({ count: 2, sum: 84000, largest: 48000 });
    // persons: P1 (A1+A2) +840元, P2 unchanged, P3 (C1) +5000元; D1, E1, F1 have no 人员编号
    expect(p.persons).toMatchObject({ persons: 3, gaining: { count: 2, sum: 584000, largest: 500000 }, losing: { count: 0, sum: 0, largest: 0 }, withoutPerson: 3 });
    // P1 +840元 falls in 100–1000元, P3 +5000元 in ≥5000元; P2 (unchanged) in no bin
    expect(p.persons.distribution.filter((b) => b.count).map((b) => [b.from, b.to, b.count])).toEqual([[10_000, 100_000, 1], [500_000, null, 1]]);
    // failures: D1 on the old side, the unreadable line and G1 on both
    expect(p.failures.map((f) => [f.no, f.编号, f.side])).toEqual([[5, "D1", "旧"], [8, undefined, "两版"], [9, "G1", "两版"]]);
    expect(p.failures.every((f) => f.reason.length > 0)).toBe(true);
    expect(all).toEqual(p.failures);
    expect(p.failureReasons.reduce((s, r) => s + r.count, 0)).toBe(3);
  });

  it("a decrease is not hidden in a net: one claim up, one down", async () => {
    async function* gen(): AsyncGenerator<RawRecord> {
      yield { no: 1, value: { 编号: "X", 人员编号: "Q", 身份: ["低保边缘家庭成员"], 就诊类型: "住院", 结算日期: "2024-07-01", 个人负担: "4000" } };
    }
    // old = VARIANT, new = YINGKOU: 基本 (4000−2000)×65% = 1300元 → ×60% = 1200元: −100元
    const p = await populationImpact(gen(), neu, old);
    expect(p.decreases).toEqual({ count: 1, sum: -10000, largest: -10000 });
    expect(p.persons.losing).toEqual({ count: 1, sum: -10000, largest: -10000 });
    expect(p.byIdentity[0]!.decreases.count).toBe(1);
  });

  it("streams: records are pulled one at a time, nothing is kept per claim", async () => {
    let pulled = 0;
    async function* gen(): AsyncGenerator<RawRecord> {
      for (let i = 1; i <= 3000; i++) {
        pulled++;
        yield { no: i, value: { 编号: String(i), 身份: ["低保对象"], 就诊类型: "住院", 结算日期: "2024-07-01", 个人负担: String(i % 500) } };
      }
    }
    const p = await populationImpact(Readable.from(gen()), old, neu);
    expect(pulled).toBe(3000);
    expect(p.records).toBe(3000);
    expect(p.changed).toBe(0);
    expect(p.largest).toEqual([]);
  });
});
