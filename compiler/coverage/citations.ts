/**
 * 依据 texts → provision ids. Authors write lists and ranges in the document's own numbering
 * (第十一条（一）1、2、3 · 第七条（二）、（三） · 附件2至附件5) and add words for the reader
 * (四、（二）3第四段“…”, 一、总体要求, 二、（三）不能参加救助1.). Numbering markers are read as
 * steps; a step closes the open steps of its rank or deeper, which ends one id and starts the
 * next, so a list needs no separators. Everything else is free text.
 */
import { cnToInt, foldWidth, intToCn, RANK, type Step, type StepKind } from "./ids.js";

export interface CitedRef {
  steps: Step[];
  /**
   * The text names only part of the provision (首句, 末段, 第二段, …中的…): in 程序性 such an
   * entry covers the heading itself but not its sub-provisions.
   */
  partial: boolean;
}

export interface SplitCitation {
  refs: CitedRef[];
  /** 落款 (the signature date): a real place in the document, but not a provision */
  signature: boolean;
}

const STEP_PATTERNS: { kind: StepKind; re: RegExp }[] = [
  { kind: "条", re: /第([〇零一二三四五六七八九十百两\d]+)条/y },
  { kind: "附件", re: /附件\s*(\d+)?/y },
  { kind: "部分", re: /([〇零一二三四五六七八九十百]+)、/y },
  { kind: "是", re: /([一二三四五六七八九十]+)[是要]/y },
  { kind: "项", re: /[（(]([〇零一二三四五六七八九十百]+)[）)]/y },
  { kind: "子目", re: /[（(](\d+)[）)]/y },
  // not an amount, a date or a count: 2019年, 15%, 26类
  { kind: "目", re: /(\d+)(?![\d年月日元%％万个类级种号次岁])[.．、]?/y },
];
const PARTIAL = /首句|末句|末段|第[一二三四五六七八九十\d]+[段句]|中的|前段|后段|部分/;

export function splitCitation(text: string): SplitCitation {
  const s = stripAsides(foldWidth(text));
  const refs: CitedRef[] = [];
  let path: Step[] = [];
  let dirty = false; // path has steps not yet emitted
  let free = ""; // free text since the last step: names a restarted group (see ids.ts)
  let allFree = "";
  let range: Step | undefined; // the step before 至
  let signature = false;
  const emit = (steps: Step[]) => refs.push({ steps: steps.map((x) => ({ ...x })), partial: false });
  const flush = () => {
    if (dirty) emit(path);
    dirty = false;
  };
  const push = (step: Step) => {
    if (path.some((p) => RANK[p.kind] >= RANK[step.kind])) {
      flush();
      if (range && range.kind === step.kind && path.length)
        for (let n = range.num + 1; n < step.num; n++) emit([...path.slice(0, -1), { ...range, num: n, word: fill(range, n) }]);
      path = path.filter((p) => RANK[p.kind] < RANK[step.kind]);
    }
    if (free.trim() && path.length) step.group = free.trim();
    path.push(step);
    dirty = true;
    range = undefined;
    free = "";
  };

  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    if (/^[；;]/.test(rest)) {
      flush();
      path = [];
      i++;
      continue;
    }
    if (/^[、，,\s]/.test(rest)) {
      i++;
      continue;
    }
    if (rest.startsWith("至") && path.length) {
      range = path[path.length - 1];
      i++;
      continue;
    }
    // “八、（三）后末段”: the document's closing paragraph, found after 八、（三）
    const special = /^(后末段|末段|序言|落款)/.exec(rest);
    if (special && (special[1] !== "末段" || !path.length)) {
      if (special[1] === "落款") signature = true;
      else {
        if (special[1] === "后末段") (path = []), (dirty = false);
        push({ kind: special[1] === "序言" ? "序言" : "末段", num: 0 });
      }
      i += special[1]!.length;
      continue;
    }
    // 第十七至二十一条: one 条 shared by both ends of the range
    const articles = /^第([〇零一二三四五六七八九十百两\d]+)至(?:第)?([〇零一二三四五六七八九十百两\d]+)条/.exec(rest);
    if (articles) {
      push({ kind: "条", num: cnToInt(articles[1]!), word: `第${articles[1]}条` });
      range = path[path.length - 1];
      push({ kind: "条", num: cnToInt(articles[2]!), word: `第${articles[2]}条` });
      i += articles[0].length;
      continue;
    }
    const step = matchStep(s, i, path.length > 0);
    if (step) {
      push(step.step);
      i += step.length;
      continue;
    }
    free += s[i];
    allFree += s[i];
    i++;
  }
  flush();
  const partial = PARTIAL.test(allFree);
  return { refs: refs.map((r) => ({ ...r, partial })), signature };
}

function matchStep(s: string, at: number, inPath: boolean): { step: Step; length: number } | undefined {
  for (const { kind, re } of STEP_PATTERNS) {
    if (kind === "目" && !inPath) continue; // a bare number starts no id
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m) continue;
    const num = m[1] ? cnToInt(m[1]) : 0;
    const word = kind === "条" || kind === "是" ? m[0] : undefined;
    return { step: { kind, num, word }, length: m[0].length };
  }
  return undefined;
}

/** Quotations and parenthesised remarks are for the reader; （三） and (1) are numbering. */
function stripAsides(text: string): string {
  return text
    .replace(/“[^”]*”|「[^」]*」|‘[^’]*’|"[^"]*"/g, " ")
    .replace(/[（(]([^（）()]*)[）)]/g, (all, inner: string) => (/^\s*([〇零一二三四五六七八九十百]+|\d+)\s*$/.test(inner) ? all : " "));
}

/** The as-written word for a number a range fills in (第五至七条 → 第六条). */
function fill(step: Step, n: number): string | undefined {
  if (step.kind === "条") return `第${intToCn(n)}条`;
  if (step.kind === "是") return `${intToCn(n)}${step.word?.endsWith("要") ? "要" : "是"}`;
  return undefined;
}
