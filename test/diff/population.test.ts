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
    const newTotal = 390000 + 6000 + 390000 + 126000 + 700000 + 4000000;
    expect([p.oldTotal, p.newTotal]).toEqual([oldTotal, newTotal]);
    expect(p.largest.map((c) => [c.编号, c.delta])).toEqual([["C1", 500000], ["A2", 48000], ["A1", 36000]]);
    expect(p.byVisitType.map((r) => [r.key, r.claims, r.changed])).toEqual([["住院", 4, 2], ["门诊慢特病", 1, 1], ["普通门诊", 1, 0]]);
    expect(p.byIdentity.find((r) => r.key === "低保边缘家庭成员")).toMatchObject({ claims: 4, changed: 2 });
    expect([p.becameEligible, p.stoppedEligible]).toEqual([0, 0]);
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
