/**
 * Literal values with exact arithmetic: amounts in 分 and ratios in basis points are computed on
 * decimal strings with bigint, never through floating point.
 */
import type { AmountLit, DateLit, NumberLit, RatioLit, Span } from "./ast.js";

/** `digits[.frac]` × multiplier, exactly when possible (floored otherwise). */
function scaleDecimal(num: string, multiplier: bigint): { value: bigint; exact: boolean } {
  const [int = "0", frac = ""] = num.split(".");
  const scale = 10n ** BigInt(frac.length);
  const scaled = BigInt(int + frac) * multiplier;
  return { value: scaled / scale, exact: scaled % scale === 0n };
}

/** `2万元`, `1.8万元`, `5000元`. */
export function amountLit(text: string, span: Span): AmountLit {
  const wan = text.endsWith("万元");
  const num = text.slice(0, text.length - (wan ? 2 : 1));
  const { value, exact } = scaleDecimal(num, wan ? 1_000_000n : 100n);
  return { kind: "amount", fen: value, fenExact: exact, unit: wan ? "万元" : "元", text, span };
}

/** `70%` → 7000 bp. */
export function ratioLit(text: string, span: Span): RatioLit {
  const { value, exact } = scaleDecimal(text.slice(0, -1), 100n);
  return { kind: "ratio", basisPoints: value, bpExact: exact, text, span };
}

/** `10个百分点` → 1000 bp (a ratio difference; kept as a RatioLit so value checks apply). */
export function pointsLit(text: string, span: Span): RatioLit {
  const { value, exact } = scaleDecimal(text.slice(0, -4), 100n);
  return { kind: "ratio", basisPoints: value, bpExact: exact, text, span };
}

export function numberLit(text: string, span: Span): NumberLit {
  return { kind: "number", text, value: text, span };
}

/** A bare number equal to zero (`0`, `0.0`) is the amount 0: no unit needed (docs/语言.md). */
export function isZero(n: NumberLit): boolean {
  return /^0+(\.0+)?$/.test(n.value);
}

export function zeroAmount(n: NumberLit): AmountLit {
  return { kind: "amount", fen: 0n, fenExact: true, unit: "无", text: n.text, span: n.span };
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `2023-01-01` / `2023年1月1日` → ISO; `valid` false for 2023-02-30 and the like. */
export function dateLit(text: string, span: Span): { date: DateLit; valid: boolean } {
  const [y = 0, m = 0, d = 0] = (text.match(/\d+/g) ?? []).map(Number);
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  const iso = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 && leap ? 29 : (DAYS[m - 1] ?? 0);
  const valid = m >= 1 && m <= 12 && d >= 1 && d <= days;
  return { date: { kind: "date", iso, text, span }, valid };
}

/** `12个月` → 12. */
export function monthsOf(text: string): number {
  return Number(text.slice(0, -2));
}
