/**
 * One parsed line → what it says: a header field, a declaration head, or a clause / table row /
 * list entries that assemble.ts attaches to the block above it.
 */
import type { CstNode, IToken } from "chevrotain";
import type {
  Citation, CondExpr, DateLit, Declaration, ListEntry, Named, Note, Span, ValueExpr,
} from "./ast.js";
import {
  amountOrNumber, citation, cond, date, fieldDefault, named, nameList, node, nodes, nodeSpan, rawText, tok,
  tokSpan, valueExpr, type Ctx,
} from "./to-ast.js";

export type LineAst =
  | { kind: "policy"; name: Named; span: Span }
  | { kind: "region" | "basedOn"; name: Named; span: Span }
  | { kind: "docNumber" | "source"; text: string; span: Span }
  | { kind: "procedural"; items: Citation[]; span: Span }
  | { kind: "effective" | "expires"; date: DateLit; citation?: Citation; span: Span }
  | { kind: "isBase" | "rounding" | "times"; span: Span }
  | { kind: "decl"; decl: Declaration; span: Span }
  | { kind: "entries"; entries: ListEntry[]; first: IToken | undefined; span: Span }
  | { kind: "in"; name: Named; span: Span }
  | { kind: "applies" | "targets" | "counts"; names: Named[]; span: Span }
  | { kind: "condition"; cond: CondExpr; citation?: Citation; span: Span }
  | { kind: "when"; cond: CondExpr; span: Span }
  | { kind: "base" | "bound"; expr: ValueExpr; span: Span }
  | { kind: "deductible"; period: "年" | "次"; span: Span }
  | { kind: "segments"; period?: "年" | "次"; basis?: "起付线前" | "起付线后"; shareWith?: Named; span: Span }
  | { kind: "note"; note: Note; span: Span }
  | { kind: "basis"; citation: Citation; span: Span }
  | { kind: "tableRow"; row: IToken; span: Span }
  | { kind: "same"; column: Named; item: Named; span: Span };

/** Convert the CST of a `line`; undefined when recovery left nothing usable. */
export function lineToAst(cst: CstNode, ctx: Ctx): LineAst | undefined {
  const [key, list] = Object.entries(cst.children).find(([k]) => k !== "Newline") ?? [];
  const n = list?.[0] as CstNode | undefined;
  const span = nodeSpan(n);
  if (!key || !n || !span) return undefined;
  const c = n.children;
  const name = () => named(node(c, "name"), ctx, span);
  const names = () => nameList(node(c, "nameList"), ctx, span);
  const cite = () => citation(node(c, "citation"), ctx);
  switch (key) {
    case "policyLine": {
      const raw = rawText(tok(c, "RawText"), ctx);
      return { kind: "policy", name: raw ? { name: raw.text, span: raw.span } : name(), span };
    }
    case "regionLine":
      return { kind: "region", name: name(), span };
    case "basedOnLine":
      return { kind: "basedOn", name: name(), span };
    case "docNumberLine": {
      const raw = rawText(tok(c, "RawText"), ctx);
      return raw ? { kind: "docNumber", ...raw } : undefined;
    }
    case "sourceLine": {
      const raw = rawText(tok(c, "RawText"), ctx);
      return raw ? { kind: "source", ...raw } : undefined;
    }
    case "proceduralLine": {
      const raw = rawText(tok(c, "RawText"), ctx);
      return raw ? { kind: "procedural", items: splitRaw(raw, ctx), span } : undefined;
    }
    case "effectiveLine":
    case "expiresLine": {
      const d = tok(c, "DateLit");
      if (!d || d.image === "") return undefined;
      const kind = key === "effectiveLine" ? "effective" : "expires";
      return { kind, date: date(d, ctx), citation: cite(), span };
    }
    case "isBaseLine":
      return { kind: "isBase", span };
    case "roundingLine":
      return { kind: "rounding", span };
    case "timesLine":
      return { kind: "times", span };

    case "entryLine":
      if (tok(c, "same")) {
        const first = node(c, "entry");
        return same(first && tok(node(first.children, "name")?.children ?? {}, "Identifier"), node(c, "sameItem"), ctx, span);
      }
      return { kind: "entries", entries: nodes(c, "entry").map((e) => entry(e, ctx, span)), first: firstToken(n), span };
    case "inLine":
      return { kind: "in", name: name(), span };
    case "appliesLine":
      return { kind: "applies", names: names(), span };
    case "targetsLine":
      return { kind: "targets", names: names(), span };
    case "countsLine":
      return { kind: "counts", names: names(), span };
    case "conditionLine":
      return { kind: "condition", cond: cond(node(c, "cond"), ctx, span), citation: cite(), span };
    case "whenLine":
      return { kind: "when", cond: cond(node(c, "cond"), ctx, span), span };
    case "baseLine":
      return { kind: "base", expr: valueExpr(node(c, "valueExpr"), ctx, span), span };
    case "boundLine":
      return { kind: "bound", expr: valueExpr(node(c, "valueExpr"), ctx, span), span };
    case "deductibleLine": {
      if (tok(c, "same")) return same(tok(c, "Deductible"), node(c, "sameItem"), ctx, span);
      const p = node(c, "period");
      return { kind: "deductible", period: p && tok(p.children, "PerYear") ? "年" : "次", span };
    }
    case "segmentsLine": {
      const p = node(c, "period");
      const b = node(c, "segmentBasis");
      const share = node(c, "shareWith");
      return {
        kind: "segments",
        ...(p ? { period: tok(p.children, "PerYear") ? ("年" as const) : ("次" as const) } : {}),
        ...(b ? { basis: tok(b.children, "BeforeDeductible") ? ("起付线前" as const) : ("起付线后" as const) } : {}),
        ...(share ? { shareWith: named(share, ctx, span) } : {}),
        span,
      };
    }
    case "noteLine": {
      const raw = rawText(tok(c, "RawText"), ctx);
      const kind = tok(c, "kind")?.image === "备注" ? "备注" : "解释";
      return raw ? { kind: "note", note: { kind, text: raw.text, span }, span } : undefined;
    }
    case "basisLine": {
      const ci = cite();
      return ci ? { kind: "basis", citation: ci, span } : undefined;
    }
    case "tableLine": {
      const row = tok(c, "TableRow");
      return row ? { kind: "tableRow", row, span } : undefined;
    }
    default: {
      const decl = declaration(key, n, ctx, span);
      return decl ? { kind: "decl", decl, span } : undefined;
    }
  }
}

