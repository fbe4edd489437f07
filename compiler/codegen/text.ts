/**
 * The only ways policy text enters generated code: as a string literal (lit), inside plain data
 * (data: a JSON literal whose strings are escaped as lit's) or inside a `//` comment (comment).
 * Nothing from a policy ever becomes an identifier unless it passes
 * safeName, and nothing is ever put in a template literal.
 */
import type { Source } from "../ir.js";

/** Characters JSON.stringify leaves raw that still matter in JS or HTML: line/paragraph
 * separators, `<` `>` (`</script>`, `<!--`), and bidi controls (Trojan Source). */
const UNSAFE_IN_STRING = /[\u2028\u2029<>\u202a-\u202e\u2066-\u2069]/g;

const hex4 = (ch: string): string => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0");

/** A JS/TS string literal for any text: JSON.stringify plus the escapes above. */
export function lit(text: string): string {
  return JSON.stringify(text).replace(UNSAFE_IN_STRING, hex4);
}

/** A literal for plain JSON data (a condition kept for 计算过程): its strings escaped as lit's. */
export function data(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE_IN_STRING, hex4);
}

/** Line terminators, other control characters and bidi controls: none may reach a comment. */
const UNSAFE_IN_COMMENT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text made safe for a `//` comment: one line, no star-slash, no controls, no `</script` or `<!--` (HTML). */
export function commentText(text: string): string {
  return text.replace(UNSAFE_IN_COMMENT, " ").replace(/\*\//g, "* /").replace(/<(?=[/!])/g, "< ");
}

/** `// text` lines (each line sanitised). */
export function comment(...lines: string[]): string {
  return lines.map((l) => "// " + commentText(l)).join("\n");
}

/** "policies/营口市/2023-01-01.jz:31 依据 第十一条（一）": the DSL place a rule came from. */
export function where(file: string, source: Source): string {
  // line 0: not written in the file (the main calculator 医疗救助 exists without a 计算器 line)
  const at = source.line > 0 ? file + ":" + source.line : file + "（未在文件中写出，语言默认）";
  return at + (source.citation ? " 依据 " + source.citation : "");
}

/**
 * A name usable inside a generated identifier: CJK unified ideographs, ASCII letters, digits and
 * `_` only (all ID_Continue, none a keyword once prefixed). Anything else falls back to indexes.
 */
export function safeName(name: string): boolean {
  return /^[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9_]{0,40}$/.test(name);
}

/** A number from the IR as code: only safe integers reach generated code. */
export function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${String(n)}`);
  return String(n);
}

/**
 * `a && b && …` for any number of tests, grouped 16 to a parenthesised run: one flat chain nests
 * as deep as it is long, and a policy of 1000 items (one ledger key each) overflowed prettier's
 * parser. `true` when there are none.
 */
export function allOf(tests: readonly string[]): string {
  if (tests.length === 0) return "true";
  if (tests.length <= 16) return tests.join(" && ");
  const runs: string[] = [];
  for (let i = 0; i < tests.length; i += 16) runs.push(`(${tests.slice(i, i + 16).join(" && ")})`);
  return allOf(runs);
}
