/**
 * Fault injection (compiler/codegen/faults.ts): each fault changes a hand-computed payout of the
 * real 营口 policy, so a property test comparing against the interpreter would catch it. Without
 * faults the module is unchanged. Amounts in 分; arithmetic in 元 beside each expectation.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadPolicyPaths } from "../../compiler/load.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import type { Fault } from "../../compiler/compile.js";
import { claim, compileAndLoad, ok, run, type Loaded } from "./fixtures/load.js";
import type { Claim } from "../../runtime/types.js";

let policy: CheckedPolicy;
let normal: Loaded;
beforeAll(async () => {
  const loaded = loadPolicyPaths(["policies/营口市"]);
  policy = loaded.policies[0]!.policy!;
  normal = await compileAndLoad(policy);
});

/** Totals of a sequence of claims of one person, and the winner of the last. */
function totals(L: Loaded, claims: Claim[]) {
  const { outcomes } = run(L.module, "医疗救助", claims);
  const oks = outcomes.map(ok);
  return { totals: oks.map((o) => o.金额), winner: oks.at(-1)!.适用身份 };
}

const inpatient = (fields: Partial<Claim>) => claim({ 就诊类型: "住院", ...fields });

const cases: { fault: Fault; claims: Claim[]; normal: number[]; faulty: number[] }[] = [
  {
    // 基本救助 40000×70% = 28000 → 年度限额 2万元 (no 倾斜: not referred)
    fault: "cap-ignored",
    claims: [inpatient({ 身份: ["特困人员"], 个人负担: 4_000_000 })],
    normal: [2_000_000],
    faulty: [2_800_000],
  },
  {
    // 低保边缘: (10000 − 2000)×60% = 4800; twice: (10000 − 2×2000)×60% = 3600
    fault: "deductible-twice",
    claims: [inpatient({ 身份: ["低保边缘家庭成员"], 个人负担: 1_000_000 })],
    normal: [480_000],
    faulty: [360_000],
  },
  {
    // 特困 10000×70% = 7000 wins over 低保边缘 4800; summed: 7000 + 4800 = 11800
    fault: "sum-identities",
    claims: [inpatient({ 身份: ["低保边缘家庭成员", "特困人员"], 个人负担: 1_000_000 })],
    normal: [700_000],
    faulty: [1_180_000],
  },
  {
    // 10.07×70% = 7.049 → 7.05元 to 分; to 角 7.0 (from the exact amount, not from 7.05)
    fault: "round-jiao",
    claims: [inpatient({ 身份: ["特困人员"], 个人负担: 1007 })],
    normal: [705],
    faulty: [700],
  },
  {
    // 30000×70% = 21000 → 2万元 cap; the second claim has no room left, unless nothing was recorded
    fault: "ledger-not-updated",
    claims: [
      inpatient({ 身份: ["特困人员"], 个人负担: 3_000_000 }),
      inpatient({ 身份: ["特困人员"], 个人负担: 3_000_000, 结算日期: "2023-05-01" }),
    ],
    normal: [2_000_000, 0],
    faulty: [2_000_000, 2_000_000],
  },
];

describe("fault injection on 营口市", () => {
  for (const c of cases) {
    it(`${c.fault} changes the hand-computed result`, async () => {
      const real = totals(normal, c.claims);
      expect(real.totals).toEqual(c.normal);
      const faulty = await compileAndLoad(policy, [c.fault]);
      expect(faulty.compiled.diagnostics).toEqual([]);
      expect(faulty.compiled.ts).toContain("FAULT " + c.fault);
      const got = totals(faulty, c.claims);
      expect(got.totals).toEqual(c.faulty);
      expect(got.winner).toBe(real.winner); // sum-identities still reports the best identity
    });
  }

  it("a normal module carries no fault branch", () => {
    expect(normal.compiled.ts).not.toContain("FAULT");
    expect(normal.compiled.ts).not.toContain("故障注入");
  });

  it("loadEvaluator keys the cache by the faults", async () => {
    process.env.JIUZHU_CACHE_DIR = await mkdtemp(path.join(os.tmpdir(), "jiuzhu-fault-cache-"));
    const { cacheKey, loadEvaluator } = await import("../../compiler/module-cache.js");
    expect(await cacheKey(policy, ["cap-ignored"])).not.toBe(await cacheKey(policy));
    expect(await cacheKey(policy, ["round-jiao", "cap-ignored"])).toBe(
      await cacheKey(policy, ["cap-ignored", "round-jiao"]),
    );
    const c = inpatient({ 身份: ["特困人员"], 个人负担: 4_000_000 });
    const faulty = await loadEvaluator(policy, { faults: ["cap-ignored"] });
    const real = await loadEvaluator(policy);
    expect(ok(faulty.evaluate("医疗救助", c, { year: 2023, lastDate: "", used: {}, lifetime: {} })).金额).toBe(2_800_000);
    expect(ok(real.evaluate("医疗救助", c, { year: 2023, lastDate: "", used: {}, lifetime: {} })).金额).toBe(2_000_000);
  });
});
