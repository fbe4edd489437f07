/**
 * The grammar stage: text → {ast, diagnostics}. Never throws: an unexpected exception becomes a
 * JZ9001 diagnostic. Pipeline: normalise → lex → parse line by line → line ASTs → assemble.
 */
import { createTokenInstance, tokenMatcher, type IToken } from "chevrotain";
import type { PolicyAst } from "./ast.js";
import { Codes, error, sortDiagnostics, type Diagnostic } from "../compiler/diagnostics.js";
import { assemble, type ParsedLine } from "./assemble.js";
import { AddOp, Identifier, KW, lex, LParen, Newline, RParen, UnterminatedString } from "./lexer.js";
import { lineToAst } from "./lines.js";
import { nameRuleNote, suggestionNote } from "./messages.js";
import { normalize } from "./normalize.js";
import { lineParser, parseLine } from "./parser.js";
import { tokSpan, type Ctx } from "./to-ast.js";

export { KEYWORDS, type KeywordInfo } from "./keywords.js";
export { normalize } from "./normalize.js";

export interface ParseResult {
  ast: PolicyAst;
  diagnostics: Diagnostic[];
}

/** Parse one policy file. Positions in the AST and diagnostics are offsets into `text`. */
export function parsePolicy(file: string, text: string): ParseResult {
  try {
    return parseUnsafe(String(file), typeof text === "string" ? text : String(text));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const d = error(Codes.InternalError, String(file), { start: 0, end: 0 }, `内部错误：解析器意外失败（${why}）`, [
      "这是 jiuzhu 自身的缺陷，不是政策文件的问题；请附上此文件报告。",
    ]);
    return { ast: { file: String(file), header: {}, declarations: [], notes: [] }, diagnostics: [d] };
  }
}

function parseUnsafe(file: string, text: string): ParseResult {
  const ctx: Ctx = { file, original: text, diagnostics: [] };
  const { tokens, errors } = lex(normalize(text));
  for (const e of errors) {
    const span = { start: e.offset, end: e.offset + e.length };
    ctx.diagnostics.push(
      error(Codes.UnknownCharacter, file, span, `无法识别的字符「${text.slice(span.start, span.end)}」`),
    );
  }
  for (const t of tokens) {
    if (t.tokenType === UnterminatedString) {
      ctx.diagnostics.push(error(Codes.UnterminatedString, file, tokSpan(t), "文本缺少结尾的引号", [`请在行内补上与「${t.image[0]}」配对的引号。`]));
    }
  }
  const lines: ParsedLine[] = [];
  for (const lineTokens of splitLines(tokens, text.length)) {
    const first = lineTokens[0]!;
    const last = lineTokens[lineTokens.length - 2] ?? first;
    const span = { start: first.startOffset, end: last.startOffset + last.image.length };
    const tooComplex = tooDeep(lineTokens);
    if (tooComplex) {
      ctx.diagnostics.push(error(Codes.SyntaxError, file, span, tooComplex));
      lines.push({ line: undefined, hadError: true, span });
      continue;
    }
    const cst = parseLine(lineTokens);
    const hadError = lineParser.errors.length > 0;
    for (const e of lineParser.errors) {
      const at = e.token && !Number.isNaN(e.token.startOffset) && !tokenMatcher(e.token, Newline) ? tokSpan(e.token) : { start: span.end, end: span.end };
      const notes = [
        ...(tokenMatcher(first, Identifier) ? suggestionNote(first.image) : []),
        ...nameRuleNote(lineTokens, e.token, text),
      ];
      ctx.diagnostics.push(error(Codes.SyntaxError, file, at, e.message, notes));
    }
    lines.push({ line: lineToAst(cst, ctx), hadError, span });
  }
  const ast = assemble(lines, ctx);
  return { ast, diagnostics: sortDiagnostics(dedupe(ctx.diagnostics)) };
}

const MAX_DEPTH = 64;
/**
 * 且/或/+/- chains become left-deep trees that the checker, codegen and prettier walk recursively:
 * prettier overflows the stack near 500 and the checker near 4,000 (test/robustness/parser-fuzz).
 */
const MAX_OPERATORS = 200;

/** Nesting is recursion in the parser: refuse absurd depths instead of overflowing the stack. */
function tooDeep(line: IToken[]): string | undefined {
  let parens = 0;
  let nots = 0; // 非 非 非 … nests too
  let operators = 0;
  for (const t of line) {
    if (t.tokenType === LParen) parens++;
    else if (t.tokenType === RParen) parens = Math.max(0, parens - 1);
    if (t.tokenType === KW["非"]) nots++;
    else if (t.tokenType !== LParen) nots = 0;
    if (parens + nots > MAX_DEPTH) return `条件嵌套过深（超过 ${MAX_DEPTH} 层括号或「非」）`;
    if (t.tokenType === KW["且"] || t.tokenType === KW["或"] || tokenMatcher(t, AddOp)) operators++;
    if (operators > MAX_OPERATORS)
      return `一行中的运算过多（超过 ${MAX_OPERATORS} 个「且」「或」「+」「-」），请拆成多行「条件」`;
  }
  return undefined;
}

/** Non-empty lines, each ending with its Newline (a synthetic one at the end of the file). */
function splitLines(tokens: IToken[], end: number): IToken[][] {
  const out: IToken[][] = [];
  let cur: IToken[] = [];
  for (const t of tokens) {
    if (!tokenMatcher(t, Newline)) cur.push(t);
    else {
      if (cur.length > 0) out.push([...cur, t]);
      cur = [];
    }
  }
  if (cur.length > 0) out.push([...cur, createTokenInstance(Newline, "", end, end, NaN, NaN, NaN, NaN)]);
  return out;
}

/** Recovery can report the same problem twice at one spot; keep the first. */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.code}:${d.span.start}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
