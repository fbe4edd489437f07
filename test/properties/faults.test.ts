/**
 * A property that cannot fail is worth nothing: each compiler fault switch (compiler/codegen/
 * faults.ts) applied to the real policies must make the properties meant to catch it FAIL, with a
 * counterexample. Which policy a fault can show on is read from the IR (no deductible anywhere →
 * deductible-twice changes nothing there, so nothing can catch it).
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CheckedPolicy } from "../../compiler/ir.js";
import type { Fault } from "../../compiler/compile.js";
import { loadEvaluator } from "../../compiler/module-cache.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import type { Evaluator } from "../../runtime/types.js";
import { runs } from "./config.js";
import { allPolicies, computable, label, PropertyFailure, type PropertyOf } from "./harness.js";
import { paramsRows } from "./facts.js";
import { bounds, caps, ledger } from "./props-sequence.js";
import { maxIdentity, splitting } from "./props-claim.js";
import { money } from "./props-money.js";
import { differential } from "./props-diff.js";

const rows = (p: CheckedPolicy) => p.items.flatMap(paramsRows);
const hasCaps = (p: CheckedPolicy) =>
  p.capGroups.length > 0 || rows(p).some((r) => r.annualCap !== null || r.perClaimCap !== null);
const hasRatio = (p: CheckedPolicy) => rows(p).some((r) => r.flat === null && r.segments.some((s) => s.bp > 0));
/** two identities with a paying row in one item: only then can a sum differ from the max */
const multiIdentity = (p: CheckedPolicy) =>
  p.items.some((i) => Object.values(i.rows).filter((r) => r.kind === "params").length > 1);

interface Expectation {
  /** the policies on which the fault changes some payout */
  shows: (p: CheckedPolicy) => boolean;
  /** the properties that must catch it, besides the differential (which must catch every fault) */
  caughtBy: [string, PropertyOf][];
}

const MATRIX = {
  // counters are still charged: only the per-year totals and the exact amount show it
  "cap-ignored": {
    shows: hasCaps,
    caughtBy: [
      ["caps", caps],
      ["money", money],
    ],
  },
  // only 营口 and 济宁 have deductibles; paying less is within every bound, but not exact
  "deductible-twice": {
    shows: (p) => rows(p).some((r) => r.deductible > 0 && r.flat === null),
    caughtBy: [
      ["money", money],
      ["splitting", splitting],
    ],
  },
  // the reported winner stays the best identity, but 金额 is the sum (and ≠ Σ明细)
  "sum-identities": {
    shows: multiIdentity,
    caughtBy: [
      ["就高不重复", maxIdentity],
      ["bounds", bounds],
    ],
  },
  // 100% items rounded up to 角 exceed their base
  "round-jiao": {
    shows: hasRatio,
    caughtBy: [
      ["money", money],
      ["bounds", bounds],
      ["splitting", splitting],
    ],
  },
  // every claim sees a fresh year: caps reset, counters never written, a+b ≠ a then b
  "ledger-not-updated": {
    shows: hasCaps,
    caughtBy: [
      ["caps", caps],
      ["ledger", ledger],
      ["splitting", splitting],
    ],
  },
} satisfies Record<Fault, Expectation>;

/** fc.check must report a failure of the property's own check (not a crash), with its (shrunk) counterexample. */
function expectCaught(prop: ReturnType<PropertyOf>, n: number): void {
  const r = fc.check(prop, runs(n));
  expect(r.failed, "the property passed although the module is wrong").toBe(true);
  expect(r.errorInstance).toBeInstanceOf(PropertyFailure);
  expect(r.counterexample).not.toBeNull();
}

for (const policy of computable(allPolicies())) {
  describe(`faults ${label(policy)}`, () => {
    const reference = createInterpreter(policy);
    for (const [fault, e] of Object.entries(MATRIX) as [Fault, Expectation][]) {
      if (!e.shows(policy)) continue;
      describe(fault, () => {
        let faulty: Evaluator;
        beforeAll(async () => {
          faulty = await loadEvaluator(policy, { faults: [fault] });
        });
        for (const [name, prop] of e.caughtBy)
          it(`is caught by ${name}`, () => expectCaught(prop({ policy, ev: faulty }), 2000));
        it("is caught by the differential", () => expectCaught(differential(reference)({ policy, ev: faulty }), 2000));
      });
    }
  });
}
