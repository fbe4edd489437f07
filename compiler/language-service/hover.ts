/**
 * Hover: the cited article after 依据 (from the 原文 document), a table row with its amounts in 元
 * and the base policy's row it must respect, `基于`'s base policy, a declared name (in the
 * document or its base), an amount in 元, a keyword's meaning.
 */
import { KEYWORDS } from "../../grammar/index.js";
import type { Analysis } from "./analysis.js";
import { citationAt } from "./citations.js";
import { lineAt, offsetAt, positionAt, rangeOf, wordAt, type Position, type Range } from "./positions.js";
import { lookup, visibleDeclarations, type Decl } from "./symbols.js";
import { baseRows, describeRow, describeRowInline, rowAt, rowNames, rowsNaming, yuan } from "./tables.js";

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
  if (decls.length) return { contents: [...decls.map((d) => declarationHover(a, d)), ...rowsHover(a, decls)].join("\n\n---\n\n"), range };
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

/** For an identity or 身份组: the table rows naming it (the document's, then the base's), at most 8. */
function rowsHover(a: Analysis, decls: Decl[]): string[] {
  const d = decls[0]!;
  if (d.kind !== "身份" && d.kind !== "身份组") return [];
  const canonical = d.aliasOf ?? d.name;
  const names = [canonical, ...lookupAliases(a, canonical)];
  const rows = rowsNaming(a, names);
  if (rows.length === 0) return [];
  const lines = rows.slice(0, 8).map((r) => `- ${r.owner}（${where(r.in, r.row.span.start)}）：${describeRowInline(r.in.text, r.table, r.row) || "（无取值）"}`);
  if (rows.length > 8) lines.push(`- … 共 ${rows.length} 行`);
  return [`表格中的行：\n\n${lines.join("\n")}`];
}

const lookupAliases = (a: Analysis, name: string) => visibleDeclarations(a).filter((d) => d.aliasOf === name).map((d) => d.name);

/** `基于 山东省`: which file the base is, and whether it checks. */
function baseHover(a: Analysis): string {
  const name = a.ast.header.basedOn!.name;
  const b = a.base;
  if (!b && a.options?.resolveBase && !a.options.readBase) return `**基于** ${name}：以基础政策「${name}」检查本政策`;
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

/** Hover on a citation (after 依据, or in a 依据 column): the cited articles' text from the 原文 document. */
function citationHover(a: Analysis, offset: number): Hover | undefined {
  const c = citationAt(a, offset);
  if (!c) return undefined;
  return { contents: `原文「${c.source}」\n\n${c.articles.map((x) => `**${x.id}**\n\n${x.body}`).join("\n\n---\n\n")}`, range: c.range };
}
