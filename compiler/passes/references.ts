/**
 * 参照: which identity's row an identity uses for an item. One identity may 参照 different
 * identities per item or calculator (用于 …), and chains are followed transitively. The runtime
 * looks up `treatAs[item] ?? treatAs[calculator] ?? treatAs["*"]` (docs/语义.md §5.1); treatAsFor
 * adds item/calculator keys wherever that lookup would otherwise disagree with the chain.
 */
import type { Span } from "../../grammar/ast.js";
import type { Env } from "./env.js";

export interface RefEdge {
  target: string;
  /** the 参照 clause (city declarations only) */
  span?: Span;
}

/** identity → scope (item, calculator or "*") → target */
export type RefTable = Map<string, Map<string, RefEdge>>;

export interface Scope {
  item?: string;
  calculator?: string;
}

export function referenceTable(env: Env): RefTable {
  const table: RefTable = new Map();
  for (const e of env.identities.values()) {
    const m = new Map<string, RefEdge>();
    if (e.decl) {
      for (const r of e.decl.references) {
        const target = env.identityNames.get(r.target.name) ?? r.target.name;
        const scopes = r.scope.length ? r.scope.map((s) => s.name) : ["*"];
        for (const s of scopes) if (!m.has(s)) m.set(s, { target, span: r.span });
      }
    } else if (e.base) {
      for (const [k, t] of Object.entries(e.base.treatAs)) m.set(k, { target: t });
    }
    if (m.size) table.set(e.name, m);
  }
  return table;
}

function step(refs: RefTable, id: string, scope: Scope): RefEdge | undefined {
  const m = refs.get(id);
  if (!m) return undefined;
  return (scope.item && m.get(scope.item)) || (scope.calculator && m.get(scope.calculator)) || m.get("*");
}

/** Follows 参照 from `id` in `scope`; `cycle` lists the identities of a loop if there is one. */
export function follow(refs: RefTable, id: string, scope: Scope): { target: string; cycle?: string[]; edge?: RefEdge } {
  const path = [id];
  let cur = id;
  for (;;) {
    const s = step(refs, cur, scope);
    if (!s) return { target: cur };
    const at = path.indexOf(s.target);
    if (at >= 0) return { target: cur, cycle: path.slice(at), edge: step(refs, path[at]!, scope) };
    path.push(s.target);
    cur = s.target;
  }
}

/** Every scope in which a 参照 may be looked up: each item, each calculator, and everything. */
export function allScopes(env: Env): Scope[] {
  return [
    ...[...env.items.values()].map((i) => ({ item: i.name, calculator: i.calculator })),
    ...[...env.calculators.keys()].map((c) => ({ calculator: c })),
    {},
  ];
}

function scopeOfKey(env: Env, key: string): Scope {
  if (key === "*") return {};
  const item = env.items.get(key);
  return item ? { item: key, calculator: item.calculator } : { calculator: key };
}

/** IdentityIR.treatAs: declared keys resolved transitively, plus keys the runtime lookup needs. */
export function treatAsFor(env: Env, refs: RefTable, id: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of refs.get(id)?.keys() ?? []) out[k] = follow(refs, id, scopeOfKey(env, k)).target;
  for (const c of env.calculators.keys()) {
    const truth = follow(refs, id, { calculator: c }).target;
    if ((out[c] ?? out["*"] ?? id) !== truth) out[c] = truth;
  }
  for (const i of env.items.values()) {
    const truth = follow(refs, id, { item: i.name, calculator: i.calculator }).target;
    if ((out[i.name] ?? out[i.calculator] ?? out["*"] ?? id) !== truth) out[i.name] = truth;
  }
  return out;
}

/** The identity whose row `id` uses in `item`. */
export function rowIdentity(env: Env, refs: RefTable, id: string, item: string): string {
  const calculator = env.items.get(item)?.calculator;
  return follow(refs, id, { item, calculator }).target;
}
