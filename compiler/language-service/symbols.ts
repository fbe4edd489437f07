/**
 * Declared names across the open document and its base policies (基于): the outline, go to
 * definition and find references. A city uses the province's identities, 身份组 and items
 * without redeclaring them, so a name is looked up in the document first, then in its bases.
 */
import type { Declaration } from "../../grammar/ast.js";
import type { Analysis } from "./analysis.js";
import { citationAt } from "./citations.js";
import { lineAt, offsetAt, rangeOf, wordAt, type Location, type Position, type Range } from "./positions.js";

const KIND_NAMES: Record<string, string> = {
  identity: "身份", group: "身份组", field: "字段", list: "清单", item: "救助项目", capGroup: "限额组",
  calculator: "计算器", warning: "预警", guarantee: "保证",
};

type Span = { start: number; end: number };

export interface Decl {
  /** 身份, 身份组, 字段, 清单, 救助项目, … */
  kind: string;
  name: string;
  /** the analysis (document or base) declaring it */
  in: Analysis;
  span: Span;
  nameSpan: Span;
  decl: Declaration;
  /** set when `name` is an alias (别名) of the identity `aliasOf` */
  aliasOf?: string;
}

/** The declarations of one analysis, aliases included, in file order. */
export function ownDeclarations(a: Analysis): Decl[] {
  const out: Decl[] = [];
  for (const d of a.ast.declarations) {
    const n = (d as { name?: { name: string; span: Span } }).name;
    if (!n || typeof n.name !== "string") continue;
    const kind = KIND_NAMES[d.kind] ?? d.kind;
    out.push({ kind, name: n.name, in: a, span: d.span, nameSpan: n.span, decl: d });
    if (d.kind === "identity") for (const al of d.aliases) out.push({ kind, name: al.name, in: a, span: d.span, nameSpan: al.span, decl: d, aliasOf: n.name });
  }
  return out;
}

/** The analyses a name can come from: the document, then its base, then the base's base. */
export function chain(a: Analysis): Analysis[] {
  const out: Analysis[] = [];
  for (let x: Analysis | undefined = a; x && !out.includes(x); x = x.base) out.push(x);
  return out;
}

/** Every declaration visible in the document: its own first, then those of its bases. */
export function visibleDeclarations(a: Analysis): Decl[] {
  return chain(a).flatMap(ownDeclarations);
}

/** The declarations named `name`, the document's first. */
export function lookup(a: Analysis, name: string): Decl[] {
  return visibleDeclarations(a).filter((d) => d.name === name);
}

export interface SymbolInfo {
  name: string;
  detail: string;
  range: Range;
  selectionRange: Range;
  /** an item's or 限额组's table rows, named by their identities */
  children?: SymbolInfo[];
}

/** The outline: one symbol per declaration of the document, in file order; an item's rows under it. */
export function documentSymbols(a: Analysis): SymbolInfo[] {
  return ownDeclarations(a)
    .filter((d) => !d.aliasOf)
    .map((d) => {
      const s: SymbolInfo = { name: d.name, detail: d.kind, range: rangeOf(a.text, d.span), selectionRange: rangeOf(a.text, d.nameSpan) };
      const table = (d.decl.kind === "item" || d.decl.kind === "capGroup") && d.decl.table;
      if (table && table.rows.length) {
        s.children = table.rows.map((row) => {
          const first = row.cells[0];
          const name = first?.kind === "identities" ? first.names.map((n) => n.name).join("、") : a.text.slice(row.span.start, row.span.end).trim();
          const range = rangeOf(a.text, row.span);
          return { name: name || "（空行）", detail: "表格行", range, selectionRange: first ? rangeOf(a.text, first.span) : range };
        });
      }
      return s;
    });
}

const locate = (d: Decl): Location => ({ file: d.in.file, range: rangeOf(d.in.text, d.nameSpan) });

/**
 * Definition: where the name under the cursor is declared — in the document, and for a name the
 * document also takes from its base (an item it replaces row by row) in the base as well; on a
 * citation, the cited articles of the 原文 document.
 */
export function definition(a: Analysis, p: Position): Location[] {
  const offset = offsetAt(a.text, p);
  // a citation: the cited articles in the 原文 document, when the host said where it is
  const cited = citationAt(a, offset);
  if (cited?.sourceFile) {
    const file = cited.sourceFile;
    return cited.articles.map((x) => ({ file, range: { start: { line: x.line - 1, character: 0 }, end: { line: x.line - 1, character: 0 } } }));
  }
  const { word } = wordAt(a.text, offset);
  return word ? lookup(a, word).map(locate) : [];
}

/** References: every whole-word use of the declared name under the cursor, in the document and its bases. */
export function references(a: Analysis, p: Position): Location[] {
  const { word } = wordAt(a.text, offsetAt(a.text, p));
  const decls = word ? lookup(a, word) : [];
  if (decls.length === 0) return [];
  // an identity's uses include its aliases (别名)
  const canonical = decls[0]!.aliasOf ?? word;
  const names = new Set([canonical, ...visibleDeclarations(a).filter((d) => d.aliasOf === canonical).map((d) => d.name)]);
  const out: Location[] = [];
  for (const x of chain(a)) {
    for (const name of names) {
      for (let i = x.text.indexOf(name); i >= 0; i = x.text.indexOf(name, i + name.length)) {
        const w = wordAt(x.text, i);
        if (w.word !== name || w.start !== i || isProse(x.text, i)) continue;
        out.push({ file: x.file, range: rangeOf(x.text, { start: i, end: i + name.length }) });
      }
    }
  }
  return out.sort((l, r) => (l.file === r.file ? l.range.start.line - r.range.start.line || l.range.start.character - r.range.start.character : l.file === a.file ? -1 : r.file === a.file ? 1 : 0));
}

/** A name in a comment or in the officer's own words (after 解释, 依据, …) mentions it but does not use it. */
function isProse(text: string, offset: number): boolean {
  const l = lineAt(text, offset);
  const before = l.text.slice(0, offset - l.start);
  return before.includes("#") || /(?:^|\s)(?:解释|备注|依据|政策|文号|原文|程序性)\s/.test(before);
}
