/**
 * A set of discrete cases (tuples of dimension value indexes) as a short union of conjunctions:
 * a dimension whose every value is present is left out, so "住院、门诊慢特病；规范转诊；就医地
 * 市域内、省内市外" stands for all combinations of the dimensions it does not mention.
 */
import type { Dim } from "./cases.js";

export function describeCombos(dims: Dim[], set: number[][]): string[] {
  if (set.length === 0) return [];
  const out: string[] = [];
  const go = (rows: number[][], from: number, prefix: string[]): void => {
    const projections = dims.map((_, d) => [...new Set(rows.map((r) => r[d]!))].sort((a, b) => a - b));
    const product = projections.slice(from).reduce((n, p) => n * p.length, 1);
    const distinct = new Set(rows.map((r) => r.slice(from).join(","))).size;
    if (product === distinct) {
      const parts = [...prefix];
      projections.forEach((p, d) => {
        if (d >= from && p.length < dims[d]!.values.length) parts.push(label(dims[d]!, p));
      });
      out.push(parts.join("；") || "所有情形");
      return;
    }
    // Split on the first dimension that varies; values whose sub-cases match go together.
    const d = projections.findIndex((p, i) => i >= from && p.length > 1);
    const byRest = new Map<string, number[]>();
    for (const v of projections[d]!) {
      const rest = rows.filter((r) => r[d] === v).map((r) => r.slice(d + 1).join(",")).sort().join("|");
      byRest.set(rest, [...(byRest.get(rest) ?? []), v]);
    }
    for (const values of byRest.values()) {
      const sub = rows.filter((r) => values.includes(r[d]!));
      const fixed = values.length < dims[d]!.values.length ? [label(dims[d]!, values)] : [];
      const narrowed = projections.slice(from, d).map((p, i) => (p.length < dims[from + i]!.values.length ? label(dims[from + i]!, p) : null)).filter((x): x is string => x !== null);
      go(sub, d + 1, [...prefix, ...narrowed, ...fixed]);
    }
  };
  go(set, 0, []);
  return out;
}

function label(d: Dim, values: number[]): string {
  const names = values.map((v) => d.values[v]!.label);
  // booleans and list membership read as themselves ("规范转诊", "非参保"); enums with their field
  if (d.values.length === 2 && values.length === 1) return names[0]!;
  return d.name === "就诊类型" ? names.join("、") : `${d.name} ${names.join("、")}`;
}
