/**
 * Exact impact without data: for every identity × discrete case of a calculator, the payout of a
 * single fresh-ledger claim as a function of the burden on both sides (pl.ts over the scaled
 * policy, evaluated by the reference interpreter), and where and how the difference changes.
 * Cases that change the same way are grouped and described together.
 */
import { valueOperands, type CheckedPolicy, type ValueIR } from "../ir.js";
import { createInterpreter } from "../interpreter/index.js";
import { rat, toDecimal, type Rational } from "../interpreter/rational.js";
import { newLedger, type Claim, type Evaluator } from "../../runtime/types.js";
import { amountDependent, calculatorConds, claimFor, comboLabel, combos as allCombos, dimensions, signature } from "./cases.js";
import { deltaRanges, type DeltaRange } from "./delta.js";
import { describeCombos } from "./describe.js";
import { lastBend, payoutCurve, type PLFunction } from "./pl.js";
import { candidatePoints, scaleFactor, scalePolicy } from "./scale.js";
import { sideFunction, type SideFn } from "./side-fn.js";
import type { DeltaPiece, ImpactGroup, ImpactReport } from "./types.js";
import { findWitness } from "./witness.js";


export interface ImpactOptions {
  witnesses?: boolean;
  seed?: number;
}

/** What the analysis of one calculator needs to evaluate a claim at a burden on either side. */
export interface CaseRunner {
  calculator: string;
  variable: string;
  /** every amount field set to the burden (the variable first) */
  fields: string[];
  /** the identity's condition reads 申请日期: its witnesses keep it */
  usesApplication(identity: string): boolean;
  /** claim of a case at a burden (分), for the unscaled evaluators */
  at(tpl: Record<string, unknown>, fen: number): Claim;
  old: Evaluator;
  new: Evaluator;
}

export function computeImpact(o: CheckedPolicy, n: CheckedPolicy, opts: ImpactOptions = {}): ImpactReport {
  const report: ImpactReport = { groups: [], notes: [] };
  const calcs = [...new Set([...o.calculators, ...n.calculators].map((c) => c.name))];
  for (const c of calcs) report.groups.push(...impactOf(o, n, c, opts, report.notes));
  return report;
}

export function amountFields(p: CheckedPolicy, calculator: string): string[] {
  const out: string[] = [];
  const walk = (v: ValueIR) => {
    if (v.kind === "field") out.push(v.name);
    for (const o of valueOperands(v)) walk(o);
  };
  for (const i of p.items) if (i.calculator === calculator && i.rows && Object.values(i.rows).some((r) => r.kind !== "params" || r.flat === null)) walk(i.base);
  JSON.stringify(calculatorConds(p, calculator), (k, v) => (v && v.kind === "compare" ? (walk(v.left), walk(v.right), v) : v));
  return out;
}

