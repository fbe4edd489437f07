/**
 * What the columns of an item table mean. Shared by the table, segment and composition checks and
 * by lowering so that they all read a header the same way.
 */
import type { AmountLit, ColumnHeader, NumberLit, Table } from "../../grammar/ast.js";

export type ColumnKind = "身份" | "起付线" | "比例" | "分段" | "定额" | "年度限额" | "单次限额" | "依据" | "unknown";

export const COLUMN_NAMES = ["身份", "起付线", "比例", "定额", "年度限额", "单次限额", "依据"];

export interface Column {
  kind: ColumnKind;
  header: ColumnHeader;
  index: number;
  /** canonical name: 比例（0至2万元）, 比例（2万元以上）; used as Bound.column */
  key: string;
  /** segment bounds in 分 (分段 only); to null = open-ended */
  from?: bigint;
  to?: bigint | null;
}

/** What a value cell must hold in a column of this kind. */
export function columnValueType(kind: ColumnKind): "金额" | "比例" | undefined {
  switch (kind) {
    case "起付线":
    case "定额":
    case "年度限额":
    case "单次限额":
      return "金额";
    case "比例":
    case "分段":
      return "比例";
    default:
      return undefined;
  }
}

/** Columns where 无/不设 means "none" (0 deductible, no cap). */
export function allowsNone(kind: ColumnKind): boolean {
  return kind === "起付线" || kind === "年度限额" || kind === "单次限额";
}

function fenOf(lit: AmountLit | NumberLit | undefined): bigint {
  if (!lit) return 0n;
  if (lit.kind === "amount") return lit.fen;
  // a bare number is JZ1003 unless 0; read it as 元 only so that lowering has something
  const n = Number(lit.value);
  return Number.isFinite(n) ? BigInt(Math.round(n * 100)) : 0n;
}

/** Chinese reading of 分 for column keys and messages: 2000000 → 2万元, 500000 → 5000元. */
export function formatFen(fen: bigint | number): string {
  const f = BigInt(fen);
  if (f === 0n) return "0";
  if (f % 1000000n === 0n) return `${f / 1000000n}万元`;
  if (f % 100n === 0n) return `${f / 100n}元`;
  const neg = f < 0n ? "-" : "";
  const a = f < 0n ? -f : f;
  return `${neg}${a / 100n}.${String(a % 100n).padStart(2, "0")}元`;
}

export function formatBp(bp: bigint | number): string {
  const b = Number(bp);
  return `${b / 100}%`;
}

export function segmentKey(from: bigint, to: bigint | null): string {
  return to === null ? `比例（${formatFen(from)}以上）` : `比例（${formatFen(from)}至${formatFen(to)}）`;
}

/** Reads back a segment key (Bound.column of a base policy) into its bounds. */
export function parseSegmentKey(key: string): { from: number; to: number | null } | undefined {
  const m = /^比例（(.+?)(?:至(.+))?(以上)?）$/.exec(key);
  if (!m) return undefined;
  const fen = (s: string): number => {
    if (s === "0") return 0;
    const w = /^([\d.]+)(万元|元)$/.exec(s);
    if (!w) return NaN;
    return Math.round(Number(w[1]) * (w[2] === "万元" ? 1000000 : 100));
  };
  const from = fen(m[1]!);
  const to = m[2] !== undefined ? fen(m[2]) : null;
  if (Number.isNaN(from) || (to !== null && Number.isNaN(to))) return undefined;
  return { from, to };
}

export function analyzeColumns(table: Table): Column[] {
  return table.headers.map((header, index) => {
    const name = header.name.name;
    if (header.segmentFrom !== undefined || header.segmentTo !== undefined) {
      const from = fenOf(header.segmentFrom);
      const to = header.segmentTo ? header.segmentTo.fen : null;
      return { kind: "分段", header, index, key: segmentKey(from, to), from, to };
    }
    const kind = (COLUMN_NAMES.includes(name) ? name : "unknown") as ColumnKind;
    return { kind, header, index, key: name };
  });
}
