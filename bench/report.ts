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
