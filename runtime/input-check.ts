/**
 * What `evaluate`/`evaluateInto` check of a claim handed to them directly (library users skip
 * runtime/claims.ts): amounts are safe non-negative integer 分 (NaN paid −1, 0.5 分 and 1e300 went
 * through), ratios integer basis points 0–10000, dates real calendar days (2023-02-30 went
 * through), and the claim is not dated before one the ledger already holds (the annual cap was
 * paid twice). The order check lives here, with the ledger, not only in the CLI. Each failure is
 * a RecordError, so the ledger stays untouched. Both engines call it (generated modules and
 * compiler/interpreter).
 */
import { isIsoDate } from "./claims.js";
import { yearOf } from "./dates.js";
import { own, RecordError } from "./trace.js";
import type { Claim, PersonLedger } from "./types.js";

/** The claim's fields by type, as the policy declares them (built-ins included). */
export interface InputFields {
  amounts: readonly string[];
  ratios: readonly string[];
  dates: readonly string[];
}

export function checkClaimInput(c: Claim, ledger: PersonLedger, f: InputFields): void {
  const r = c as unknown as Record<string, unknown>;
  for (let i = 0; i < f.amounts.length; i++) {
    const name = f.amounts[i]!;
    const v = own(r, name);
    // no upper bound below 2^53 here: compiler/diff probes payouts at burdens past validateClaim's MAX_FEN
    if (v !== undefined && !(typeof v === "number" && Number.isSafeInteger(v) && v >= 0)) throw amountError(name, v);
  }
  for (let i = 0; i < f.ratios.length; i++) {
    const name = f.ratios[i]!;
    const v = own(r, name);
    if (v !== undefined && !(typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 10000))
      throw ratioError(name, v);
  }
  for (let i = 0; i < f.dates.length; i++) {
    const name = f.dates[i]!;
    const v = own(r, name);
    if ((v !== undefined || name === "结算日期") && !(typeof v === "string" && isIsoDate(v))) throw dateError(name, v);
  }
  const date = c.结算日期;
  if (ledger.lastDate !== "" && (yearOf(date) < ledger.year || date < ledger.lastDate))
    throw orderError(date, ledger.lastDate);
}

/*
 * The errors, one builder each: generated modules write the same checks inline (constant keys,
 * no loop over field names; compiler/codegen/input-checks.ts) and throw these, so both engines
 * give one message.
 */
export function amountError(name: string, v: unknown): RecordError {
  return new RecordError(`字段「${name}」应为不小于 0 的整数分（不超过 2^53），实为 ${show(v)}`);
}
export function ratioError(name: string, v: unknown): RecordError {
  return new RecordError(`字段「${name}」应为 0 至 10000 之间的整数（万分比），实为 ${show(v)}`);
}
export function dateError(name: string, v: unknown): RecordError {
  return new RecordError(`字段「${name}」不是有效日期（应为 YYYY-MM-DD 且确有此日）：${show(v)}`);
}
export function orderError(date: string, lastDate: string): RecordError {
  return new RecordError(`结算日期 ${date} 早于本台账已处理的结算日期 ${lastDate}，请先按结算日期排序`);
}

function show(v: unknown): string {
  return typeof v === "string" ? `「${v}」` : String(v);
}

/** Totals and ledger entries past this are no longer exact in a double. */
export const MAX_SAFE_FEN = Number.MAX_SAFE_INTEGER;

/** The record error when a claim's total or a running total passes MAX_SAFE_FEN (ledger kept). */
export const TOO_LARGE_MESSAGE = "金额或年度累计超出可精确计算的范围（2^53 分），本条未计入台账";
