/**
 * Pass 6: a city policy built on a base (基于 山东省) must respect every 不低于/不超过/标准 the base
 * states for the rows it replaces (JZ4009 below a floor or standard, JZ4010 above a ceiling or
 * standard), cell by cell. The city's total is compared with the base's floor after lowering
 * (compiler/diff/floors.ts). The note cites
 * the base's file, line and 依据 so the officer can check the provincial text.
 */
import type { Span, TableCell } from "../../grammar/ast.js";
import { Codes, error, type Diagnostic } from "../diagnostics.js";
import type { Bound } from "../ir.js";
import { analyzeColumns, formatBp, formatFen, parseSegmentKey, type Column } from "./columns.js";
import { expandIdentities, type Env, type PassContext } from "./env.js";
import { rowBounds } from "./lower-items.js";

type ValueCell = Extract<TableCell, { kind: "value" | "floor" | "ceiling" }>;

export function composeBase(ctx: PassContext, env: Env): Diagnostic[] {
  const base = ctx.base;
  if (!base) return [];
  const out: Diagnostic[] = [];
  for (const item of env.items.values()) {
    const d = item.decl;
    if (!d?.table || !item.base) continue;
    const cols = analyzeColumns(d.table);
    for (const row of d.table.rows) {
      const first = row.cells[0];
      if (first?.kind !== "identities") continue;
      // one diagnostic per cell and bound, naming every identity of the row it concerns
      const found = new Map<string, { ids: string[]; value: number; span: Span; bound: Bound }>();
      const rowIds = expandIdentities(
        env,
        first.names.map((n) => n.name),
      );
      // the row as written (重点救助对象) reads better than its expansion when all of it is concerned
      const written = first.names.map((n) => n.name).join("、");
      for (const id of rowIds) {
        for (const bound of rowBounds(item.base.rows[id])) {
          for (const { value, span } of cityValues(cols, row.cells, bound, row.span)) {
            const violated =
              bound.kind === "floor" ? value < bound.value : bound.kind === "ceiling" ? value > bound.value : value !== bound.value;
            if (!violated) continue;
            const key = `${span.start}|${bound.column}|${bound.kind}|${bound.value}|${bound.source.line}`;
            const f = found.get(key);
            if (f) f.ids.push(id);
            else found.set(key, { ids: [id], value, span, bound });
          }
        }
      }
      for (const { ids, value, span, bound } of found.values()) {
        // a standard is missed from below (JZ4009) or above (JZ4010)
        const below = bound.kind === "floor" || (bound.kind === "standard" && value < bound.value);
        const what = bound.kind === "standard" ? "标准" : below ? "下限" : "上限";
        const fmt = (n: number): string =>
          n === Infinity ? "不设" : bound.column.startsWith("比例") ? formatBp(n) : formatFen(n);
        const where = `${base.meta.file} 第 ${bound.source.line} 行${bound.source.citation ? `（依据 ${bound.source.citation}）` : ""}`;
        out.push(
          error(
            below ? Codes.BelowFloor : Codes.AboveCeiling,
            ctx.file,
            span,
            `「${item.name}」中「${ids.length === rowIds.length ? written : ids.join("、")}」的${bound.column} ${fmt(value)} ${below ? "低于" : "高于"}基础政策的${what} ${fmt(bound.value)}`,
            [
              `${what}见 ${where}`,
              bound.kind === "standard"
                ? `基础政策的标准须照此执行：请改为 ${fmt(bound.value)}，或删去本行以沿用基础政策`
                : `请改为${below ? "不低于" : "不超过"} ${fmt(bound.value)} 的值`,
            ],
          ),
        );
      }
    }
  }
  return out;
}

/** The city's values that a base bound on `bound.column` constrains, in this row. */
function cityValues(
  cols: Column[],
  cells: TableCell[],
  bound: Bound,
  rowSpan: { start: number; end: number },
): { value: number; span: { start: number; end: number } }[] {
  const valueAt = (c: Column): { value: number; span: { start: number; end: number } } | undefined => {
    const cell = cells[c.index];
    if (!cell) return undefined;
    if (cell.kind === "none") return { value: c.kind === "起付线" ? 0 : Infinity, span: cell.span };
    if (cell.kind !== "value" && cell.kind !== "floor" && cell.kind !== "ceiling") return undefined;
    const v = (cell as ValueCell).value;
    return {
      value: v.kind === "amount" ? Number(v.fen) : v.kind === "ratio" ? Number(v.basisPoints) : 0,
      span: cell.span,
    };
  };
  const present = (xs: ReturnType<typeof valueAt>[]) => xs.filter((x): x is NonNullable<typeof x> => x !== undefined);
  if (bound.column === "比例" || bound.column.startsWith("比例（")) {
    const seg = parseSegmentKey(bound.column) ?? { from: 0, to: null };
    const overlapping = cols.filter(
      (c) =>
        c.kind === "比例" ||
        (c.kind === "分段" &&
          (seg.to === null || Number(c.from ?? 0n) < seg.to) &&
          (c.to === null || c.to === undefined || Number(c.to) > seg.from)),
    );
    return present(overlapping.map(valueAt));
  }
  const col = cols.find((c) => c.key === bound.column);
  if (!col) {
    // an absent column means none: no deductible, no cap (and no 定额 to compare)
    if (bound.column === "定额") return [];
    return [{ value: bound.column === "起付线" ? 0 : Infinity, span: rowSpan }];
  }
  return present([valueAt(col)]);
}
