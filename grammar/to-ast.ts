/**
 * CST of one line → the AST pieces of that line (a declaration head, a clause, a table row…).
 * Lines parsed with recovery may lack children: every accessor falls back instead of failing.
 */
import { tokenMatcher, type CstNode, type IToken } from "chevrotain";
import type { Citation, CompareOp, CondExpr, FieldDefault, Named, Span, ValueExpr } from "./ast.js";
import { amountLit, dateLit, isZero, monthsOf, numberLit, ratioLit, zeroAmount } from "./literals.js";
import * as T from "./lexer.js";
import { Codes, error, type Diagnostic } from "../compiler/diagnostics.js";
import type { AmountLit, NumberLit } from "./ast.js";

/** What the line converters need: the original text (for raw texts) and a diagnostic sink. */
export interface Ctx {
  file: string;
  original: string;
  diagnostics: Diagnostic[];
}

type Children = CstNode["children"];
export const toks = (c: Children, k: string): IToken[] => (c[k] ?? []) as IToken[];
export const nodes = (c: Children, k: string): CstNode[] => (c[k] ?? []) as CstNode[];
export const tok = (c: Children, k: string): IToken | undefined => toks(c, k)[0];
export const node = (c: Children, k: string): CstNode | undefined => nodes(c, k)[0];

export function tokSpan(t: IToken): Span {
  const start = Number.isNaN(t.startOffset) ? 0 : t.startOffset;
  return { start, end: start + t.image.length };
}

export function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** Span of all real tokens under a CST node (newlines excluded). */
export function nodeSpan(n: CstNode | IToken | undefined): Span | undefined {
  if (!n) return undefined;
  if ("tokenType" in n) {
    if (Number.isNaN(n.startOffset) || tokenMatcher(n, T.Newline)) return undefined;
    return tokSpan(n);
  }
  let acc: Span | undefined;
  for (const list of Object.values(n.children)) {
    for (const child of list) {
      const s = nodeSpan(child);
      if (s) acc = acc ? join(acc, s) : s;
    }
  }
  return acc;
}

export function named(n: CstNode | undefined, ctx: Ctx, at: Span): Named {
  const t = n && (tok(n.children, "Identifier") ?? tok(n.children, "StringLit"));
  if (!t) return { name: "", span: { start: at.end, end: at.end } };
  const span = tokSpan(t);
  if (tokenMatcher(t, T.StringLit)) {
    const closed = tokenMatcher(t, T.TerminatedString);
    const name = ctx.original.slice(span.start + 1, closed ? span.end - 1 : span.end);
    return { name, span };
  }
  return { name: t.image, span };
}

export function nameList(n: CstNode | undefined, ctx: Ctx, at: Span): Named[] {
  if (!n) return [];
  return nodes(n.children, "name").map((c) => named(c, ctx, at)).filter((x) => x.name !== "");
}

/** The raw text of a RawText token, from the ORIGINAL text (citations keep 第十一条（一）). */
export function rawText(t: IToken | undefined, ctx: Ctx): { text: string; span: Span } | undefined {
  if (!t || t.image === "") return undefined;
  const span = tokSpan(t);
  return { text: ctx.original.slice(span.start, span.end), span };
}

export function citation(n: CstNode | undefined, ctx: Ctx): Citation | undefined {
  return n ? rawText(tok(n.children, "RawText"), ctx) : undefined;
}

// ------------------------------------------------------------------ literals

/** A bare number where an amount is needed: `0` is the amount 0, anything else is JZ1003. */
export function amountOrNumber(t: IToken, ctx: Ctx): AmountLit | NumberLit {
  if (tokenMatcher(t, T.AmountLit)) return amountLit(t.image, tokSpan(t));
  const n = numberLit(t.image, tokSpan(t));
  if (isZero(n)) return zeroAmount(n);
  ctx.diagnostics.push(
    error(Codes.MissingUnit, ctx.file, n.span, `缺少单位：请写「${t.image}元」或「${t.image}%」`),
  );
  return n;
}

export function literal(t: IToken, ctx: Ctx): ValueExpr {
  if (tokenMatcher(t, T.RatioLit)) return ratioLit(t.image, tokSpan(t));
  if (tokenMatcher(t, T.DateLit)) return date(t, ctx);
  return amountOrNumber(t, ctx);
}

export function date(t: IToken, ctx: Ctx) {
  const { date: d, valid } = dateLit(t.image, tokSpan(t));
  if (!valid) ctx.diagnostics.push(error(Codes.BadDate, ctx.file, d.span, `日期「${t.image}」不存在`));
  return d;
}

// ------------------------------------------------------------------ expressions

const COMPARE: Record<string, CompareOp> = {
  LessEq: "<=",
  GreaterEq: ">=",
  NotEq: "!=",
  Less: "<",
  Greater: ">",
  Eq: "=",
};

export function valueExpr(n: CstNode | undefined, ctx: Ctx, at: Span): ValueExpr {
  const terms = n ? nodes(n.children, "valueTerm").map((t) => valueTerm(t, ctx, at)) : [];
  const ops = n ? toks(n.children, "AddOp") : [];
  let acc: ValueExpr = terms[0] ?? { kind: "ref", name: "", span: { start: at.end, end: at.end } };
  for (let i = 1; i < terms.length; i++) {
    const right = terms[i]!;
    const op = ops[i - 1]?.image === "+" ? "+" : "-";
    acc = { kind: "binary", op, left: acc, right, span: join(acc.span, right.span) };
  }
  return acc;
}