function impactOf(o: CheckedPolicy, n: CheckedPolicy, calculator: string, opts: ImpactOptions, notes: string[]): ImpactGroup[] {
  const sides = [o, n];
  const fields = [...new Set(sides.flatMap((p) => amountFields(p, calculator)))];
  const variable = fields.includes("个人负担") ? "个人负担" : fields[0] ?? "个人负担";
  const others = fields.filter((f) => f !== variable);
  if (others.length) notes.push(`${calculator}：${others.join("、")} 取与 ${variable} 相同的金额（影响分析按单一金额变量计算）`);
  const { k, exact } = scaleFactor(sides, calculator);
  if (!exact) notes.push(`${calculator}：比例精度过细，无法消去舍入，结果为抽样近似`);
  const date = n.meta.effective;
  const year = Number(date.slice(0, 4));
  const fill = (tpl: Record<string, unknown>, fen: number): Claim => {
    const c = { ...tpl };
    for (const f of fields.length ? fields : [variable]) c[f] = fen;
    return c as Claim;
  };
  const conditional = new Set(sides.flatMap((p) => p.identities.filter((i) => JSON.stringify(i.condition ?? null).includes("申请日期")).map((i) => i.name)));
  const usesApplication = (identity: string) => conditional.has(identity);
  const runner: CaseRunner = { calculator, variable, fields: [variable, ...others], usesApplication, at: fill, old: createInterpreter(o), new: createInterpreter(n) };
  // 预警 never changes an amount: leaving them out of the searched copies saves their work per call
  const scaled = sides.map((p) => createInterpreter({ ...scalePolicy(p, k), warnings: [] }));
  const candidates = candidatePoints(sides, calculator).map((x) => x);
  const dims = dimensions(sides, calculator);
  const cases = allCombos(dims);
  const dynamic = amountDependent(sides.flatMap((p) => calculatorConds(p, calculator)));

  const sideFn = (ev: Evaluator, tpl: Record<string, unknown>): SideFn =>
    sideFunction(ev, { calculator, at: (fen) => fill(tpl, fen), k, year, candidates });

  const memo = [new Map<string, SideFn>(), new Map<string, SideFn>()];
  const identities = [...new Set(sides.flatMap((p) => p.identities.map((i) => i.name)))];
  // deltaKey → identity → combo indexes
  const groups = new Map<string, { ranges: DeltaRange[]; old?: string; new?: string; sampled: boolean; members: Map<string, number[]> }>();
  for (const id of identities) {
    cases.forEach((combo, ci) => {
      const tpl = claimFor(id, dims, combo, date, sides);
      const fns = sides.map((p, s) => {
        const sig = dynamic ? `${id}|${ci}` : signature(p, calculator, tpl);
        let fn = memo[s]!.get(sig);
        if (!fn) memo[s]!.set(sig, (fn = sideFn(scaled[s]!, tpl)));
        return fn;
      });
      const d = delta(fns[0]!, fns[1]!);
      if (!d) return;
      const dk = JSON.stringify(d, (_, v) => (typeof v === "bigint" ? v.toString() : v));
      const g = groups.get(dk) ?? { ...d, members: new Map() };
      groups.set(dk, g);
      g.members.set(id, [...(g.members.get(id) ?? []), ci]);
    });
  }

  const out: ImpactGroup[] = [];
  for (const g of groups.values()) {
    // identities that change in exactly the same cases are listed together
    const byCases = new Map<string, string[]>();
    for (const [id, cis] of g.members) byCases.set(cis.join(","), [...(byCases.get(cis.join(",")) ?? []), id]);
    for (const [cis, ids] of byCases) {
      const idx = cis.split(",").map(Number);
      const tpls = ids.flatMap((id) => idx.map((ci) => claimFor(id, dims, cases[ci]!, date, sides)));
      const group: ImpactGroup = {
        calculator, variable, identities: ids, cases: describeCombos(dims, idx.map((i) => cases[i]!)), combos: idx.length,
        members: idx.map((i) => comboLabel(dims, cases[i]!)),
        pieces: g.ranges.map((r) => realize(r, k, runner, tpls[0]!)), sampled: g.sampled || !exact,
      };
      if (g.old !== undefined) group.oldError = g.old;
      if (g.new !== undefined) group.newError = g.new;
      // the curves of the case the witness and the table rows are drawn from (not another member's)
      group.examples = examples(group.pieces, runner, tpls[0]!);
      group.curves = curves(scaled.map((ev) => sideFn(ev, tpls[0]!)), runner, tpls[0]!);
      if (opts.witnesses !== false) group.witness = findWitness(runner, tpls, group.pieces, opts.seed ?? 20240601);
      out.push(group);
    }
  }
  return out;
}

/** The change between two side functions, or null when there is none. */
function delta(a: SideFn, b: SideFn): { ranges: DeltaRange[]; old?: string; new?: string; sampled: boolean } | null {
  if (a.kind === "error" && b.kind === "error") return null;
  const zero: PLFunction = { pieces: [{ lo: 0n, hi: null, line: { x0: 0n, y0: 0n, num: 0n, den: 1n } }], sampled: false };
  const fa = a.kind === "pl" ? a.fn : zero;
  const fb = b.kind === "pl" ? b.fn : zero;
  const ranges = deltaRanges(fa, fb);
  if (a.kind === "pl" && b.kind === "pl" && ranges.length === 0) return null;
  const out: { ranges: DeltaRange[]; old?: string; new?: string; sampled: boolean } = { ranges, sampled: fa.sampled || fb.sampled };
  if (a.kind === "error") out.old = a.message;
  if (b.kind === "error") out.new = b.message;
  return out;
}

