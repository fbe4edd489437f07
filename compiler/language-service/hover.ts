/**
 * Hover: the cited article after 依据 (from the 原文 document), a table row with its amounts in 元
 * and the base policy's row it must respect, `基于`'s base policy, a declared name (in the
 * document or its base), an amount in 元, a keyword's meaning.
 */
import { KEYWORDS } from "../../grammar/index.js";
import { splitCitation } from "../coverage/citations.js";
import { resolve as resolveHeading } from "../coverage/coverage.js";
import { extractHeadings } from "../coverage/headings.js";
import type { Analysis } from "./analysis.js";
import { lineAt, offsetAt, positionAt, rangeOf, wordAt, type Position, type Range } from "./positions.js";
import { lookup, type Decl } from "./symbols.js";
import { baseRows, describeRow, rowAt, rowNames, yuan } from "./tables.js";

export interface Hover { contents: string; range: Range }

export function hover(a: Analysis, p: Position): Hover | undefined {
  const offset = offsetAt(a.text, p);
  const cited = citationHover(a, offset);
  if (cited) return cited;
  const { word, start, end } = wordAt(a.text, offset);
  if (!word) return undefined;
  const range = rangeOf(a.text, { start, end });
  const amount = amountHover(word);
  if (amount) return { contents: amount, range };
  const row = rowHover(a, offset, word);
  if (row) return { contents: row, range };
  const basedOn = a.ast.header.basedOn;
  if (basedOn && basedOn.span.start <= offset && offset <= basedOn.span.end) return { contents: baseHover(a), range };
  const decls = lookup(a, word);
  if (decls.length) return { contents: decls.map((d) => declarationHover(a, d)).join("\n\n---\n\n"), range };
  const kw = KEYWORDS.find((k) => k.text === word);
  if (kw) return { contents: `**${kw.text}**（关键字）：${kw.desc}`, range };
  return undefined;
}

/** `15000元` → 金额 15000.00 元; `2万元` → 金额 20000.00 元 (exact: digits are shifted, never multiplied in floating point). */
function amountHover(word: string): string | undefined {
  const amount = /^(\d+(?:\.\d+)?)(万元|元)$/.exec(word);
  if (!amount) return undefined;
  const [int, frac = ""] = amount[1]!.split(".");
  const places = amount[2] === "万元" ? 6 : 2; // digits after the point that are still whole 分
  if (frac.length > places) return `金额 ${word}：不是整分`;
  return `金额 ${yuan(BigInt(int! + frac.padEnd(places, "0")))}`;
}

const where = (x: Analysis, offset: number) => `${x.ast.header.region?.name ?? x.file} 第${positionAt(x.text, offset).line + 1}行`;

function declarationHover(a: Analysis, d: Decl): string {
  const line = lineAt(d.in.text, d.span.start).text.trim();
  const from = d.in === a ? "" : `（${where(d.in, d.span.start)}）`;
  const alias = d.aliasOf ? `，「${d.aliasOf}」的别名` : "";
  return `**${d.kind}** ${d.aliasOf ?? d.name}${alias}${from}\n\n\`\`\`jiuzhu\n${line}\n\`\`\``;
}

/**
 * A table row: the row's cells (amounts in 元), the declarations of its identities when the
 * cursor is on one, and for a city row the base policy's rows of the same item covering the same
 * identities — the province's floor, ceiling or standard the compiler checks the city row against.
 */
function rowHover(a: Analysis, offset: number, word: string): string | undefined {
  const at = rowAt(a, offset);
  if (!at) return undefined;
  const names = rowNames(at.row);
  const parts = [`**${at.owner}** · ${names.join("、") || "（无身份）"}\n\n${describeRow(a.text, at.table, at.row)}`];
  if (at.cell === 0 && names.includes(word)) parts.push(...lookup(a, word).map((d) => declarationHover(a, d)));
  for (const b of baseRows(a, at)) {
    const bnames = rowNames(b.row).join("、");
    parts.push(`基础政策「${b.base.ast.header.region?.name ?? b.base.file}」${b.owner} · ${bnames}（第${positionAt(b.base.text, b.row.span.start).line + 1}行）：本行须满足\n\n${describeRow(b.base.text, b.table, b.row)}`);
  }
  return parts.join("\n\n---\n\n");
}

/** `基于 山东省`: which file the base is, and whether it checks. */
function baseHover(a: Analysis): string {
  const name = a.ast.header.basedOn!.name;
  const b = a.base;
  if (!b) return `**基于** ${name}：未找到基础政策（policies/${name}/ 中在本政策生效日有效的版本）`;
  const h = b.ast.header;
  const errors = b.diagnostics.filter((d) => d.severity === "错误").length;
  const items = b.ast.declarations.filter((d) => d.kind === "item").map((d) => (d.kind === "item" ? d.name.name : ""));
  return [
    `**基础政策** ${h.region?.name ?? name}：${h.name?.name ?? ""}${h.docNumber ? `（${h.docNumber.text}）` : ""}`,
    `文件 ${b.file}，生效 ${h.effective?.date.iso ?? "未写"}${errors ? `，有 ${errors} 个错误` : ""}`,
    `救助项目：${items.join("、")}`,
  ].join("\n\n");
}

/**
 * Hover on the citation after 依据: the cited articles' text from the 原文 document, read the
 * way `jiuzhu coverage` reads it (headings extracted from the seed, citations split and resolved).
 */
function citationHover(a: Analysis, offset: number): Hover | undefined {
  const source = a.ast.header.source?.text;
  if (!source || !a.options?.readSource) return undefined;
  const l = lineAt(a.text, offset);
  const line = l.text;
  const at = line.lastIndexOf("依据", offset - l.start);
  if (at < 0) return undefined;
  const rawStart = at + 2;
  const hash = line.indexOf("#", rawStart);
  const cited = line.slice(rawStart, hash < 0 ? line.length : hash).replace(/\s*\|.*$/, "").trim();
  if (!cited || offset - l.start < at) return undefined;
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
  const start = l.start + rawStart + (line.slice(rawStart).length - line.slice(rawStart).trimStart().length);
  return { contents: `原文「${source}」\n\n${parts.join("\n\n---\n\n")}`, range: rangeOf(a.text, { start, end: start + cited.length }) };
}
