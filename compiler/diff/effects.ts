/**
 * Changes linked to their effects (issue 16 §2): a table change that cannot move money under the
 * rules around it says so and why, instead of a bare "影响金额：是". Only exact, sufficient reasons
 * are given — a change not proven inert keeps "是":
 *  - a split whose every part has the ratio of the old single ratio (70% → 70%/70%);
 *  - a ratio of a part that starts where the row's cap is already reached: the parts below it
 *    pay at least the cap (50% of the first 5万元 = 2.5万元 ≥ a 2万元 cap), so no claim — first of
 *    the year or not, the cap left is never more than the cap — is paid by that part's ratio.
 */
import { cell, pct } from "./format.js";
import type { CheckedPolicy, RowIR, Segment } from "../ir.js";
import type { StructuralChange } from "./types.js";

type Params = RowIR & { kind: "params" };

/** What the parts below `from` pay at most (分), rounding aside: Σ ratio × width. */
function paidBelow(segs: Segment[], from: number): number {
  return segs.reduce((s, g) => s + (Math.max(0, Math.min(g.to ?? Infinity, from) - g.from) * g.bp) / 10_000, 0);
}

function inertReason(o: Params, n: Params): string | undefined {
  const single = (s: Segment[]) => s.length === 1 && s[0]!.from === 0 && s[0]!.to === null;
  if (n.flat !== null || o.flat !== null) return undefined;
  if (single(o.segments) && n.segments.every((s) => s.bp === o.segments[0]!.bp))
    return `各段比例都是 ${pct(o.segments[0]!.bp)}，与原比例相同，分段不改变任何金额`;
  const cap = [n.annualCap, n.perClaimCap].filter((c): c is number => c !== null).sort((a, b) => a - b)[0];
  if (cap === undefined) return undefined;
  // the ratio of each part that differs from what the old row paid over the same range
  const oldAt = (x: number) => o.segments.find((s) => s.from <= x && (s.to === null || x < s.to))?.bp;
  const changed = n.segments.filter((s) => oldAt(s.from) !== s.bp || (s.to !== null && oldAt(s.to - 1) !== s.bp));
  if (changed.length === 0) return undefined;
  const first = Math.min(...changed.map((s) => s.from));
  // one 分 of margin: a claim's payout is rounded to 分 once, half up
  if (first === 0 || paidBelow(n.segments, first) < cap + 1) return undefined;
  const below = n.segments.filter((s) => s.from < first).map((s) => `${cell(Math.min(s.to ?? first, first) - s.from)}×${pct(s.bp)}`).join("+");
  return `${cell(first)}以上部分的比例不起作用：此前各段已付满限额（${below}≥${cell(cap)}），任何理赔都先达到限额`;
}

/** Sets `effect` on table changes proven not to move money (old → new, one row at a time). */
export function linkEffects(old: CheckedPolicy, neu: CheckedPolicy, changes: StructuralChange[]): void {
  for (const c of changes) {
    if (!c.behavioural || c.category !== "表格" || c.kind !== "changed" || c.path.length < 3) continue;
    const param = c.path[2]!;
    if (!(param === "分段" || param === "比例" || param.startsWith("比例（"))) continue;
    const [item, rowKey] = c.path;
    const oi = old.items.find((i) => i.name === item);
    const ni = neu.items.find((i) => i.name === item);
    const reasons = rowKey!.split("、").map((id) => {
      const o = oi?.rows[id];
      const n = ni?.rows[id];
      return o?.kind === "params" && n?.kind === "params" ? inertReason(o, n) : undefined;
    });
    // every identity of a merged row must be proven, and for the same reason
    if (reasons.every((r) => r !== undefined && r === reasons[0])) c.effect = `不能改变金额：${reasons[0]}`;
  }
}
