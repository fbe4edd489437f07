/**
 * Syntax classes for the editor from the project's own lexer (grammar/lexer.ts), not a second
 * grammar: keywords, literals, names, raw text (citations after 依据 …) and comments. A table row
 * is one token to the lexer; its cells are lexed in place as grammar/table.ts does (a cell that
 * does not lex, such as a 依据 cell, is shown as raw text). Pure: tested in Node.
 */
import { KEYWORDS } from "../../grammar/keywords.js";
import { lex } from "../../grammar/lexer.js";
import { normalize } from "../../grammar/normalize.js";

export type TokenClass = "kw" | "num" | "str" | "name" | "raw" | "comment" | "op" | "pipe";
export interface Span {
  from: number;
  to: number;
  cls: TokenClass;
}

const KEYWORD_NAMES = new Set(KEYWORDS.map((k) => k.name));
const LITERALS = new Set(["DateLit", "MonthsLit", "PointsLit", "AmountLit", "RatioLit", "NumberLit"]);

function classOf(tokenName: string): TokenClass | undefined {
  if (KEYWORD_NAMES.has(tokenName)) return "kw";
  if (LITERALS.has(tokenName)) return "num";
  if (tokenName === "TerminatedString" || tokenName === "UnterminatedString") return "str";
  if (tokenName === "Identifier") return "name";
  if (tokenName === "RawText") return "raw";
  if (tokenName === "Newline" || tokenName === "RawNewline") return undefined;
  return "op";
}

/** Spans in document order; offsets are the original text's (normalize keeps them). */
export function highlightSpans(text: string): Span[] {
  const norm = normalize(text);
  const out: Span[] = [];
  const { tokens } = lex(norm);
  /** the 依据 columns of the table being read (its first row is the header), as grammar/table.ts */
  let rawColumns: Set<number> | undefined;
  for (const t of tokens) {
    const name = t.tokenType.name;
    const from = t.startOffset;
    const to = t.startOffset + t.image.length;
    if (name === "TableRow") {
      const header = !rawColumns;
      if (!rawColumns) {
        const cells = t.image.slice(1).split("|").map((c) => c.trim());
        rawColumns = new Set(cells.flatMap((c, i) => (c === "依据" ? [i] : [])));
      }
      out.push(...rowSpans(norm, from, to, header ? new Set() : rawColumns));
    } else if (name !== "Newline") rawColumns = undefined;
    if (name !== "TableRow") {
      const cls = classOf(name);
      if (cls) out.push({ from, to, cls });
    }
  }
  // comments are skipped by the lexer: a `#` outside strings and raw text starts one
  const taken = out.map((s) => [s.from, s.to] as const);
  const inToken = (i: number) => taken.some(([a, b]) => i >= a && i < b);
  for (let i = norm.indexOf("#"); i >= 0; i = norm.indexOf("#", i + 1)) {
    if (inToken(i)) continue;
    const nl = norm.indexOf("\n", i);
    const end = nl < 0 ? norm.length : nl;
    out.push({ from: i, to: end, cls: "comment" });
    i = end;
  }
  return out.sort((a, b) => a.from - b.from);
}

function rowSpans(norm: string, from: number, to: number, rawColumns: Set<number>): Span[] {
  const out: Span[] = [];
  let start = from;
  let column = -1; // the text before the first | is no cell
  for (let i = from; i <= to; i++) {
    if (i < to && norm[i] !== "|") continue;
    if (i < to) out.push({ from: i, to: i + 1, cls: "pipe" });
    const cell = norm.slice(start, i);
    const r = lex(cell, start);
    if (cell.trim() !== "" && (rawColumns.has(column) || r.errors.length > 0)) {
      const lead = cell.length - cell.trimStart().length;
      out.push({ from: start + lead, to: start + cell.trimEnd().length, cls: "raw" });
    } else
      for (const t of r.tokens) {
        const cls = classOf(t.tokenType.name);
        if (cls) out.push({ from: t.startOffset, to: t.startOffset + t.image.length, cls });
      }
    start = i + 1;
    column++;
  }
  return out.filter((s) => s.to > s.from);
}
