/**
 * Checks every 保证 of a policy with fast-check: random valid records for the calculators the
 * condition names, one property per 保证, and on failure fast-check's shrunk (smallest) record,
 * re-evaluated with explanations for the report.
 */
import fc from "fast-check";
import { claimSchema } from "../claim-schema.js";
import type { CheckedPolicy, GuaranteeIR } from "../ir.js";
import { condFields } from "../passes/lower-cond.js";
import { validateClaim, type ClaimSchema } from "../../runtime/claims.js";
import type { Claim, Evaluator } from "../../runtime/types.js";
import { claimArbitrary, type RawRecord } from "./claims.js";
import { calculatorsOf, evaluateGuarantee, type Verdict } from "./evaluate.js";

export interface CheckOptions {
  /** random records per 保证 */
  runs: number;
  seed: number;
}

export interface Counterexample {
  record: RawRecord;
  /** the shrunk record re-evaluated with 计算过程; absent when evaluation threw */
  verdict?: Verdict;
  /** what was thrown, when the evaluator (or the generator) failed rather than the 保证 */
  error?: string;
  /** records tried until the first failure, and shrink steps after it */
  foundAfter: number;
  shrinks: number;
}

export interface GuaranteeResult {
  guarantee: GuaranteeIR;
  /** untested: no random record had a result (all were errors), so nothing was shown */
  status: "holds" | "fails" | "untested";
  runs: number;
  /** records that had a result and so tested the 保证 (shrink attempts count too when it fails) */
  checked: number;
  seed: number;
  counterexample?: Counterexample;
}

/** Raw record → claim; the generator only makes valid records, so a rejection is a bug here. */
function toClaim(raw: RawRecord, schema: ClaimSchema): Claim {
  const v = validateClaim(raw, schema, 1);
  if (!v.ok) throw new Error(`生成的记录未通过校验（请报告）：${v.错误}`);
  return v.claim;
}

export function checkGuarantee(
  policy: CheckedPolicy,
  evaluator: Evaluator,
  g: GuaranteeIR,
  options: CheckOptions,
): GuaranteeResult {
  const calculators = calculatorsOf(policy, g);
  const results = new Set(policy.calculators.map((c) => c.resultField));
  const fields = new Set(calculators.flatMap((c) => c.fields));
  for (const f of condFields(g.cond, new Set())) if (!results.has(f)) fields.add(f);
  const schema = claimSchema(policy, [...fields]);

  let checked = 0;
  const property = fc.property(claimArbitrary(policy, fields), (raw) => {
    const verdict = evaluateGuarantee(policy, evaluator, g, toClaim(raw, schema));
    if (verdict.kind === "skipped") return true; // an error record pays nothing: vacuous
    checked++;
    return verdict.holds;
  });
  const details = fc.check(property, { numRuns: options.runs, seed: options.seed });
  const base = { guarantee: g, runs: options.runs, checked, seed: options.seed };
  if (!details.failed || details.counterexample === null) {
    return { ...base, status: checked > 0 ? "holds" : "untested" };
  }
  const record = details.counterexample[0];
  const counterexample: Counterexample = { record, foundAfter: details.numRuns, shrinks: details.numShrinks };
  try {
    counterexample.verdict = evaluateGuarantee(policy, evaluator, g, toClaim(record, schema), true);
  } catch (e) {
    counterexample.error = e instanceof Error ? e.message : String(e);
  }
  return { ...base, status: "fails", counterexample };
}

/** Every 保证 of a policy, in file order; a 基础政策 cannot compute alone and has none to check. */
export function checkPolicyGuarantees(
  policy: CheckedPolicy,
  evaluator: Evaluator,
  options: CheckOptions,
): GuaranteeResult[] {
  if (policy.meta.isBase) return [];
  return policy.guarantees.map((g) => checkGuarantee(policy, evaluator, g, options));
}
