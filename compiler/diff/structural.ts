/**
 * Structural semantic diff of two checked policies: what the document says differently, named by
 * the things it talks about (identities, items, table cells, lists …) rather than by text lines.
 * Compares canonical forms, so reordering, reformatting, comments and notes are no change.
 */
import type { CheckedPolicy, IdentityIR } from "../ir.js";
import { condKey, key, minus, sameSet } from "./canonical.js";
import { condText } from "./cond-text.js";
import { cell } from "./format.js";
import { diffItem } from "./structural-items.js";
import type { StructuralChange } from "./types.js";

type Emit = (c: StructuralChange) => void;

export function structuralDiff(o: CheckedPolicy, n: CheckedPolicy): StructuralChange[] {
  const out: StructuralChange[] = [];
  const emit: Emit = (c) => out.push(c);
  diffMeta(o, n, emit);
  byName(o.identities, n.identities, "身份", emit, (a, b) => diffIdentity(a, b, emit));
  for (const g of new Set([...Object.keys(o.groups), ...Object.keys(n.groups)])) {
    const a = o.groups[g] ?? [];
    const b = n.groups[g] ?? [];
    if (!sameSet(a, b)) emit({ kind: "changed", category: "身份组", path: [g], old: a.join("、") || "无", new: b.join("、") || "无", behavioural: false });
  }
  if (o.multiIdentity.citation !== n.multiIdentity.citation)
    emit({ kind: "changed", category: "多重身份", path: ["就高不重复", "依据"], old: o.multiIdentity.citation || "无", new: n.multiIdentity.citation || "无", behavioural: false });
  byName(o.fields.filter((f) => !f.builtin), n.fields.filter((f) => !f.builtin), "字段", emit, (a, b) => {
    if (key(a.type) !== key(b.type)) emit({ kind: "changed", category: "字段", path: [a.name, "类型"], old: a.type.kind, new: b.type.kind, behavioural: true });
    if (key(a.default) !== key(b.default)) emit({ kind: "changed", category: "字段", path: [a.name, "默认值"], old: String(a.default ?? "无"), new: String(b.default ?? "无"), behavioural: true });
  });
  byName(o.lists, n.lists, "清单", emit, (a, b) => {
    for (const m of minus(b.members, a.members)) emit({ kind: "added", category: "清单", path: [a.name, "病种"], new: m, newCitation: b.source.citation, behavioural: true });
    for (const m of minus(a.members, b.members)) emit({ kind: "removed", category: "清单", path: [a.name, "病种"], old: m, oldCitation: a.source.citation, behavioural: true });
    citation(a.name, a.source.citation, b.source.citation, "清单", emit);
  });
  byName(o.calculators, n.calculators, "计算器", emit, (a, b) => {
    if (a.resultField !== b.resultField) emit({ kind: "changed", category: "计算器", path: [a.name, "结果"], old: a.resultField, new: b.resultField, behavioural: false });
  });
  byName(o.items, n.items, "救助项目", emit, (a, b) => diffItem(a, b, emit));
  byName(o.capGroups, n.capGroups, "限额组", emit, (a, b) => {
    if (a.annualCap !== b.annualCap) emit({ kind: "changed", category: "限额组", path: [a.name, "年度限额"], old: cell(a.annualCap), new: cell(b.annualCap), oldCitation: a.source.citation, newCitation: b.source.citation, behavioural: true });
    // per-identity caps (| 身份 | 年度限额 |): one line per identity whose cap changed
    for (const id of new Set([...Object.keys(a.byIdentity ?? {}), ...Object.keys(b.byIdentity ?? {})])) {
      const x = a.byIdentity?.[id];
      const y = b.byIdentity?.[id];
      if (x !== y) emit({ kind: "changed", category: "限额组", path: [a.name, id, "年度限额"], old: x === undefined ? "—" : cell(x), new: y === undefined ? "—" : cell(y), oldCitation: a.source.citation, newCitation: b.source.citation, behavioural: true });
    }
    if (!sameSet(a.members, b.members)) emit({ kind: "changed", category: "限额组", path: [a.name, "包括"], old: a.members.join("、"), new: b.members.join("、"), behavioural: true });
    citation(a.name, a.source.citation, b.source.citation, "限额组", emit);
  });
  const exKey = (e: CheckedPolicy["exclusions"][number]) => `${e.calculator}|${condKey(e.when)}`;
  const oEx = o.exclusions.map(exKey);
  const nEx = n.exclusions.map(exKey);
  o.exclusions.forEach((e, i) => {
    const j = nEx.indexOf(oEx[i]!);
    if (j === -1) emit({ kind: "removed", category: "不予救助", path: [e.calculator, "不予救助"], old: e.text, oldCitation: e.source.citation, behavioural: true });
    else citation(`不予救助 ${e.text}`, e.source.citation, n.exclusions[j]!.source.citation, "不予救助", emit);
  });
  n.exclusions.forEach((e, j) => {
    if (!oEx.includes(nEx[j]!)) emit({ kind: "added", category: "不予救助", path: [e.calculator, "不予救助"], new: e.text, newCitation: e.source.citation, behavioural: true });
  });
  // 预警 and 保证 do not change payouts, but they are what the document says: report them.
  byName(o.warnings, n.warnings, "预警", emit, (a, b) => {
    if (!sameSet(a.countVisitTypes, b.countVisitTypes)) emit({ kind: "changed", category: "预警", path: [a.name, "统计"], old: a.countVisitTypes.join("、"), new: b.countVisitTypes.join("、"), behavioural: false });
    if (condKey(a.when) !== condKey(b.when)) emit({ kind: "changed", category: "预警", path: [a.name, "当"], old: condText(a.when), new: condText(b.when), oldCitation: a.source.citation, newCitation: b.source.citation, behavioural: false });
    citation(a.name, a.source.citation, b.source.citation, "预警", emit);
  });
  byName(o.guarantees, n.guarantees, "保证", emit, (a, b) => {
    if (condKey(a.cond) !== condKey(b.cond)) emit({ kind: "changed", category: "保证", path: [a.name], old: a.text, new: b.text, behavioural: false });
  });
  return mergeRows(out);
}

