/**
 * Table rows → Table. A row reaches here as one TableRow token; it is split at `|` and each cell
 * is lexed on its own, except the 依据 column, whose cells are raw citations taken from the
 * original text (a cell such as 二、（二）2.（1） would not lex, and must keep its full-width parens).
 */
import { tokenMatcher, type IToken } from "chevrotain";
import type { AmountLit, ColumnHeader, NumberLit, RatioLit, Span, Table, TableCell } from "./ast.js";
import { Codes, error } from "../compiler/diagnostics.js";
import * as T from "./lexer.js";
import { amountOrNumber, join, tokSpan, type Ctx } from "./to-ast.js";
import { pointsLit, ratioLit } from "./literals.js";

interface RawCell {
  text: string; // normalised
  span: Span; // trimmed
}

/** Cells of a row; a trailing `|` does not open another cell. */
function splitRow(row: IToken): RawCell[] {
  const cells: RawCell[] = [];
  const text = row.image;
  let from = 1; // past the leading `|`
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && text[i] !== "|") continue;
    const raw = text.slice(from, i);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    const start = row.startOffset + from + lead;
    if (i < text.length || trimmed !== "") cells.push({ text: trimmed, span: { start, end: start + trimmed.length } });
    from = i + 1;
  }
  return cells;
}

const isSeparator = (cells: RawCell[]) =>
  cells.some((c) => c.text !== "") && cells.every((c) => /^:?-*:?$/.test(c.text));

function lexCell(cell: RawCell, ctx: Ctx): IToken[] {
  const r = T.lex(cell.text, cell.span.start);
  for (const e of r.errors) {
    const span = { start: e.offset, end: e.offset + e.length };
    const ch = ctx.original.slice(span.start, span.end);
    ctx.diagnostics.push(error(Codes.UnknownCharacter, ctx.file, span, `无法识别的字符「${ch}」`));
  }
  return r.tokens;
}

function syntax(ctx: Ctx, span: Span, message: string): void {
  ctx.diagnostics.push(error(Codes.SyntaxError, ctx.file, span, message));
}

export function buildTable(rows: IToken[], ctx: Ctx): Table {
  let headers: ColumnHeader[] | undefined;
  const body: Table["rows"] = [];
  for (const row of rows) {
    const cells = splitRow(row);
    if (isSeparator(cells)) continue;
    const span = { start: row.startOffset, end: row.startOffset + row.image.trimEnd().length };
    if (!headers) headers = cells.map((c) => header(c, ctx));
    else body.push({ cells: cells.map((c, i) => cell(c, i, headers![i], ctx)), span });
  }
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const span = join(tokSpan(first), { start: last.startOffset, end: last.startOffset + last.image.trimEnd().length });
  return { headers: headers ?? [], rows: body, span };
}

/** `比例`, `比例（2万元以上）`, `比例（0至2万元）`; keyword column names (起付线, 依据…) are names here. */
function header(cell: RawCell, ctx: Ctx): ColumnHeader {
  const ts = lexCell(cell, ctx);
  const first = ts[0];
  if (!first) {
    syntax(ctx, cell.span, "表头不能为空");
    return { name: { name: "", span: cell.span }, span: cell.span };
  }
  const h: ColumnHeader = { name: { name: first.image, span: tokSpan(first) }, span: cell.span };
  const rest = ts.slice(1);
  if (rest.length === 0) return h;
  const kinds = rest.map((t) => t.tokenType);
  const isBound = (t: IToken | undefined) => !!t && (tokenMatcher(t, T.AmountLit) || tokenMatcher(t, T.NumberLit));
  const closed = kinds[0] === T.LParen && kinds[kinds.length - 1] === T.RParen && isBound(rest[1]);
  if (closed && rest.length === 4 && kinds[2] === T.KW["以上"]) {
    return { ...h, segmentFrom: amountOrNumber(rest[1]!, ctx) };
  }
  if (closed && rest.length === 5 && kinds[2] === T.KW["至"] && isBound(rest[3])) {
    const to = amountOrNumber(rest[3]!, ctx);
    const from = amountOrNumber(rest[1]!, ctx);
    return to.kind === "amount" ? { ...h, segmentFrom: from, segmentTo: to } : { ...h, segmentFrom: from };
  }
  const written = ctx.original.slice(cell.span.start, cell.span.end);
  syntax(ctx, cell.span, `表头「${written}」应为列名，或分段列如「比例（0至2万元）」「比例（2万元以上）」`);
  return h;
}

