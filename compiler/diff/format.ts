/**
 * Chinese text for amounts, ratios and citations in diff reports. Own small helpers (not the
 * interpreter's) so report wording can change without touching the trusted semantics.
 */

/** 分 → "5000元", "1.8万元", "123.45元": how the documents write table cells. */
export function cell(fen: number | null): string {
  if (fen === null) return "无";
  if (Math.abs(fen) >= 1_000_000 && fen % 10_000 === 0) return `${trim(fen / 1_000_000)}万元`;
  return `${plain(fen)}元`;
}

/** 分 → "28571.43" (元, no unit), exact: integer arithmetic on the digits. */
export function plain(fen: number | bigint): string {
  const f = BigInt(fen);
  const neg = f < 0n;
  const a = neg ? -f : f;
  const whole = a / 100n;
  const cents = a % 100n;
  const frac = cents === 0n ? "" : cents % 10n === 0n ? `.${cents / 10n}` : `.${String(cents).padStart(2, "0")}`;
  return `${neg ? "-" : ""}${whole}${frac}`;
}

function trim(n: number): string {
  return String(Number(n.toFixed(4)));
}

/** Basis points → "70%". */
export function pct(bp: number): string {
  return `${trim(bp / 100)}%`;
}

/** "（依据 X）" or "（依据 旧 X；新 Y）" when the two sides cite differently; "" when neither cites. */
export function citeBoth(oldCitation: string | undefined, newCitation: string | undefined): string {
  // an added or removed thing has one side only: cite that side
  const o = oldCitation ?? newCitation ?? "";
  const n = newCitation ?? oldCitation ?? "";
  if (o === n) return o ? `（依据 ${o}）` : "";
  return `（依据 旧：${o || "无"}；新：${n || "无"}）`;
}

/** Half-up rounding of a non-negative-or-negative bigint ratio to an integer. */
export function roundDiv(num: bigint, den: bigint): bigint {
  if (den < 0n) [num, den] = [-num, -den];
  const q = 2n * num + den;
  const d = 2n * den;
  const r = q / d;
  return q % d !== 0n && q < 0n ? r - 1n : r;
}
