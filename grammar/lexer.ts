/**
 * Tokens and the lexer. It runs on normalised text (see normalize.ts); offsets are shared with the
 * original text. Two modes: `main`, and `raw` entered after 依据/文号/解释/备注/政策, where the
 * rest of the line (up to `#`) is one RawText token.
 */
import { createToken, Lexer, type IToken, type TokenType } from "chevrotain";
import { KEYWORDS } from "./keywords.js";

// No `u` flag anywhere: it would turn off Chevrotain's first-character optimisation.
const CJK = "\\u3400-\\u4dbf\\u4e00-\\u9fff";

/**
 * A name: a maximal run of CJK, letters, digits and `_`, where a digit may only follow a letter,
 * digit or `_` (so `至2万元` is 至 then 2万元, while `ICD10编码` is one name). The pattern cannot
 * fail after matching, so the nested repetition never backtracks.
 */
export const Identifier = createToken({
  name: "Identifier",
  pattern: new RegExp(`(?:[A-Za-z_][A-Za-z0-9_]*|[${CJK}])+`),
});

export const Newline = createToken({ name: "Newline", pattern: /\n/, line_breaks: true });
/** Newline seen in raw mode: ends the raw text; the parser sees it as a Newline. */
export const RawNewline = createToken({
  name: "RawNewline",
  pattern: /\n/,
  line_breaks: true,
  pop_mode: true,
  categories: [Newline],
});
export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\f\v]+/,
  group: Lexer.SKIPPED,
});
export const Comment = createToken({ name: "Comment", pattern: /#[^\n]*/, group: Lexer.SKIPPED });
/** Raw text: trimmed (starts after skipped whitespace, ends on a non-space). */
export const RawText = createToken({
  name: "RawText",
  pattern: /[^#\r\n]*[^#\s]/,
  pop_mode: true,
});
/** A whole table row: split into cells by grammar/table.ts, so that cells can hold raw text. */
export const TableRow = createToken({ name: "TableRow", pattern: /\|[^#\n]*/ });

export const StringLit = createToken({ name: "StringLit", pattern: Lexer.NA });
export const TerminatedString = createToken({
  name: "TerminatedString",
  pattern: /「[^」\n]*」|“[^”\n]*”|"[^"\n]*"/,
  categories: [StringLit],
});
/** Reported as JZ1006 but parsed as a string, so one mistake gives one diagnostic. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /「[^」\n]*|“[^”\n]*|"[^"\n]*/,
  categories: [StringLit],
});

export const DateLit = createToken({
  name: "DateLit",
  pattern: /\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日/,
});
export const MonthsLit = createToken({ name: "MonthsLit", pattern: /\d+个月/ });
/** `10个百分点`: a difference of ratios, only in a `提高 …` table cell */
export const PointsLit = createToken({ name: "PointsLit", pattern: /\d+(?:\.\d+)?个百分点/ });
export const AmountLit = createToken({ name: "AmountLit", pattern: /\d+(?:\.\d+)?(?:万元|元)/ });
export const RatioLit = createToken({ name: "RatioLit", pattern: /\d+(?:\.\d+)?%/ });
export const NumberLit = createToken({ name: "NumberLit", pattern: /\d+(?:\.\d+)?/ });

export const CompareOp = createToken({ name: "CompareOp", pattern: Lexer.NA });
const cmp = (name: string, pattern: RegExp) =>
  createToken({ name, pattern, categories: [CompareOp] });
export const LessEq = cmp("LessEq", /<=|≤/);
export const GreaterEq = cmp("GreaterEq", />=|≥/);
export const NotEq = cmp("NotEq", /!=|≠/);
export const Less = cmp("Less", /</);
export const Greater = cmp("Greater", />/);
export const Eq = cmp("Eq", /==?/);

export const AddOp = createToken({ name: "AddOp", pattern: Lexer.NA });
export const Plus = createToken({ name: "Plus", pattern: /\+/, categories: [AddOp] });
export const Minus = createToken({ name: "Minus", pattern: /-/, categories: [AddOp] });
/** `、` and `,` both separate list items. */
export const Comma = createToken({ name: "Comma", pattern: /[,、]/ });
export const Colon = createToken({ name: "Colon", pattern: /:/ });
export const Semicolon = createToken({ name: "Semicolon", pattern: /;/ });
export const LParen = createToken({ name: "LParen", pattern: /\(/ });
export const RParen = createToken({ name: "RParen", pattern: /\)/ });

/** Keyword tokens by their Chinese text. */
export const KW: Record<string, TokenType> = {};
for (const k of KEYWORDS) {
  KW[k.text] = createToken({
    name: k.name,
    pattern: k.text,
    // a keyword is only a keyword when the whole name-run equals it (docs/语言.md)
    longer_alt: Identifier,
    ...(k.rawAfter ? { push_mode: "raw" } : {}),
  });
}
// Longest first, so that 身份组 is tried before its prefix 身份.
const keywordTokens = [...KEYWORDS]
  .sort((a, b) => b.text.length - a.text.length)
  .map((k) => KW[k.text]!);

const mainMode: TokenType[] = [
  Newline,
  WhiteSpace,
  Comment,
  TableRow,
  TerminatedString,
  UnterminatedString,
  DateLit,
  MonthsLit,
  PointsLit,
  AmountLit,
  RatioLit,
  NumberLit,
  ...keywordTokens,
  Identifier,
  LessEq,
  GreaterEq,
  NotEq,
  Less,
  Greater,
  Eq,
  Plus,
  Minus,
  Comma,
  Colon,
  Semicolon,
  LParen,
  RParen,
];

/** Every token type, categories included (the parser's vocabulary). */
export const allTokens: TokenType[] = [
  ...mainMode,
  RawNewline,
  RawText,
  StringLit,
  CompareOp,
  AddOp,
];

const lexer = new Lexer(
  { modes: { main: mainMode, raw: [RawNewline, WhiteSpace, Comment, RawText] }, defaultMode: "main" },
  { positionTracking: "onlyOffset", ensureOptimizations: false },
);

export interface LexResult {
  tokens: IToken[];
  /** Unrecognised character runs: offset and length. */
  errors: { offset: number; length: number }[];
}

/** Lex normalised `text`; offsets are shifted by `base` (used to lex a table cell in place). */
export function lex(text: string, base = 0): LexResult {
  const r = lexer.tokenize(text);
  if (base !== 0) {
    for (const t of r.tokens) {
      t.startOffset += base;
      if (t.endOffset !== undefined) t.endOffset += base;
    }
  }
  return { tokens: r.tokens, errors: r.errors.map((e) => ({ offset: e.offset + base, length: e.length })) };
}
