/**
 * Runs a policy written in a test (text) on BOTH engines, claim after claim on one ledger per
 * person, and fails unless the compiled module and the interpreter give the same outcome, 计算过程
 * included (both print it through runtime/explain.ts).
 */
import { expect } from "vitest";
import { policyOf } from "../check/helpers.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { loadEvaluator } from "../../compiler/module-cache.js";
import { MAIN_CALCULATOR, type CheckedPolicy } from "../../compiler/ir.js";
import { validateClaim } from "../../runtime/claims.js";
import { newLedger, type Outcome, type PersonLedger } from "../../runtime/types.js";

export const HEAD = `政策 试点市医疗救助办法
地区 试点市
生效 2024-01-01 依据 第一条
`;

export type Raw = Record<string, unknown>;

/** Outcomes of the claims, in order; both engines must agree on each, 计算过程 included. */
export async function runBoth(src: string | CheckedPolicy, claims: Raw[], calculator = MAIN_CALCULATOR): Promise<Outcome[]> {
  const policy = typeof src === "string" ? policyOf(src, { file: "试点市.jz" }) : src;
  const engines = [await loadEvaluator(policy), createInterpreter(policy)];
  const results = engines.map((ev) => {
    const ledgers = new Map<string, PersonLedger>();
    return claims.map((raw, i) => {
      const calc = policy.calculators.find((c) => c.name === calculator)!;
      const v = validateClaim(
        raw,
        { fields: policy.fields, identityNames: policy.identityNames, calculatorFields: calc.fields },
        i + 1,
      );
      if (!v.ok) return { ok: false, 错误: v.错误 } as Outcome;
      const person = v.claim.人员编号 ?? `#${i}`;
      const ledger = ledgers.get(person) ?? newLedger(Number(String(raw["结算日期"]).slice(0, 4)));
      ledgers.set(person, ledger);
      return ev.evaluate(calculator, v.claim, ledger, { explain: true });
    });
  });
  expect(results[0], "compiled ≡ interpreter").toEqual(results[1]);
  return results[1]!;
}

/** 元 with two decimals, as the golden cases write amounts. */
export function yuan(o: Outcome): string {
  if (!o.ok) throw new Error(o.错误);
  const s = String(o.金额).padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
