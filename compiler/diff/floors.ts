/**
 * Provincial floors checked on what the city pays (issue 11 §1). Cell-by-cell checks (compose-base)
 * miss what a city changes around the cells: a 条件, a narrower 对象, a 单次限额, a renamed item.
 * Here the base's floor is itself a policy — every row that states a bound, at the end of its
 * bounds that pays least (RowIR.floor) — and for every identity and discrete case the base covers,
 * the city's calculator total is compared with that floor as exact piecewise-linear functions of
 * the burden (pl.ts, as diff does). A city may split or rename items: only the total counts.
 */
import type { CheckedPolicy, Fen, ItemIR, RowIR, Source } from "../ir.js";
import { createInterpreter } from "../interpreter/index.js";
import { cmp, rat, type Rational } from "../interpreter/rational.js";
import { newLedger, type Claim, type Evaluator, type Outcome } from "../../runtime/types.js";
import { amountFields } from "./impact.js";
import { claimFor, comboLabel, combos, dimensions } from "./cases.js";
import { deltaRanges, type DeltaRange } from "./delta.js";
import type { PLFunction } from "./pl.js";
import { candidatePoints, scaleFactor, scalePolicy } from "./scale.js";
import { sideFunction, type SideFn } from "./side-fn.js";

/** A case whose payout functions could only be sampled (pl.ts budget): the comparison is not exact. */
export interface FloorUnchecked {
  calculator: string;
  identity: string;
  case: string;
}

export interface FloorViolation {
  calculator: string;
  identity: string;
  /** the discrete case, spelled out ("住院·非规范转诊") */
  case: string;
  /** the witness claim as a user would write it (amounts in 元) */
  claim: Record<string, unknown>;
  /** what the city pays on the witness (null: an error such as 未规定) */
  city: { amount: Fen | null; error?: string };
  floor: Fen;
  /** the base rows that make the floor of this case, and the city's items that paid less */
  baseSources: { item: string; source: Source }[];
  /** the city's items that apply to the case's visit type, with what each paid on the witness */
  cityItems: { item: string; amount: Fen | null; why?: string }[];
}

/** The base as the policy of its floors: computable, paying the least each bounded row allows. */
export function floorPolicy(base: CheckedPolicy): CheckedPolicy {
  const zero = (source: Source): RowIR => ({
    kind: "params", source, deductible: 0, segments: [{ from: 0, to: null, bp: 0 }], flat: null, perClaimCap: null, annualCap: null, bounds: [],
  });
  const rowFloor = (r: RowIR): RowIR => {
    // a row that states no bound sets no floor: a claim reaching it is not compared (未规定)
    if (r.floor === undefined) return { kind: "unspecified", source: r.source };
    if (r.floor === null) return zero(r.source);
    return { kind: "params", source: r.source, ...r.floor, bounds: [] };
  };
  return {
    ...base,
    meta: { ...base.meta, isBase: false },
    items: base.items.map((i) => ({ ...i, rows: Object.fromEntries(Object.entries(i.rows).map(([id, r]) => [id, rowFloor(r)])) })),
    warnings: [],
    guarantees: [],
  };
}


const isZero = (f: PLFunction): boolean => f.pieces.every((p) => p.line.y0 === 0n && p.line.num === 0n);

/**
 * Every shortfall of `city` (built on `base`) below the base's floors, one per calculator × identity
 * × case; and the cases that could not be compared exactly (never silently passed).
 */
export function checkFloors(base: CheckedPolicy, city: CheckedPolicy, unchecked: FloorUnchecked[] = []): FloorViolation[] {
  const floor = floorPolicy(base);
  const out: FloorViolation[] = [];
  for (const calc of floor.calculators) {
    if (!city.calculators.some((c) => c.name === calc.name)) continue;
    out.push(...calculatorFloors(floor, city, calc.name, unchecked));
  }
  return out;
}

