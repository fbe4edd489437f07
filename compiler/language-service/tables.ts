/**
 * Table rows as the editor shows them: the row under the cursor, a cell read with its amounts in
 * 元, and the base policy's row a city row replaces (`基于`: the province's floor for it).
 */
import type { Table, TableCell } from "../../grammar/ast.js";
import type { Analysis } from "./analysis.js";
import { lineAt } from "./positions.js";
import { ownDeclarations, visibleDeclarations } from "./symbols.js";

export interface RowAt {
  /** the item or 限额组 owning the table */
  owner: string;
  table: Table;
  row: Table["rows"][number];
  /** the cell under the offset, -1 between cells */
  cell: number;
}

/** The table body row holding `offset`, if any. */
export function rowAt(a: Analysis, offset: number): RowAt | undefined {
  for (const d of a.ast.declarations) {
    if ((d.kind !== "item" && d.kind !== "capGroup") || !d.table) continue;
    for (const row of d.table.rows) {
      const l = lineAt(a.text, row.span.start);
      if (offset < l.start || offset > l.end) continue;
      const cell = row.cells.findIndex((c) => c.span.start <= offset && offset <= c.span.end);
      return { owner: d.name.name, table: d.table, row, cell };
    }
  }
  return undefined;
}

/** The identity names of a row's first cell. */
export const rowNames = (row: Table["rows"][number]): string[] => (row.cells[0]?.kind === "identities" ? row.cells[0].names.map((n) => n.name) : []);

/** 分 as 元 with two decimals: 1000000n → "10000.00 元". */
export function yuan(fen: bigint): string {
  const neg = fen < 0n ? "-" : "";
  const a = fen < 0n ? -fen : fen;
  return `${neg}${a / 100n}.${String(a % 100n).padStart(2, "0")} 元`;
}

const KIND_NOTE: Partial<Record<TableCell["kind"], string>> = { floor: "下限", ceiling: "上限" };

/** A cell as written, with its amount in 元 and whether it is a floor, a ceiling or a standard. */
export function describeCell(text: string, cell: TableCell): string {
  const written = text.slice(cell.span.start, cell.span.end).trim() || "（空）";
  const notes: string[] = [];
  if ((cell.kind === "value" || cell.kind === "floor" || cell.kind === "ceiling") && cell.value.kind === "amount" && cell.value.fenExact && cell.value.unit !== "无")
    notes.push(yuan(cell.value.fen));
  if ("standard" in cell && cell.standard) notes.push("标准：照用或取值相同");
  const k = KIND_NOTE[cell.kind];
  if (k) notes.push(k);
  return notes.length ? `${written}（${notes.join("，")}）` : written;
}

/** The row as a two-column markdown table: column, cell. */
export function describeRow(text: string, table: Table, row: Table["rows"][number]): string {
  const lines = ["| 列 | 取值 |", "|---|---|"];
  row.cells.forEach((c, i) => {
    if (i === 0) return;
    const header = table.headers[i]?.name.name ?? `第${i + 1}列`;
    lines.push(`| ${header} | ${describeCell(text, c).replace(/\|/g, "\\|")} |`);
  });
  return lines.join("\n");
}

/** The identities a name stands for: a 身份组's members (recursively), or the name itself. */
function expand(a: Analysis, name: string, seen = new Set<string>()): string[] {
  if (seen.has(name)) return [];
  seen.add(name);
  const group = visibleDeclarations(a).find((d) => d.name === name && d.decl.kind === "group");
  return group && group.decl.kind === "group" ? group.decl.members.flatMap((m) => expand(a, m.name, seen)) : [name];
}

export interface BaseRow { base: Analysis; owner: string; table: Table; row: Table["rows"][number] }

/**
 * The rows of the base policy's table of the same item that cover some identity of this row:
 * the province's floor (不低于), ceiling (不超过) or standard (标准) the city's row must respect.
 */
export function baseRows(a: Analysis, at: RowAt): BaseRow[] {
  const base = a.base;
  if (!base) return [];
  const ids = new Set(rowNames(at.row).flatMap((n) => expand(a, n)));
  const out: BaseRow[] = [];
  for (const d of ownDeclarations(base)) {
    if (d.name !== at.owner || (d.decl.kind !== "item" && d.decl.kind !== "capGroup") || !d.decl.table) continue;
    for (const row of d.decl.table.rows) {
      if (rowNames(row).flatMap((n) => expand(a, n)).some((id) => ids.has(id))) out.push({ base, owner: d.name, table: d.decl.table, row });
    }
  }
  return out;
}

/** A row on one line: `起付线 不设；比例 70%；年度限额 1万元（10000.00 元）`. */
export function describeRowInline(text: string, table: Table, row: Table["rows"][number]): string {
  return row.cells
    .map((c, i) => (i === 0 || c.kind === "citation" ? "" : `${table.headers[i]?.name.name ?? `第${i + 1}列`} ${describeCell(text, c)}`))
    .filter(Boolean)
    .join("；");
}

/** The table rows (of the document, then its bases) whose 身份 column names `name`. */
export function rowsNaming(a: Analysis, names: string[]): { in: Analysis; owner: string; table: Table; row: Table["rows"][number] }[] {
  const out: { in: Analysis; owner: string; table: Table; row: Table["rows"][number] }[] = [];
  for (let x: Analysis | undefined = a; x; x = x.base === x ? undefined : x.base) {
    for (const d of x.ast.declarations) {
      if ((d.kind !== "item" && d.kind !== "capGroup") || !d.table) continue;
      for (const row of d.table.rows) if (rowNames(row).some((n) => names.includes(n))) out.push({ in: x, owner: d.name.name, table: d.table, row });
    }
  }
  return out;
}
