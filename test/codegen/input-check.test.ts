/**
 * Issue 9 §2 (library path) and §5: evaluate/evaluateInto called directly, without
 * validateClaim, used to accept 个人负担 NaN (paid −1), fractional or out-of-range 分, 2023-02-30
 * and claims out of date order on one ledger (the annual cap paid twice); and a running total
 * past 2^53 分 killed a calc run. Each is now a RecordError with the ledger unchanged, the same in
 * the compiled module and the interpreter. 营口市: 特困人员 住院 10000.00 → 基本救助 70% = 7000.00.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicyPaths } from "../../compiler/load.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { newOutcomeInto } from "../../runtime/into.js";
import { newLedger, type Claim, type Evaluator, type PersonLedger } from "../../runtime/types.js";
import { compileAndLoad, type Loaded } from "./fixtures/load.js";

let policy: CheckedPolicy;
let L: Loaded;
beforeAll(async () => {
  policy = loadPolicyPaths(["policies/营口市"]).policies[0]!.policy!;
  L = await compileAndLoad(policy);
});

const claim = (extra: Record<string, unknown> = {}): Claim =>
  ({
    编号: "A", 人员编号: "P", 身份: ["特困人员"], 就诊类型: "住院", 结算日期: "2023-03-01", 个人负担: 1_000_000,
    病种: [], 规范转诊: false, 就医地: "市域内", 参保: true, 参保类型: "居民医保", ...extra,
  }) as unknown as Claim;

type Run = (c: Claim, l: PersonLedger) => { ok: boolean; 错误?: string; 金额?: number };
const engines = (): [string, Run][] => {
  const compiled = L.module as unknown as Evaluator & { evaluateInto: (n: string, c: Claim, l: PersonLedger, o: unknown) => void };
  const interp = createInterpreter(policy);
  return [
    ["compiled evaluate", (c, l) => compiled.evaluate("医疗救助", c, l)],
    ["compiled evaluateInto", (c, l) => {
      const o = newOutcomeInto();
      compiled.evaluateInto("医疗救助", c, l, o);
      return o.ok ? { ok: true, 金额: o.金额 } : { ok: false, 错误: o.错误 };
    }],
    ["interpreter", (c, l) => interp.evaluate("医疗救助", c, l)],
  ];
};

describe("claims handed to evaluate directly", () => {
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ["个人负担 NaN", { 个人负担: NaN }, /个人负担.*整数分/],
    ["个人负担 0.5 分", { 个人负担: 0.5 }, /个人负担.*整数分/],
    ["个人负担 negative", { 个人负担: -100 }, /个人负担.*整数分/],
    ["个人负担 1e300", { 个人负担: 1e300 }, /个人负担.*整数分/],
    ["结算日期 2023-02-30", { 结算日期: "2023-02-30" }, /结算日期.*不是有效日期/],
  ];
  for (const [what, extra, message] of bad) {
    it(`${what} is a record error in every engine, ledger unchanged`, () => {
      for (const [name, run] of engines()) {
        const ledger = newLedger(2023);
        const r = run(claim(extra), ledger);
        expect(r.ok, name).toBe(false);
        expect(r.错误, name).toMatch(message);
        expect(ledger, name).toEqual(newLedger(2023));
      }
    });
  }

  it("a claim dated before one the ledger holds is refused (the cap is not paid twice)", () => {
    for (const [name, run] of engines()) {
      const ledger = newLedger(2023);
      expect(run(claim(), ledger)).toMatchObject({ ok: true, 金额: 700_000 }); // 10000 × 70%
      const before = structuredClone(ledger);
      const r = run(claim({ 结算日期: "2023-02-01" }), ledger);
      expect(r.错误, name).toMatch(/结算日期 2023-02-01 早于本台账已处理的结算日期 2023-03-01/);
      expect(ledger, name).toEqual(before);
      // an earlier year too
      expect(run(claim({ 结算日期: "2022-12-31" }), ledger).ok, name).toBe(false);
    }
  });

  it("a running total past 2^53 分 is that record's error, ledger unchanged", () => {
    for (const [name, run] of engines()) {
      const ledger = newLedger(2023);
      expect(run(claim(), ledger).ok).toBe(true);
      // the 预警 累计 of 个人负担 has no cap: put it just below 2^53
      const key = Object.keys(ledger.used).find((k) => k.startsWith("累计:"))!;
      expect(key, name).toBeDefined();
      ledger.used[key] = Number.MAX_SAFE_INTEGER - 10;
      const before = structuredClone(ledger);
      const r = run(claim({ 结算日期: "2023-03-02" }), ledger);
      expect(r.错误, name).toMatch(/2\^53/);
      expect(ledger, name).toEqual(before);
    }
  });
});