function calculatorFloors(floor: CheckedPolicy, city: CheckedPolicy, calculator: string, unchecked: FloorUnchecked[]): FloorViolation[] {
  const sides = [floor, city];
  const fields = [...new Set(sides.flatMap((p) => amountFields(p, calculator)))];
  const variable = fields.includes("个人负担") ? "个人负担" : (fields[0] ?? "个人负担");
  const all = fields.length ? fields : [variable];
  const { k, exact: scaledExactly } = scaleFactor(sides, calculator);
  const date = city.meta.effective;
  const year = Number(date.slice(0, 4));
  const fill = (tpl: Record<string, unknown>, fen: number): Claim => {
    const c = { ...tpl };
    for (const f of all) c[f] = fen;
    return c as Claim;
  };
  const scaled = sides.map((p) => createInterpreter({ ...scalePolicy(p, k), warnings: [] }));
  const exact = sides.map((p) => createInterpreter({ ...p, warnings: [] }));
  const candidates = candidatePoints(sides, calculator);
  const dims = dimensions(sides, calculator);
  const cases = combos(dims);
  const sideFn = (ev: Evaluator, tpl: Record<string, unknown>): SideFn =>
    sideFunction(ev, { calculator, at: (fen) => fill(tpl, fen), k, year, candidates });

  const pay = (s: 0 | 1, tpl: Record<string, unknown>, fen: number): Outcome => exact[s]!.evaluate(calculator, fill(tpl, fen), newLedger(year));
  const out: FloorViolation[] = [];
  for (const identity of floor.identities.map((i) => i.name)) {
    for (const combo of cases) {
      const tpl = claimFor(identity, dims, combo, date, sides);
      const f = sideFn(scaled[0]!, tpl);
      if (f.kind === "error" || isZero(f.fn)) continue; // the base sets no floor for this case
      const c = sideFn(scaled[1]!, tpl);
      // the city's total, as a function; an error (未规定 …) where the base has a floor pays nothing
      const cityFn: PLFunction = c.kind === "pl" ? c.fn : { pieces: [{ lo: 0n, hi: null, line: { x0: 0n, y0: 0n, num: 0n, den: 1n } }], sampled: false };
      if (!scaledExactly || f.fn.sampled || cityFn.sampled) unchecked.push({ calculator, identity, case: comboLabel(dims, combo) });
      const short = deltaRanges(f.fn, cityFn).filter(negativeSomewhere);
      if (!short.length) continue;
      const fen = witnessBurden(short, (x) => {
        const a = pay(1, tpl, x);
        const b = pay(0, tpl, x);
        return b.ok && b.金额 > 0 && (!a.ok || a.金额 < b.金额);
      });
      if (fen === undefined) continue; // a shortfall rounding hides on every claim is no money
      const a = pay(1, tpl, fen);
      const b = pay(0, tpl, fen) as Extract<Outcome, { ok: true }>;
      const claim: Record<string, unknown> = { ...fill(tpl, fen) };
      for (const fld of all) claim[fld] = fen / 100;
      out.push({
        calculator,
        identity,
        case: comboLabel(dims, combo),
        claim: readable(claim),
        city: a.ok ? { amount: a.金额 } : { amount: null, error: a.错误 },
        floor: b.金额,
        baseSources: b.明细.filter((l) => l.金额 > 0).map((l) => ({ item: l.项目, source: sourceOf(floor, l.项目) })),
        cityItems: cityLines(city, calculator, tpl, a),
      });
    }
  }
  return out;
}

function cityLines(city: CheckedPolicy, calculator: string, tpl: Record<string, unknown>, o: Outcome): FloorViolation["cityItems"] {
  const names = city.calculators.find((x) => x.name === calculator)?.items ?? [];
  const applies = (n: string) => {
    const v = city.items.find((i) => i.name === n)?.visitTypes;
    return !v || tpl.就诊类型 === undefined || v.includes(tpl.就诊类型 as never);
  };
  return names.filter(applies).map((item) => {
    const line = o.ok ? o.明细.find((l) => l.项目 === item) : undefined;
    return line ? { item, amount: line.金额, ...(line.说明 ? { why: line.说明 } : {}) } : { item, amount: null };
  });
}

function sourceOf(p: CheckedPolicy, item: string): Source {
  const i: ItemIR | undefined = p.items.find((x) => x.name === item);
  return i?.source ?? { line: 0, citation: "" };
}

const at = (r: DeltaRange, x: bigint): Rational => rat(r.value.num * r.slope.den + r.slope.num * (x - r.lo) * r.value.den, r.value.den * r.slope.den);
const neg = (q: Rational): boolean => cmp(q, rat(0)) < 0;
/** The city pays less than the floor at some burden of this range. */
const negativeSomewhere = (r: DeltaRange): boolean => neg(r.value) || (r.hi !== null ? neg(at(r, r.hi)) : neg(r.slope));

/**
 * The roundest burden (whole 万元 first, then 千元 …, then 分) where the city pays less than the
 * floor, confirmed on the real (rounded) amounts: officers read "10000元" more easily than "0.01元".
 */
function witnessBurden(short: DeltaRange[], confirmed: (fen: number) => boolean): number | undefined {
  for (const step of [1_000_000n, 100_000n, 10_000n, 1_000n, 100n, 10n, 1n]) {
    for (const r of short) {
      const hi = r.hi ?? r.lo + 1_000_000_000n;
      const ceilTo = (x: bigint) => ((x + step - 1n) / step) * step;
      // where the line crosses zero (the shortfall is on one side of it)
      const s = r.slope;
      const cross = s.num === 0n ? r.lo : r.lo + (-r.value.num * s.den) / (r.value.den * s.num);
      const picks = [ceilTo(r.lo), ceilTo(cross), ceilTo(cross + 1n), (cross / step) * step, (hi / step) * step];
      for (const x of picks) {
        if (x < r.lo || x > hi || !neg(at(r, x))) continue;
        if (confirmed(Number(x))) return Number(x);
      }
    }
  }
  return undefined;
}

/** The claim as an officer would write it: only identity, the case's fields and the amounts (元). */
function readable(c: Record<string, unknown>): Record<string, unknown> {
  const plainClaim: Record<string, unknown> = { 规范转诊: false, 就医地: "市域内", 参保: true, 参保类型: "居民医保" };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    if (k === "编号" || k === "申请日期" || (Array.isArray(v) && v.length === 0) || plainClaim[k] === v) continue;
    out[k] = v;
  }
  return out;
}
