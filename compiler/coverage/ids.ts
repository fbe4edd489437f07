/**
 * Provision ids shared by the heading extractor (seed side) and the citation splitter (policy
 * side). An id is a path of steps, e.g. 四、（二）3 = [部分 4, 项 2, 目 3]; both sides reduce to
 * kind + number so 第十一条 and 第11条, （三） and (三), 2. and 2、 compare equal.
 */

/**
 * 条 第X条 · 部分 一、 · 是 一是/三要 (济宁/山东) · 项 （一） · 目 1. or 1、 · 子目 （1）
 * · 附件 · 序言 (text before the first heading) · 末段 (closing paragraph after the last one).
 */
export type StepKind = "条" | "部分" | "是" | "项" | "目" | "子目" | "附件" | "序言" | "末段";

export interface Step {
  kind: StepKind;
  /** 0 when the kind has no number (序言, 末段, a single unnumbered 附件) */
  num: number;
  /** as written for 条/是 (第十一条, 三要), so the id reads like the document */
  word?: string;
  /**
   * Heading side: label of a restarted numbering group (威海 二、（三） has 1.–5. and then
   * “有下列情况之一的不能参加救助：” 1.–4.). Citation side: free text written before this step,
   * used to pick the group (“二、（三）不能参加救助1.”).
   */
  group?: string;
}

/** Nesting depth: a step closes every open step of the same or a deeper rank. */
export const RANK: Record<StepKind, number> = { 条: 0, 部分: 0, 附件: 0, 序言: 0, 末段: 0, 是: 1, 项: 2, 目: 3, 子目: 4 };

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十一 → 11, 二十三 → 23, 一百零五 → 105; Arabic digits pass through. */
export function cnToInt(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch === "百") (total += (digit || 1) * 100), (digit = 0);
    else if (ch === "十") (total += (digit || 1) * 10), (digit = 0);
    else digit = DIGITS[ch] ?? 0;
  }
  return total + digit;
}

/** 11 → 十一 (for numbers a range 至 fills in, e.g. 第五至七条). */
export function intToCn(n: number): string {
  const d = "零一二三四五六七八九";
  if (n < 10) return d[n]!;
  if (n < 20) return "十" + (n % 10 ? d[n % 10] : "");
  if (n < 100) return d[Math.floor(n / 10)]! + "十" + (n % 10 ? d[n % 10] : "");
  return String(n);
}

/** The id as the documents write it: 第十一条（一）1, 二、（二）2.（1）, 四、三要, 附件1. */
export function idText(steps: readonly Step[]): string {
  return steps
    .map((s, i) => {
      const more = i + 1 < steps.length;
      const group = s.group && i > 0 ? `“${s.group}”` : "";
      switch (s.kind) {
        case "条":
          return s.word ?? `第${intToCn(s.num)}条`;
        case "部分":
          return `${intToCn(s.num)}、`;
        case "是":
          return s.word ?? `${intToCn(s.num)}是`;
        case "项":
          return `${group}（${intToCn(s.num)}）`;
        case "目":
          // a dot only between two numbers, as in 二、（二）2.（1）; the documents cite 四、（二）3
          return `${group}${s.num}${more ? "." : ""}`;
        case "子目":
          return `${group}（${s.num}）`;
        case "附件":
          return s.num ? `附件${s.num}` : "附件";
        default:
          return s.kind;
      }
    })
    .join("");
}

/** Same kind and number: the group label is compared separately (see coverage.ts). */
export function sameStep(a: Step, b: Step): boolean {
  return a.kind === b.kind && a.num === b.num;
}

/** Full-width digits and spaces to half-width (the patterns accept both widths of parentheses). */
export function foldWidth(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}
