/**
 * One side of a piecewise-linear comparison: a policy's payout for one case as an exact function
 * of the scaled burden x (个人负担 = x × k 分), found by findPieces (pl.ts) — or the error that
 * side gives for the case. Shared by the diff's impact analysis and the floor-total check.
 */
import { newLedger, type Claim, type Evaluator } from "../../runtime/types.js";
import { findPieces, type PLFunction } from "./pl.js";

export type SideFn = { kind: "error"; message: string } | { kind: "pl"; fn: PLFunction };

class SideError extends Error {}

export interface SideSetup {
  calculator: string;
  /** the case's claim at a burden of `fen` 分 */
  at: (fen: number) => Claim;
  /** 分 per unit of x */
  k: number;
  year: number;
  /** x values where the function may bend (scale.ts candidatePoints) */
  candidates: readonly bigint[];
}

export function sideFunction(ev: Evaluator, s: SideSetup): SideFn {
  const f = (x: bigint): bigint => {
    const o = ev.evaluate(s.calculator, s.at(Number(x) * s.k), newLedger(s.year));
    if (!o.ok) throw new SideError(o.错误);
    return BigInt(o.金额);
  };
  try {
    f(0n);
    return { kind: "pl", fn: findPieces(f, s.candidates as bigint[]) };
  } catch (e) {
    if (e instanceof SideError) return { kind: "error", message: e.message };
    throw e;
  }
}
