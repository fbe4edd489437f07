/**
 * Structural changes inside 救助项目: their settings and their table cells. A cell is named by
 * item, row identity and parameter, with both sides' 依据; rows that change the same way are
 * merged later (the document's rows group identities: 特困人员、孤儿、低保对象).
 */
import type { ItemIR, RowIR, Segment } from "../ir.js";
import { condKey, canonValue, key, minus, sameSet } from "./canonical.js";
import { cell, pct } from "./format.js";
import type { StructuralChange } from "./types.js";

type Emit = (c: StructuralChange) => void;

export function diffItem(o: ItemIR, n: ItemIR, emit: Emit): void {
  const at = (param: string, old: string, neu: string, behavioural = true) =>
    emit({ kind: "changed", category: "项目", path: [o.name, param], old, new: neu, oldCitation: o.source.citation, newCitation: n.source.citation, behavioural });
  if (o.calculator !== n.calculator) at("属于", o.calculator, n.calculator);
  const visits = (v: ItemIR["visitTypes"]) => (v === null ? "全部就诊类型" : [...v].join("、"));
  if (key(o.visitTypes && [...o.visitTypes].sort()) !== key(n.visitTypes && [...n.visitTypes].sort()))
    at("适用", visits(o.visitTypes), visits(n.visitTypes));
  for (const x of minus(n.identities, o.identities))
    emit({ kind: "added", category: "对象", path: [o.name, "对象"], new: x, newCitation: n.source.citation, behavioural: true });
  for (const x of minus(o.identities, n.identities))
    emit({ kind: "removed", category: "对象", path: [o.name, "对象"], old: x, oldCitation: o.source.citation, behavioural: true });
  diffConditions(o, n, emit);
  if (key(canonValue(o.base)) !== key(canonValue(n.base))) at("基数", o.baseText, n.baseText);
  // 不超过 X: a bound added, removed or changed moves payouts
  if (key(o.bound && canonValue(o.bound)) !== key(n.bound && canonValue(n.bound)))
    at("不超过", o.boundText ?? "无", n.boundText ?? "无");
  if (o.deductiblePeriod !== n.deductiblePeriod) at("起付线", `按${o.deductiblePeriod}`, `按${n.deductiblePeriod}`);
  if (o.segmentPeriod !== n.segmentPeriod) at("分段", `按${o.segmentPeriod}`, `按${n.segmentPeriod}`);
  // 分段 按年 与 X 共用: moving the 5万 threshold onto a shared position changes payouts
  if ((o.segmentShare ?? "") !== (n.segmentShare ?? ""))
    at("分段", o.segmentShare ? `与 ${o.segmentShare} 共用` : "本项自身", n.segmentShare ? `与 ${n.segmentShare} 共用` : "本项自身");
  if (o.oncePerPerson !== n.oncePerPerson) at("次数", o.oncePerPerson ? "每人一次" : "不限", n.oncePerPerson ? "每人一次" : "不限");
  if (!sameSet(o.capGroups, n.capGroups)) at("限额组", o.capGroups.join("、") || "无", n.capGroups.join("、") || "无");
  if (o.source.citation !== n.source.citation) at("依据", o.source.citation || "无", n.source.citation || "无", false);

  for (const r of Object.keys(o.rows)) {
    const nr = n.rows[r];
    if (nr === undefined) emit({ kind: "removed", category: "表格", path: [o.name, r], old: rowText(o.rows[r]!), oldCitation: o.rows[r]!.source.citation, behavioural: true });
    else diffRow(o.name, r, o.rows[r]!, nr, emit);
  }
  for (const r of minus(Object.keys(n.rows), Object.keys(o.rows)))
    emit({ kind: "added", category: "表格", path: [n.name, r], new: rowText(n.rows[r]!), newCitation: n.rows[r]!.source.citation, behavioural: true });
}

