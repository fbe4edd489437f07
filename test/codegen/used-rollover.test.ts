/**
 * A year change zeroes `used` in place when it holds exactly the policy's keys (no object per
 * person-year), and replaces it when it holds any other key, so nothing of last year reaches the
 * new one. Amounts by hand from 营口 第十一条（一）: 孤儿 基本救助 70%, 年度限额 2万元, no 起付线.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicyPaths } from "../../compiler/load.js";
import { prepareClaims } from "../../bench/evaluate-bench.js";
import { manyItemsPolicy } from "./fixtures/many-items.js";
import { compileAndLoad, type Loaded } from "./fixtures/load.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { newLedger, type Claim, type Outcome, type PersonLedger } from "../../runtime/types.js";

let L: Loaded;
let policy: CheckedPolicy;
beforeAll(async () => {
  policy = loadPolicyPaths(["policies/营口市"]).policies[0]!.policy!;
  L = await compileAndLoad(policy);
});

// 孤儿, 住院, not referred (倾斜救助 0, 第十一条（二）): only what the rules read (参保 for 第五条)
// as a settlement system sends it: the fields the rules read, nothing padded (hence the cast)
const stay = (date: string, fen: number): Claim =>
  ({ 身份: ["孤儿"], 就诊类型: "住院", 结算日期: date, 个人负担: fen, 参保: true, 规范转诊: false }) as unknown as Claim;
const amount = (o: Outcome): number => {
  if (!o.ok) throw new Error(o.错误);
  return o.金额;
};

describe("year change of the compiled ledger", () => {
  it("zeroes the same used object when it holds only the policy's keys", () => {
    const ledger: PersonLedger = newLedger(2023);
    // 30000元 × 70% = 21000元 > 年度限额 2万元 → 20000元
    expect(amount(L.module.evaluate("医疗救助", stay("2023-05-01", 3_000_000), ledger))).toBe(2_000_000);
    const used = ledger.used;
    expect(used["限额:基本救助"]).toBe(2_000_000);
    // 2024: the cap is whole again: 1000元 × 70% = 700元 (with 2023's 2万元 still counted it would be 0)
    expect(amount(L.module.evaluate("医疗救助", stay("2024-02-01", 100_000), ledger))).toBe(70_000);
    expect(ledger.used).toBe(used);
    expect(ledger.year).toBe(2024);
    expect(used["限额:基本救助"]).toBe(70_000);
  });

  it("gives a new used object, without last year's other keys, when used holds a key not the policy's", () => {
    const ledger: PersonLedger = newLedger(2023);
    expect(amount(L.module.evaluate("医疗救助", stay("2023-05-01", 3_000_000), ledger))).toBe(2_000_000);
    const used = ledger.used;
    // written by another version of the policy or by the caller
    used["限额:旧版项目"] = 123;
    expect(amount(L.module.evaluate("医疗救助", stay("2024-02-01", 100_000), ledger))).toBe(70_000);
    expect(ledger.used).not.toBe(used);
    expect(ledger.used["限额:旧版项目"]).toBeUndefined();
    expect(ledger.used["限额:基本救助"]).toBe(70_000);
    // the old object is left as it was
    expect(used["限额:基本救助"]).toBe(2_000_000);
  });

  it("does not zero in place when Object.prototype carries an enumerable key", () => {
    const ledger: PersonLedger = newLedger(2023);
    L.module.evaluate("医疗救助", stay("2023-05-01", 3_000_000), ledger);
    const used = ledger.used;
    // assertions only after the prototype is clean again: the test runner itself enumerates objects
    let paid: Outcome;
    Object.defineProperty(Object.prototype, "污染", { value: 1, enumerable: true, writable: true, configurable: true });
    try {
      paid = L.module.evaluate("医疗救助", stay("2024-02-01", 100_000), ledger);
    } finally {
      delete (Object.prototype as Record<string, unknown>)["污染"];
    }
    expect(amount(paid)).toBe(70_000);
    expect(ledger.used).not.toBe(used);
  });
});

describe("the module's newLedger", () => {
  it("starts used with every key of the policy at 0 (0 means unused)", () => {
    const make = L.module["newLedger"] as (year: number) => PersonLedger;
    const ledger = make(2023);
    expect(ledger.year).toBe(2023);
    expect(ledger.lastDate).toBe("");
    expect(Object.keys(ledger.used).length).toBeGreaterThan(0);
    expect(Object.values(ledger.used).every((v) => v === 0)).toBe(true);
    expect(ledger.used["限额:基本救助"]).toBe(0);
  });

  it("gives the same outcome, claim by claim, as the runtime's empty ledger", () => {
    const make = L.module["newLedger"] as (year: number) => PersonLedger;
    const set = prepareClaims(policy, 3000, 400);
    const ours = Array.from({ length: set.persons }, () => make(2023));
    const plain = Array.from({ length: set.persons }, () => newLedger(2023));
    let paid = 0;
    for (let i = 0; i < set.claims.length; i++) {
      const a = L.module.evaluate("医疗救助", set.claims[i]!, ours[set.who[i]!]!);
      const b = L.module.evaluate("医疗救助", set.claims[i]!, plain[set.who[i]!]!);
      expect(a, `claim ${i}`).toEqual(b);
      if (a.ok && a.金额 > 0) paid++;
    }
    expect(paid).toBeGreaterThan(1000);
  });
});

describe("year change with more than 32 ledger keys (onlyPolicyKeys loops over them)", () => {
  it("zeroes in place, and replaces used holding another key", async () => {
    // 40 items, 特困人员 0.1% with 年度限额 1元 each (fixtures/many-items.ts): 个人负担 2000元 pays
    // 2000 × 0.1% = 2元 per item (every 10th: (2000 − 1) × 0.1% = 1.999元 → 2元), capped at 1元:
    // 40 × 100分 = 4000分 in each year
    const M = await compileAndLoad(manyItemsPolicy(40));
    const make = M.module["newLedger"] as (year: number) => PersonLedger;
    const ledger = make(2024);
    const stay = (date: string) =>
      ({ 身份: ["特困人员"], 就诊类型: "住院", 结算日期: date, 个人负担: 200_000 }) as unknown as Claim;
    expect(amount(M.module.evaluate("医疗救助", stay("2024-03-01"), ledger))).toBe(4000);
    expect(amount(M.module.evaluate("医疗救助", stay("2024-04-01"), ledger))).toBe(0); // caps used up
    const used = ledger.used;
    expect(Object.keys(used).length).toBeGreaterThan(32);
    expect(amount(M.module.evaluate("医疗救助", stay("2025-01-02"), ledger))).toBe(4000);
    expect(ledger.used).toBe(used);
    used["限额:别的项目"] = 5;
    expect(amount(M.module.evaluate("医疗救助", stay("2026-01-02"), ledger))).toBe(4000);
    expect(ledger.used).not.toBe(used);
    expect(ledger.used["限额:别的项目"]).toBeUndefined();
  });
});
