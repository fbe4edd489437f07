/**
 * Completion in context. What may come next depends on where the cursor is: the 身份 column of a
 * table row takes identities and 身份组, a table's header row takes column names, a condition
 * takes fields and 清单, `适用` takes visit types, a line start takes the keywords that begin a
 * line. Names come from the document and its base policy (基于).
 */
import { KEYWORDS } from "../../grammar/index.js";
import { VISIT_TYPES } from "../ir.js";
import { builtinFields, DECLARABLE_FIELD_TYPES } from "../passes/builtins.js";
import { COLUMN_NAMES } from "../passes/columns.js";
import type { Analysis } from "./analysis.js";
import { lineAt, offsetAt, type Position } from "./positions.js";
import { visibleDeclarations } from "./symbols.js";

export interface Completion {
  label: string;
  detail: string;
  kind: "keyword" | "name" | "identity" | "field" | "list" | "item" | "column" | "value";
}

/** Keywords that begin an indented clause line under a declaration. */
const CLAUSE_WORDS = new Set(["属于", "适用", "对象", "条件", "基数", "起付线", "分段", "次数", "依据", "统计", "当"]);
/** Either. */
const NOTE_WORDS = new Set(["解释", "备注"]);
const CELL_WORDS = ["不低于", "不超过", "标准", "未规定", "不设", "无", "提高"];
const CONDITION_WORDS = ["且", "或", "非", "属于", "不属于", "在", "前", "内", "的", "有身份", "无身份", "全年", "较小值"];

export function completions(a: Analysis, p: Position): Completion[] {
  const offset = offsetAt(a.text, p);
  const line = lineAt(a.text, offset);
  const before = line.text.slice(0, offset - line.start);
  // nothing to offer in a comment or in the officer's own words (解释, 依据, 政策 … to the line end)
  if (before.includes("#") || /(?:^|\s)(?:解释|备注|依据|政策|文号|原文|程序性)\s/.test(before)) return [];
  const code = before;
  const decls = visibleDeclarations(a);
  const seen = new Set<string>();
  const named = (kinds: string[], kind: Completion["kind"]): Completion[] =>
    decls.filter((d) => kinds.includes(d.kind) && !d.aliasOf && !seen.has(d.name) && seen.add(d.name)).map((d) => ({ label: d.name, detail: origin(a, d.kind, d.in), kind }));
  const keywords = (words: string[]): Completion[] =>
    words.map((w) => ({ label: w, detail: KEYWORDS.find((k) => k.text === w)?.desc ?? "", kind: "keyword" as const }));
  const identities = () => named(["身份", "身份组"], "identity");
  const fields = (): Completion[] => [
    ...named(["字段"], "field"),
    ...builtinFields().filter((f) => !seen.has(f.name) && seen.add(f.name)).map((f) => ({ label: f.name, detail: `字段（标准记录，${f.type.kind}）`, kind: "field" as const })),
  ];
  const lists = () => named(["清单"], "list");
  /** the entries of every 清单 (致伤原因 属于 交通肇事) */
  const entries = (): Completion[] =>
    decls.flatMap((d) =>
      d.decl.kind === "list" && !d.aliasOf
        ? d.decl.entries.filter((e) => !seen.has(e.name.name) && seen.add(e.name.name)).map((e) => ({ label: e.name.name, detail: `「${d.name}」的条目`, kind: "value" as const }))
        : [],
    );

  // tables: the header row names columns, the first cell of a body row names identities
  if (/^\s*\|/.test(code)) {
    const prev = lineAt(a.text, Math.max(0, line.start - 1));
    const isHeader = line.start === 0 || !/^\s*\|/.test(prev.text);
    const cellIndex = (code.match(/\|/g) ?? []).length - 1;
    if (isHeader) return COLUMN_NAMES.map((c) => ({ label: c, detail: "表格列", kind: "column" as const }));
    if (cellIndex === 0) return identities();
    return keywords(CELL_WORDS);
  }
  const first = /^\s*(\S+)\s/.exec(code)?.[1];
  const last = /(\S+)\s+\S*$/.exec(code)?.[1];
  switch (first) {
    case "适用":
    case "统计":
      return VISIT_TYPES.map((v) => ({ label: v, detail: "就诊类型", kind: "value" as const }));
    case "对象":
    case "包括":
    case "参照":
      return identities();
    case "属于":
      return named(["计算器"], "name");
    case "基数":
      return [...fields(), ...named(["救助项目"], "item")];
    case "字段":
      if (/^\s*字段\s+\S+\s+\S*$/.test(code)) return DECLARABLE_FIELD_TYPES.map((t) => ({ label: t, detail: "字段类型", kind: "value" as const }));
      break;
  }
  const inCondition = first === "条件" || first === "不予救助" || first === "当" || /(?:^|\s)(?:除外|当)\s/.test(code) || (first === "保证" && /[:：]/.test(code));
  if (inCondition) {
    // after 属于 comes a 清单 (or an identity: 身份 属于 低保对象); elsewhere a field, then an operator
    if (last === "属于" || last === "不属于") return [...lists(), ...entries(), ...identities()];
    return [...fields(), ...lists(), ...identities(), ...named(["救助项目"], "item"), ...keywords(CONDITION_WORDS)];
  }
  const names = () => decls.filter((d) => !d.aliasOf && !seen.has(d.name) && seen.add(d.name)).map((d) => ({ label: d.name, detail: origin(a, d.kind, d.in), kind: "name" as const }));
  // a line start takes a line-starting keyword: an indented line a clause (适用, 条件, …), a
  // line at the margin a statement (身份, 救助项目, …)
  if (/^\s*\S*$/.test(code)) {
    const indented = /^\s/.test(code);
    return KEYWORDS.filter((k) => k.startsLine && (NOTE_WORDS.has(k.text) || CLAUSE_WORDS.has(k.text) === indented)).map((k) => ({ label: k.text, detail: k.desc, kind: "keyword" as const }));
  }
  return [...names(), ...KEYWORDS.map((k) => ({ label: k.text, detail: k.desc, kind: "keyword" as const }))];
}

/** `身份` or `身份（山东省）` for a name the base policy declares. */
const origin = (a: Analysis, kind: string, from: Analysis) => (from === a ? kind : `${kind}（${from.ast.header.region?.name ?? from.file}）`);
