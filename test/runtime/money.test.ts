import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mulRatio, pct, roundBp, yuan } from "../../runtime/money.js";
import { segmentsPay, type Seg } from "../../runtime/items.js";

/** Half-up of num/den for num ≥ 0, in bigint: the reference. */
const halfUp = (num: bigint, den: bigint): bigint => (2n * num + den) / (2n * den);

describe("mulRatio", () => {
  it("matches the bigint reference for amounts < 1e12 分 and any ratio", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 - 1 }),
        fc.integer({ min: 0, max: 10_000 }),
        (a, bp) => {
          expect(mulRatio(a, bp)).toBe(Number(halfUp(BigInt(a) * BigInt(bp), 10_000n)));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it("stays exact up to 2^53 - 1", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 10_000 }),
        (a, bp) => {
          expect(mulRatio(a, bp)).toBe(Number(halfUp(BigInt(a) * BigInt(bp), 10_000n)));
        },
      ),
    );
  });

  it("rounds half up", () => {
    expect(mulRatio(15, 7000)).toBe(11); // 10.5 → 11
    expect(mulRatio(1, 5000)).toBe(1); // 0.5 → 1
    expect(mulRatio(1, 4999)).toBe(0); // 0.4999 → 0
    expect(mulRatio(3_000_000, 7000)).toBe(2_100_000);
  });

  it("roundBp is half-up of n/10000", () => {
    expect(roundBp(4999)).toBe(0);
    expect(roundBp(5000)).toBe(1);
    expect(roundBp(15_000)).toBe(2);
    expect(roundBp(9_007_199_254_740_991)).toBe(Number(halfUp(9_007_199_254_740_991n, 10_000n)));
  });
});

describe("segmentsPay", () => {
  const segsArb = fc
    .uniqueArray(fc.integer({ min: 1, max: 1e10 }), { maxLength: 4 })
    .chain((cuts) => {
      const bounds = [0, ...cuts.sort((x, y) => x - y)];
      return fc.tuple(
        fc.constant(bounds),
        fc.array(fc.integer({ min: 0, max: 10_000 }), {
          minLength: bounds.length,
          maxLength: bounds.length,
        }),
      );
    })
    .map(([bounds, bps]): Seg[] =>
      bounds.map((from, i) => ({
        起: from,
        止: i + 1 < bounds.length ? bounds[i + 1]! : null,
        比例: bps[i]!,
      })),
    );

  it("is the half-up of the exact sum of part × bp (one rounding per item)", () => {
    fc.assert(
      fc.property(
        segsArb,
        fc.integer({ min: 0, max: 5e11 }),
        fc.integer({ min: 0, max: 5e11 }),
        (segs, p0, b) => {
          const p1 = p0 + b;
          let num = 0n;
          for (const s of segs) {
            const hi = s.止 === null ? p1 : Math.min(p1, s.止);
            const part = Math.max(0, hi - Math.max(p0, s.起));
            num += BigInt(part) * BigInt(s.比例);
          }
          expect(segmentsPay(segs, p0, p1)).toBe(Number(halfUp(num, 10_000n)));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it("rounds once on the sum, not per segment", () => {
    // 0.5 分 + 0.5 分 = 1 分 (rounding each would give 2)
    const segs: Seg[] = [
      { 起: 0, 止: 1, 比例: 5000 },
      { 起: 1, 止: null, 比例: 5000 },
    ];
    expect(segmentsPay(segs, 0, 2)).toBe(1);
  });
});

describe("formatting", () => {
  it("writes amounts the way the documents do", () => {
    expect(yuan(2_000_000)).toBe("2万元");
    expect(yuan(1_800_000)).toBe("1.8万元");
    expect(yuan(500_000)).toBe("5000元");
    expect(yuan(12_345)).toBe("123.45元");
    expect(yuan(12_340)).toBe("123.4元");
    expect(yuan(0)).toBe("0元");
    expect(yuan(2_172_000)).toBe("21720元");
    expect(yuan(-150)).toBe("-1.5元");
    expect(pct(7000)).toBe("70%");
    expect(pct(750)).toBe("7.5%");
    expect(pct(1)).toBe("0.01%");
  });
});
