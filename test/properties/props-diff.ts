/**
 * Differential: the compiled module and the reference interpreter (independent implementations of
 * docs/语义.md) give the same Outcome — 计算过程 aside (compared line by line in props-explain.ts) — and leave the same
 * ledger, claim after claim, for people whose claims share a ledger across calculators and years.
 */
import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { newLedger, type Evaluator, type Outcome, type PersonLedger } from "../../runtime/types.js";
import { personArb } from "./arbitraries.js";
import { check, comparable, evalOn, yearOf, type PropertyOf } from "./harness.js";

/** At least 4 claims per person, so numRuns × 4 bounds the number of claims from below. */
export const MIN_CLAIMS_PER_PERSON = 4;

export const people = (policy: CheckedPolicy) => {
  const o = { minLength: MIN_CLAIMS_PER_PERSON, maxLength: 8, dropOptional: true };
  return fc.oneof(
    personArb(policy, { ...o, oneYear: true, fixedIdentities: true }), // caps and 按年 ledgers fill up
    personArb(policy, { ...o, oneYear: true }), // identities change within the year
    personArb(policy, o), // year rollovers
  );
};

const short = (x: unknown) => JSON.stringify(x).slice(0, 600);

/** Outcomes are compared whole (计算过程 aside), error messages included, letter for letter. */
function sameOutcome(a: Outcome, b: Outcome): boolean {
  return isDeepStrictEqual(a, b);
}

/**
 * The ledger as the semantics sees it: an absent counter is 0 (runtime/ledger.ts usedOf), and the
 * compiled module writes the keys it touched even when they stay 0 while the interpreter does not.
 */
function normal(l: PersonLedger): PersonLedger {
  const nonzero = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== 0));
  return { ...l, used: nonzero(l.used), lifetime: nonzero(l.lifetime) };
}

/** `counter.claims` counts every claim compared (the suite asserts its ≥ 10,000). */
export const differential =
  (reference: Evaluator, counter = { claims: 0 }): PropertyOf =>
  ({ policy, ev }) =>
    fc.property(people(policy), fc.boolean(), (claims, explain) => {
      const year = yearOf(claims[0]!.claim.结算日期);
      const l1 = newLedger(year);
      const l2 = newLedger(year);
      claims.forEach((g, i) => {
        const o1 = comparable(evalOn(ev, g, l1, explain));
        const o2 = comparable(evalOn(reference, g, l2, explain));
        counter.claims++;
        check(
          sameOutcome(o1, o2),
          () => `claim ${i + 1} (${g.calculator}): compiled ${short(o1)} ≠ interpreter ${short(o2)}`,
        );
        check(
          isDeepStrictEqual(normal(l1), normal(l2)),
          () => `claim ${i + 1}: ledgers differ: ${short(l1)} ≠ ${short(l2)}`,
        );
      });
    });
