/**
 * Generates syntaxes/jiuzhu.tmLanguage.json from grammar/keywords.ts, so the editor's keywords
 * are exactly the lexer's (`npm run grammar:vscode` at the repository root writes it, through
 * test/editor/vscode-grammar.test.ts, after a keyword is added; a test fails
 * while the checked-in grammar misses one).
 */
import { KEYWORDS } from "../../../grammar/keywords.js";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Longest first, so 不超过 wins over 超过 in the alternation. */
const alt = (words: string[]) => [...new Set(words)].sort((a, b) => b.length - a.length).map(escape).join("|");

/** Keywords whose next word is a newly declared name. */
const DECLARING = ["身份", "身份组", "字段", "清单", "救助项目", "限额组", "计算器", "预警", "保证"];

export function tmGrammar(): object {
  const raw = KEYWORDS.filter((k) => k.rawAfter).map((k) => k.text);
  const plain = KEYWORDS.filter((k) => !k.rawAfter).map((k) => k.text);
  return {
    $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
    name: "jiuzhu",
    scopeName: "source.jiuzhu",
    fileTypes: ["jz"],
    patterns: [
      { include: "#comment" },
      { include: "#names" },
      { include: "#raw" },
      { include: "#table" },
      { include: "#literals" },
      { include: "#keywords" },
      { include: "#rawKeywords" },
    ],
    repository: {
      comment: { name: "comment.line.number-sign.jiuzhu", match: "#.*$" },
      names: {
        // the name a declaration introduces (身份 低保对象, 救助项目 住院救助, 保证 X：…)
        match: `^\\s*(${alt(DECLARING)})\\s+([^\\s#|:：、，,]+)`,
        captures: { 1: { name: "keyword.control.jiuzhu" }, 2: { name: "entity.name.type.jiuzhu" } },
      },
      raw: {
        // 依据/解释/文号…: the rest of the line is the document's own words, kept verbatim. Only a
        // whole word (after a space or the line start) followed by text: `| 依据 |` is a column name.
        match: `(?<=^|\\s)(${alt(raw)})(\\s+)(?=[^\\s|#])([^#\\n]*)`,
        captures: { 1: { name: "keyword.other.raw.jiuzhu" }, 3: { name: "string.unquoted.raw.jiuzhu" } },
      },
      table: { name: "punctuation.separator.table.jiuzhu", match: "\\|" },
      literals: {
        patterns: [
          { name: "constant.numeric.date.jiuzhu", match: "\\d{4}-\\d{2}-\\d{2}" },
          { name: "constant.numeric.amount.jiuzhu", match: "\\d+(?:\\.\\d+)?(?:万元|元)" },
          { name: "constant.numeric.ratio.jiuzhu", match: "\\d+(?:\\.\\d+)?(?:%|个百分点)" },
          { name: "constant.numeric.jiuzhu", match: "\\d+(?:\\.\\d+)?(?:个月)?" },
          { name: "string.quoted.jiuzhu", match: "[“\"「][^”\"」\\n]*[”\"」]" },
        ],
      },
      // 依据 etc. with nothing after them, e.g. a table column named 依据
      rawKeywords: { name: "keyword.other.raw.jiuzhu", match: `(?<=^|\\s|\\|)(?:${alt(raw)})(?=$|\\s|\\|)` },
      keywords: { name: "keyword.control.jiuzhu", match: `(?<=^|\\s|[、,，(（|])(?:${alt(plain)})(?=$|\\s|[、,，)）|])` },
    },
  };
}
