/**
 * Slow (npm run test:slow): a policy of 1000 items checks clean, compiles (issue 9 §6: 250 items
 * overflowed the stack in TypeScript's checker after 4 minutes; the requirement is ≥ 1000 items
 * within 60 s on 2 cores, which is a benchmark, not asserted here), and the compiled module pays
 * the hand-computed amounts that the interpreter also pays.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { newLedger, type Claim, type Evaluator } from "../../runtime/types.js";
import { compileAndLoad, type Loaded } from "../codegen/fixtures/load.js";
import { handCases, manyItemsPolicy, someClaims } from "../codegen/fixtures/many-items.js";

const N = 1000;
let L: Loaded;
let interp: Evaluator;
beforeAll(async () => {
  const policy = manyItemsPolicy(N); // throws with the diagnostics if it does not check clean
  L = await compileAndLoad(policy); // throws with TypeScript's errors if it does not compile
  interp = createInterpreter(policy);
});

describe(`a policy of ${N} items`, () => {
  it("compiles to a module listing every item", () => {
    expect(L.compiled.diagnostics).toEqual([]);
    expect((L.module["计算器表"] as { items: readonly string[] }[])[0]!.items).toHaveLength(N);
    expect(L.compiled.ts).toContain(`const runItem${N - 1} = (h: number): void => {`);
  });

  it.each(handCases(N))("pays the hand-computed amounts in both engines: $note", ({ claims, want }) => {
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
    for (const { person, claim } of someClaims(12)) {
      const [lc, li] = ledgers[person]!;
      const c = claim as unknown as Claim;
      expect(L.module.evaluate("医疗救助", c, lc)).toEqual(interp.evaluate("医疗救助", c, li));
    }
    for (const [lc, li] of ledgers) expect(lc).toEqual(li);
  });
});
