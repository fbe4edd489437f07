/** Officer-stated invariants (保证): random claims, evaluation, the fast-check runner, the report. */
export { claimArbitrary, fenText, MAX_AMOUNT, type RawRecord } from "./claims.js";
export { calculatorsOf, evaluateGuarantee, runsNeeded, type Comparison, type Run, type Verdict } from "./evaluate.js";
export { checkGuarantee, checkPolicyGuarantees, type CheckOptions, type Counterexample, type GuaranteeResult } from "./run.js";
export { renderResult, renderSummary, resultTitle } from "./report.js";
