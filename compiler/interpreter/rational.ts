/**
 * Exact rationals over bigint for the reference interpreter. Deliberately tiny and slow: the
 * interpreter exists to be obviously right, not fast, so nothing here uses floating point.
 * Invariant: den > 0 and gcd(|num|, den) = 1 (so equal values have equal representations).
 */

export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rat(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new Error("rational: zero denominator");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { num: n / g, den: d / g };
}

export const ZERO: Rational = rat(0n);

export function add(a: Rational, b: Rational): Rational {
  return rat(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function sub(a: Rational, b: Rational): Rational {
  return rat(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function mul(a: Rational, b: Rational): Rational {
  return rat(a.num * b.num, a.den * b.den);
}

export function cmp(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function min(a: Rational, b: Rational): Rational {
  return cmp(a, b) <= 0 ? a : b;
}

export function max(a: Rational, b: Rational): Rational {
  return cmp(a, b) >= 0 ? a : b;
}

/** floor(n / d) for bigint (JS `/` truncates toward zero, which is wrong for negatives). */
function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q;
}

/**
 * Half-up to an integer: floor(x + 1/2). 166.5 → 167, 166.4999 → 166. Amounts are never negative
 * in the semantics, so "half-up" and "half away from zero" coincide where it matters.
 */
export function roundHalfUp(r: Rational): bigint {
  return floorDiv(2n * r.num + r.den, 2n * r.den);
}

/**
 * Exact decimal text when the denominator has only factors 2 and 5 (always the case for fen × bp),
 * else "num/den". Used only for 计算过程 text.
 */
export function toDecimal(r: Rational): string {
  let d = r.den;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) (d /= 2n), twos++;
  while (d % 5n === 0n) (d /= 5n), fives++;
  if (d !== 1n) return `${r.num}/${r.den}`;
  const places = Math.max(twos, fives);
  const scaled = (r.num * 10n ** BigInt(places)) / r.den; // exact by construction
  const neg = scaled < 0n;
  let digits = (neg ? -scaled : scaled).toString().padStart(places + 1, "0");
  if (places > 0) digits = `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return (neg ? "-" : "") + digits;
}
