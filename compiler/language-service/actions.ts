/**
 * Diagnostics as the editor shows them, and a quick fix for every diagnostic whose notes say
 * 您是否想写「…」. The diagnostic's span is not always the misspelled word: a misspelled keyword
 * at a line start (`身分 低保对象`) is reported where the parse went wrong (at 低保对象), so the
 * fix replaces the word of the span or of its line's start that is nearest the suggestion.
 */
import { editDistance } from "../../runtime/suggest.js";
import type { Analysis } from "./analysis.js";
import { lineAt, offsetAt, rangeOf, wordsIn, type Range } from "./positions.js";

export interface ServiceDiagnostic {
  range: Range;
  severity: "error" | "warning" | "info";
  code: string;
  message: string;
  /** the notes (how to fix, 您是否想写…) */
  notes: string[];
  /** the replacement a 您是否想写「…」 note suggests, for a quick fix */
  suggestion?: string;
}

export function diagnostics(a: Analysis): ServiceDiagnostic[] {
  return a.diagnostics
    .filter((d) => d.file === a.ast.file)
    .map((d) => {
      const suggestion = d.notes.map((n) => /您是否想写「(.+?)」/.exec(n)?.[1]).find(Boolean);
      return {
        range: rangeOf(a.text, d.span),
        severity: d.severity === "错误" ? "error" : d.severity === "警告" ? "warning" : "info",
        code: d.code,
        message: d.message,
        notes: d.notes,
        ...(suggestion ? { suggestion } : {}),
      };
    });
}

export interface CodeAction {
  title: string;
  /** the diagnostic it fixes */
  diagnostic: ServiceDiagnostic;
  /** one edit in the document */
  edit: { range: Range; newText: string };
}

const overlaps = (r: Range, s: Range) =>
  !(r.end.line < s.start.line || (r.end.line === s.start.line && r.end.character < s.start.character) ||
    s.end.line < r.start.line || (s.end.line === r.start.line && s.end.character < r.start.character));

/** Quick fixes for the diagnostics touching `range` that carry a suggestion. */
export function codeActions(a: Analysis, range: Range): CodeAction[] {
  return diagnostics(a)
    .filter((d) => d.suggestion && overlaps(d.range, range))
    .flatMap((d) => {
      const target = misspelled(a, d);
      return target ? [{ title: `改为「${d.suggestion}」`, diagnostic: d, edit: { range: target, newText: d.suggestion! } }] : [];
    });
}

/** The word the suggestion replaces: of the span's words and its line's first word, the nearest to it. */
function misspelled(a: Analysis, d: ServiceDiagnostic): Range | undefined {
  const start = offsetAt(a.text, d.range.start);
  const end = offsetAt(a.text, d.range.end);
  const line = lineAt(a.text, start);
  const candidates = [...wordsIn(a.text, start, Math.max(end, start + 1)), ...wordsIn(a.text, line.start, line.end).slice(0, 1)];
  let best: { start: number; end: number; d: number } | undefined;
  for (const w of candidates) {
    const word = w.word.replace(/^「|」$/g, "");
    if (word === d.suggestion) continue;
    const dist = editDistance(word, d.suggestion!);
    if (!best || dist < best.d) best = { start: w.start, end: w.end, d: dist };
  }
  return best ? rangeOf(a.text, best) : undefined;
}
