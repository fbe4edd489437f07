/**
 * Classifies every heading of the source document against one policy file:
 *   已编码  a rule of the file cites it or a sub-provision (and not only through 未规定 rows);
 *   未规定  only 未规定 identities / table rows / items cite it;
 *   程序性  listed in 程序性, or under a heading listed there without a partial qualifier
 *           (“二、（三）首句” covers 二、（三） itself, not its items), or all its children are;
 *   未覆盖  none of these.
 * Citations are read from the file's own AST, not the checked IR: a policy 基于 a base carries
 * the base's pieces, whose 依据 use the base document's numbering.
 */
import type { Citation, PolicyAst, TableCell } from "../../grammar/ast.js";
import { splitCitation, type CitedRef } from "./citations.js";
import type { Heading } from "./headings.js";
import { idText, sameStep } from "./ids.js";

export type Status = "已编码" | "程序性" | "未规定" | "未覆盖";

/** One 依据 in the policy file. */
export interface Use {
  /** what cites: 救助项目 基本救助, 身份 孤儿, 预警 因病返贫风险, 生效, … */
  label: string;
  /** 1-based line in the policy file */
  line: number;
  citation: string;
  /** the citing piece only says 未规定 */
  unspecified: boolean;
}

export interface Row {
  heading: Heading;
  status: Status;
  /** uses citing this heading itself */
  direct: Use[];
  /** ids of sub-provisions that carry citations (the heading counts through them) */
  via: string[];
  /** the 程序性 entry that names this heading */
  listedBy?: Use;
  /** why it is covered when no 依据 or 程序性 entry names it (上级…列为程序性; the base's annex) */
  note?: string;
}

export interface Unmatched {
  use: Use;
  /** the id that has no heading; "" when nothing in the text could be read as an id */
  id: string;
}

export function collectUses(ast: PolicyAst, text: string): Use[] {
  const lineOf = lineIndex(text);
  const uses: Use[] = [];
  const add = (label: string, c: Citation | undefined, unspecified = false) => {
    if (c) uses.push({ label, line: lineOf(c.span.start), citation: c.text, unspecified });
  };
  add("生效", ast.header.effective?.citation);
  add("失效", ast.header.expires?.citation);
  for (const d of ast.declarations) {
    switch (d.kind) {
      case "identity":
        add(`身份 ${d.name.name}`, d.citation, d.unspecified !== undefined);
        break;
      case "group":
        add(`身份组 ${d.name.name}`, d.citation);
        break;
      case "multi":
        add("多重身份 就高不重复", d.citation);
        break;
      case "field":
        add(`字段 ${d.name.name}`, d.citation);
        break;
      case "list":
        add(`清单 ${d.name.name}`, d.citation);
        break;
      case "calculator":
        add(`计算器 ${d.name.name}`, d.citation);
        break;
      case "capGroup":
        add(`限额组 ${d.name.name}`, d.citation);
        break;
      case "warning":
        add(`预警 ${d.name.name}`, d.citation);
        break;
      case "guarantee":
        add(`保证 ${d.name.name}`, d.citation);
        break;
      case "exclusion": {
        const end = d.citation?.span.start ?? d.span.end;
        add(cut(text.slice(d.span.start, end).replace(/依据\s*$/, "").trim(), 24), d.citation);
        break;
      }
      case "item": {
        const rows = d.table?.rows ?? [];
        const rowUnspecified = rows.map((r) => isUnspecifiedRow(r.cells));
        // an item whose every row is 未规定 encodes nothing computable (营口 按床日定额救助)
        const itemUnspecified = rows.length > 0 && rowUnspecified.every(Boolean);
        const label = `救助项目 ${d.name.name}`;
        add(label, d.citation, itemUnspecified);
        for (const c of d.conditions) add(`${label} 条件`, c.citation, itemUnspecified);
        rows.forEach((r, i) => {
          const who = r.cells.find((c) => c.kind === "identities");
          const names = who?.kind === "identities" ? who.names.map((n) => n.name).join("、") : "";
          for (const c of r.cells) if (c.kind === "citation") add(`${label} 表行「${names}」`, c.citation, rowUnspecified[i]);
        });
        break;
      }
    }
  }
  return uses;
}

