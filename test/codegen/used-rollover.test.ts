/**
 * A year change zeroes `used` in place when it holds exactly the policy's keys (no object per
 * person-year), and replaces it when it holds any other key, so nothing of last year reaches the
 * new one. Amounts by hand from 营口 第十一条（一）: 孤儿 基本救助 70%, 年度限额 2万元, no 起付线.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicyPaths } from "../../compiler/load.js";
import { prepareClaims } from "../../bench/evaluate-bench.js";
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
