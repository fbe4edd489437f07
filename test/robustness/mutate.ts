/**
 * Mutations of a real policy text as fast-check values. A mutation is plain data (op + numbers +
 * a string) applied by `apply`, so fast-check can shrink a failure to a few small edits and the
 * counterexample can be replayed by hand. Positions are taken modulo the current length, so any
 * number is a valid position in any text.
 */
import fc from "fast-check";
import { KEYWORDS } from "../../grammar/index.js";

export type Mutation =
  | { op: "deleteToken" | "duplicateToken" | "swapTokens"; a: number; b: number }
  | { op: "deleteLine" | "duplicateLine" | "swapLines"; a: number; b: number }
  | { op: "insert"; a: number; s: string }
  | { op: "width"; a: number; b: number }
  | { op: "truncate"; a: number };

/** Tokens as a reader sees them: name runs, numbers, spaces, single other characters (whole code points). */
export function tokens(text: string): string[] {
  return text.match(/[\u3400-\u9fffA-Za-z_]+|[0-9０-９.]+|\s+|[\s\S]/gu) ?? [];
}

/** Half-width → full-width and back, for every pair the normaliser folds (and some it does not). */
const PAIRS: [string, string][] = [
  [",", "，"], [":", "："], [";", "；"], ["(", "（"], [")", "）"], ["%", "％"], ["|", "｜"], ["#", "＃"],
  ["-", "－"], ["+", "＋"], ["<", "＜"], [">", "＞"], ["=", "＝"], ["!", "！"], [".", "．"], [" ", "\u3000"],
  ['"', "＂"], ["_", "＿"], ["、", ","], ["〔", "["], ["【", "["], ["「", '"'], ["—", "-"], ["−", "-"],
  ...Array.from({ length: 10 }, (_, i): [string, string] => [String(i), String.fromCharCode(0xff10 + i)]),
  ...Array.from({ length: 26 }, (_, i): [string, string] => [String.fromCharCode(0x41 + i), String.fromCharCode(0xff21 + i)]),
];
const SWAP = new Map<string, string>();
for (const [h, f] of PAIRS) {
  if (!SWAP.has(h)) SWAP.set(h, f);
  if (!SWAP.has(f)) SWAP.set(f, h);
}

/** Characters that have broken parsers before: line/paragraph separators, BOM, bidi, lone surrogates, quotes… */
const NASTY = [
  "\u2028", "\u2029", "\ufeff", "\u200b", "\u202e", "\u2066", "\r", "\r\n", "\t", "\v", "\f", "\0", "\u0085",
  "\ud800", "\udfff", "\u0301", "𠀀", "😀", "「", "」", "“", "”", '"', "'", "`", "${", "*/", "|", "｜", "#",
  "（", "）", "(", ")", "（（（", ")))", "\u3000", "０", "９９９９９９９９９９９９９９９９９９万元", "-1元", "100.001%",
  "2023-02-30", "9999-99-99", "12个月", "0", "未规定", "不低于", "、、", "：", "\n", "\n\n", "\n| 甲 | 1 |\n",
];

const insertion = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.constantFrom(...KEYWORDS.map((k) => ` ${k.text} `)),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.string({ unit: "grapheme", maxLength: 4 }),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom("deleteToken", "duplicateToken", "swapTokens"), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constantFrom("deleteLine", "duplicateLine", "swapLines"), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant("insert"), a: fc.nat(), s: insertion }),
  fc.record({ op: fc.constant("width"), a: fc.nat(), b: fc.nat({ max: 400 }) }),
  fc.record({ op: fc.constant("truncate"), a: fc.nat() }),
) as fc.Arbitrary<Mutation>;

/** One to four mutations; truncation is rarer so that most runs keep the whole document's shape. */
export const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

function swapIn<T>(xs: T[], a: number, b: number): T[] {
  const out = [...xs];
  const i = a % out.length;
  const j = b % out.length;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export function apply(text: string, m: Mutation): string {
  switch (m.op) {
    case "deleteToken":
    case "duplicateToken":
    case "swapTokens": {
      const ts = tokens(text);
      if (ts.length === 0) return text;
      const i = m.a % ts.length;
      if (m.op === "swapTokens") return swapIn(ts, i, m.b).join("");
      ts.splice(i, 1, ...(m.op === "deleteToken" ? [] : [ts[i]!, ts[i]!]));
      return ts.join("");
    }
    case "deleteLine":
    case "duplicateLine":
    case "swapLines": {
      const ls = text.split("\n");
      const i = m.a % ls.length;
      if (m.op === "swapLines") return swapIn(ls, i, m.b).join("\n");
      ls.splice(i, 1, ...(m.op === "deleteLine" ? [] : [ls[i]!, ls[i]!]));
      return ls.join("\n");
    }
    case "insert": {
      const i = m.a % (text.length + 1);
      return text.slice(0, i) + m.s + text.slice(i);
    }
    case "width": {
      // swap widths in a window [i, i+b): enough to flip a whole line or table row
      const i = m.a % (text.length + 1);
      const window = [...text.slice(i, i + m.b)].map((c) => SWAP.get(c) ?? c).join("");
      return text.slice(0, i) + window + text.slice(i + m.b);
    }
    case "truncate":
      return text.slice(0, m.a % (text.length + 1));
  }
}

export const applyAll = (text: string, ms: readonly Mutation[]): string => ms.reduce(apply, text);
