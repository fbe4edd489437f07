/**
 * Lowering of 救助项目: rows keyed by canonical identity, amounts in 分, ratios in bp, segments
 * sorted. A city item replaces the base item's rows row by row and keeps what it does not say.
 * A 未规定 cell makes the whole row 未规定 (RowIR has no per-cell 未规定); in a 基础政策 a
 * 不低于/不超过 cell only constrains, so the row is 未规定 too but keeps its Bound; a `标准` cell
 * is paid as written and keeps a Bound that the city's replacing row must match.
 */
import type { ItemDecl, TableCell } from "../../grammar/ast.js";
import { valueOperands, type Bound, type ItemIR, type RowIR, type RowParams, type Segment, type Source, type ValueIR, type VisitType } from "../ir.js";
import { DEFAULT_BASE_FIELD } from "./builtins.js";
import { analyzeColumns, type Column } from "./columns.js";
import { expandIdentities, itemIdentities, type Env, type ItemEntry, type PassContext } from "./env.js";
import { condText, lowerCond, lowerValue, valueText } from "./lower-cond.js";
import { applySameAs } from "./same-as.js";

/** An unspecified row that still carries the floors/ceilings of a 基础政策 (see README). */
export type UnspecifiedRow = Extract<RowIR, { kind: "unspecified" }> & { bounds?: Bound[] };

export function rowBounds(row: RowIR | undefined): Bound[] {
  if (!row) return [];
  return row.kind === "params" ? row.bounds : ((row as UnspecifiedRow).bounds ?? []);
}

export function lowerItems(ctx: PassContext, env: Env): ItemIR[] {
  const items = applySameAs(env, [...env.items.values()].map((item) => lowerItem(ctx, env, item)));
  // an open ratio bounds its own item only: if another item's base reads this item, the other's
  // amount is not bounded by anything the claim shows, so the row stays plainly 未规定
  const read = new Set<string>();
  const reads = (v: ValueIR): void => {
    if (v.kind === "item") read.add(v.name);
    else valueOperands(v).forEach(reads);
  };
  for (const i of items) reads(i.base);
  return items.map((i) =>
    read.has(i.name) && Object.values(i.rows).some((r) => r.kind === "unspecified" && r.atMostBase)
      ? {
          ...i,
          rows: Object.fromEntries(
            Object.entries(i.rows).map(([k, r]) => {
              if (r.kind !== "unspecified" || !r.atMostBase) return [k, r];
              const { atMostBase: _open, ...rest } = r;
              return [k, rest];
            }),
          ),
        }
      : i,
  );
}

function lowerItem(ctx: PassContext, env: Env, item: ItemEntry): ItemIR {
  const capGroups = [...env.capGroups.values()]
    .filter((g) => (g.decl ? g.decl.members.map((m) => m.name) : (g.base?.members ?? [])).includes(item.name))
    .map((g) => g.name);
  const d = item.decl;
  const b = item.base && { ...item.base, rows: withoutFloors(item.base.rows) };
  if (!d) return { ...b!, identities: itemIdentities(env, item), capGroups };
  const source: Source = { line: ctx.lines.line(d.span.start), citation: d.citation?.text ?? b?.source.citation ?? "" };
  const conditions = d.conditions.map((c) => ({
    cond: lowerCond(env, c.cond),
    source: { line: ctx.lines.line(c.cond.span.start), citation: c.citation?.text ?? source.citation },
    text: condText(c.cond),
  }));
  const cityRows = d.table ? lowerRows(ctx, env, d, source.citation) : {};
  const rows: Record<string, RowIR> = { ...(b?.rows ?? {}) };
  for (const [id, row] of Object.entries(cityRows)) {
    // the base's floors stay attached to the row that replaced it, for audit
    const inherited = rowBounds(b?.rows[id]);
    rows[id] = inherited.length ? ({ ...row, bounds: [...rowBounds(row), ...inherited] } as RowIR) : row;
  }
  return {
    name: item.name,
    calculator: item.calculator,
    visitTypes: d.visitTypes.length ? d.visitTypes.map((v) => v.name as VisitType) : (b?.visitTypes ?? null),
    identities: itemIdentities(env, item),
    conditions: conditions.length || !b ? conditions : b.conditions,
    base: d.base ? lowerValue(env, d.base) : (b?.base ?? { kind: "field", name: DEFAULT_BASE_FIELD }),
    baseText: d.base ? valueText(d.base) : (b?.baseText ?? DEFAULT_BASE_FIELD),
    ...(d.bound
      ? { bound: lowerValue(env, d.bound), boundText: valueText(d.bound) }
      : b?.bound
        ? { bound: b.bound, boundText: b.boundText ?? "" }
        : {}),
    deductiblePeriod: d.deductiblePeriod?.period ?? b?.deductiblePeriod ?? "次",
    segmentPeriod: d.segmentPeriod?.period ?? b?.segmentPeriod ?? "次",
    ...((d.segmentBasis?.basis ?? (b?.segmentBasis === "起付线前" ? "起付线前" : undefined)) === "起付线前"
      ? { segmentBasis: "起付线前" as const }
      : {}),
    ...(d.segmentShare
      ? { segmentShare: d.segmentShare.name }
      : !d.segmentPeriod && b?.segmentShare
        ? { segmentShare: b.segmentShare }
        : {}),
    oncePerPerson: d.oncePerPerson !== undefined || (b?.oncePerPerson ?? false),
    rows,
    capGroups,
    source,
    notes: d.notes.length || !b ? d.notes.map((n) => n.text) : b.notes,
  };
}

