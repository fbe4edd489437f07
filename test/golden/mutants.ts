/**
 * Mutants of a checked policy, one per amount written in its tables: every cell of every 救助项目
 * row (起付线, each ratio, each segment boundary, 定额, 单次限额, 年度限额) and every 限额组 cap (one, or
 * one per identity), moved
 * up and down by one step (1元, or 1 percentage point). A textual row that lists several
 * identities is one IR row per identity, all from the same line: they move together, as editing
 * the cell would move them. Works on the IR so a mutant costs a structuredClone, not a recheck.
 */
import type { CheckedPolicy, RowIR } from "../../compiler/ir.js";

export interface Mutant {
  /** `倾斜救助 第72行「低保对象」比例 70% → 71%` */
  label: string;
  policy: CheckedPolicy;
}

type Params = Extract<RowIR, { kind: "params" }>;

/** One cell: how to read it and set it on a row (all rows of the textual line). */
interface Cell {
  column: string;
  unit: "分" | "bp";
  get(row: Params): number | null;
  set(row: Params, value: number): void;
}

/**
 * The cells of a row. 起付线 is a cell when the item's table has a 起付线 column, which the IR does
 * not keep: a 0 deductible counts as written (营口's `0` beside `2000元`) when some row of the item
 * has one, and a 定额 row has none. A boundary between two equal ratios moves no money (台州's
 * 特困供养人员 100% | 100%), so it is not a mutant.
 */
function cellsOf(row: Params, hasDeductibles: boolean): Cell[] {
  const cells: Cell[] = [
    ...(row.flat === null && (hasDeductibles || row.deductible > 0)
      ? [{ column: "起付线", unit: "分", get: (r: Params) => r.deductible, set: (r: Params, v: number) => void (r.deductible = v) } as Cell]
      : []),
    { column: "定额", unit: "分", get: (r) => r.flat, set: (r, v) => void (r.flat = v) },
    { column: "单次限额", unit: "分", get: (r) => r.perClaimCap, set: (r, v) => void (r.perClaimCap = v) },
    { column: "年度限额", unit: "分", get: (r) => r.annualCap, set: (r, v) => void (r.annualCap = v) },
  ];
  if (row.flat !== null) return cells;
  row.segments.forEach((_, i) => {
    cells.push({ column: `比例[${i + 1}]`, unit: "bp", get: (r) => r.segments[i]!.bp, set: (r, v) => void (r.segments[i]!.bp = v) });
    if (i === 0 && row.segments[0]!.from > 0)
      cells.push({ column: "分段起点", unit: "分", get: (r) => r.segments[0]!.from, set: (r, v) => void (r.segments[0]!.from = v) });
    const next = row.segments[i + 1];
    if (row.segments[i]!.to !== null && !(next && next.bp === row.segments[i]!.bp))
      cells.push({
        column: `分段界[${i + 1}]`,
        unit: "分",
        get: (r) => r.segments[i]!.to,
        // a boundary ends one segment and starts the next: the cell moves both
        set: (r, v) => {
          const next = r.segments[i + 1];
          if (next && next.from === r.segments[i]!.to) next.from = v;
          r.segments[i]!.to = v;
        },
      });
  });
  return cells;
}

const show = (unit: Cell["unit"], v: number) => (unit === "bp" ? `${v / 100}%` : `${v / 100}元`);

export function mutantsOf(policy: CheckedPolicy): Mutant[] {
  const out: Mutant[] = [];
  policy.items.forEach((item, itemIndex) => {
    // rows from one textual line (several identities) share its cells
    const lines = new Map<number, string[]>();
    for (const [identity, row] of Object.entries(item.rows)) {
      if (row.kind !== "params") continue;
      lines.set(row.source.line, [...(lines.get(row.source.line) ?? []), identity]);
    }
    for (const [line, identities] of lines) {
      const first = item.rows[identities[0]!] as Params;
      const hasDeductibles = Object.values(item.rows).some((r) => r.kind === "params" && r.deductible > 0);
      for (const cell of cellsOf(first, hasDeductibles)) {
        const value = cell.get(first);
        if (value === null) continue;
        const step = 100;
        const targets = [value + step, value - step].filter((v) => v >= 0 && (cell.unit !== "bp" || v <= 10000));
        for (const target of targets) {
          const copy = structuredClone(policy);
          const rows = new Set(identities.map((h) => copy.items[itemIndex]!.rows[h] as Params));
          for (const r of rows) cell.set(r, target);
          out.push({
            label: `${item.name} 第${line}行「${identities.join("、")}」${cell.column} ${show(cell.unit, value)} → ${show(cell.unit, target)}`,
            policy: copy,
          });
        }
      }
    }
  });
  policy.capGroups.forEach((group, k) => {
    // `| 身份 | 年度限额 |` under a 限额组: the IR keeps no line per identity, so each identity's
    // cap moves on its own (stricter than a textual row listing several identities)
    for (const [identity, cap] of Object.entries(group.byIdentity ?? {})) {
      if (cap === null) continue; // 无: no amount
      for (const target of [cap + 100, cap - 100].filter((v) => v >= 0)) {
        const copy = structuredClone(policy);
        copy.capGroups[k]!.byIdentity![identity] = target;
        out.push({ label: `限额组 ${group.name} 第${group.source.line}行起「${identity}」年度限额 ${show("分", cap)} → ${show("分", target)}`, policy: copy });
      }
    }
    const cap = group.annualCap;
    if (cap === null) return; // caps per identity (above)
    for (const target of [cap + 100, cap - 100].filter((v) => v >= 0)) {
      const copy = structuredClone(policy);
      copy.capGroups[k]!.annualCap = target;
      out.push({ label: `限额组 ${group.name} 第${group.source.line}行 年度限额 ${show("分", cap)} → ${show("分", target)}`, policy: copy });
    }
  });
  return out;
}
