/**
 * `比例 同 住院救助`: an item takes a column from another item's row of the same row identity,
 * so the document's "救助比例与住院救助相同" is written once and an amendment reaches both.
 * `sameAs` (lowering) fills the columns in after every item's own table is lowered; the helpers
 * here are shared with check-same and check-tables so that all read 同 the same way.
 */
import type { ColumnKind } from "./columns.js";
import type { Env } from "./env.js";
import type { ItemIR, RowIR } from "../ir.js";
import { rowIdentitiesOf } from "./check-tables.js";

/** The columns 同 can take; 比例 includes the segment columns. */
export const SAME_COLUMNS = ["比例", "起付线", "定额", "年度限额", "单次限额"] as const;

/** Which 同 column a table column belongs to (比例 for 分段). */
export function sameColumnOf(kind: ColumnKind): string {
  return kind === "分段" ? "比例" : kind;
}

/** The row identities an item has: its table's, or (no table) those of the item it takes 比例/定额 from. */
export function sameRowIdentities(env: Env, item: string, seen = new Set<string>()): string[] {
  const e = env.items.get(item);
  if (!e || seen.has(item)) return [];
  seen.add(item);
  const d = e.decl;
  if (d?.table) return [...new Set([...rowIdentitiesOf(env, d.table).flat(), ...Object.keys(e.base?.rows ?? {})])];
  const from = d?.sameAs?.[0]?.item.name;
  if (from) return sameRowIdentities(env, from, seen);
  return Object.keys(e.base?.rows ?? {});
}

/** Does the item take a column the checker counts as its rate (比例) or flat amount (定额)? */
export function takesRate(env: Env, item: string): { rate: boolean; flat: boolean } {
  const cols = env.items.get(item)?.decl?.sameAs?.map((s) => s.column.name) ?? [];
  return { rate: cols.includes("比例"), flat: cols.includes("定额") };
}

type Params = Extract<RowIR, { kind: "params" }>;

const EMPTY: Omit<Params, "source"> = {
  kind: "params",
  deductible: 0,
  segments: [],
  flat: null,
  perClaimCap: null,
  annualCap: null,
  bounds: [],
};

function copy(to: Params, from: Params, col: string): Params {
  switch (col) {
    case "比例":
      return { ...to, segments: from.segments.map((s) => ({ ...s })) };
    case "起付线":
      return { ...to, deductible: from.deductible };
    case "定额":
      return { ...to, flat: from.flat };
    case "年度限额":
      return { ...to, annualCap: from.annualCap };
    default:
      return { ...to, perClaimCap: from.perClaimCap };
  }
}

/**
 * Lowering: items with 同 get the named columns from the other item's rows (after that item got
 * its own 同 columns: resolved on demand, the checker proved there is no loop). A row that is
 * 未规定 on either side stays 未规定.
 */
export function applySameAs(env: Env, items: ItemIR[]): ItemIR[] {
  const byName = new Map(items.map((i) => [i.name, i]));
  const done = new Set<string>();
  const resolve = (name: string): ItemIR => {
    const it = byName.get(name)!;
    const same = env.items.get(name)?.decl?.sameAs ?? [];
    if (done.has(name) || same.length === 0) return it;
    done.add(name);
    const rows: Record<string, RowIR> = { ...it.rows };
    const ids = Object.keys(rows).length ? Object.keys(rows) : sameRowIdentities(env, name);
    for (const s of same) {
      const from = resolve(s.item.name);
      for (const id of ids) {
        const mine = rows[id];
        const theirs = from.rows[id];
        if (!theirs || mine?.kind === "unspecified") continue;
        if (theirs.kind === "unspecified") {
          rows[id] = { kind: "unspecified", source: theirs.source };
          continue;
        }
        rows[id] = copy(mine ?? { ...EMPTY, source: theirs.source }, theirs, s.column.name);
      }
    }
    const next = { ...it, rows };
    byName.set(name, next);
    return next;
  };
  return items.map((i) => resolve(i.name));
}
