/**
 * The invariants of docs/语义.md as fast-check properties, on every policy in policies/ (read from
 * the IR: a new region gets them automatically), against the compiled module. The interpreter is
 * held to the same properties in deep mode (differential.test.ts proves the two equal anyway).
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadEvaluator } from "../../compiler/module-cache.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import type { Evaluator } from "../../runtime/types.js";
import { DEEP, runs } from "./config.js";
import { allPolicies, computable, evalOn, freshLedger, label, PropertyFailure } from "./harness.js";
import { claimArb } from "./arbitraries.js";
import { KNOWN_FINDINGS, PROPERTIES } from "./suite.js";

const policies = allPolicies();

for (const policy of computable(policies)) {
  describe(`properties ${label(policy)}`, () => {
    const engines: [string, () => Evaluator][] = [];
    let compiled: Evaluator;
    beforeAll(async () => {
      compiled = await loadEvaluator(policy);
    });
    engines.push(["compiled", () => compiled]);
    if (DEEP) engines.push(["interpreter", () => createInterpreter(policy)]);
    for (const [engine, get] of engines)
      for (const [name, prop, n] of PROPERTIES) {
        const known = KNOWN_FINDINGS.find((k) => k.region === policy.meta.region && k.property === name);
        if (known) {
          it(`${engine}: ${name} — still fails (known finding)`, () => {
            const r = fc.check(prop({ policy, ev: get() }), { ...runs(3000), endOnFailure: true });
            expect(r.failed, `fixed? remove it from KNOWN_FINDINGS: ${known.why}`).toBe(true);
            expect(r.errorInstance).toBeInstanceOf(PropertyFailure);
            expect(String(r.errorInstance)).toContain(known.symptom);
          });
          continue;
        }
        it(`${engine}: ${name}`, () => {
          const tally = { hits: 0 };
          fc.assert(prop({ policy, ev: get(), tally }), runs(n));
          if (process.env.JIUZHU_PROPERTY_STATS)
            console.log(`${label(policy)} ${name}: ${tally.hits}/${runs(n).numRuns}`);
          expect(tally.hits, "runs where the property had something to check").toBeGreaterThan(0);
        });
      }
  });
}

for (const policy of policies.filter((p) => p.meta.isBase)) {
  it(`基础政策 ${label(policy)} refuses every claim alone`, async () => {
    const ev = await loadEvaluator(policy);
    fc.assert(
      fc.property(claimArb(policy), (g) => {
        const out = evalOn(ev, g, freshLedger(g));
        expect(out.ok === false && out.错误.startsWith("未规定：")).toBe(true);
      }),
      runs(50),
    );
  });
}
