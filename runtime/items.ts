/**
 * Item arithmetic (docs/语义.md §5 steps 3–9): the row after 参照, deductible, segments (exact,
 * rounded once), room under a cap, and the 说明 of an item that came to 0 (计算过程 lines: explain.ts). Generated calculators
 * write the one-ratio product, deductible and caps out inline (a large function gets no inlining
 * from TurboFan); they call segmentsPay for real segments and the rest on cold paths only. The
 * other helpers stay the reference form of each step (and are used by tests).
 */
import type { Fen } from "./types.js";
import { roundBp, yuan, type BasisPoints } from "./money.js";
import { RecordError, unspecifiedRowMessage } from "./trace.js";

/** The part of the base in [起, 止) pays 比例. 止 null = no upper bound. */
export interface Seg {
  readonly 起: Fen;
  readonly 止: Fen | null;
  readonly 比例: BasisPoints;
}

/** One row of a 参数表: the parameters of one (row) identity for one item. */
export interface Row {
  readonly 未规定?: false;
  readonly 起付线: Fen;
  readonly 分段: readonly Seg[];
  readonly 定额: Fen | null;
  readonly 单次限额: Fen | null;
  readonly 年度限额: Fen | null;
  readonly 依据: string;
  readonly 行: number;
}

/** A row the document leaves open: reaching it makes the record 未规定. */
export interface UnspecifiedRow {
  readonly 未规定: true;
  /** only 比例 cells are open: the item pays at most its base (docs/语义.md §4) */
  readonly 至多基数?: true;
  readonly 依据: string;
  readonly 行: number;
}

/** What is known statically about one item, by identity index (declaration order). */
export interface ItemTable {
  readonly name: string;
  /** the row after 参照; null = the item has no row for that identity */
  readonly rows: readonly (Row | UnspecifiedRow | null)[];
  /** the row identity after 参照 */
  readonly rowIdentity: readonly string[];
  /** h (or its row identity) is among the item's 对象 */
  readonly applies: readonly boolean[];
  /** 依据 of the item line: the row's, else the item's */
  readonly cites: readonly string[];
}

/** §5.3: the row for identity h; throws for 未规定, null when the item has no row for it. */
export function rowOf(t: ItemTable, h: number): Row | null {
  const row = t.rows[h];
  if (row === undefined || row === null) return null;
  if (row.未规定 === true)
    throw new RecordError(unspecifiedRowMessage(t.name, t.rowIdentity[h]!, t.cites[h]!));
  return row;
}

/** rowOf's error for a 未规定 row, for generated code that reads the row inline. */
export function unspecifiedRowError(t: ItemTable, h: number): RecordError {
  return new RecordError(unspecifiedRowMessage(t.name, t.rowIdentity[h]!, t.cites[h]!));
}

/** §5.5: D = min(B, max(0, d − used)); `used` is 0 for 按次. */
export function deductible(d: Fen, used: Fen, base: Fen): Fen {
  const left = d > used ? d - used : 0;
  return base < left ? base : left;
}

/** What is left under a cap: max(0, cap − used). Never negative, even if a ledger from another
 * version of the same year already went past this version's cap. */
export function roomLeft(cap: Fen, used: Fen): Fen {
  return cap > used ? cap - used : 0;
}

/** §5.6: Σ over segments of part × 比例 as an exact numerator over 10000, rounded half-up once. */
export function segmentsPay(segs: readonly Seg[], p0: Fen, p1: Fen): Fen {
  let whole = 0; // Σ q·bp, in 分 (part = q·10000 + r keeps every product a safe integer)
  let frac = 0; // Σ r·bp, in 分/10000
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    const lo = p0 > s.起 ? p0 : s.起;
    const hi = s.止 === null || p1 < s.止 ? p1 : s.止;
    if (hi > lo) {
      const part = hi - lo;
      const r = part % 10_000;
      whole += ((part - r) / 10_000) * s.比例;
      frac += r * s.比例;
    }
  }
  return whole + roundBp(frac);
}

// memoised per amount: small claims under the deductible are common and the amounts few
const underDeductible = new Map<Fen, string>();
function underDeductibleNote(d: Fen): string {
  let s = underDeductible.get(d);
  if (s === undefined) underDeductible.set(d, (s = "未超过起付线 " + yuan(d)));
  return s;
}

/**
 * 说明 of a ratio item that came to 0 (only called on that rare path): the base was 0, the
 * deductible took it all, every covered segment's ratio is 0, or the exact amount was below 0.5分.
 */
export function zeroNote(row: Row, base: Fen, deducted: Fen, p0: Fen): string {
  if (base === 0) return "基数为0";
  if (base === deducted) return underDeductibleNote(row.起付线);
  const p1 = p0 + base - deducted;
  for (let i = 0; i < row.分段.length; i++) {
    const s = row.分段[i]!;
    const lo = p0 > s.起 ? p0 : s.起;
    const hi = s.止 === null || p1 < s.止 ? p1 : s.止;
    if (hi > lo && s.比例 > 0) return "不足0.5分，舍入为0";
  }
  return "按比例计算为0";
}