function valueTerm(n: CstNode, ctx: Ctx, at: Span): ValueExpr {
  const lit = tok(n.children, "lit");
  if (lit) return literal(lit, ctx);
  const min = tok(n.children, "min");
  if (min) {
    const args = nodes(n.children, "arg").map((a) => valueExpr(a, ctx, tokSpan(min)));
    return { kind: "min", args, span: nodeSpan(n) ?? tokSpan(min) };
  }
  const year = tok(n.children, "year");
  if (year) {
    const operand = refTerm(n, ctx, at);
    return { kind: "yearSum", operand, span: join(tokSpan(year), operand.span) };
  }
  return refTerm(n, ctx, at);
}

/** `名称` or `身份 的 结果`. */
function refTerm(n: CstNode, ctx: Ctx, at: Span): ValueExpr {
  const ref = tok(n.children, "ref");
  const field = tok(n.children, "field");
  const span = ref ? tokSpan(ref) : { start: at.end, end: at.end };
  if (ref && field) {
    const identity = { name: tokenName(ref, ctx), span };
    const f = { name: tokenName(field, ctx), span: tokSpan(field) };
    return { kind: "resultOf", identity, field: f, span: join(span, f.span) };
  }
  return { kind: "ref", name: ref ? tokenName(ref, ctx) : "", span };
}

/** The literal after 默认, kept as written: its meaning depends on the field's type. */
export function fieldDefault(t: IToken, ctx: Ctx): FieldDefault {
  const span = tokSpan(t);
  const form: FieldDefault["form"] = tokenMatcher(t, T.StringLit)
    ? "string"
    : tokenMatcher(t, T.AmountLit)
      ? "amount"
      : tokenMatcher(t, T.RatioLit)
        ? "ratio"
        : tokenMatcher(t, T.DateLit)
          ? "date"
          : tokenMatcher(t, T.NumberLit)
            ? "number"
            : "name";
  return { form, text: tokenName(t, ctx), span };
}

/** A name token's name: a quoted one (「…」) is what the quotes enclose, taken from the original text. */
function tokenName(t: IToken, ctx: Ctx): string {
  if (!tokenMatcher(t, T.StringLit)) return t.image;
  const s = tokSpan(t);
  return ctx.original.slice(s.start + 1, tokenMatcher(t, T.TerminatedString) ? s.end - 1 : s.end);
}

export function cond(n: CstNode | undefined, ctx: Ctx, at: Span): CondExpr {
  if (!n) return { kind: "flag", name: "", span: { start: at.end, end: at.end } };
  const parts = nodes(n.children, "andCond").map((a) => andCond(a, ctx, at));
  return fold("or", parts, at);
}

function andCond(n: CstNode, ctx: Ctx, at: Span): CondExpr {
  return fold("and", nodes(n.children, "notCond").map((c) => notCond(c, ctx, at)), at);
}

function fold(kind: "and" | "or", parts: CondExpr[], at: Span): CondExpr {
  let acc: CondExpr = parts[0] ?? { kind: "flag", name: "", span: { start: at.end, end: at.end } };
  for (const right of parts.slice(1)) acc = { kind, left: acc, right, span: join(acc.span, right.span) };
  return acc;
}

function notCond(n: CstNode, ctx: Ctx, at: Span): CondExpr {
  const not = tok(n.children, "Not");
  if (not) {
    const operand = cond1(node(n.children, "notCond"), ctx, tokSpan(not));
    return { kind: "not", operand, span: join(tokSpan(not), operand.span) };
  }
  return cond1(node(n.children, "atom"), ctx, at);
}

/** A notCond or atom node, whichever it is. */
function cond1(n: CstNode | undefined, ctx: Ctx, at: Span): CondExpr {
  if (!n) return { kind: "flag", name: "", span: { start: at.end, end: at.end } };
  if (n.name === "notCond") return notCond(n, ctx, at);
  const has = tok(n.children, "has") ?? tok(n.children, "hasNot");
  if (has) return { kind: "hasIdentity", negated: has.image === "无身份", span: tokSpan(has) };
  const inner = node(n.children, "cond");
  if (inner) return cond(inner, ctx, at);
  const p = node(n.children, "predicate");
  return p ? predicate(p, ctx, at) : { kind: "flag", name: "", span: { start: at.end, end: at.end } };
}

function predicate(n: CstNode, ctx: Ctx, at: Span): CondExpr {
  const c = n.children;
  const left = valueExpr(node(c, "left"), ctx, at);
  const span = nodeSpan(n) ?? left.span;
  const member = tok(c, "member");
  const cmp = tok(c, "CompareOp");
  const within = tok(c, "Within");
  if (!member && !cmp && !within) {
    if (left.kind === "ref") return { kind: "flag", name: left.name, span: left.span };
    return badSubject(left, "此处应为条件（如「参保」或「个人负担 >= 5000元」），但看到了一个值", ctx);
  }
  if (cmp) {
    const right = valueExpr(node(c, "right"), ctx, span);
    return { kind: "compare", op: COMPARE[cmp.tokenType.name] ?? "=", left, right, span };
  }
  if (left.kind !== "ref")
    return badSubject(left, `「${member ? member.image : "在"}」前应为一个字段名称`, ctx);
  const subject = { name: left.name, span: left.span };
  if (member) {
    const values = nameList(node(c, "nameList"), ctx, tokSpan(member));
    return { kind: "member", subject, values, negated: member.image === "不属于", span };
  }
  const months = tok(c, "MonthsLit");
  const reference = named(node(c, "reference"), ctx, tokSpan(within!));
  return { kind: "within", subject, reference, months: months ? monthsOf(months.image) : 0, span };
}

function badSubject(left: ValueExpr, message: string, ctx: Ctx): CondExpr {
  ctx.diagnostics.push(error(Codes.SyntaxError, ctx.file, left.span, message));
  return { kind: "flag", name: "", span: left.span };
}
