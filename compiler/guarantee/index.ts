/** Officer-stated invariants (保证): random claims, evaluation, the fast-check runner, the report. */
export { claimArbitrary, fenText, MAX_AMOUNT, SEQUENCE_PERSON, sequenceArbitrary, type RawRecord } from "./claims.js";
export { calculatorsOf, evaluateGuarantee, evaluateSequence, runsNeeded, type Comparison, type Run, type Step, type Verdict, type YearVerdict } from "./evaluate.js";
export { checkGuarantee, checkPolicyGuarantees, type CheckOptions, type Counterexample, type GuaranteeResult } from "./run.js";
export { renderResult, renderSummary, resultTitle } from "./report.js";
