/** Formatting for the bench's Markdown tables (CJK characters are two columns wide). */
import { displayWidth } from "../compiler/width.js";

export const ms = (x: number): string =>
  x >= 1000 ? (x / 1000).toFixed(2) + " s" : x.toFixed(1) + " ms";
export const rate = (x: number): string => (x / 1e6).toFixed(2) + " M/s";
export const ratio = (x: number): string => x.toFixed(2) + "×";
export const log = (s = ""): void => console.log(s);

/** Display width: CJK and full-width characters take two columns (compiler/width.ts). */
const width = displayWidth;

export function table(head: string[], rows: string[][]): void {
  const w = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (r: string[]) =>
    "| " + r.map((c, i) => c + " ".repeat(w[i]! - width(c))).join(" | ") + " |";
  log(line(head));
  log("|" + w.map((n) => "-".repeat(n + 2)).join("|") + "|");
  for (const r of rows) log(line(r));
}

/** A row of the targets table. */
export function target(measure: string, result: string, goal: string, met: boolean): string[] {
  return [measure, result, goal, met ? "met" : "NOT met"];
}

/**
 * Ratios of runs taken in pairs (a[i] / b[i], the two ran one after the other): the median ratio
 * and the spread between runs, so a reader sees the noise of a shared machine beside the figure.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): { median: number; min: number; max: number; n: number } {
  const r = a.map((x, i) => x / b[i]!).sort((x, y) => x - y);
  return { median: r[r.length >> 1]!, min: r[0]!, max: r[r.length - 1]!, n: r.length };
}

/** `0.82× (runs 0.78–0.86×, n=5)` */
export const spread = (p: ReturnType<typeof pairedRatio>): string =>
  `${ratio(p.median)} (runs ${p.min.toFixed(2)}–${p.max.toFixed(2)}×, median of ${p.n} alternating pairs)`;
