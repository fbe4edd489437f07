/**
 * The language service every editor front end uses (the `jiuzhu lsp` server, a browser
 * workbench): pure functions from a document's text to diagnostics, symbols, hovers,
 * definitions, completions and edits. No `node:` imports — anything outside the document (the
 * base policy of 基于) comes through the `resolveBase` callback — so a browser can bundle it.
 * Positions are LSP-style: 0-based line, UTF-16 character.
 */
import { parsePolicy, KEYWORDS } from "../../grammar/index.js";
import type { Declaration, PolicyAst } from "../../grammar/ast.js";
import { checkPolicy } from "../check.js";
import type { Diagnostic } from "../diagnostics.js";
import { hasErrors } from "../diagnostics.js";
import { formatPolicy } from "../fmt/index.js";
import type { CheckedPolicy } from "../ir.js";
import { splitCitation } from "../coverage/citations.js";
import { resolve as resolveHeading } from "../coverage/coverage.js";
import { extractHeadings } from "../coverage/headings.js";

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

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

export interface ServiceOptions {
  /** the checked base policy for `基于 <region>`, read however the host can (files, a bundle) */
  resolveBase?: (region: string, file: string) => CheckedPolicy | undefined;
  /** the text of the 原文 document the policy names (its `原文` line), for hovers on 依据 */
  readSource?: (written: string, file: string) => string | undefined;
}

export interface Analysis {
  text: string;
  options?: ServiceOptions;
  ast: PolicyAst;
  diagnostics: Diagnostic[];
}

/** Parse and check: the same diagnostics as `jiuzhu check`. */
export function analyse(file: string, text: string, options: ServiceOptions = {}): Analysis {
  const parsed = parsePolicy(file, text);
  if (hasErrors(parsed.diagnostics)) return { text, options, ast: parsed.ast, diagnostics: parsed.diagnostics };
  const region = parsed.ast.header.basedOn?.name;
  const base = region ? options.resolveBase?.(region, file) : undefined;
  const checked = checkPolicy(parsed.ast, { source: text, base });
  return { text, options, ast: parsed.ast, diagnostics: [...parsed.diagnostics, ...checked.diagnostics] };
}

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
  return Math.min(offset + p.character, text.length);
}

const rangeOf = (text: string, span: { start: number; end: number }): Range => ({
  start: positionAt(text, span.start),
  end: positionAt(text, Math.max(span.end, span.start)),
});

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

const KIND_NAMES: Record<string, string> = {
  identity: "身份", group: "身份组", field: "字段", list: "清单", item: "项目", capGroup: "限额组",
};

interface Decl { kind: string; name: string; span: { start: number; end: number }; nameSpan: { start: number; end: number } }

/** Every declared name in the document (identities, 身份组, fields, 清单, items, …). */
export function declarations(a: Analysis): Decl[] {
  const out: Decl[] = [];
  for (const d of a.ast.declarations as (Declaration & { span: { start: number; end: number } })[]) {
    const n = (d as { name?: { name: string; span: { start: number; end: number } } }).name;
    if (n && typeof n.name === "string") out.push({ kind: KIND_NAMES[d.kind] ?? d.kind, name: n.name, span: d.span, nameSpan: n.span });
  }
  return out;
}

export interface SymbolInfo { name: string; detail: string; range: Range; selectionRange: Range }

/** The outline: one symbol per declaration, in file order. */
export function documentSymbols(a: Analysis): SymbolInfo[] {
  return declarations(a).map((d) => ({
    name: d.name,
    detail: d.kind,
    range: rangeOf(a.text, d.span),
    selectionRange: rangeOf(a.text, d.nameSpan),
  }));
}

