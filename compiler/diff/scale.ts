/**
 * Payouts are piecewise linear in the burden only before rounding to 分. Multiplying every amount
 * of a policy and of the claim by K (a power of 10000/gcd of its ratios, one factor per level of
 * nested items) makes every intermediate amount a whole 分, so the interpreter — the trusted
 * semantics — computes K × the exact unrounded payout. Conditions compare scaled amounts on both
 * sides, so they decide exactly as before.
 */
import type { CheckedPolicy, ItemIR, RowIR, ValueIR } from "../ir.js";
import { groupCapAmounts, valueOperands } from "../ir.js";

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Longest chain of items whose base reads an earlier item, +1. */
function depth(p: CheckedPolicy, calculator: string): number {
  const items = new Map(p.items.filter((i) => i.calculator === calculator).map((i) => [i.name, i]));
  const memo = new Map<string, number>();
  const refs = (v: ValueIR, out: string[]): string[] => {
    if (v.kind === "item") out.push(v.name);
    for (const o of valueOperands(v)) refs(o, out);
    return out;
  };
  const d = (i: ItemIR, seen: Set<string>): number => {
    if (memo.has(i.name)) return memo.get(i.name)!;
    if (seen.has(i.name)) return 1; // the checker forbids cycles; stay finite anyway
    seen.add(i.name);
    const sub = refs(i.base, []).map((n) => (items.has(n) ? d(items.get(n)!, seen) : 0));
    const r = 1 + Math.max(0, ...sub);
    memo.set(i.name, r);
    return r;
  };
  return Math.max(1, ...[...items.values()].map((i) => d(i, new Set())));
}

/** The common factor K for two policies' calculator, capped so scaled amounts stay safe integers. */
export function scaleFactor(policies: CheckedPolicy[], calculator: string): { k: number; exact: boolean } {
  let g = 10000;
  for (const p of policies)
    for (const i of p.items)
      for (const r of Object.values(i.rows)) if (r.kind === "params") for (const s of r.segments) g = gcd(g, s.bp);
  const q = 10000 / (g || 10000);
  const levels = Math.max(...policies.map((p) => depth(p, calculator)));
  const k = q ** levels;
  return k <= 100_000 ? { k, exact: true } : { k: 100_000, exact: false };
}

function scaleRow(r: RowIR, k: number): RowIR {
  if (r.kind !== "params") return r;
  const m = (x: number | null) => (x === null ? null : x * k);
  return {
    ...r,
    deductible: r.deductible * k,
    segments: r.segments.map((s) => ({ ...s, from: s.from * k, to: m(s.to) })),
    flat: m(r.flat),
    perClaimCap: m(r.perClaimCap),
    annualCap: m(r.annualCap),
  };
}

/** Every amount constant (also inside conditions and bases) times k. */
function scaleConsts<T>(x: T, k: number): T {
  if (Array.isArray(x)) return x.map((e) => scaleConsts(e, k)) as T;
  if (x === null || typeof x !== "object") return x;
  const o = x as Record<string, unknown>;
  if (o.kind === "const" && typeof o.fen === "number") return { ...o, fen: o.fen * k } as T;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(o)) out[key] = scaleConsts(v, k);
  return out as T;
}

export function scalePolicy(p: CheckedPolicy, k: number): CheckedPolicy {
  if (k === 1) return p;
  return {
    ...p,
    items: p.items.map((i) => ({
      ...scaleConsts(i, k),
      rows: Object.fromEntries(Object.entries(i.rows).map(([n, r]) => [n, scaleRow(r, k)])),
    })),
    capGroups: p.capGroups.map((g) => ({
      ...g,
      annualCap: g.annualCap === null ? null : g.annualCap * k,
      ...(g.byIdentity
        ? { byIdentity: Object.fromEntries(Object.entries(g.byIdentity).map(([id, c]) => [id, c === null ? null : c * k])) }
        : {}),
    })),
    exclusions: scaleConsts(p.exclusions, k),
    identities: scaleConsts(p.identities, k),
    warnings: scaleConsts(p.warnings, k),
  };
}

/**
 * Burdens (分) where some side's payout may bend: every amount constant, and where a ratio run
 * from a deductible or segment start reaches a cap. Sums through nested items are left to the
 * bisection in pl.ts.
 */
export function candidatePoints(policies: CheckedPolicy[], calculator: string): bigint[] {
  const pts = new Set<bigint>([0n]);
  // Floats are fine here: candidates are only guesses (floor and ceil both kept); pl.ts verifies.
  const add = (x: number) => {
    if (Number.isFinite(x) && x >= 0) pts.add(BigInt(Math.floor(x))), pts.add(BigInt(Math.ceil(x)));
  };
  for (const p of policies) {
    const groups = new Map(p.capGroups.map((g) => [g.name, groupCapAmounts(g)]));
    JSON.stringify(p, (key, v) => (key === "fen" && typeof v === "number" ? (add(v), v) : v));
    for (const i of p.items.filter((x) => x.calculator === calculator)) {
      for (const r of Object.values(i.rows)) {
        if (r.kind !== "params") continue;
        const caps = [r.perClaimCap, r.annualCap, ...i.capGroups.flatMap((g) => groups.get(g) ?? [])].filter((c): c is number => c !== null);
        [r.deductible, r.flat ?? 0, ...caps].forEach(add);
        let cum = 0; // amount paid at the start of the segment
        for (const s of r.segments) {
          add(s.from), add(r.deductible + s.from);
          if (s.to !== null) add(s.to), add(r.deductible + s.to);
          const width = s.to === null ? Infinity : s.to - s.from;
          for (const c of caps) {
            const x = s.from + ((c - cum) * 10000) / s.bp;
            if (s.bp > 0 && c >= cum && x - s.from <= width) add(x), add(r.deductible + x);
          }
          cum += (Math.min(width, 1e15) * s.bp) / 10000;
        }
      }
    }
  }
  return [...pts];
}
