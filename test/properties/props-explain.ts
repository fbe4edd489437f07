/**
 * Differential of the explanation: for every claim, the compiled module and the reference
 * interpreter give the same 计算过程, line for line (issue 10 §4). Both build their lines with
 * runtime/explain.ts from the numbers each computed on its own, so a line differs exactly when an
 * engine computed something else along the way (a base, a deductible taken, a cap's use) or
 * formats it by another path.
 */
import fc from "fast-check";
import { newLedger, type Evaluator, type Outcome } from "../../runtime/types.js";
import { people } from "./props-diff.js";
import { evalOn, fail, yearOf, type PropertyOf } from "./harness.js";

/** The first line where two explanations differ, or undefined when they are the same. */
export function firstDifference(a: readonly string[], b: readonly string[]): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i])
      return `第 ${i + 1} 行：compiled ${JSON.stringify(a[i] ?? "（无此行）")} ≠ interpreter ${JSON.stringify(b[i] ?? "（无此行）")}`;
  }
  return undefined;
}

const steps = (o: Outcome): string[] | undefined => (o.ok ? o.计算过程 : undefined);

/** `counter.claims` counts the successful claims whose explanations were compared. */
export const explainDifferential =
  (reference: Evaluator, counter = { claims: 0, lines: 0 }): PropertyOf =>
  ({ policy, ev }) =>
    fc.property(people(policy), (claims) => {
      const year = yearOf(claims[0]!.claim.结算日期);
      const l1 = newLedger(year);
      const l2 = newLedger(year);
      claims.forEach((g, i) => {
        const o1 = evalOn(ev, g, l1, true);
        const o2 = evalOn(reference, g, l2, true);
        if (o1.ok !== o2.ok) fail(`claim ${i + 1}: one engine failed: ${JSON.stringify([o1, o2]).slice(0, 400)}`);
        if (!o1.ok) return;
        const a = steps(o1);
        const b = steps(o2);
        if (a === undefined || b === undefined) fail(`claim ${i + 1}: 计算过程 missing with explain on`);
        const diff = firstDifference(a, b);
        if (diff !== undefined) fail(`claim ${i + 1} (${g.calculator}) ${diff}`);
        counter.claims++;
        counter.lines += a.length;
      });
    });