/**
 * Beyond the smallest witness (issue 16 §2): the largest gain, the largest loss and a typical
 * claim of the group. Within a piece the change is linear, so its extremes are at piece ends;
 * "typical" is the middle of the burden range where the payout changes.
 */
function examples(pieces: DeltaPiece[], run: CaseRunner, tpl: Record<string, unknown>): NonNullable<ImpactGroup["examples"]> {
  const year = Number(String(tpl.结算日期).slice(0, 4));
  const pay = (ev: Evaluator, x: number) => {
    const o = ev.evaluate(run.calculator, run.at(tpl, x), newLedger(year));
    return o.ok ? o.金额 : null;
  };
  const at = (kind: "最大增加" | "最大减少" | "典型", x: number) => ({ kind, burden: x, old: pay(run.old, x), new: pay(run.new, x) });
  const ends = pieces.flatMap((p) => (p.to === null ? [[p.from, p.deltaFrom] as const] : [[p.from, p.deltaFrom] as const, [p.to, p.deltaTo!] as const]));
  const out: NonNullable<ImpactGroup["examples"]> = [];
  const gain = ends.filter(([, d]) => d > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  const loss = ends.filter(([, d]) => d < 0).sort((a, b) => a[1] - b[1] || a[0] - b[0])[0];
  if (gain) out.push(at("最大增加", gain[0]));
  if (loss) out.push(at("最大减少", loss[0]));
  const moving = pieces.filter((p) => p.deltaFrom !== 0 || (p.deltaTo ?? 0) !== 0 || p.slopePerYuan !== "0").flatMap((p) => [p.from, p.to ?? p.from]);
  if (moving.length) out.push(at("典型", Math.round((Math.min(...moving) + Math.max(...moving)) / 2)));
  // an unbounded piece that keeps growing has no largest value: say so rather than pick one
  const last = pieces[pieces.length - 1];
  if (last && last.to === null && last.slopePerYuan !== "0") out.forEach((e) => e.kind !== "典型" && (e.unbounded = (last.slopePerYuan.startsWith("-") ? "最大减少" : "最大增加") === e.kind));
  return out;
}

/** Both sides' payout curves of a group (its first case), on one burden range: for the charts. */
function curves(fns: SideFn[], run: CaseRunner, tpl: Record<string, unknown>): NonNullable<ImpactGroup["curves"]> {
  const pl = fns.flatMap((f) => (f.kind === "pl" ? [f.fn] : []));
  // past the last bend by a quarter (at least 1万元), so the flat tail after a cap is visible
  const bend = lastBend(pl);
  const until = Math.max(1_000_000, Math.ceil((bend * 1.25) / 100) * 100);
  const year = Number(String(tpl.结算日期).slice(0, 4));
  const side = (f: SideFn, ev: Evaluator) =>
    f.kind === "pl" ? payoutCurve(f.fn, (x) => {
      const o = ev.evaluate(run.calculator, run.at(tpl, x), newLedger(year));
      return o.ok ? o.金额 : 0;
    }, until) : null;
  return { old: side(fns[0]!, run.old), new: side(fns[1]!, run.new) };
}

/** Ends of a range as a real claim there gets them (rounded as the policy rounds). */
function realize(r: DeltaRange, k: number, run: CaseRunner, tpl: Record<string, unknown>): DeltaPiece {
  const pay = (ev: Evaluator, x: bigint) => {
    const o = ev.evaluate(run.calculator, run.at(tpl, Number(x)), newLedger(Number(String(tpl.结算日期).slice(0, 4))));
    return o.ok ? o.金额 : 0;
  };
  const d = (x: bigint) => pay(run.new, x) - pay(run.old, x);
  const perYuan: Rational = rat(r.slope.num, r.slope.den * BigInt(k));
  return {
    from: Number(r.lo), to: r.hi === null ? null : Number(r.hi),
    deltaFrom: d(r.lo), deltaTo: r.hi === null ? null : d(r.hi),
    slopePerYuan: toDecimal(perYuan),
    oldFrom: pay(run.old, r.lo), newFrom: pay(run.new, r.lo),
  };
}