/** A row is 未规定 when it says 未规定 somewhere and gives no number anywhere. */
function isUnspecifiedRow(cells: TableCell[]): boolean {
  const kinds = cells.map((c) => c.kind);
  return kinds.includes("unspecified") && !kinds.some((k) => k === "value" || k === "floor" || k === "ceiling");
}

/** The heading a cited id names; a restarted group is picked by the words written before it. */
export function resolve(ref: CitedRef, headings: Heading[]): Heading | undefined {
  const same = headings.filter(
    (h) => h.steps.length === ref.steps.length && h.steps.every((s, i) => sameStep(s, ref.steps[i]!)),
  );
  if (same.length <= 1) return same[0];
  const named = same.filter((h) =>
    h.steps.some((s, i) => {
      const said = ref.steps[i]!.group;
      return s.group && said && (s.group.includes(said) || said.includes(s.group));
    }),
  );
  return named[0] ?? same.find((h) => h.steps.every((s) => !s.group)) ?? same[0];
}

export interface Classified {
  rows: Row[];
  unmatched: Unmatched[];
}

/**
 * @param procedural the 程序性 entries, as written
 * @param covered headings covered for another reason (index → note), e.g. the base's annex
 */
export function classify(headings: Heading[], uses: Use[], procedural: Use[], covered = new Map<number, string>()): Classified {
  const unmatched: Unmatched[] = [];
  const cites = headings.map(() => [] as Use[]);
  const listed = headings.map(() => ({ whole: false, by: undefined as Use | undefined }));
  const read = (use: Use, each: (h: number, ref: CitedRef) => void) => {
    const split = splitCitation(use.citation);
    if (!split.refs.length && !split.signature) unmatched.push({ use, id: "" });
    for (const ref of split.refs) {
      const h = resolve(ref, headings);
      if (h) each(headings.indexOf(h), ref);
      else unmatched.push({ use, id: idText(ref.steps) });
    }
  };
  for (const use of uses) read(use, (h) => cites[h]!.push(use));
  for (const use of procedural)
    read(use, (h, ref) => {
      listed[h]!.by ??= use;
      if (!ref.partial) listed[h]!.whole = true;
    });

  const children = headings.map(() => [] as number[]);
  headings.forEach((h, i) => h.parent >= 0 && children[h.parent]!.push(i));
  const listedAncestor = (i: number): string | undefined => {
    for (let p = headings[i]!.parent; p >= 0; p = headings[p]!.parent) if (listed[p]!.whole) return headings[p]!.id;
    return undefined;
  };
  const rows: Row[] = new Array(headings.length);
  const subtree: Use[][] = new Array(headings.length);
  // children come after their parent in the list: walk backwards so they are classified first
  for (let i = headings.length - 1; i >= 0; i--) {
    const below = children[i]!.map((c) => rows[c]!);
    subtree[i] = [...cites[i]!, ...children[i]!.flatMap((c) => subtree[c]!)];
    const ancestor = listedAncestor(i);
    let status: Status = "未覆盖";
    let note = covered.get(i);
    if (subtree[i]!.some((u) => !u.unspecified) || note) status = "已编码";
    else if (subtree[i]!.length) status = "未规定";
    else if (listed[i]!.by) status = "程序性";
    else if (ancestor) (status = "程序性"), (note = `上级 ${ancestor} 列为程序性`);
    else if (below.length && below.every((r) => r.status === "程序性")) (status = "程序性"), (note = "下级条款均为程序性");
    // only the children that count: their own rows list what lies deeper
    const via = below.filter((r) => r.status === "已编码" || r.status === "未规定").map((r) => r.heading.id);
    rows[i] = { heading: headings[i]!, status, direct: cites[i]!, via, listedBy: listed[i]!.by, note };
  }
  return { rows, unmatched };
}

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function cut(text: string, n: number): string {
  const chars = [...text.replace(/\s+/g, " ")];
  return chars.length > n ? chars.slice(0, n).join("") + "…" : chars.join("");
}
