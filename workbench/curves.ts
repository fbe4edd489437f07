/**
 * Each identity's payout as a function of 个人负担, for one case of the calculator (住院·未转诊 …):
 * the diff's exact piecewise analysis (side-fn.ts over the scaled policy, pl.ts payoutCurve) on one
 * policy, drawn by the diff report's SVG renderer. `saved` (the file as saved) is the dashed
 * curve, so an edit that moves a kink shows as two curves parting.
 */
import type { CheckedPolicy } from "../compiler/ir.js";
import { createInterpreter } from "../compiler/interpreter/index.js";
import { newLedger, type Claim, type Evaluator } from "../runtime/types.js";
import { amountFields } from "../compiler/diff/impact.js";
import { claimFor, comboLabel, combos, dimensions } from "../compiler/diff/cases.js";
import { candidatePoints, scaleFactor, scalePolicy } from "../compiler/diff/scale.js";
import { sideFunction, type SideFn } from "../compiler/diff/side-fn.js";
import { lastBend, payoutCurve, type CurvePoint } from "../compiler/diff/pl.js";
import { curveChartSvg } from "../compiler/diff/svg.js";

export interface IdentityCurve {
  identity: string;
  /** exact breakpoints (分) of the edited policy's curve, as in the svg's data-breakpoints */
  points: CurvePoint[] | null;
  saved: CurvePoint[] | null;
  /** why there is no curve (the case gives an error for this identity) */
  error?: string;
  svg: string;
}

export interface CurveSet {
  calculator: string;
  variable: string;
  /** the cases (combinations of visit type, 规范转诊, …) one may pick */
  cases: string[];
  caseIndex: number;
  curves: IdentityCurve[];
  sampled: boolean;
}

/** Curves of `policy` (and `saved`, when given and different) for the case `caseIndex`. */
export function curvesOf(policy: CheckedPolicy, saved: CheckedPolicy | undefined, calculator: string, caseIndex = 0): CurveSet {
  const sides = saved ? [policy, saved] : [policy];
  const fields = [...new Set(sides.flatMap((p) => amountFields(p, calculator)))];
  const variable = fields.includes("个人负担") ? "个人负担" : fields[0] ?? "个人负担";
  const { k, exact } = scaleFactor(sides, calculator);
  const date = policy.meta.effective;
  const year = Number(date.slice(0, 4));
  const dims = dimensions(sides, calculator);
  const cases = combos(dims);
  const ci = Math.min(Math.max(0, caseIndex), cases.length - 1);
  const candidates = candidatePoints(sides, calculator);
  const fill = (tpl: Record<string, unknown>, fen: number): Claim => {
    const c = { ...tpl };
    for (const f of fields.length ? fields : [variable]) c[f] = fen;
    return c as Claim;
  };
  let sampled = !exact;
  const side = (p: CheckedPolicy, tpl: Record<string, unknown>): { fn: SideFn; ev: Evaluator } => {
    const scaled = createInterpreter({ ...scalePolicy(p, k), warnings: [] });
    return { fn: sideFunction(scaled, { calculator, at: (fen) => fill(tpl, fen), k, year, candidates }), ev: createInterpreter(p) };
  };
  const identities = policy.identities.filter((i) => !i.unspecified).map((i) => i.name);
  const curves = identities.map((identity): IdentityCurve => {
    const tpl = claimFor(identity, dims, cases[ci]!, date, sides);
    const [now, before] = sides.map((p) => side(p, tpl));
    const pl = [now, before].flatMap((s) => (s && s.fn.kind === "pl" ? [s.fn.fn] : []));
    pl.forEach((f) => (sampled ||= f.sampled));
    // as the diff report: past the last bend by a quarter (at least 1万元), so a cap's flat tail shows
    const until = Math.max(1_000_000, Math.ceil((lastBend(pl) * 1.25) / 100) * 100);
    const draw = (s: { fn: SideFn; ev: Evaluator } | undefined): CurvePoint[] | null =>
      s && s.fn.kind === "pl"
        ? payoutCurve(s.fn.fn, (x) => {
            const o = s.ev.evaluate(calculator, fill(tpl, x), newLedger(year));
            return o.ok ? o.金额 : 0;
          }, until)
        : null;
    const points = draw(now);
    const old = before ? draw(before) : null;
    const same = old !== null && points !== null && JSON.stringify(old) === JSON.stringify(points);
    const svg = curveChartSvg({ title: `${identity}（${comboLabel(dims, cases[ci]!)}）`, variable, old: same ? null : old, new: points });
    const out: IdentityCurve = { identity, points, saved: same ? null : old, svg };
    if (now!.fn.kind === "error") out.error = now!.fn.message;
    return out;
  });
  return { calculator, variable, cases: cases.map((c) => comboLabel(dims, c) || "（无分情形）"), caseIndex: ci, curves, sampled };
}
