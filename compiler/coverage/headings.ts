/**
 * Provision headings read from the seed text itself, so a provision the policy forgot cannot
 * go unnoticed. A heading is a line that starts with a numbering marker; its id is the path of
 * the open markers above it (四、（二）3). Unnumbered paragraphs belong to the heading above them.
 *
 * The seeds come from scanned PDFs: markdown marks (#, -, **), both widths of parentheses,
 * and line breaks in mid-sentence. A broken line never starts with a marker in the five
 * documents, so headings are only looked for at line starts.
 */
import { cnToInt, foldWidth, idText, RANK, type Step, type StepKind } from "./ids.js";

export interface Heading {
  steps: Step[];
  /** as the documents cite it: 第十一条（一）1, 二、（二）2.（1）, 四、三要 */
  id: string;
  /** 1-based line in the seed */
  line: number;
  /** the heading line after its marker, first ~30 characters */
  summary: string;
  /** the whole heading line after its marker (an annex title is matched against a base policy) */
  text: string;
  /** index of the enclosing heading in the list, -1 at the top */
  parent: number;
}

export interface Extraction {
  headings: Heading[];
  /** 1-based lines of the part read: a seed may hold several documents (济宁 forwards 山东省) */
  from: number;
  to: number;
  /** how the part was chosen, or why the whole text was read */
  note?: string;
}

const MARKERS: { kind: StepKind; re: RegExp }[] = [
  { kind: "条", re: /^(第([〇零一二三四五六七八九十百两\d]+)条)\s*/ },
  { kind: "部分", re: /^(([〇零一二三四五六七八九十百]+)\s*、)\s*/ },
  // 济宁/山东 number the paragraphs of a part 一是、二是…, once 三要
  { kind: "是", re: /^(([一二三四五六七八九十]+)[是要])/ },
  { kind: "项", re: /^([（(]\s*([〇零一二三四五六七八九十百]+)\s*[）)])\s*/ },
  { kind: "子目", re: /^([（(]\s*(\d+)\s*[）)])\s*/ },
  // (?!\d): 3.5万元 is an amount, not item 3
  { kind: "目", re: /^((\d+)\s*[.．、](?!\d))\s*/ },
];

/** A document number on a line of its own: where one document of a seed begins. */
const DOC_NUMBER = /^[\u4e00-\u9fff]{2,12}〔\d{4}〕\d+号$/;
/** 附件：…, 附件 4: the annexes follow; only their titles are provisions. */
const ANNEX_START = /^附件\s*(\d+\s*$|\d*\s*[:：])/;
/** The closing paragraph (施行日期) after the last part, e.g. 本《通知》自2021年1月1日起施行。 */
const ENDING = /^本\s*(《[^》]*》|办法|通知|方案|意见|细则|规定|决定)[^。]*(施行|执行|实施)/;
const SUMMARY_LENGTH = 30;

export function extractHeadings(text: string, docNumber?: string): Extraction {
  const lines = text.split(/\r?\n/).map(clean);
  const part = selectPart(lines, docNumber);
  const headings: Heading[] = [];
  const stack: number[] = [];
  const preface: { line: number; text: string }[] = [];
  /** numbering seen per parent and kind, to notice a restarted group */
  const last = new Map<string, { num: number; group?: string; groups: number }>();
  let mode: "body" | "ending" | "annex" = "body";
  let intro: string | undefined; // the last “…：” line since the previous heading
  let topHasContent = false;

  const add = (steps: Step[], line: number, summary: string, parent: number): number => {
    headings.push({ steps, id: idText(steps), line, summary: cut(summary), text: summary, parent });
    return headings.length - 1;
  };
  const annex = (s: string, line: number): void => {
    const m = /^附件\s*(\d+)?\s*[:：]?\s*(.*)$/.exec(s) ?? /^(\d+)\s*[.．、]\s*(.+)$/.exec(s);
    if (!m || (!m[1] && !m[2])) return;
    const num = m[1] ? Number(m[1]) : 0;
    if (!headings.some((h) => h.steps[0]!.kind === "附件" && h.steps[0]!.num === num))
      add([{ kind: "附件", num }], line, m[2] ?? "", -1);
  };

  for (let i = part.from; i < part.to; i++) {
    const s = lines[i]!;
    if (!s || i === part.docLine) continue;
    if (mode === "annex" || ANNEX_START.test(s)) {
      mode = "annex";
      annex(s, i + 1);
      continue;
    }
    if (mode === "ending") continue; // signatures and dates until the annexes
    const m = marker(s);
    if (!m) {
      if (!headings.length) preface.push({ line: i + 1, text: s });
      else if (topHasContent && ENDING.test(s)) {
        add([{ kind: "末段", num: 0 }], i + 1, s, -1);
        mode = "ending";
      } else {
        if (/[:：]$/.test(s)) intro = s;
        if (stack.length) topHasContent = true;
      }
      continue;
    }
    while (stack.length && RANK[headings[stack[stack.length - 1]!]!.steps.at(-1)!.kind] >= RANK[m.kind]) stack.pop();
    const parent = stack.length ? stack[stack.length - 1]! : -1;
    topHasContent = parent !== -1;
    const key = `${parent}|${m.kind}`;
    const prev = last.get(key);
    let group = prev?.group;
    let groups = prev?.groups ?? 1;
    if (prev && m.num <= prev.num) {
      // numbering restarts under the same parent: a second list, named by the sentence introducing it
      groups++;
      group = intro?.replace(/[:：]$/, "") ?? `第${groups}组`;
    }
    last.set(key, { num: m.num, group, groups });
    const steps = [...(parent === -1 ? [] : headings[parent]!.steps), { kind: m.kind, num: m.num, word: m.word, group }];
    if (!headings.length) addPreface(preface, add);
    stack.push(add(steps, i + 1, m.rest, parent));
    intro = undefined;
  }
  return { headings, from: part.from + 1, to: part.to, note: part.note };
}

