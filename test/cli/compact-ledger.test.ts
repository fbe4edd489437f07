/**
 * The compact per-person ledger of `calc` without --ledger (cli/ledger/compact.ts) against the
 * plain Map of PersonLedger objects it replaced: the same output line for every claim, over
 * thousands of persons, two years and a shared annual cap (台州 限额组 医疗费用救助封顶, 营口 预警
 * 累计), and the store's own round trip for what real data rarely shows (values past Int32,
 * 人员编号 in Chinese or longer than the arena's limit, table growth, a new key late in the run).
 */
import { describe, expect, it } from "vitest";
import { runCalc, type PersonLedgers } from "../../cli/calc-loop.js";
import type { RawRecord } from "../../cli/input/readers.js";
import { CompactLedgers } from "../../cli/ledger/compact.js";
import { loadPolicyPaths } from "../../compiler/load.js";
import { loadEvaluator } from "../../compiler/module-cache.js";
import { selectVersion } from "../../compiler/versions.js";
import type { PersonLedger } from "../../runtime/types.js";
import { prng } from "../diff/fixtures/gen-claims.js";

/** Claims in date order over 2023–2024; a person holds one or two of the policy's identities. */
function claims(n: number, persons: number, identities: string[], seed: number): RawRecord[] {
  const rand = prng(seed);
  const ids = Array.from({ length: persons }, (_, i) => ({
    id: i % 3 === 0 ? `人员-${i}` : `P${i}`,
    identities: rand() < 0.3 ? [identities[i % identities.length]!, identities[(i * 7 + 1) % identities.length]!] : [identities[i % identities.length]!],
  }));
  const out: RawRecord[] = [];
  for (let i = 0; i < n; i++) {
    const p = ids[Math.floor(rand() * persons)]!;
    const day = Math.floor((i * 730) / n);
    const date = new Date(Date.UTC(2023, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    out.push({
      no: i + 1,
      value: {
        编号: "C" + i,
        人员编号: p.id,
        身份: p.identities,
        就诊类型: ["住院", "住院", "门诊慢特病", "普通门诊"][Math.floor(rand() * 4)]!,
        结算日期: date,
        申请日期: "2022-12-01",
        // up to 12万元: a few claims of one person reach the annual caps
        个人负担: (Math.floor(rand() * 12_000_000) / 100).toFixed(2),
        规范转诊: rand() < 0.7,
        个人缴费: "380.00",
      },
    });
  }
  return out;
}

async function lines(region: string, records: RawRecord[], memory?: PersonLedgers): Promise<string[]> {
  const versions = loadPolicyPaths([`policies/${region}`]).policies.flatMap((p) => (p.policy ? [p.policy] : []));
  const out: string[] = [];
  async function* batches() {
    for (let i = 0; i < records.length; i += 1000) yield records.slice(i, i + 1000);
  }
  await runCalc(
    batches(),
    {
      versions,
      calculator: "医疗救助",
      explain: false,
      select: selectVersion,
      evaluatorFor: (p) => loadEvaluator(p),
      memory,
    },
    (l) => void out.push(l),
  );
  return out;
}

describe("compact ledger of calc (no --ledger)", () => {
  for (const [region, identities] of [
    ["台州市", ["特困供养人员", "低保对象", "低保边缘对象", "因病致贫对象"]],
    ["营口市", ["特困人员", "低保对象", "低保边缘家庭成员", "因病致贫重病患者", "孤儿"]],
  ] as const) {
    it(`${region}: the same line for every claim as the Map of ledgers`, async () => {
      const records = claims(30_000, 3_000, [...identities], 14);
      const compact = await lines(region, records);
      const map = await lines(region, records, new Map<string, PersonLedger>());
      expect(compact.length).toBe(records.length);
      // the comparison means something: most claims computed, many paid, some hit a cap
      const ok = map.filter((l) => !l.includes('"错误"'));
      expect(ok.length).toBeGreaterThan(records.length * 0.8);
      expect(map.some((l) => l.includes("年度限额") || l.includes("封顶"))).toBe(true);
      let differ = 0;
      for (let i = 0; i < map.length; i++) if (compact[i] !== map[i]) differ++;
      expect(differ).toBe(0);
    }, 120_000);
  }

  it("round-trips ledgers: large values, Chinese and long ids, growth, keys added late", () => {
    const store = new CompactLedgers(16);
    const ref = new Map<string, PersonLedger>();
    const rand = prng(7);
    const keys = ["限额:基本救助", "起付线:基本救助", "累计:大额", "限额组:封顶"];
    const idOf = (i: number) => (i % 5 === 0 ? "人员编号-" + i : i % 97 === 0 ? "L".repeat(300) + i : "P" + i);
    for (let step = 0; step < 80_000; step++) {
      const i = Math.floor(rand() * 20_000);
      const id = idOf(i);
      const year = 2023 + Math.floor((step * 3) / 80_000);
      const known = store.get(id);
      expect(known).toEqual(ref.get(id));
      const used: Record<string, number> = known !== undefined && known.year === year ? { ...known.used } : {};
      // a key first written after 40,000 steps: its column starts late
      const k = keys[Math.floor(rand() * (step < 40_000 ? 3 : 4))]!;
      const big = rand() < 0.05;
      used[k] = big ? 2 ** 31 + Math.floor(rand() * 2 ** 40) : Math.floor(rand() * 3_000_000);
      if (rand() < 0.1) used[k] = 0;
      const lifetime: Record<string, number> = { ...known?.lifetime };
      if (rand() < 0.1) lifetime["次数:一次性"] = (lifetime["次数:一次性"] ?? 0) + 1;
      const date = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-0${1 + Math.floor(rand() * 9)}`;
      const ledger: PersonLedger = { year, lastDate: date, used, lifetime };
      store.set(id, ledger);
      // the reference keeps what the evaluators can tell apart: 0 and absent are the same
      const strip = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== 0));
      ref.set(id, { year, lastDate: date, used: strip(used), lifetime: strip(lifetime) });
    }
    expect(store.size).toBe(ref.size);
    for (const [id, l] of ref) expect(store.get(id)).toEqual(l);
    expect(store.get("nobody")).toBeUndefined();
  });
});
