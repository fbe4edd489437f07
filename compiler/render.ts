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
 * Asian Width W/F), so the carets sit under the span in a terminal.
 */
import type { Diagnostic } from "./diagnostics.js";
import { sortDiagnostics } from "./diagnostics.js";
import { LineIndex } from "./passes/source-lines.js";

/** Unicode East Asian Width W and F ranges (the ones a policy file can plausibly contain). */
const WIDE: [number, number][] = [
  [0x1100, 0x115f], // Hangul Jamo
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x2e80, 0x303e], // CJK radicals, punctuation 、。「」〔〕【】, ideographic space
  [0x3041, 0x33ff], // kana, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small forms
  [0xff00, 0xff60], // full-width ASCII ：，（）％０-９
  [0xffe0, 0xffe6], // full-width signs ￥
  [0x1f300, 0x1f64f], // emoji
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd], // CJK extensions B–
];

export function charWidth(codePoint: number): number {
  if (codePoint < 0x1100) return 1;
  for (const [lo, hi] of WIDE) if (codePoint >= lo && codePoint <= hi) return 2;
  return 1;
}

/** Display width of a string in terminal columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

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
