/**
 * The runtime that compiled policy modules import: integer-分 money, dates, ledger access, item
 * arithmetic, outcome assembly and messages. It imports nothing outside runtime/, so a compiled
 * output folder (module + runtime/) runs on plain Node.
 */

/** Bump when generated code and runtime change incompatibly: part of the module cache key. */
export const RUNTIME_VERSION = "12";

export * from "./types.js";
export { mulRatio, roundBp, yuan, plainYuan, pct, type BasisPoints } from "./money.js";
export { boundNote } from "./bound.js";
export { yearOf, within, minusMonths } from "./dates.js";
export { usedOf, lifetimeOf, commitYear } from "./ledger.js";
export {
  checkClaimInput,
  amountError,
  ratioError,
  dateError,
  orderError,
  MAX_SAFE_FEN,
  TOO_LARGE_MESSAGE,
  type InputFields,
} from "./input-check.js";
export {
  rowOf,
  unspecifiedRowError,
  deductible,
  roomLeft,
  segmentsPay,
  zeroNote,
  explainPay,
  explainSkip,
  type Seg,
  type Row,
  type UnspecifiedRow,
  type ItemTable,
} from "./items.js";
export {
  itemLine,
  zeroLines,
  otherIdentities,
  success,
  failure,
  basePolicyFailure,
} from "./select.js";
export {
  newOutcomeInto,
  zeroInto,
  othersInto,
  warnInto,
  skipWarningInto,
  failInto,
  basePolicyFailInto,
  errorInto,
  type OutcomeInto,
} from "./into.js";
export {
  RecordError,
  cite,
  need,
  missing,
  own,
  flag,
  isIn,
  anyIn,
  perClaimCapNote,
  annualCapNote,
  groupCapNote,
  notMineNote,
  noRowNote,
  droppedIdentityNote,
  ONCE_NOTE,
  NO_IDENTITY_NOTE,
  unspecifiedIdentityMessage,
  basePolicyMessage,
  openRatioNote,
  capUseNote,
} from "./trace.js";
export { validateClaim, isIsoDate, type ClaimSchema, type ClaimResult, type ValidateResult } from "./claims.js";
export { newKeyNotes, keyWarnings, type KeyNotes } from "./claim-keys.js";
export { 分, 元, type 明细行, type TypedOutcome, type TypedValidateResult } from "./typed.js";
