/**
 * The citation under the cursor — the raw text after 依据, or a cell of a table's 依据 column —
 * resolved to the articles of the 原文 document the way `jiuzhu coverage` reads it (headings
 * extracted from the seed, citations split and resolved). Hover shows their text; definition
 * opens them when the host said where the document is.
 */
import { splitCitation } from "../coverage/citations.js";
import { resolve as resolveHeading } from "../coverage/coverage.js";
import { extractHeadings } from "../coverage/headings.js";
import type { Analysis } from "./analysis.js";
import { lineAt, rangeOf, type Range } from "./positions.js";
import { rowAt } from "./tables.js";

export interface CitedArticle {
  /** the heading as the document numbers it, e.g. 第五条（一） */
  id: string;
  /** 1-based line of the heading in the 原文 document */
  line: number;
  /** the article's first lines (up to the next heading, at most 12) */
  body: string;
}

export interface CitationAt {
  range: Range;
  /** the 原文 line of the policy, as written */
  source: string;
  /** where the 原文 document is, when `readSource` said so */
  sourceFile?: string;
  articles: CitedArticle[];
}

/** The citation text under `offset` and its span, if the cursor is on one. */
function citedText(a: Analysis, offset: number): { text: string; start: number } | undefined {
  const row = rowAt(a, offset);
  const cell = row && row.cell >= 0 ? row.row.cells[row.cell] : undefined;
  if (cell?.kind === "citation") return { text: cell.citation.text, start: cell.citation.span.start };
  const l = lineAt(a.text, offset);
  const line = l.text;
  const at = line.lastIndexOf("依据", offset - l.start);
  if (at < 0 || offset - l.start < at) return undefined;
  const rawStart = at + 2;
  const hash = line.indexOf("#", rawStart);
  const cited = line.slice(rawStart, hash < 0 ? line.length : hash).replace(/\s*\|.*$/, "").trim();
  if (!cited) return undefined;
  return { text: cited, start: l.start + rawStart + (line.slice(rawStart).length - line.slice(rawStart).trimStart().length) };
}

export function citationAt(a: Analysis, offset: number): CitationAt | undefined {
  const source = a.ast.header.source?.text;
  if (!source || !a.options?.readSource) return undefined;
  const cited = citedText(a, offset);
  if (!cited) return undefined;
  const read = a.options.readSource(source, a.ast.file);
  if (read === undefined) return undefined;
  const seed = typeof read === "string" ? read : read.text;
  const { headings } = extractHeadings(seed, a.ast.header.docNumber?.text);
  const seedLines = seed.split(/\r?\n/);
  const articles: CitedArticle[] = [];
  for (const ref of splitCitation(cited.text).refs) {
    const h = resolveHeading(ref, headings);
    if (!h) continue;
    const next = headings.filter((x) => x.line > h.line).map((x) => x.line).sort((x, y) => x - y)[0] ?? seedLines.length + 1;
    articles.push({ id: h.id, line: h.line, body: seedLines.slice(h.line - 1, Math.min(next - 1, h.line - 1 + 12)).join("\n").trim() });
  }
  if (articles.length === 0) return undefined;
  return {
    range: rangeOf(a.text, { start: cited.start, end: cited.start + cited.text.length }),
    source,
    ...(typeof read === "string" ? {} : { sourceFile: read.file }),
    articles,
  };
}