function diffConditions(o: ItemIR, n: ItemIR, emit: Emit): void {
  const ok = o.conditions.map((c) => condKey(c.cond));
  const nk = n.conditions.map((c) => condKey(c.cond));
  o.conditions.forEach((c, i) => {
    const j = nk.indexOf(ok[i]!);
    if (j === -1) emit({ kind: "removed", category: "条件", path: [o.name, "条件"], old: c.text, oldCitation: c.source.citation, behavioural: true });
    else if (n.conditions[j]!.source.citation !== c.source.citation)
      emit({ kind: "changed", category: "条件", path: [o.name, "条件", c.text, "依据"], old: c.source.citation || "无", new: n.conditions[j]!.source.citation || "无", behavioural: false });
  });
  n.conditions.forEach((c, j) => {
    if (!ok.includes(nk[j]!)) emit({ kind: "added", category: "条件", path: [n.name, "条件"], new: c.text, newCitation: c.source.citation, behavioural: true });
  });
}

const single = (s: Segment[]) => s.length === 1 && s[0]!.from === 0 && s[0]!.to === null;
const segLabel = (s: Segment) => (s.to === null ? `比例（${cell(s.from)}以上）` : `比例（${cell(s.from)}至${cell(s.to)}）`);
export const segmentsText = (s: Segment[]) => (single(s) ? pct(s[0]!.bp) : s.map((x) => `${segLabel(x)} ${pct(x.bp)}`).join("，"));

/** A whole row as text, for rows added, removed or switched to/from 未规定. */
export function rowText(r: RowIR): string {
  if (r.kind === "unspecified") return "未规定";
  const parts = [`起付线 ${cell(r.deductible)}`];
  parts.push(r.flat !== null ? `定额 ${cell(r.flat)}` : `比例 ${segmentsText(r.segments)}`);
  if (r.perClaimCap !== null) parts.push(`单次限额 ${cell(r.perClaimCap)}`);
  if (r.annualCap !== null) parts.push(`年度限额 ${cell(r.annualCap)}`);
  return parts.join("，");
}

function diffRow(item: string, r: string, o: RowIR, n: RowIR, emit: Emit): void {
  const cellChange = (param: string, old: string, neu: string, behavioural = true) =>
    emit({ kind: "changed", category: "表格", path: [item, r, param], old, new: neu, oldCitation: o.source.citation, newCitation: n.source.citation, behavioural });
  if (o.kind !== "params" || n.kind !== "params") {
    if (o.kind !== n.kind) cellChange("待遇", rowText(o), rowText(n));
    else if (o.source.citation !== n.source.citation) cellChange("依据", o.source.citation || "无", n.source.citation || "无", false);
    return;
  }
  if (o.deductible !== n.deductible) cellChange("起付线", cell(o.deductible), cell(n.deductible));
  if ((o.flat === null) !== (n.flat === null)) cellChange("计算方式", o.flat === null ? `比例 ${segmentsText(o.segments)}` : `定额 ${cell(o.flat)}`, n.flat === null ? `比例 ${segmentsText(n.segments)}` : `定额 ${cell(n.flat)}`);
  else if (o.flat !== null && n.flat !== null) {
    if (o.flat !== n.flat) cellChange("定额", cell(o.flat), cell(n.flat));
  } else if (key(o.segments) !== key(n.segments)) {
    const sameBounds = o.segments.length === n.segments.length && o.segments.every((s, i) => s.from === n.segments[i]!.from && s.to === n.segments[i]!.to);
    if (sameBounds) o.segments.forEach((s, i) => s.bp !== n.segments[i]!.bp && cellChange(single(o.segments) ? "比例" : segLabel(s), pct(s.bp), pct(n.segments[i]!.bp)));
    else cellChange("分段", segmentsText(o.segments), segmentsText(n.segments));
  }
  if (o.perClaimCap !== n.perClaimCap) cellChange("单次限额", cell(o.perClaimCap), cell(n.perClaimCap));
  if (o.annualCap !== n.annualCap) cellChange("年度限额", cell(o.annualCap), cell(n.annualCap));
  const bounds = (x: RowIR & { kind: "params" }) =>
    x.bounds.map((b) => `${b.column}${b.kind === "floor" ? "不低于" : b.kind === "standard" ? "标准" : "不超过"}${b.column.startsWith("比例") ? pct(b.value) : cell(b.value)}`).sort().join("，");
  if (bounds(o) !== bounds(n)) cellChange("上下限约束", bounds(o) || "无", bounds(n) || "无", false);
  if (o.source.citation !== n.source.citation) cellChange("依据", o.source.citation || "无", n.source.citation || "无", false);
}
