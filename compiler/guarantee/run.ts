/**
 * Checks every 保证 of a policy with fast-check: random valid records (a claim-scope 保证) or
 * sequences of one person's records in a year (a year-scope one, using 全年) for the calculators the
 * condition names, one property per 保证, and on failure fast-check's shrunk (smallest) record or
 * sequence, re-evaluated with explanations for the report.
 */
import fc from "fast-check";
import { claimSchema } from "../claim-schema.js";
import type { CheckedPolicy, GuaranteeIR } from "../ir.js";
import { condFields } from "../passes/lower-cond.js";
import { validateClaim, type ClaimSchema } from "../../runtime/claims.js";
import type { Claim, Evaluator } from "../../runtime/types.js";
import { claimArbitrary, sequenceArbitrary, type RawRecord } from "./claims.js";
import { calculatorsOf, evaluateGuarantee, evaluateSequence, type Verdict, type YearVerdict } from "./evaluate.js";

export interface CheckOptions {
  /** random records per 保证 */
  runs: number;
  seed: number;
}

export interface Counterexample {
  /** the shrunk record (claim scope), or the first record of the shrunk sequence */
  record: RawRecord;
  /** year scope: the shrunk sequence of one person's claims, in date order */
  records?: RawRecord[];
  /** the shrunk record re-evaluated with 计算过程; absent when evaluation threw */
  verdict?: Verdict;
  /** year scope: the shrunk sequence re-evaluated with 计算过程, up to the claim that fails */
  sequence?: YearVerdict;
  /** what was thrown, when the evaluator (or the generator) failed rather than the 保证 */
  error?: string;
  /** records (sequences) tried until the first failure, and shrink steps after it */
  foundAfter: number;
  shrinks: number;
}

export interface GuaranteeResult {
  guarantee: GuaranteeIR;
  /** untested: no random record had a result (all were errors), so nothing was shown */
  status: "holds" | "fails" | "untested";
  runs: number;
  /** records (claims of sequences) that had a result and so tested the 保证 (shrink attempts count too when it fails) */
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

/** The record fields a 保证 needs: its calculators' and its condition's own. */
function fieldsOf(policy: CheckedPolicy, g: GuaranteeIR): Set<string> {
  const results = new Set(policy.calculators.map((c) => c.resultField));
  const items = new Set(policy.items.map((i) => i.name));
  const fields = new Set(calculatorsOf(policy, g).flatMap((c) => c.fields));
  for (const f of condFields(g.cond, new Set())) if (!results.has(f) && !items.has(f)) fields.add(f);
  return fields;
}

export function checkGuarantee(
  policy: CheckedPolicy,
  evaluator: Evaluator,
  g: GuaranteeIR,
  options: CheckOptions,
): GuaranteeResult {
  return g.scope === "year" ? checkYear(policy, evaluator, g, options) : checkClaim(policy, evaluator, g, options);
}

function checkClaim(policy: CheckedPolicy, evaluator: Evaluator, g: GuaranteeIR, options: CheckOptions): GuaranteeResult {
  const fields = fieldsOf(policy, g);
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

/** A year 保证: random sequences of one person's claims; on failure the shrunk sequence, re-run with 计算过程. */
function checkYear(policy: CheckedPolicy, evaluator: Evaluator, g: GuaranteeIR, options: CheckOptions): GuaranteeResult {
  const fields = fieldsOf(policy, g);
  const schema = claimSchema(policy, [...fields]);

  let checked = 0;
  const property = fc.property(sequenceArbitrary(policy, fields), (raws) => {
    const verdict = evaluateSequence(policy, evaluator, g, raws.map((r) => toClaim(r, schema)));
    checked += verdict.checked; // skipped claims pay nothing and count nowhere
    return verdict.holds;
  });
  const details = fc.check(property, { numRuns: options.runs, seed: options.seed });
  const base = { guarantee: g, runs: options.runs, checked, seed: options.seed };
  if (!details.failed || details.counterexample === null) {
    return { ...base, status: checked > 0 ? "holds" : "untested" };
  }
  const records = details.counterexample[0];
  const counterexample: Counterexample = { record: records[0]!, records, foundAfter: details.numRuns, shrinks: details.numShrinks };
  try {
    const sequence = evaluateSequence(policy, evaluator, g, records.map((r) => toClaim(r, schema)), true);
    counterexample.sequence = sequence;
    // claims after the one that fails change nothing: shrinking need not have removed them
    if (!sequence.holds) counterexample.records = records.slice(0, sequence.steps.length);
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
