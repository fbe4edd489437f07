/**
 * The reference interpreter: a second, deliberately simple implementation of docs/语义.md used by
 * tests to cross-check compiled modules. It shares only the data shapes of runtime/types.ts with
 * the runtime; all arithmetic (exact bigint rationals, half-up rounding) is its own.
 */
import type { CheckedPolicy } from "../ir.js";
import type { Evaluator } from "../../runtime/types.js";
import { evaluate } from "./interpret.js";

export function createInterpreter(policy: CheckedPolicy): Evaluator {
  return {
    evaluate: (calculator, claim, ledger, options) =>
      evaluate(policy, calculator, claim, ledger, options ?? {}),
  };
}

export { evaluate } from "./interpret.js";
export { minusMonths } from "./conditions.js";
export { roundHalfUp, rat, type Rational } from "./rational.js";
