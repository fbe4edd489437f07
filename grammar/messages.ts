/**
 * Chinese wording for syntax errors: expected tokens are described from the keyword table, and a
 * misspelled keyword at the start of a line gets a 您是否想写「…」 suggestion.
 */
import { EOF, tokenMatcher, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import { KEYWORDS } from "./keywords.js";
import { codePoints, editDistance } from "../runtime/suggest.js";
import { Newline } from "./lexer.js";

const KEYWORD_BY_TOKEN = new Map(KEYWORDS.map((k) => [k.name, k]));

const DESCRIPTIONS: Record<string, string> = {
  Identifier: "名称",
  StringLit: "文本（如「…」）",
  TerminatedString: "文本（如「…」）",
  UnterminatedString: "文本（如「…」）",
  DateLit: "日期（如「2023-01-01」）",
  MonthsLit: "月数（如「12个月」）",
  AmountLit: "金额（如「2000元」）",
  RatioLit: "比例（如「70%」）",
  NumberLit: "数字",
  CompareOp: "比较符号（如「>=」）",
  AddOp: "「+」或「-」",
  Plus: "「+」",
  Minus: "「-」",
  Comma: "「、」",
  Colon: "「：」",
  Semicolon: "「；」",
  LParen: "「（」",
  RParen: "「）」",
  Newline: "行尾",
  RawNewline: "行尾",
  RawText: "原文（如「第十一条（一）」）",
  TableRow: "表格行",
};

/** How an expected token type reads in a message. */
export function describeTokenType(t: TokenType): string {
  const kw = KEYWORD_BY_TOKEN.get(t.name);
  if (kw) return `「${kw.text}」`;
  if (t === EOF) return "文件结尾";
  return DESCRIPTIONS[t.name] ?? t.name;
}

function seen(actual: IToken | undefined): string {
  if (!actual || actual.tokenType === EOF || tokenMatcher(actual, Newline)) return "但此行已结束";
  return `但看到了「${actual.image}」`;
}

function alternatives(types: TokenType[]): string {
  const names = [...new Set(types.map(describeTokenType))];
  const shown = names.slice(0, 6).join("、");
  if (names.length > 6) return `${shown}等`;
  return names.length > 1 ? shown.replace(/、([^、]*)$/, "或$1") : shown;
}

/** Rules whose alternatives are better summarised in words than listed token by token. */
const RULE_SUMMARY: Record<string, string> = {
  line: "语句关键字（如「救助项目」「身份」「条件」）",
  notCond: "条件（如「参保」或「就医地 属于 省内市外」）",
  atom: "条件（如「参保」或「就医地 属于 省内市外」）",
  valueTerm: "名称或金额",
  name: "名称",
};

export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) =>
    `此处应为${describeTokenType(expected)}，${seen(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `多余的内容「${firstRedundant.image}」`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, ruleName }) => {
    const summary = RULE_SUMMARY[ruleName];
    if (summary) return `此处应为${summary}，${seen(actual[0])}`;
    const firsts = expectedPathsPerAlt.flatMap((alt) => alt.map((path) => path[0]!)).filter(Boolean);
    return `此处应为${alternatives(firsts)}，${seen(actual[0])}`;
  },
  buildEarlyExitMessage: ({ expectedIterationPaths, actual }) => {
    const firsts = expectedIterationPaths.map((p) => p[0]!).filter(Boolean);
    return `此处应为${alternatives(firsts)}，${seen(actual[0])}`;
  },
};

/**
 * The line-starting keyword `word` was probably meant to be, if any. Short keywords allow one
 * edit, long ones two; never as many edits as the keyword has characters (every two-character
 * name is two edits from every two-character keyword).
 */
export function suggestKeyword(word: string): string | undefined {
  if (codePoints(word) > 12) return undefined;
  let best: { text: string; d: number } | undefined;
  for (const k of KEYWORDS) {
    if (!k.startsLine) continue;
    const d = editDistance(word, k.text);
    const n = codePoints(k.text);
    const limit = n >= 4 ? 2 : 1;
    if (d >= 1 && d <= limit && d < n && (!best || d < best.d)) best = { text: k.text, d };
  }
  return best?.text;
}

export function suggestionNote(word: string): string[] {
  const s = suggestKeyword(word);
  return s ? [`您是否想写「${s}」？`] : [];
}

const NUMBERISH = new Set(["AmountLit", "RatioLit", "NumberLit", "MonthsLit", "DateLit", "PointsLit"]);
const isKeyword = (t: IToken) => KEYWORD_BY_TOKEN.has(t.tokenType.name);
const isWordish = (t: IToken) => t.tokenType.name === "Identifier" || isKeyword(t) || NUMBERISH.has(t.tokenType.name);

/**
 * When a syntax error falls in a run of words written without spaces that the name rule split
 * (docs/语言.md「Where a keyword ends and a name begins」): `不超过5000元` is 不超过 + 5000元 and
 * `年度限额6万元` is 年度限额 + 6万元, because a keyword is a whole run and a digit right after a
 * Chinese character starts a number. The note says so and how to write such a name.
 */
export function nameRuleNote(tokens: readonly IToken[], at: IToken | undefined, original: string): string[] {
  if (!at || Number.isNaN(at.startOffset)) return [];
  let i = tokens.indexOf(at);
  if (i < 0 || !isWordish(at)) return [];
  const adjacent = (a: IToken, b: IToken) => a.startOffset + a.image.length === b.startOffset;
  let j = i;
  while (i > 0 && isWordish(tokens[i - 1]!) && adjacent(tokens[i - 1]!, tokens[i]!)) i--;
  while (j + 1 < tokens.length && isWordish(tokens[j + 1]!) && adjacent(tokens[j]!, tokens[j + 1]!)) j++;
  if (i === j) return [];
  const run = tokens.slice(i, j + 1);
  const reasons: string[] = [];
  const kws = run.filter(isKeyword).map((t) => `「${t.image}」`);
  if (kws.length) reasons.push(`${[...new Set(kws)].join("")}单独成词，是关键字，不是名称`);
  if (run.some((t, k) => k > 0 && NUMBERISH.has(t.tokenType.name) && /[\u3400-\u9fff]$/.test(run[k - 1]!.image)))
    reasons.push("汉字后紧跟的数字开始一个新的数字");
  if (reasons.length === 0) return [];
  const last = run[run.length - 1]!;
  const whole = original.slice(run[0]!.startOffset, last.startOffset + last.image.length);
  const parts = run.map((t) => `「${t.image}」`).join("");
  return [
    `「${whole}」被读作 ${parts}：${reasons.join("；")}（名称规则）`,
    `要用它作名称，请加引号：“${whole}”；或在关键字、数字前后加空格`,
  ];
}
