/**
 * Suggestions for unknown names: 您是否想写「…」 by edit distance over the known names of the
 * same kind, and a hint when a name swallowed a keyword because it was written without spaces
 * (`规范转诊且就医地` is one name: see docs/语言.md "Where a keyword ends").
 */

import { closest } from "../runtime/suggest.js";

export { closest, editDistance } from "../runtime/suggest.js";

/**
 * Keywords that join two names. If one of them sits inside an unknown name, the writer almost
 * certainly forgot the spaces. (非 is left out: 非参保人员 is a legitimate name.)
 */
const JOINING_KEYWORDS = ["不属于", "属于", "除外", "且", "或", "的"];

export function keywordHint(name: string): string | undefined {
  for (const k of JOINING_KEYWORDS) {
    const at = name.indexOf(k);
    if (at > 0 && at + k.length < name.length) {
      const spaced = `${name.slice(0, at)} ${k} ${name.slice(at + k.length)}`;
      return `「${name}」中含有关键字「${k}」；关键字两侧须有空格，例如：${spaced}`;
    }
  }
  return undefined;
}

/** The notes for an unknown name: a suggestion and/or the keyword hint, then a fallback hint. */
export function unknownNameNotes(name: string, candidates: Iterable<string>, fallback: string): string[] {
  const notes: string[] = [];
  const hint = keywordHint(name);
  if (hint) notes.push(hint);
  const near = closest(name, candidates);
  if (near) notes.push(`您是否想写「${near}」？`);
  if (notes.length === 0) notes.push(fallback);
  return notes;
}
