/** Wording shared by the text and markdown reports: one change, one range, one version. */
import { citeBoth, plain } from "./format.js";
import type { DeltaPiece, GuaranteeChange, ImpactGroup, SideInfo, StructuralChange } from "./types.js";

export function changeLine(c: StructuralChange): string {
  return changeWords(c) + (c.effect ? `——${c.effect}` : "");
}

function changeWords(c: StructuralChange): string {
  const path = c.path.join(" · ");
  const cite = citeBoth(c.oldCitation, c.newCitation);
  if (c.kind === "changed") return `${path}：${c.old} → ${c.new}${cite}`;
  const verb = c.kind === "added" ? "新增" : "删除";
  const what = c.kind === "added" ? c.new : c.old;
  if (c.path.length === 1 && c.path[0] === what) return `${verb}${c.category}：${what}${cite}`;
  return `${path}：${verb} ${what}${cite}`;
}

/** "自 2023-01-01 起施行" (+ "，2025-01-01 起失效"). */
export function inForce(s: SideInfo): string {
  return `自 ${s.effective} 起施行${s.expires ? `，${s.expires} 起失效` : ""}`;
}

export function sideLine(label: string, s: SideInfo): string {
  return `${label}：${s.spec} — ${s.name}（${s.region}，${s.docNumber || "无文号"}），${inForce(s)}`;
}

export function rangeText(p: DeltaPiece): string {
  if (p.to === null) return `${plain(p.from)}元以上`;
  if (p.to === p.from) return `${plain(p.from)}元`;
  return `${plain(p.from)}–${plain(p.to)}元`;
}

const yuan = (fen: number) => `${plain(Math.abs(fen))}元`;

/** "多付 0–600元（每多负担1元多付0.24元）", "少付 600元", "多付 600元起，每多负担1元多付0.1元". */
export function deltaText(p: DeltaPiece): string {
  const flat = p.slopePerYuan === "0";
  const slope = p.slopePerYuan.startsWith("-") ? p.slopePerYuan.slice(1) : p.slopePerYuan;
  const per = flat ? "" : `每多负担1元${p.slopePerYuan.startsWith("-") ? "少付" : "多付"}${slope}元`;
  const a = p.deltaFrom;
  if (p.to === null || p.deltaTo === null) {
    const start = a === 0 ? "" : `${a > 0 ? "多付" : "少付"} ${yuan(a)}`;
    return flat ? start || "不变" : `${start ? `${start}起，` : ""}${per}`;
  }
  const b = p.deltaTo;
  const amount = flat || a === b ? yuan(a) : `${plain(Math.abs(a))}–${yuan(b)}`;
  const word = a >= 0 && b >= 0 ? "多付" : a <= 0 && b <= 0 ? "少付" : "";
  const body = word ? `${word} ${amount}` : `差额 ${plain(a)}元 至 ${plain(b)}元`;
  return flat || a === b ? body : `${body}（${per}）`;
}

export function piecesText(g: ImpactGroup): string {
  const ranges = g.pieces.map((p, i) => `${i === 0 ? `${g.variable} ` : ""}${rangeText(p)} ${deltaText(p)}`).join("；");
  const errors = [g.oldError && `旧版不能计算（${g.oldError}）`, g.newError && `新版不能计算（${g.newError}）`].filter(Boolean);
  const lead = errors.length ? `${errors.join("；")}${ranges ? "；另一版：" : ""}` : "";
  return `${lead}${ranges}${g.sampled ? "（注意：此规则对负担不是分段线性或断点过多，以上为抽样结果）" : ""}`;
}

export function groupTitle(g: ImpactGroup): string {
  return `${g.identities.join("、")} ${g.cases.join("；或 ")}`;
}

/**
 * What each trace step is about, read in order (runtime/explain.ts): (identity, item) for an item
 * line "  基本救助：…" under "按身份「低保对象」：", the identity's total likewise, "不予救助 X" by its
 * rule, the warning for "预警「X」：…", the line's head before "：" otherwise. Steps are matched on
 * it (issue 16 §3).
 */
export function stepKeys(lines: readonly string[]): string[] {
  let identity = "";
  return lines.map((line) => {
    const head = /^按身份「(.+)」：$/.exec(line);
    if (head) return "按身份|" + (identity = head[1]!);
    const item = /^  ([^：\s（]+)/.exec(line);
    if (item) return `${identity}|${/^  \S+合计 /.test(line) ? "合计" : item[1]}`;
    const w = /^(预警「[^」]+」)/.exec(line);
    if (w) return w[1]!;
    const i = line.indexOf("：");
    return i > 0 ? line.slice(0, i) : line;
  });
}

/**
 * Lines of two traces paired by step (identity, item), in order (a longest common subsequence of
 * the keys): equal lines once, differing ones as 旧/新, a step on one side only faces an empty cell.
 */
export function pairTraces(a: string[], b: string[]): { same: boolean; old?: string; new?: string; text?: string }[] {
  const ka = stepKeys(a);
  const kb = stepKeys(b);
  const L = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) L[i]![j] = ka[i] === kb[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  const out: { same: boolean; old?: string; new?: string; text?: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && ka[i] === kb[j]) {
      out.push(a[i] === b[j] ? { same: true, text: a[i]! } : { same: false, old: a[i]!, new: b[j]! });
      i++, j++;
    } else if (j >= b.length || (i < a.length && L[i + 1]![j]! >= L[i]![j + 1]!)) out.push({ same: false, old: a[i++]!, new: "" });
    else out.push({ same: false, old: "", new: b[j++]! });
  }
  return out;
}

const STATUS = { holds: "成立", fails: "不成立", untested: "未检验" } as const;
/** "保证「X」：旧版 成立 → 新版 不成立（救助金额 <= 4万元）". */
export function guaranteeLine(g: GuaranteeChange): string {
  const st = (s: GuaranteeChange["old"]) => (s === null ? "无此保证" : STATUS[s]);
  return `保证「${g.name}」：旧版 ${st(g.old)} → 新版 ${st(g.new)}（${g.text}）`;
}

/** "最大增加：个人负担 70000元，旧 35000元 → 新 40000元（+5000元）；典型：…". */
export function examplesText(g: ImpactGroup): string {
  const amt = (f: number | null) => (f === null ? "不能计算" : `${plain(f)}元`);
  return (g.examples ?? []).map((e) => {
    const d = e.old !== null && e.new !== null ? `（${e.new - e.old > 0 ? "+" : ""}${plain(e.new - e.old)}元）` : "";
    return `${e.kind}：${g.variable} ${plain(e.burden)}元，旧 ${amt(e.old)} → 新 ${amt(e.new)}${d}${e.unbounded ? "，负担越高差额越大" : ""}`;
  }).join("；");
}