function diffMeta(o: CheckedPolicy, n: CheckedPolicy, emit: Emit): void {
  const m = (label: string, a: string | null, b: string | null, oc?: string, nc?: string) => {
    if (a !== b) emit({ kind: "changed", category: "政策", path: [label], old: a ?? "无", new: b ?? "无", oldCitation: oc, newCitation: nc, behavioural: false });
  };
  m("政策", o.meta.name, n.meta.name);
  m("地区", o.meta.region, n.meta.region);
  m("文号", o.meta.docNumber, n.meta.docNumber);
  m("生效", o.meta.effective, n.meta.effective, o.meta.effectiveCitation, n.meta.effectiveCitation);
  m("失效", o.meta.expires, n.meta.expires);
  m("基于", o.meta.basedOn, n.meta.basedOn);
  if (o.meta.isBase !== n.meta.isBase) emit({ kind: "changed", category: "政策", path: ["基础政策"], old: o.meta.isBase ? "是" : "否", new: n.meta.isBase ? "是" : "否", behavioural: true });
}

function diffIdentity(a: IdentityIR, b: IdentityIR, emit: Emit): void {
  const c = (path: string[], old: string, neu: string, behavioural = true) =>
    emit({ kind: "changed", category: "身份", path: [a.name, ...path], old, new: neu, oldCitation: a.source.citation, newCitation: b.source.citation, behavioural });
  for (const x of minus(b.aliases, a.aliases)) emit({ kind: "added", category: "别名", path: [a.name, "别名"], new: x, newCitation: b.source.citation, behavioural: true });
  for (const x of minus(a.aliases, b.aliases)) emit({ kind: "removed", category: "别名", path: [a.name, "别名"], old: x, oldCitation: a.source.citation, behavioural: true });
  for (const scope of new Set([...Object.keys(a.treatAs), ...Object.keys(b.treatAs)])) {
    const x = a.treatAs[scope];
    const y = b.treatAs[scope];
    if (x !== y) c(["参照", scope === "*" ? "全部" : scope], x ?? "不参照", y ?? "不参照");
  }
  const cond = (i: IdentityIR) => (i.condition ? condText(i.condition) : "无");
  if (key(a.condition && condKey(a.condition)) !== key(b.condition && condKey(b.condition))) c(["条件"], cond(a), cond(b));
  if (a.unspecified !== b.unspecified) c(["待遇"], a.unspecified ? "未规定" : "已规定", b.unspecified ? "未规定" : "已规定");
  if (a.source.citation !== b.source.citation) c(["依据"], a.source.citation || "无", b.source.citation || "无", false);
}

function citation(name: string, a: string, b: string, category: string, emit: Emit): void {
  if (a !== b) emit({ kind: "changed", category, path: [name, "依据"], old: a || "无", new: b || "无", behavioural: false });
}

/** Added/removed by name; `same` compares the pairs present on both sides. */
function byName<T extends { name: string; source: { citation: string } }>(
  o: readonly T[], n: readonly T[], category: string, emit: Emit, same: (a: T, b: T) => void,
): void {
  // 预警 and 保证 never change an amount; 计算器 changes show through their items
  const behavioural = !["预警", "保证", "计算器"].includes(category);
  for (const a of o) {
    const b = n.find((x) => x.name === a.name);
    if (b) same(a, b);
    else emit({ kind: "removed", category, path: [a.name], old: a.name, oldCitation: a.source.citation, behavioural });
  }
  for (const b of n)
    if (!o.some((x) => x.name === b.name)) emit({ kind: "added", category, path: [b.name], new: b.name, newCitation: b.source.citation, behavioural });
}

/** Table cells that change identically for several row identities become one line, as written. */
function mergeRows(changes: StructuralChange[]): StructuralChange[] {
  const out: StructuralChange[] = [];
  const seen = new Map<string, StructuralChange>();
  for (const c of changes) {
    if (c.category !== "表格") {
      out.push(c);
      continue;
    }
    const k = key([c.kind, c.path[0], c.path.slice(2), c.old, c.new, c.oldCitation, c.newCitation]);
    const prev = seen.get(k);
    if (prev) prev.path[1] = `${prev.path[1]}、${c.path[1]}`;
    else {
      const copy = { ...c, path: [...c.path] };
      seen.set(k, copy);
      out.push(copy);
    }
  }
  return out;
}