function clean(line: string): string {
  return foldWidth(line)
    .replace(/\*\*/g, "")
    .replace(/^\s*(#+|[-*>])\s+/, "")
    .trim();
}

function marker(s: string): { kind: StepKind; num: number; word?: string; rest: string } | undefined {
  for (const { kind, re } of MARKERS) {
    const m = re.exec(s);
    if (!m) continue;
    const word = kind === "条" || kind === "是" ? m[1] : undefined;
    return { kind, num: cnToInt(m[2]!), word, rest: s.slice(m[0].length) };
  }
  return undefined;
}

/**
 * Several documents in one seed (济宁's notice, then 山东省's opinion as its annex): each begins
 * at its 文号 on a line of its own; read the one whose 文号 the policy states.
 */
function selectPart(lines: string[], docNumber?: string): { from: number; to: number; docLine: number; note?: string } {
  const starts = lines.flatMap((l, i) => (DOC_NUMBER.test(l) ? [i] : []));
  const whole = { from: 0, to: lines.length, docLine: starts[0] ?? -1 };
  if (starts.length < 2) return whole;
  const wanted = (docNumber ?? "").replace(/\s/g, "");
  const k = starts.findIndex((i) => lines[i] === wanted);
  if (k < 0)
    return { ...whole, note: `原文含 ${starts.length} 个文件（${starts.map((i) => lines[i]).join("、")}），政策的文号「${docNumber ?? ""}」不在其中：读全文` };
  const to = starts[k + 1] ?? lines.length;
  return { from: starts[k]!, to, docLine: starts[k]!, note: `原文含多个文件，只读文号 ${wanted} 一节` };
}

/**
 * 序言: the text before the first heading, when it says something (a sentence with 。 or a
 * closing “：”) rather than just a title and a date. Broken lines are joined for the summary.
 */
function addPreface(preface: { line: number; text: string }[], add: (steps: Step[], line: number, summary: string, parent: number) => number): void {
  const paragraphs: { line: number; text: string }[] = [];
  let open = false;
  for (const p of preface) {
    if (open) paragraphs[paragraphs.length - 1]!.text += p.text;
    else paragraphs.push({ ...p });
    // a long line without closing punctuation was broken by the scan; short ones are titles
    open = p.text.length >= 20 && !/[。：:；！？）)」”]$/.test(p.text);
  }
  const sentences = paragraphs.filter((p) => p.text.includes("。") || (p.text.length >= 10 && /[:：]$/.test(p.text)));
  if (!sentences.length) return;
  const best = sentences.find((p) => p.text.includes("。")) ?? sentences.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  add([{ kind: "序言", num: 0 }], best.line, best.text, -1);
}

function cut(text: string): string {
  const chars = [...text.trim()];
  return chars.length > SUMMARY_LENGTH ? chars.slice(0, SUMMARY_LENGTH).join("") + "…" : chars.join("");
}