function cell(c: RawCell, col: number, h: ColumnHeader | undefined, ctx: Ctx): TableCell {
  const span = c.span;
  if (c.text === "") return { kind: "empty", span };
  if (h?.name.name === "依据") {
    return { kind: "citation", citation: { text: ctx.original.slice(span.start, span.end), span }, span };
  }
  const all = lexCell(c, ctx);
  if (col === 0) return identities(c, all, ctx);
  // `标准 X` / `标准 不超过 X`: the same cell, marked as the base's standard
  const standard = all[0]?.tokenType === T.KW["标准"] && all.length > 1;
  const ts = standard ? all.slice(1) : all;
  const mark = standard ? ({ standard: true } as const) : {};
  const [a, b] = ts;
  if (ts.length === 1 && a) {
    // `标准 未规定` / `标准 无` would drop the mark silently: only a value can be a standard
    if (a.tokenType === T.KW["未规定"] && !standard) return { kind: "unspecified", span };
    if ((a.tokenType === T.KW["无"] || a.tokenType === T.KW["不设"]) && !standard) return { kind: "none", span };
    const value = cellValue(a, ctx);
    if (value) return { kind: "value", value, span, ...mark };
  }
  if (ts.length === 2 && a && b && a.tokenType === T.KW["提高"] && tokenMatcher(b, T.PointsLit)) {
    return { kind: "raise", points: pointsLit(b.image, tokSpan(b)), span };
  }
  if (ts.length === 2 && a && b && (a.tokenType === T.KW["不低于"] || a.tokenType === T.KW["不超过"])) {
    const value = cellValue(b, ctx);
    // a standard is a value the city must keep (or stay under): `标准 不低于` would be a plain floor
    if (value && a.tokenType === T.KW["不超过"]) return { kind: "ceiling", value, span, ...mark };
    if (value && !standard) return { kind: "floor", value, span };
  }
  const written = ctx.original.slice(span.start, span.end);
  syntax(
    ctx,
    span,
    standard
      ? `「标准」后应为比例或金额（如「标准 70%」「标准 2万元」），或「标准 不超过 …」，但看到了「${written}」`
      : `此处应为比例、金额、「未规定」、「无」、「不低于 …」或「提高 N个百分点」，但看到了「${written}」`,
  );
  return { kind: "error", text: written, span };
}

function cellValue(t: IToken, ctx: Ctx): AmountLit | RatioLit | NumberLit | undefined {
  if (tokenMatcher(t, T.RatioLit)) return ratioLit(t.image, tokSpan(t));
  if (tokenMatcher(t, T.AmountLit) || tokenMatcher(t, T.NumberLit)) return amountOrNumber(t, ctx);
  return undefined;
}

/** First column: identities or groups separated by 、. */
function identities(c: RawCell, ts: IToken[], ctx: Ctx): TableCell {
  const names = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const wantName = i % 2 === 0;
    // a name declared in quotes (身份 「…」) must be writable in a row too
    const quoted = wantName && tokenMatcher(t, T.StringLit);
    const ok = wantName ? quoted || tokenMatcher(t, T.Identifier) : tokenMatcher(t, T.Comma);
    if (!ok) {
      syntax(ctx, tokSpan(t), `此处应为${wantName ? "身份名称" : "「、」"}，但看到了「${t.image}」`);
      return { kind: "error", text: ctx.original.slice(c.span.start, c.span.end), span: c.span };
    }
    const span = tokSpan(t);
    const closed = tokenMatcher(t, T.TerminatedString);
    if (quoted) names.push({ name: ctx.original.slice(span.start + 1, closed ? span.end - 1 : span.end), span });
    else if (wantName) names.push({ name: t.image, span });
  }
  return { kind: "identities", names, span: c.span };
}
