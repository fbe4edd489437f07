/** The report for tools: the DiffReport itself, amounts in 分 as integers, stable key order. */
import type { DiffReport } from "./types.js";

export function renderJson(r: DiffReport): string {
  return JSON.stringify(r, null, 2) + "\n";
}
