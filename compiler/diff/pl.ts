/**
 * Exact piecewise-linear structure of a payout as a function of the burden x (integer 分).
 * `f` must be exactly piecewise linear at integer points (impact.ts guarantees this by scaling the
 * policy so that no rounding happens). Candidate points come from the policies' constants; the
 * search verifies linearity between consecutive candidates and bisects where it does not hold, so
 * breakpoints no constant predicted (nested bases, caps reached through other items) are found too.
 */

/** y = y0 + num/den · (x − x0), all bigint (y in the scaled unit of `f`). */
export interface Line {
  x0: bigint;
  y0: bigint;
  num: bigint;
  den: bigint;
}

/** Integer range [lo, hi] (hi null = unbounded) on which the function follows `line`. */
export interface Piece {
  lo: bigint;
  hi: bigint | null;
  line: Line;
}

export interface PLFunction {
  pieces: Piece[];
  /** the evaluation budget ran out or the tail was not linear: pieces are a sampling */
  sampled: boolean;
}

/** Value of a line at x as an exact fraction [num, den]. */
export function at(l: Line, x: bigint): [bigint, bigint] {
  return [l.y0 * l.den + l.num * (x - l.x0), l.den];
}

export const sameSlope = (a: Line, b: Line): boolean => a.num * b.den === b.num * a.den;
export const onLine = (l: Line, x: bigint, y: bigint): boolean => {
  const [n, d] = at(l, x);
  return n === y * d;
};

export interface SearchOptions {
  /** evaluations allowed before giving up on exactness */
  budget?: number;
}

export function findPieces(f: (x: bigint) => bigint, candidates: bigint[], opts: SearchOptions = {}): PLFunction {
  const budget = opts.budget ?? 20_000;
  const cache = new Map<bigint, bigint>();
  let sampled = false;
  const F = (x: bigint): bigint => {
    let y = cache.get(x);
    if (y === undefined) {
      y = f(x);
      cache.set(x, y);
    }
    return y;
  };
  const linear = (a: bigint, b: bigint): boolean => {
    const w = b - a;
    const s = F(b) - F(a);
    const probes = [a + 1n, b - 1n, a + w / 2n, a + w / 3n];
    return probes.every((p) => (F(p) - F(a)) * w === s * (p - a));
  };
  const intervals: [bigint, bigint][] = [];
  const visit = (a: bigint, b: bigint): void => {
    if (b - a <= 3n) {
      for (let x = a; x < b; x++) intervals.push([x, x + 1n]);
    } else if (cache.size > budget) {
      sampled = true; // keep going coarsely: report what the probes saw
      intervals.push([a, b]);
    } else if (linear(a, b)) intervals.push([a, b]);
    else {
      const m = a + (b - a) / 2n;
      visit(a, m);
      visit(m, b);
    }
  };
  const pts = [...new Set(candidates.filter((c) => c >= 0n))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (pts[0] !== 0n) pts.unshift(0n);
  const top = pts[pts.length - 1]!;
  // Breakpoints of nested items can lie well beyond every constant: search far past them.
  const end = (top > 10_000_000n ? top : 10_000_000n) * 16n;
  pts.push(end);
  for (let i = 0; i + 1 < pts.length; i++) if (pts[i]! < pts[i + 1]!) visit(pts[i]!, pts[i + 1]!);

  const pieces = toPieces(intervals, F);
  const last = pieces[pieces.length - 1]!;
  // The tail must continue the last line: check far out.
  for (const far of [end * 4n, end * 64n]) if (!onLine(last.line, far, F(far))) sampled = true;
  last.hi = null;
  return { pieces, sampled };
}

function lineOf(a: bigint, b: bigint, F: (x: bigint) => bigint): Line {
  return { x0: a, y0: F(a), num: F(b) - F(a), den: b - a };
}

/** Contiguous verified intervals → maximal pieces; 1-分 connectors across a kink or jump dropped. */
function toPieces(intervals: [bigint, bigint][], F: (x: bigint) => bigint): Piece[] {
  const merged: Piece[] = [];
  for (const [a, b] of intervals) {
    const line = lineOf(a, b, F);
    const cur = merged[merged.length - 1];
    if (cur && cur.hi === a && sameSlope(cur.line, line)) cur.hi = b;
    else merged.push({ lo: a, hi: b, line });
  }
  // A 1-分 piece between two others joins points that belong to its neighbours' lines: the real
  // breakpoint (or jump) lies strictly between two whole 分, so no claim can be on that "line".
  const out: Piece[] = [];
  for (let i = 0; i < merged.length; i++) {
    const p = merged[i]!;
    const prev = out[out.length - 1];
    const next = merged[i + 1];
    if (prev && next && p.hi! - p.lo === 1n && onLine(prev.line, p.lo, F(p.lo)) && onLine(next.line, p.hi!, F(p.hi!))) {
      prev.hi = p.lo;
      next.lo = p.hi!;
      continue;
    }
    out.push(p);
  }
  return out;
}

/** One point of a payout curve: burden x and payout y, both in 分. */
export interface CurvePoint {
  x: number;
  y: number;
}

/**
 * The payout against the burden as the points where it bends (issue 16 §3: the HTML charts).
 * `fn` is the exact piecewise-linear function of the burden in 分 (impact.ts evaluates it on the
 * scaled policy so nothing rounds), so every breakpoint is exact; `pay` gives the real payout
 * (rounded as the policy rounds) at a burden in 分.
 * The curve is straight between consecutive points; it ends at `until` 分.
 */
export function payoutCurve(fn: PLFunction, pay: (fen: number) => number, until: number): CurvePoint[] {
  const xs = fn.pieces.map((p) => Number(p.lo)).filter((x) => x < until);
  // a bend between two whole 分 shows as two points: the last 分 of one piece and the first of the next
  const withEnds = fn.pieces.flatMap((p) => (p.hi !== null && Number(p.hi) < until ? [Number(p.hi)] : []));
  return [...new Set([...xs, ...withEnds, until])].sort((a, b) => a - b).map((x) => ({ x, y: pay(x) }));
}

/** Where the last bend of either function lies (分): charts end a little after it. */
export function lastBend(fns: PLFunction[]): number {
  return Math.max(0, ...fns.flatMap((f) => f.pieces.map((p) => Number(p.lo))));
}
