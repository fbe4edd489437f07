/**
 * The bench compares the compiled 营口 module with a hand-written evaluator (bench/); its numbers
 * mean something only if both compute the same. Checked here on a few thousand generated claims
 * (the bench checks all of its claims again before timing).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicyPaths } from "../../compiler/load.js";
import { agreement, intoOf, prepareClaims } from "../../bench/evaluate-bench.js";
import { generateClaims } from "../../bench/claims.js";
import { compileAndLoad, type Loaded } from "./fixtures/load.js";
import type { CheckedPolicy } from "../../compiler/ir.js";

let policy: CheckedPolicy;
let L: Loaded;
beforeAll(async () => {
  policy = loadPolicyPaths(["policies/营口市"]).policies[0]!.policy!;
  L = await compileAndLoad(policy);
});

describe("bench: hand-written 营口 evaluator", () => {
  it("agrees with the compiled module on total, items, winner and others", () => {
    for (const persons of [50, 2000]) {
      const set = prepareClaims(policy, 3000, persons);
      expect(agreement(L.module, set)).toEqual({ mismatches: 0, first: undefined });
      expect(agreement(L.module, set, { explain: true }).mismatches).toBe(0);
      expect(agreement(L.module, set, {}, intoOf(L.module)).mismatches).toBe(0);
    }
  });

  it("generates the same claims for the same seed", () => {
    const a = [...generateClaims(50)];
    expect([...generateClaims(50)]).toEqual(a);
    expect([...generateClaims(50, 7)]).not.toEqual(a);
  });
});
