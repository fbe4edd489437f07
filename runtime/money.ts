/**
 * Money arithmetic on integer 分 held in JS numbers, ratios in integer basis points (1% = 100).
 * No floats ever leave this file: every product is split so that each partial product is an exact
 * safe integer, and rounding (half-up to 分) happens once, on an exact numerator over 10000.
 */
import type { Fen } from "./types.js";

/** Integer basis points: 70% = 7000. */
export type BasisPoints = number;

const BP = 10_000;

/**
 * Half-up rounding of n / 10000 for an integer 0 ≤ n < 2^53. Uses the exact integer remainder,
 * not Math.round(n / 10000), because the float quotient can round across an integer near 2^53.
 */
export function roundBp(n: number): Fen {
  const r = n % BP;
  return (n - r) / BP + (r >= BP / 2 ? 1 : 0);
}

/**
 * a × bp / 10000 rounded half-up, exact for 0 ≤ a < 2^53 and 0 ≤ bp ≤ 10000.
 * Split a = q·10000 + r: q·bp stays below 2^53 and r·bp below 1e8, so
 * a·bp / 10000 = q·bp + r·bp / 10000 with nothing lost.
 */
export function mulRatio(a: Fen, bp: BasisPoints): Fen {
  const r = a % BP;
  return ((a - r) / BP) * bp + roundBp(r * bp);
}

/** 分 → "2万元" (a whole number of 百元 at or above 1万元), else "123.45元". */
export function yuan(fen: Fen): string {
  if (fen < 0) return "-" + yuan(-fen);
  if (fen >= 1_000_000 && fen % 10_000 === 0) return decimal(fen / 10_000, 100) + "万元";
  return decimal(fen, 100) + "元";
}

/**
 * A computed amount in plain 元 ("27900元", never "2.79万元"): what 计算过程 shows beside the rule's
 * own wording, so an officer can add the figures up without converting units (issue 10 §4).
 */
export function plainYuan(fen: Fen): string {
  if (fen < 0) return "-" + plainYuan(-fen);
  return decimal(fen, 100) + "元";
}

/** Basis points → "70%", "7.5%". */
export function pct(bp: BasisPoints): string {
  return decimal(bp, 100) + "%";
}

/** n / unit as a decimal with trailing zeros dropped (unit is 100 here: two places at most). */
function decimal(n: number, unit: number): string {
  const frac = n % unit;
  const whole = String((n - frac) / unit);
  if (frac === 0) return whole;
  return whole + "." + String(frac).padStart(2, "0").replace(/0$/, "");
}
