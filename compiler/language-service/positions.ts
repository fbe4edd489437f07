/**
 * LSP-style positions (0-based line, UTF-16 character) over a document's text, and the word
 * under a position. The AST's spans are UTF-16 offsets into the same text, so one conversion
 * serves every feature.
 */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
/** A range in a named file: the open document or its base policy (基于). */
export interface Location { file: string; range: Range }

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: Math.min(offset, text.length) - lineStart };
}

export function offsetAt(text: string, p: Position): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) {
    const nl = text.indexOf("\n", offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const nl = text.indexOf("\n", offset);
  return Math.min(offset + p.character, nl < 0 ? text.length : nl);
}

export const rangeOf = (text: string, span: { start: number; end: number }): Range => ({
  start: positionAt(text, span.start),
  end: positionAt(text, Math.max(span.end, span.start)),
});

/** Characters that end a name: spaces, list and clause punctuation, quotes, operators, pipes. */
const STOP = /[\s、,，:：;；()（）「」|#“”"=<>+]/;

/** The word (a run of characters between stops) under an offset. */
export function wordAt(text: string, offset: number): { word: string; start: number; end: number } {
  let s = offset;
  let e = offset;
  while (s > 0 && !STOP.test(text[s - 1]!)) s--;
  while (e < text.length && !STOP.test(text[e]!)) e++;
  return { word: text.slice(s, e), start: s, end: e };
}

/** Every word of `text[start, end)` with its offsets. */
export function wordsIn(text: string, start: number, end: number): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (let i = start; i < end; ) {
    if (STOP.test(text[i]!)) {
      i++;
      continue;
    }
    const w = wordAt(text, i);
    out.push(w);
    i = w.end;
  }
  return out;
}

/** The line holding an offset: its text and where it starts and ends. */
export function lineAt(text: string, offset: number): { text: string; start: number; end: number } {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const nl = text.indexOf("\n", offset);
  const end = nl < 0 ? text.length : nl;
  return { text: text.slice(start, end), start, end };
}
