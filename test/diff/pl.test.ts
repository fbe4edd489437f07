/** The breakpoint search is exact on any piecewise-linear function, with kinks anywhere (even between 分). */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { at, findPieces } from "../../compiler/diff/pl.js";

/** A continuous PL function scaled by 10000 so that it is integral: kinks at rational points. */
function makeFn(kinks: { x: number; slopeBp: number }[]): (x: bigint) => bigint {
  const sorted = [...kinks].sort((a, b) => a.x - b.x);
  return (x) => {
    // kink positions are in 1/10000 分; value in 1/10000 × 1/10000 units to stay integral
    const X = x * 10000n;
    let y = 0n;
    let prev = 0n;
    let slope = 5000n;
    for (const k of sorted) {
      const kx = BigInt(k.x);
      if (X <= kx) break;
      y += (kx - prev) * slope;
      prev = kx;
      slope = BigInt(k.slopeBp);
    }
    return y + (X - prev) * slope;
  };
}

describe("piecewise-linear search", () => {
  it("property: every integer point lies on its reported piece's line", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 5_000_000_000 }), slopeBp: fc.integer({ min: 0, max: 10000 }) }), { maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 600_000 }), { minLength: 20, maxLength: 20 }),
        (kinks, probes) => {
          const f = makeFn(kinks);
          // candidates deliberately miss the kinks: the bisection must find them
          const { pieces, sampled } = findPieces(f, [0n, 100_000n]);
          expect(sampled).toBe(false);
          for (const x of probes.map(BigInt)) {
            const p = pieces.filter((q) => q.lo <= x).pop()!;
            expect(p.hi === null || x <= p.hi).toBe(true);
            const [n, d] = at(p.line, x);
            expect(n).toBe(f(x) * d);
          }
          // no more pieces than kinks (+ the 1-分 pieces a kink between two 分 cannot leave)
          expect(pieces.length).toBeLessThanOrEqual(2 * kinks.length + 1);
        },
      ),
      { numRuns: 40, seed: 1 },
    );
  });

  it("finds a jump (a flat amount that starts at a threshold)", () => {
    const f = (x: bigint) => (x >= 123_457n ? 50_000n : 0n) + x;
    const { pieces } = findPieces(f, [0n]);
    expect(pieces.map((p) => [p.lo, p.hi])).toEqual([[0n, 123_456n], [123_457n, null]]);
  });

  it("says so when a function is too irregular to be exact within the budget", () => {
    // a staircase (not piecewise linear with few pieces): the search gives up and marks sampling
    const f = (x: bigint) => (x / 997n) * 1000n;
    expect(findPieces(f, [0n], { budget: 500 }).sampled).toBe(true);
  });
});
