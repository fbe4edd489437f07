/**
 * Shared plumbing: the policies under test (every region in policies/, loaded once per test file),
 * a property's subject (policy + evaluator), and small helpers for running claims.
 */
import type fc from "fast-check";
import { loadPolicyPaths } from "../../compiler/load.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { newLedger, type Evaluator, type Outcome, type PersonLedger } from "../../runtime/types.js";
import type { GenClaim } from "./arbitraries.js";

/** Every checked version in policies/ (base policies included: they must refuse alone). */
export function allPolicies(): CheckedPolicy[] {
  const r = loadPolicyPaths(["policies"]);
  const out = r.policies.flatMap((p) => (p.policy ? [p.policy] : []));
  if (out.length !== r.policies.length) throw new Error("a policy in policies/ does not check");
  return out;
}

/** Versions that can compute on their own (a 基础政策 answers every claim with 未规定). */
export const computable = (ps: CheckedPolicy[]) => ps.filter((p) => !p.meta.isBase);

export const label = (p: CheckedPolicy) => `${p.meta.region} ${p.meta.effective}`;

/**
 * What a property is run against: the policy and the evaluator under test. `tally.hits` counts
 * the runs where the property had something to check (an item paid, a cap was reached, the parts
 * were compared …): the suite asserts it is not 0, since a property that only ever sees zeros or
 * skipped cases proves nothing.
 */
export interface Subject {
  policy: CheckedPolicy;
  ev: Evaluator;
  tally?: { hits: number };
}

export function hit(s: Subject): void {
  if (s.tally) s.tally.hits++;
}

/** A property over a subject: how fast-check checks one invariant on one policy. */
export type PropertyOf = (s: Subject) => fc.IProperty<unknown[]>;

export type Ok = Extract<Outcome, { ok: true }>;

export class PropertyFailure extends Error {}

/** Fail the property with a short reason (fast-check adds the counterexample and the seed). */
export function fail(message: string): never {
  throw new PropertyFailure(message);
}

export function check(cond: boolean, message: () => string): void {
  if (!cond) fail(message());
}

export const yearOf = (iso: string) => Number(iso.slice(0, 4));

export function freshLedger(g: GenClaim): PersonLedger {
  return newLedger(yearOf(g.claim.结算日期));
}

export function evalOn(ev: Evaluator, g: GenClaim, ledger: PersonLedger, explain = false): Outcome {
  return ev.evaluate(g.calculator, g.claim, ledger, { explain });
}

/** The ledger after a person's earlier claims (their outcomes do not matter here). */
export function ledgerAfter(ev: Evaluator, prefix: readonly GenClaim[], year: number): PersonLedger {
  const ledger = newLedger(prefix.length ? yearOf(prefix[0]!.claim.结算日期) : year);
  for (const g of prefix) evalOn(ev, g, ledger);
  return ledger;
}

export const clone = <T>(x: T): T => structuredClone(x);

/** An outcome without its explanation (compared line by line on its own: props-explain.ts). */
export function comparable(o: Outcome): Outcome {
  if (!o.ok) return o;
  const { 计算过程: _, ...rest } = o;
  return rest;
}
