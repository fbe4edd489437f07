/**
 * Compiled module ≡ reference interpreter on at least 10,000 random claims per policy (people of
 * 4–8 claims sharing a ledger across calculators and years, with and without explanation), in
 * npm test already; ×10 with JIUZHU_DEEP=1.
 */
import { expect, it } from "vitest";
import fc from "fast-check";
import { loadEvaluator } from "../../compiler/module-cache.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { DIFFERENTIAL_CLAIMS, runs } from "./config.js";
import { allPolicies, label } from "./harness.js";
import { differential, MIN_CLAIMS_PER_PERSON } from "./props-diff.js";

for (const policy of allPolicies()) {
  // a 基础政策 answers every claim with the same error in both: a few runs show it
  const people = policy.meta.isBase ? 50 : Math.ceil(DIFFERENTIAL_CLAIMS / MIN_CLAIMS_PER_PERSON);
  it(`compiled ≡ interpreter: ${label(policy)}`, async () => {
    const compiled = await loadEvaluator(policy);
    const counter = { claims: 0 };
    fc.assert(differential(createInterpreter(policy), counter)({ policy, ev: compiled }), {
      ...runs(1),
      numRuns: people,
    });
    if (!policy.meta.isBase) expect(counter.claims).toBeGreaterThanOrEqual(DIFFERENTIAL_CLAIMS);
  });
}
