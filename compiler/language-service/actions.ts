/**
 * Diagnostics as the editor shows them, and a quick fix for every diagnostic whose notes say
 * 您是否想写「…」. The diagnostic's span is not always the misspelled word: a misspelled keyword
 * at a line start (`身分 低保对象`) is reported where the parse went wrong (at 低保对象), so the
 * fix replaces the word of the span or of its line's start that is nearest the suggestion.
 */
import { editDistance } from "../../runtime/suggest.js";
import type { Analysis } from "./analysis.js";
import { lineAt, offsetAt, rangeOf, wordsIn, type Location, type Range } from "./positions.js";
import { chain } from "./symbols.js";

export interface ServiceDiagnostic {
  range: Range;
  severity: "error" | "warning" | "info";
  code: string;
  message: string;
  /** the notes (how to fix, 您是否想写…) */
  notes: string[];
  /** the replacement a 您是否想写「…」 note suggests, for a quick fix */
  suggestion?: string;
  /** lines a note points at (`下限见 <base file> 第 N 行`, `本政策第 N 行`): LSP relatedInformation */
  related?: { location: Location; message: string }[];
}

export function diagnostics(a: Analysis): ServiceDiagnostic[] {
  return a.diagnostics
    .filter((d) => d.file === a.ast.file)
    .map((d) => {
      const suggestion = d.notes.map((n) => /您是否想写「(.+?)」/.exec(n)?.[1]).find(Boolean);
      const related = d.notes.flatMap((n) => relatedOf(a, n));
      return {
        range: rangeOf(a.text, d.span),
        severity: d.severity === "错误" ? "error" : d.severity === "警告" ? "warning" : "info",
        code: d.code,
        message: d.message,
        notes: d.notes,
        ...(suggestion ? { suggestion } : {}),
        ...(related.length ? { related } : {}),
      };
    });
}

/** The lines of the document or its base a note names, as the checker writes them. */
function relatedOf(a: Analysis, note: string): { location: Location; message: string }[] {
  const out: { location: Location; message: string }[] = [];
  const line = (x: Analysis, n: number) => {
    const lines = x.text.split("\n");
    if (n < 1 || n > lines.length) return;
    const text = lines[n - 1]!;
    const indent = text.length - text.trimStart().length;
    out.push({ location: { file: x.file, range: { start: { line: n - 1, character: indent }, end: { line: n - 1, character: text.trimEnd().length } } }, message: note });
  };
  for (const m of note.matchAll(/(\S+?\.jz) 第 (\d+) 行/g)) {
    const x = chain(a).find((c) => c.file === m[1] || c.file.endsWith(`/${m[1]}`));
    if (x) line(x, Number(m[2]));
  }
  for (const m of note.matchAll(/本政策第 (\d+) 行/g)) line(a, Number(m[1]));
  return out;
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

/**
 * Quick fixes for the diagnostics touching `range` that carry a suggestion: 您是否想写「…」, and
 * the keyword-without-spaces hint (「规范转诊且本市户籍」中含有关键字「且」…例如：规范转诊 且 本市户籍).
 */
export function codeActions(a: Analysis, range: Range): CodeAction[] {
  return diagnostics(a)
    .filter((d) => overlaps(d.range, range))
    .flatMap((d) => {
      const out: CodeAction[] = [];
      const target = d.suggestion ? misspelled(a, d) : undefined;
      if (target) out.push({ title: `改为「${d.suggestion}」`, diagnostic: d, edit: { range: target, newText: d.suggestion! } });
      for (const n of d.notes) {
        const spaced = /^「(.+?)」中含有关键字「.+?」；关键字两侧须有空格，例如：(.+)$/.exec(n);
        const start = offsetAt(a.text, d.range.start);
        if (spaced && a.text.slice(start, offsetAt(a.text, d.range.end)) === spaced[1])
          out.push({ title: `在关键字两侧加空格：${spaced[2]}`, diagnostic: d, edit: { range: d.range, newText: spaced[2]! } });
      }
      return out;
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
