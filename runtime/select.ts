/**
 * Assembling a calculator's outcome (docs/语义.md §2–4, 7): item lines, 其他身份, and the error
 * outcome of a record the policy cannot evaluate. The evaluation itself, including 就高不重复
 * (largest total wins, ties keep the earlier declared identity), is generated code on locals.
 */
import type { IdentityOutcome, ItemLine, Outcome, WarningLine } from "./types.js";
import { RecordError, basePolicyMessage } from "./trace.js";

/** An item line; 说明 only when there is one. */
export function itemLine(
  项目: string,
  金额: number,
  依据: string,
  说明: string | undefined,
): ItemLine {
  return 说明 === undefined ? { 项目, 金额, 依据 } : { 项目, 金额, 依据, 说明 };
}

/** §2/§3: every item 0 with one reason (不予救助, or no identity held). */
export function zeroLines(
  items: readonly string[],
  cites: readonly string[] | string,
  note: string,
): ItemLine[] {
  // a plain loop: no closure per claim (this runs for every excluded or identity-less claim)
  const out: ItemLine[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = { 项目: items[i]!, 金额: 0, 依据: typeof cites === "string" ? cites : cites[i]!, 说明: note };
  }
  return out;
}

/**
 * Held identities other than the winner, with their totals, in declaration order. `held` has bit
 * h set for identity h (a policy declares at most 31 identities).
 */
export function otherIdentities(
  held: number,
  totals: Float64Array,
  winner: number,
  names: readonly string[],
): IdentityOutcome[] {
  const out: IdentityOutcome[] = [];
  if (winner < 0) return out;
  // the set bits, lowest (first declared) first
  for (let m = held; m !== 0; m &= m - 1) {
    const h = 31 - Math.clz32(m & -m);
    if (h !== winner) out.push({ 身份: names[h]!, 金额: totals[h]! });
  }
  return out;
}

export function success(
  金额: number,
  明细: ItemLine[],
  winner: string | undefined,
  其他身份: IdentityOutcome[],
  warnings: WarningLine[] | undefined,
  trace: string[] | null,
  skipped?: string[],
): Outcome {
  const out: Extract<Outcome, { ok: true }> = { ok: true, 金额, 明细, 其他身份 };
  if (winner !== undefined) out.适用身份 = winner;
  if (warnings !== undefined) out.预警 = warnings;
  if (skipped !== undefined) out.预警跳过 = skipped;
  if (trace !== null) out.计算过程 = trace;
  return out;
}

/** A RecordError becomes the error outcome; anything else is a bug and propagates. */
export function failure(e: unknown): Outcome {
  if (e instanceof RecordError) return { ok: false, 错误: e.message };
  throw e;
}

export function basePolicyFailure(policy: string): Outcome {
  return { ok: false, 错误: basePolicyMessage(policy) };
}