/** A base's floors are read from the base itself (compiler/diff/floors.ts), not from the city's rows. */
function withoutFloors(rows: Record<string, RowIR>): Record<string, RowIR> {
  return Object.fromEntries(
    Object.entries(rows).map(([id, r]) => {
      if (!("floor" in r)) return [id, r];
      const { floor: _floor, ...rest } = r;
      return [id, rest as RowIR];
    }),
  );
}

function num(cell: Extract<TableCell, { kind: "value" | "floor" | "ceiling" }>): number {
  const v = cell.value;
  return v.kind === "amount" ? Number(v.fen) : v.kind === "ratio" ? Number(v.basisPoints) : 0;
}

export function lowerRows(ctx: PassContext, env: Env, d: ItemDecl, itemCitation: string): Record<string, RowIR> {
  const cols = analyzeColumns(d.table!);
  const isBase = ctx.ast.header.isBase !== undefined;
  const out: Record<string, RowIR> = {};
  for (const row of d.table!.rows) {
    const first = row.cells[0];
    if (first?.kind !== "identities") continue;
    const citeCell = row.cells.find((c) => c.kind === "citation");
    const citation = citeCell?.kind === "citation" ? citeCell.citation.text : "";
    const source: Source = { line: ctx.lines.line(row.span.start), citation };
    const p = {
      deductible: 0,
      segments: [] as Segment[],
      flat: null as number | null,
      perClaimCap: null as number | null,
      annualCap: null as number | null,
    };
    const bounds: Bound[] = [];
    let unspecified = false;
    const raised: { col: Column; points: number }[] = [];
    // the least a city may pay on this row (see RowFloor); null once a cell lets it pay nothing
    let floor: RowParams | null = { deductible: 0, segments: [], flat: null, perClaimCap: null, annualCap: null };
    // only 比例 cells open (and no 定额 column): the item pays at most its base whatever they are
    let atMostBase = !isBase && !cols.some((c) => c?.kind === "定额");
    row.cells.forEach((cell, i) => {
      const col = cols[i];
      if (!col) return;
      if (isBase && floor) floor = floorCell(floor, col, cell);
      if (cell.kind === "unspecified") {
        unspecified = true;
        if (col.kind !== "比例" && col.kind !== "分段") atMostBase = false;
      }
      if (cell.kind === "raise") raised.push({ col, points: Number(cell.points.basisPoints) });
      if (cell.kind !== "value" && cell.kind !== "floor" && cell.kind !== "ceiling") return;
      const value = num(cell);
      const standard = cell.kind !== "floor" && cell.standard === true;
      if (cell.kind !== "value" || standard) {
        const line = ctx.lines.line(cell.span.start);
        const kind = cell.kind === "value" ? "standard" : cell.kind;
        bounds.push({ column: col.key, kind, value, source: { line, citation: citation || itemCitation } });
        // a base's plain bound only constrains; its 标准 is also the value paid when the city keeps the row
        if (isBase && !standard) unspecified = true;
      }
      assign(p, col, value);
    });
    const sorted = (x: RowParams): RowParams => ({ ...x, segments: x.segments.sort((a, b) => a.from - b.from) });
    const floorOf = isBase && bounds.length ? { floor: floor && sorted(floor) } : {};
    const ir: RowIR = unspecified
      ? ({ kind: "unspecified", source, bounds, ...floorOf, ...(atMostBase ? { atMostBase: true } : {}) } as UnspecifiedRow)
      : { kind: "params", source, ...p, segments: rowSegments(p.segments, cols, raised), bounds, ...floorOf };
    for (const id of expandIdentities(
      env,
      first.names.map((n) => n.name),
    ))
      out[id] = ir;
  }
  return out;
}

