/**
 * Chinese text for 说明 and 计算过程: amounts the way the documents write them (2万元, 5000元,
 * 1.8万元, 123.45元) and ratios as percentages. Built on exact rationals so no float ever leaks in.
 */
import { rat, toDecimal, type Rational } from "./rational.js";

/** Integer 分 → "2万元" when a whole number of 百元 at or above 1万元, else "123.45元". */
export function yuan(fen: bigint | number): string {
  const f = BigInt(fen);
  if (f >= 1_000_000n && f % 10_000n === 0n) return `${toDecimal(rat(f, 1_000_000n))}万元`;
  return `${toDecimal(rat(f, 100n))}元`;
}

/** A computed amount in plain 元 ("27900元", never "2.79万元"), as runtime/money.ts plainYuan. */
export function plainYuan(fen: bigint | number): string {
  return `${toDecimal(rat(BigInt(fen), 100n))}元`;
}

/** A possibly fractional amount of 分 (before rounding) → "166.5分" is unreadable; use 元. */
export function yuanExact(fen: Rational): string {
  return `${toDecimal(rat(fen.num, fen.den * 100n))}元`;
}

export function pct(bp: number): string {
  return `${toDecimal(rat(bp, 100))}%`;
}

/** "（依据 X）", or nothing when the policy gave no citation. */
export function cite(citation: string): string {
  return citation ? `（依据 ${citation}）` : "";
}