/** The word (a run of non-space, non-punctuation characters) under a position. */
export function wordAt(text: string, offset: number): { word: string; start: number; end: number } {
  const stop = /[\s、,，:：;；()（）「」|#“”"]/;
  let s = offset;
  let e = offset;
  while (s > 0 && !stop.test(text[s - 1]!)) s--;
  while (e < text.length && !stop.test(text[e]!)) e++;
  return { word: text.slice(s, e), start: s, end: e };
}

const lineOf = (text: string, offset: number) => {
  const s = text.lastIndexOf("\n", offset - 1) + 1;
  const e = text.indexOf("\n", offset);
  return text.slice(s, e < 0 ? text.length : e);
};

/** Hover: a declared name shows its declaration line; an amount its value in 元; a keyword its meaning. */
export function hover(a: Analysis, p: Position): { contents: string; range: Range } | undefined {
  const cited = citationHover(a, offsetAt(a.text, p));
  if (cited) return cited;
  const { word, start, end } = wordAt(a.text, offsetAt(a.text, p));
  if (!word) return undefined;
  const range = rangeOf(a.text, { start, end });
  const decl = declarations(a).find((d) => d.name === word);
  if (decl) return { contents: `**${decl.kind}** ${decl.name}\n\n\`\`\`jiuzhu\n${lineOf(a.text, decl.span.start).trim()}\n\`\`\``, range };
  const amount = /^(\d+(?:\.\d+)?)(万元|元)$/.exec(word);
  if (amount) {
    const [int, frac = ""] = amount[1]!.split(".");
    const places = amount[2] === "万元" ? 6 : 2; // digits after the point that are still whole 分
    if (frac.length > places) return { contents: `金额 ${word}：不是整分`, range };
    const fen = BigInt(int! + frac.padEnd(places, "0"));
    return { contents: `金额 ${fen / 100n}.${String(fen % 100n).padStart(2, "0")} 元`, range };
  }
  const kw = KEYWORDS.find((k) => k.text === word);
  if (kw) return { contents: `**${kw.text}**（关键字）：${kw.desc}`, range };
  return undefined;
}

/** Definition: the declaration of the name under the cursor. */
export function definition(a: Analysis, p: Position): Range | undefined {
  const { word } = wordAt(a.text, offsetAt(a.text, p));
  const decl = declarations(a).find((d) => d.name === word);
  return decl ? rangeOf(a.text, decl.nameSpan) : undefined;
}

/** References: every whole-word occurrence of the declared name under the cursor. */
export function references(a: Analysis, p: Position): Range[] {
  const { word } = wordAt(a.text, offsetAt(a.text, p));
  if (!declarations(a).some((d) => d.name === word)) return [];
  const out: Range[] = [];
  for (let i = a.text.indexOf(word); i >= 0; i = a.text.indexOf(word, i + word.length)) {
    const w = wordAt(a.text, i);
    if (w.word === word && w.start === i) out.push(rangeOf(a.text, { start: i, end: i + word.length }));
  }
  return out;
}

export interface Completion { label: string; detail: string; kind: "keyword" | "name" }

/** Completion: keywords (line-starting ones at the start of a line) and the declared names. */
export function completions(a: Analysis, p: Position): Completion[] {
  const offset = offsetAt(a.text, p);
  const before = a.text.slice(a.text.lastIndexOf("\n", offset - 1) + 1, offset);
  const atLineStart = /^\s*\S*$/.test(before);
  const keywords = KEYWORDS.filter((k) => !atLineStart || k.startsLine).map((k) => ({ label: k.text, detail: k.desc, kind: "keyword" as const }));
  const names = declarations(a).map((d) => ({ label: d.name, detail: d.kind, kind: "name" as const }));
  return atLineStart ? [...keywords, ...names] : [...names, ...keywords];
}

/** Formatting: the whole document in `jiuzhu fmt` layout, or nothing when it does not parse. */
export function format(file: string, text: string): string | undefined {
  const r = formatPolicy(file, text);
  return r.ok && r.changed ? r.text : undefined;
}

/**
 * Hover on the citation after 依据: the cited articles' text from the 原文 document, read the
 * way `jiuzhu coverage` reads it (headings extracted from the seed, citations split and resolved).
 */
function citationHover(a: Analysis, offset: number): { contents: string; range: Range } | undefined {
  const source = a.ast.header.source?.text;
  if (!source || !a.options?.readSource) return undefined;
  const lineStart = a.text.lastIndexOf("\n", offset - 1) + 1;
  const nl = a.text.indexOf("\n", offset);
  const line = a.text.slice(lineStart, nl < 0 ? a.text.length : nl);
  const at = line.lastIndexOf("依据", offset - lineStart);
  if (at < 0) return undefined;
  const rawStart = at + 2;
  const hash = line.indexOf("#", rawStart);
  const cited = line.slice(rawStart, hash < 0 ? line.length : hash).replace(/\s*\|.*$/, "").trim();
  if (!cited || offset - lineStart < at) return undefined;
  const seed = a.options.readSource(source, a.ast.file);
  if (seed === undefined) return undefined;
  const { headings } = extractHeadings(seed, a.ast.header.docNumber?.text);
  const seedLines = seed.split(/\r?\n/);
  const parts: string[] = [];
  for (const ref of splitCitation(cited).refs) {
    const h = resolveHeading(ref, headings);
    if (!h) continue;
    const next = headings.filter((x) => x.line > h.line).map((x) => x.line).sort((x, y) => x - y)[0] ?? seedLines.length + 1;
    const body = seedLines.slice(h.line - 1, Math.min(next - 1, h.line - 1 + 12)).join("\n").trim();
    parts.push(`**${h.id}**\n\n${body}`);
  }
  if (parts.length === 0) return undefined;
  const start = lineStart + rawStart + (line.slice(rawStart).length - line.slice(rawStart).trimStart().length);
  return { contents: `原文「${source}」\n\n${parts.join("\n\n---\n\n")}`, range: rangeOf(a.text, { start, end: start + cited.length }) };
}