/** `第一条；第二条；三、（一）` → one citation per provision (split at ；, kept as written). */
function splitRaw(raw: { text: string; span: Span }, ctx: Ctx): Citation[] {
  const out: Citation[] = [];
  let from = 0;
  for (let i = 0; i <= raw.text.length; i++) {
    if (i < raw.text.length && raw.text[i] !== "；" && raw.text[i] !== ";") continue;
    const part = raw.text.slice(from, i);
    const start = raw.span.start + from + (part.length - part.trimStart().length);
    const text = part.trim();
    if (text !== "") out.push({ text, span: { start, end: start + text.length } });
    from = i + 1;
  }
  return out;
}

function firstToken(n: CstNode): IToken | undefined {
  const e = nodes(n.children, "entry")[0];
  const nm = e && node(e.children, "name");
  return nm && (tok(nm.children, "Identifier") ?? tok(nm.children, "StringLit"));
}

function entry(n: CstNode, ctx: Ctx, at: Span): ListEntry {
  const names = nameList(node(n.children, "nameList"), ctx, at);
  const alias = tok(n.children, "Alias") !== undefined;
  return { name: named(node(n.children, "name"), ctx, at), includes: alias ? [] : names, aliases: alias ? names : [] };
}

/** Declaration heads; blocks (items, lists, warnings) get their clauses in assemble.ts. */
function declaration(key: string, n: CstNode, ctx: Ctx, span: Span): Declaration | undefined {
  const c = n.children;
  const name = named(node(c, "name"), ctx, span);
  const ci = citation(node(c, "citation"), ctx);
  const base = { name, notes: [] as Note[], span, ...(ci ? { citation: ci } : {}) };
  switch (key) {
    case "identityLine": {
      const unspec = tok(c, "Unspecified");
      const condNode = node(c, "cond");
      return {
        kind: "identity",
        ...base,
        aliases: nodes(c, "aliases").flatMap((a) => nameList(a, ctx, span)),
        references: nodes(c, "refClause").map((r) => ({
          target: named(node(r.children, "name"), ctx, span),
          scope: nameList(node(r.children, "nameList"), ctx, span),
          span: nodeSpan(r) ?? span,
        })),
        ...(condNode ? { condition: cond(condNode, ctx, span) } : {}),
        ...(unspec ? { unspecified: tokSpan(unspec) } : {}),
      };
    }
    case "groupLine":
      return { kind: "group", ...base, members: nameList(node(c, "nameList"), ctx, span) };
    case "multiLine":
      return { kind: "multi", rule: "highest", span, ...(ci ? { citation: ci } : {}) };
    case "fieldLine": {
      const t = tok(c, "type");
      const type = t ? { name: t.image, span: tokSpan(t) } : { name: "", span: { start: span.end, end: span.end } };
      const d = tok(c, "default");
      const voc = node(c, "vocabulary");
      return {
        kind: "field",
        ...base,
        type,
        ...(d ? { default: fieldDefault(d, ctx) } : {}),
        ...(voc ? { vocabulary: named(voc, ctx, span) } : {}),
      };
    }
    case "listLine":
      return { kind: "list", ...base, entries: [] };
    case "calculatorLine":
      return { kind: "calculator", ...base, resultField: named(node(c, "result"), ctx, span) };
    case "itemLine":
      return { kind: "item", ...base, visitTypes: [], identities: [], conditions: [] };
    case "capGroupLine": {
      const cap = tok(c, "cap");
      const members = nameList(node(c, "nameList"), ctx, span);
      if (!tok(c, "AnnualCap")) return { kind: "capGroup", ...base, members };
      const annualCap = cap && cap.image !== ""
        ? amountOrNumber(cap, ctx)
        : { kind: "number" as const, text: "", value: "", span: { start: span.end, end: span.end } };
      return { kind: "capGroup", ...base, annualCap, members };
    }
    case "exclusionLine": {
      const unless = node(c, "unless");
      const { name: _n, ...rest } = base;
      return {
        kind: "exclusion",
        ...rest,
        when: cond(node(c, "when"), ctx, span),
        ...(unless ? { unless: cond(unless, ctx, span) } : {}),
      };
    }
    case "warningLine":
      return { kind: "warning", ...base, countVisitTypes: [] };
    case "guaranteeLine": {
      const { notes: _notes, ...rest } = base;
      return { kind: "guarantee", ...rest, cond: cond(node(c, "cond"), ctx, span) };
    }
    default:
      return undefined;
  }
}

/** `比例 同 住院救助` / `起付线 同 住院救助`: the column word and the item it is taken from. */
function same(column: IToken | undefined, item: CstNode | undefined, ctx: Ctx, span: Span): LineAst | undefined {
  if (!column || column.image === "") return undefined;
  return { kind: "same", column: { name: column.image, span: tokSpan(column) }, item: named(item, ctx, span), span };
}