/**
 * The row's segments, sorted. A 比例 cell beside segment columns is the ratio of every part the
 * segment columns leave uncovered; `提高 N个百分点` in a segment column is that 比例 + N points
 * (check-raise made sure the row has a 比例 and the sum is at most 100%).
 */
function rowSegments(segments: Segment[], cols: Column[], raised: { col: Column; points: number }[]): Segment[] {
  const whole = segments.find((s) => s.from === 0 && s.to === null && cols.some((c) => c.kind === "比例"));
  const parts = segments.filter((s) => s !== whole);
  for (const r of raised)
    parts.push({
      from: Number(r.col.from ?? 0n),
      to: r.col.to === null || r.col.to === undefined ? null : Number(r.col.to),
      bp: (whole?.bp ?? 0) + r.points,
    });
  parts.sort((a, b) => a.from - b.from);
  if (!whole || parts.length === 0) return whole ? [whole] : parts;
  // fill the gaps (before, between and after the segment columns) with the row's 比例
  const out: Segment[] = [];
  let at = 0;
  for (const s of parts) {
    if (s.from > at) out.push({ from: at, to: s.from, bp: whole.bp });
    out.push(s);
    at = s.to ?? Infinity;
  }
  if (at !== Infinity) out.push({ from: at, to: null, bp: whole.bp });
  return out;
}

/**
 * One cell's part of a base row's floor. A bound counts at the end that pays least; anything the
 * city may replace freely (a plain value, 无, 未规定) or push to nothing (不超过 on a ratio or cap,
 * 不低于 on a 起付线) leaves no floor.
 */
function floorCell(f: RowParams, col: Column, cell: TableCell): RowParams | null {
  if (cell.kind === "citation" || cell.kind === "identities" || cell.kind === "empty") return f;
  if (col.kind !== "起付线" && col.kind !== "比例" && col.kind !== "分段" && col.kind !== "定额" && col.kind !== "年度限额" && col.kind !== "单次限额")
    return f;
  const standard = (cell.kind === "value" || cell.kind === "ceiling") && cell.standard === true;
  const limitsLeast =
    (cell.kind === "value" && standard) ||
    (cell.kind === "floor" && col.kind !== "起付线") ||
    (cell.kind === "ceiling" && col.kind === "起付线");
  if (!limitsLeast || (cell.kind !== "value" && cell.kind !== "floor" && cell.kind !== "ceiling")) return null;
  const out = { ...f, segments: [...f.segments] };
  assign(out, col, num(cell));
  return out;
}

function assign(
  p: RowParams,
  col: Column,
  value: number,
): void {
  switch (col.kind) {
    case "起付线":
      p.deductible = value;
      break;
    case "比例":
      p.segments.push({ from: 0, to: null, bp: value });
      break;
    case "分段":
      p.segments.push({
        from: Number(col.from ?? 0n),
        to: col.to === null || col.to === undefined ? null : Number(col.to),
        bp: value,
      });
      break;
    case "定额":
      p.flat = value;
      break;
    case "年度限额":
      p.annualCap = value;
      break;
    case "单次限额":
      p.perClaimCap = value;
      break;
    default:
      break;
  }
}
