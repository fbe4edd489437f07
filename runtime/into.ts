/**
 * `evaluateInto`: the same evaluation as `evaluate`, written into a result object the caller
 * owns and reuses, so a loop over many claims allocates nothing per claim for the result (no
 * Outcome, item line objects, 其他身份 or 预警 arrays). It carries the same information as a
 * successful Outcome without 计算过程 (no explain): total, every item line (项目, 金额, 依据,
 * 说明), the winning identity, the other identities with their totals, and the 预警. The ledger is
 * updated exactly as by `evaluate`.
 */
import type { Fen } from "./types.js";
import { RecordError, basePolicyMessage } from "./trace.js";

/**
 * Filled by evaluateInto. When `ok` is false only `错误` is meaningful (the rest is left from an
 * earlier claim); when true, `错误` is "" and the first 项目数 / 其他数 / 预警数 entries of the
 * parallel arrays are this claim's (entries past them are stale).
 */
export interface OutcomeInto {
  ok: boolean;
  错误: string;
  金额: Fen;
  /**
   * item lines, in the calculator's item order: 项目[i], 项目金额[i], 依据[i], 说明[i].
   * 项目 and 依据 are the module's own constant arrays, replaced by reference per claim (the
   * item names and the winner's citations are the same for many claims): read them, never write.
   */
  项目数: number;
  项目: readonly string[];
  项目金额: Fen[];
  依据: readonly string[];
  /** undefined when the line has no 说明 */
  说明: (string | undefined)[];
  /** winning identity (canonical); undefined when the claim holds none */
  适用身份: string | undefined;
  /** held identities other than the winner, declaration order: 其他身份[i], 其他金额[i] */
  其他数: number;
  其他身份: string[];
  其他金额: Fen[];
  /** 预警 raised: 预警名称[i], 预警字段[i] (the field counted), 预警累计[i] (its 年度累计), 预警依据[i] */
  预警数: number;
  预警名称: string[];
  预警字段: string[];
  预警累计: Fen[];
  预警依据: string[];
  /** 预警 skipped because the claim lacks their field (Outcome.预警跳过): the first 预警跳过数 */
  预警跳过数: number;
  预警跳过: string[];
}

export function newOutcomeInto(): OutcomeInto {
  return {
    ok: false,
    错误: "",
    金额: 0,
    项目数: 0,
    项目: [],
    项目金额: [],
    依据: [],
    说明: [],
    适用身份: undefined,
    其他数: 0,
    其他身份: [],
    其他金额: [],
    预警数: 0,
    预警名称: [],
    预警字段: [],
    预警累计: [],
    预警依据: [],
    预警跳过数: 0,
    预警跳过: [],
  };
}

/** Every item 0 with one reason (不予救助, or no identity held): zeroLines into `o`. */
export function zeroInto(
  o: OutcomeInto,
  items: readonly string[],
  cites: readonly string[],
  note: string,
): void {
  o.项目数 = items.length;
  o.项目 = items;
  o.依据 = cites;
  for (let i = 0; i < items.length; i++) {
    o.项目金额[i] = 0;
    o.说明[i] = note;
  }
}

/** otherIdentities into `o` (none when fewer than two identities were evaluated). */
export function othersInto(
  o: OutcomeInto,
  held: number,
  totals: Float64Array,
  winner: number,
  names: readonly string[],
  n: number,
): void {
  let k = 0;
  if (winner >= 0 && n > 1) {
    // held: bit h = identity h; the set bits, lowest (first declared) first
    for (let m = held; m !== 0; m &= m - 1) {
      const h = 31 - Math.clz32(m & -m);
      if (h !== winner) {
        o.其他身份[k] = names[h]!;
        o.其他金额[k] = totals[h]!;
        k++;
      }
    }
  }
  o.其他数 = k;
}

/** One 预警 line into `o`. */
export function warnInto(o: OutcomeInto, name: string, field: string, total: Fen, citation: string): void {
  const i = o.预警数++;
  o.预警名称[i] = name;
  o.预警字段[i] = field;
  o.预警累计[i] = total;
  o.预警依据[i] = citation;
}

/** One 预警 skipped for lack of its field into `o`. */
export function skipWarningInto(o: OutcomeInto, name: string): void {
  o.预警跳过[o.预警跳过数++] = name;
}

/** failure() into `o`: a RecordError becomes the error; anything else is a bug and propagates. */
export function failInto(e: unknown, o: OutcomeInto): void {
  if (e instanceof RecordError) {
    o.ok = false;
    o.错误 = e.message;
    return;
  }
  throw e;
}

export function basePolicyFailInto(policy: string, o: OutcomeInto): void {
  o.ok = false;
  o.错误 = basePolicyMessage(policy);
}

/** A failed outcome with a given message (e.g. an unknown calculator). */
export function errorInto(o: OutcomeInto, message: string): void {
  o.ok = false;
  o.错误 = message;
}
