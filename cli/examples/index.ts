/**
 * Example tables for `jiuzhu test` (and test/golden): every row of a region's tables on each
 * engine given. `checkRegionExamples` is pure apart from the evaluators.
 */
import type { CheckedPolicy } from "../../compiler/ir.js";
import { newKeyNotes } from "../../runtime/claim-keys.js";
import type { Evaluator } from "../../runtime/types.js";
import { runExampleRows, type ExampleResult } from "./run.js";
import type { ExampleTable } from "./table.js";

export { findRegionExamples, decodeTable, type RegionExamples } from "./files.js";
export { parseExampleTable, parseYuan, type ExampleRow, type ExampleTable } from "./table.js";
export { renderMismatch, compare, type ExampleResult } from "./run.js";

export interface Engine {
  name: "compiled" | "interpreter";
  evaluatorFor(policy: CheckedPolicy): Evaluator;
}

export interface ExamplesReport {
  rows: number;
  results: ExampleResult[];
  /** malformed tables and rows (file:line) */
  errors: string[];
}

export function checkRegionExamples(
  versions: readonly CheckedPolicy[],
  tables: readonly ExampleTable[],
  engines: readonly Engine[],
): ExamplesReport {
  const report: ExamplesReport = { rows: 0, results: [], errors: [] };
  for (const table of tables) {
    report.errors.push(...table.errors);
    report.rows += table.rows.length;
    // a column that is no field of the policy would be silently ignored by validation: in an
    // officer's table it is a typo or a 期望 column misspelt, so it is an error at the header
    const notes = newKeyNotes();
    engines.forEach((engine, k) => {
      report.results.push(...runExampleRows(table.rows, versions, (p) => engine.evaluatorFor(p), engine.name, k === 0 ? notes : undefined));
    });
    for (const column of notes.ignored.keys()) {
      report.errors.push(`${table.file}:1：列「${column}」既不是政策的记录字段，也不是案例列（期望、算式、计算器、期望适用身份、期望.<项目>…），请改正列名`);
    }
  }
  return report;
}

/** `✓ 营口市：案例 40 条（…），全部相符` / `✗ 营口市：…，2 处不符，1 处格式错误` */
export function renderExamplesSummary(region: string, report: ExamplesReport, engines: number): string {
  const bad = report.results.filter((r) => r.mismatches.length > 0).length;
  const parts: string[] = [];
  if (bad > 0) parts.push(`${bad} 处不符`);
  if (report.errors.length > 0) parts.push(`${report.errors.length} 处格式错误`);
  const engineText = engines === 2 ? "编译模块和参考解释器各算一遍" : "";
  const mark = parts.length > 0 ? "✗" : "✓";
  return `${mark} ${region}：案例 ${report.rows} 条${engineText ? `（${engineText}）` : ""}，${parts.length > 0 ? parts.join("，") : "全部相符"}`;
}
