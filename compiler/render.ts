/**
 * The only place diagnostics become text, rustc style:
 *
 *   错误[JZ2001]: 未知身份「低保对像」
 *     --> policies/营口市/2023-01-01.jz:12:5
 *      |
 *   12 |   对象 低保对像
 *      |        ^^^^^^^^
 *      = 提示：您是否想写「低保对象」？
 *
 * Carets are measured in display columns: a CJK or full-width character takes two (Unicode East
 * Asian Width W/F, compiler/width.ts), so the carets sit under the span in a terminal.
 */
import type { Diagnostic } from "./diagnostics.js";
import { sortDiagnostics } from "./diagnostics.js";
import { LineIndex } from "./passes/source-lines.js";
import { displayWidth } from "./width.js";

export { charWidth, displayWidth } from "./width.js";

/** Lines longer than this (in UTF-16 units) are clipped to FRAME_CONTEXT around the span. */
const FRAME_LIMIT = 240;
const FRAME_CONTEXT = 80;

export function renderDiagnostic(
  d: Diagnostic,
  sources: Map<string, string>,
  indexes = new Map<string, LineIndex>(),
): string {
  const out = [`${d.severity}[${d.code}]: ${d.message}`];
  const text = sources.get(d.file);
  if (text === undefined) {
    out.push(` --> ${d.file}`);
    for (const n of d.notes) out.push(` = 提示：${n}`);
    return out.join("\n");
  }
  let index = indexes.get(d.file);
  if (!index) indexes.set(d.file, (index = new LineIndex(text)));
  const start = index.position(d.span.start);
  const gutter = " ".repeat(String(start.line).length);
  const fullLine = index.lineText(start.line);
  const lineStart = index.lineStart(start.line);
  // a span running over several lines is underlined on its first line only
  const endOnLine = Math.min(Math.max(d.span.end, d.span.start), lineStart + fullLine.length);
  // A very long line is shown as a window around the span, so that many diagnostics on one long
  // line (a table row with thousands of cells) render in size proportional to their count.
  const from = fullLine.length > FRAME_LIMIT ? Math.max(0, d.span.start - lineStart - FRAME_CONTEXT) : 0;
  const to =
    fullLine.length > FRAME_LIMIT
      ? Math.min(fullLine.length, Math.max(endOnLine - lineStart, from) + FRAME_CONTEXT)
      : fullLine.length;
  const lead = from > 0 ? "…" : "";
  const lineText = lead + fullLine.slice(from, to) + (to < fullLine.length ? "…" : "");
  const before = lead + fullLine.slice(from, d.span.start - lineStart);
  const under = text.slice(d.span.start, Math.min(endOnLine, lineStart + to));
  const carets = Math.max(1, displayWidth(under));
  out.push(`${gutter}--> ${d.file}:${start.line}:${start.column}`);
  out.push(`${gutter} |`);
  // tabs shown as one space so that the caret arithmetic (tab = 1 column) stays true
  out.push(`${start.line} | ${lineText.replace(/\t/g, " ")}`);
  out.push(`${gutter} | ${" ".repeat(displayWidth(before))}${"^".repeat(carets)}`);
  for (const n of d.notes) out.push(`${gutter} = 提示：${n}`);
  return out.join("\n");
}

/** Every diagnostic, in reading order, separated by blank lines (ends with a newline if any). */
export function renderDiagnostics(diagnostics: Diagnostic[], sources: Map<string, string>): string {
  const indexes = new Map<string, LineIndex>();
  return sortDiagnostics(diagnostics)
    .map((d) => renderDiagnostic(d, sources, indexes) + "\n")
    .join("\n");
}

/** 发现 2 个错误，1 个警告 — or 未发现问题. */
export function renderSummary(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "错误").length;
  const warnings = diagnostics.filter((d) => d.severity === "警告").length;
  const parts = [];
  if (errors) parts.push(`${errors} 个错误`);
  if (warnings) parts.push(`${warnings} 个警告`);
  return parts.length ? `发现 ${parts.join("，")}` : "未发现问题";
}
