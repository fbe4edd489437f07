/**
 * The difference of two exact piecewise-linear payout functions (new − old), as integer ranges
 * of the burden on which the difference is one line; ranges where it is zero are dropped.
 */
import { add, cmp, mul, rat, sub, type Rational } from "../interpreter/rational.js";
import { at, type PLFunction, type Piece } from "./pl.js";

export interface DeltaRange {
  lo: bigint;
  /** inclusive end, null = unbounded */
  hi: bigint | null;
  /** difference at lo and per 分, in the scaled unit */
  value: Rational;
  slope: Rational;
}

const ZERO = rat(0);
const pieceAt = (f: PLFunction, x: bigint): Piece => f.pieces.filter((p) => p.lo <= x).pop()!;
const valueAt = (p: Piece, x: bigint): Rational => rat(...at(p.line, x));
const slopeOf = (p: Piece): Rational => rat(p.line.num, p.line.den);

export function deltaRanges(oldFn: PLFunction, newFn: PLFunction): DeltaRange[] {
  const starts = [...new Set([...oldFn.pieces, ...newFn.pieces].map((p) => p.lo))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const raw = starts.map((s, i) => {
    const o = pieceAt(oldFn, s);
    const n = pieceAt(newFn, s);
    return { lo: s, end: starts[i + 1] ?? null, value: sub(valueAt(n, s), valueAt(o, s)), slope: sub(slopeOf(n), slopeOf(o)) };
  });
  const extend = (r: (typeof raw)[number], x: bigint) => add(r.value, mul(r.slope, rat(x - r.lo)));
  // merge neighbours on one line
  const merged: typeof raw = [];
  for (const r of raw) {
    const prev = merged[merged.length - 1];
    if (prev && cmp(prev.slope, r.slope) === 0 && cmp(extend(prev, r.lo), r.value) === 0) prev.end = r.end;
    else merged.push({ ...r });
  }
  const out: DeltaRange[] = [];
  merged.forEach((r, i) => {
    if (cmp(r.value, ZERO) === 0 && cmp(r.slope, ZERO) === 0) return;
    const next = merged[i + 1];
    // the next start belongs to this line too when the difference is continuous there
    const hi = r.end === null ? null : next && cmp(extend(r, r.end), next.value) === 0 ? r.end : r.end - 1n;
    out.push({ lo: r.lo, hi, value: r.value, slope: r.slope });
  });
  return out;
}
