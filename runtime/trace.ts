/**
 * Messages: record errors (thrown by helpers that can fail, carrying the DSL location the
 * generated code passed in), the 说明 texts of item lines, and explanation lines. Strings here are
 * built only on the paths that need them: errors, binding caps, or when explain was asked.
 */
import { plainYuan, yuan } from "./money.js";

/** A record the policy cannot evaluate: becomes `{ok: false, 错误: message}`. */
export class RecordError extends Error {
  override name = "RecordError";
}

/** "（依据 X）", or nothing when the policy gave no citation. */
export function cite(citation: string): string {
  return citation ? "（依据 " + citation + "）" : "";
}

/**
 * `record[key]` only when the record itself carries it: a field a policy names `isPrototypeOf` or
 * `constructor`, omitted from a record, is missing, not a function inherited from Object.prototype.
 * Every read of a record field (validation, generated code, the interpreter) goes through this.
 */
export function own(record: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/**
 * A field the evaluation needs. `where` names the rule that reads it the way the reference
 * interpreter does (救助项目「倾斜救助」的条件「规范转诊 …」), so both engines give one message.
 */
export function need<T>(value: T | undefined, field: string, where: string): T {
  if (value === undefined || value === null) {
    throw new RecordError("缺少字段「" + field + "」：" + where + "需要此字段");
  }
  return value;
}

/** need() for generated code, which tests presence inline (`value ?? missing(…)`). */
export function missing(field: string, where: string): never {
  throw new RecordError("缺少字段「" + field + "」：" + where + "需要此字段");
}

/** A 布尔 field read by a condition. */
export function flag(value: boolean | undefined, field: string, where: string): boolean {
  if (typeof value !== "boolean") {
    throw new RecordError("缺少字段「" + field + "」：" + where + "需要此字段");
  }
  return value;
}

/** Membership of an optional enum/text field: an absent value is in no set. */
export function isIn(set: ReadonlySet<string>, value: string | undefined): boolean {
  return value !== undefined && set.has(value);
}

/** Some element of a 清单 field is a member: an absent list has none. */
export function anyIn(set: ReadonlySet<string>, values: readonly string[] | undefined): boolean {
  if (values === undefined) return false;
  for (let i = 0; i < values.length; i++) if (set.has(values[i]!)) return true;
  return false;
}

// 说明 texts. Caps: memoised per amount, since the same few caps bind over and over.
const perClaimNotes = new Map<number, string>();
const annualNotes = new Map<number, string>();

export function perClaimCapNote(cap: number): string {
  let s = perClaimNotes.get(cap);
  if (s === undefined) perClaimNotes.set(cap, (s = "已达单次限额 " + yuan(cap)));
  return s;
}

export function annualCapNote(cap: number): string {
  let s = annualNotes.get(cap);
  if (s === undefined) annualNotes.set(cap, (s = "已达年度限额 " + yuan(cap)));
  return s;
}

const groupNotes = new Map<string, string>();

/** Keyed by group AND cap: a group with a | 身份 | 年度限额 | table has one cap per identity. */
export function groupCapNote(group: string, cap: number): string {
  const key = group + "\u0000" + cap;
  let s = groupNotes.get(key);
  if (s === undefined)
    groupNotes.set(key, (s = "已达限额组「" + group + "」年度限额 " + yuan(cap)));
  return s;
}

export const ONCE_NOTE = "每人一次，已享受";
export const NO_IDENTITY_NOTE = "未持有本政策所列救助对象身份";

export function notMineNote(identity: string): string {
  return "不适用：身份「" + identity + "」不在本项目对象中";
}

export function noRowNote(rowIdentity: string): string {
  return "不适用：无「" + rowIdentity + "」的待遇";
}

export function unspecifiedRowMessage(item: string, rowIdentity: string, citation: string): string {
  return "未规定：" + item + " · " + rowIdentity + " 的待遇本文件未规定" + cite(citation);
}

/**
 * docs/语义.md §4: another held identity reached a row whose 比例 the document leaves open. Any
 * ratio pays at most the base, and that bound does not exceed what the identity taken pays.
 */
export function openRatioNote(identity: string, citation: string, base: number): string {
  return "另持身份「" + identity + "」本项比例本文件未规定" + cite(citation) + "，按任何比例至多为基数 " + plainYuan(base) + "，不会多于所取身份的金额";
}

export function unspecifiedIdentityMessage(identity: string, citation: string): string {
  return "未规定：身份「" + identity + "」的救助待遇本文件未规定" + cite(citation);
}

export function basePolicyMessage(policy: string): string {
  return "未规定：" + policy + " 是基础政策，须由引用它的政策计算";
}
