/**
 * A witness for a behavioural change: the smallest claim of the group's cases whose payout differs,
 * found by fast-check shrinking over (case, burden), with both sides' explanations side by side.
 */
import fc from "fast-check";
import { newLedger, type Outcome } from "../../runtime/types.js";
import type { CaseRunner } from "./impact.js";
import type { DeltaPiece, Witness } from "./types.js";
import { plain } from "./format.js";

export function findWitness(run: CaseRunner, tpls: Record<string, unknown>[], pieces: DeltaPiece[], seed: number): Witness | undefined {
  const year = (tpl: Record<string, unknown>) => Number(String(tpl.结算日期).slice(0, 4));
  const outcomes = (i: number, fen: number, explain = false): [Outcome, Outcome] => {
    const claim = run.at(tpls[i]!, fen);
    return [
      run.old.evaluate(run.calculator, claim, newLedger(year(tpls[i]!)), { explain }),
      run.new.evaluate(run.calculator, claim, newLedger(year(tpls[i]!)), { explain }),
    ];
  };
  const same = (i: number, fen: number) => {
    const [a, b] = outcomes(i, fen);
    return a.ok === b.ok && (!a.ok || (b.ok && a.金额 === b.金额));
  };
  // a known differing point seeds the search, so a counterexample always exists to shrink from
  const probes = pieces.flatMap((p) => [p.from, p.to ?? p.from + 1_000_000, p.to === null ? p.from + 100 : Math.floor((p.from + p.to) / 2)]);
  const start = probes.find((x) => !same(0, x)) ?? (pieces.length === 0 ? 0 : undefined);
  if (start === undefined || same(0, start)) return undefined;
  const max = Math.max(start, ...probes);
  const result = fc.check(
    fc.property(fc.nat({ max: tpls.length - 1 }), fc.nat({ max }), (i, fen) => same(i, fen)),
    { seed, numRuns: 200, examples: [[0, start]] },
  );
  const [i, fen] = (result.counterexample ?? [0, start]) as [number, number];
  const [a, b] = outcomes(i, fen, true);
  const side = (x: Outcome) => (x.ok ? { amount: x.金额, trace: x.计算过程 ?? [] } : { amount: null, error: x.错误, trace: [] });
  const claim = { ...run.at(tpls[i]!, fen) } as Record<string, unknown>;
  for (const f of run.fields) claim[f] = plain(fen);
  return { claim: readable(claim, run.usesApplication(String((claim.身份 as string[])[0]))), old: side(a), new: side(b) };
}

const DEFAULTS: Record<string, unknown> = { 规范转诊: false, 就医地: "市域内", 参保: true, 参保类型: "居民医保" };

/** The claim as a user would write it: amounts in 元, fields left at the record's defaults omitted. */
function readable(c: Record<string, unknown>, keepApplication: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    if (k === "编号" || (Array.isArray(v) && v.length === 0) || DEFAULTS[k] === v) continue;
    if (k === "申请日期" && !keepApplication) continue;
    out[k] = v;
  }
  return out;
}
