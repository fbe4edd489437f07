/**
 * A calculator with more items than SPLIT_ITEMS is generated as one function per item (issue 9
 * §6: 250 items overflowed TypeScript's stack in one function). The full 1000-item run is in
 * test/slow/many-items.test.ts (npm run test:slow); here a size just past the threshold checks
 * that the split form computes what the hand and the interpreter say.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SPLIT_ITEMS } from "../../compiler/codegen/calculator.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { newLedger, type Claim, type Evaluator } from "../../runtime/types.js";
import { intoOf } from "../../bench/evaluate-bench.js";
import { newOutcomeInto } from "../../runtime/into.js";
import { compileAndLoad, type Loaded } from "./fixtures/load.js";
import { handCases, manyItemsPolicy, someClaims } from "./fixtures/many-items.js";

const N = 40;
let L: Loaded;
let interp: Evaluator;
beforeAll(async () => {
  const policy = manyItemsPolicy(N);
  L = await compileAndLoad(policy);
  interp = createInterpreter(policy);
});

describe(`a calculator of ${N} items (> ${SPLIT_ITEMS}: one function per item)`, () => {
  it("is generated as one function per item", () => {
    expect(N).toBeGreaterThan(SPLIT_ITEMS);
    expect(L.compiled.ts).toContain(`const runItem${N - 1} = (h: number): void => {`);
  });

  it.each(handCases(N))("pays the hand-computed amounts: $note", ({ claims, want }) => {
    for (const ev of [L.module, interp]) {
      const ledger = newLedger(2024);
      const got = claims.map((c) => {
        const o = ev.evaluate("医疗救助", c as unknown as Claim, ledger);
        if (!o.ok) throw new Error(o.错误);
        return o.金额;
      });
      expect(got).toEqual(want);
    }
  });

  it("both engines agree on every outcome and ledger of a few persons' claims", () => {
    const ledgers = [0, 1, 2].map(() => [newLedger(2024), newLedger(2024)] as const);
    for (const { person, claim } of someClaims(60)) {
      const [lc, li] = ledgers[person]!;
      const c = claim as unknown as Claim;
      expect(L.module.evaluate("医疗救助", c, lc)).toEqual(interp.evaluate("医疗救助", c, li));
    }
    for (const [lc, li] of ledgers) expect(lc).toEqual(li);
  });

  it("evaluateInto fills the same totals, item amounts and notes, and the same ledgers", () => {
    const into = intoOf(L.module);
    const ledgers = [0, 1, 2].map(() => [newLedger(2024), newLedger(2024)] as const);
    const out = newOutcomeInto();
    for (const { person, claim } of someClaims(60)) {
      const [la, lb] = ledgers[person]!;
      const c = claim as unknown as Claim;
      const want = L.module.evaluate("医疗救助", c, la);
      into("医疗救助", c, lb, out);
      if (!want.ok) throw new Error(want.错误);
      expect(out.金额).toBe(want.金额);
      expect(out.项目数).toBe(N);
      expect(want.明细.map((l, i) => [out.项目金额[i], out.说明[i]])).toEqual(want.明细.map((l) => [l.金额, l.说明]));
    }
    for (const [la, lb] of ledgers) expect(lb).toEqual(la);
  });
});
