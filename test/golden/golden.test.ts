/**
 * Golden payouts: hand-computed cases (test/golden/<地区>.cases.ts) run against BOTH the compiled
 * module and the reference interpreter, and every 算式 is evaluated independently of both.
 */
import { describe, expect, it, beforeAll } from "vitest";
import { loadPolicyPaths, selectVersion } from "../../compiler/load.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { loadEvaluator } from "../../compiler/module-cache.js";
import { validateClaim } from "../../runtime/claims.js";
import { newLedger, type Evaluator, type Outcome, type PersonLedger } from "../../runtime/types.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { MAIN_CALCULATOR } from "../../compiler/ir.js";
import { evaluateArithmetic, toYuanString } from "./arith.js";
import type { GoldenCase } from "./types.js";
import { evaluateReading, minimalRecord } from "../fields-read.js";

/** Every test/golden/<地区>.cases.ts default-exports its cases; adding a file adds a suite. */
const modules = import.meta.glob<{ default: GoldenCase[] }>("./*.cases.ts", { eager: true });
const goldenSuites: Record<string, GoldenCase[]> = Object.fromEntries(
  Object.entries(modules).map(([path, m]) => [path.replace(/^\.\/(.*)\.cases\.ts$/, "$1"), m.default]),
);

const yuan = (fen: number) => {
  const s = String(fen).padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
};

/**
 * Runs a case's claims in order on shared ledgers. With `reads`, notes per claim the fields its
 * evaluation read (test/fields-read.ts; meaningful with the interpreter, which reads lazily).
 */
function runCase(
  policies: CheckedPolicy[],
  evaluators: Map<CheckedPolicy, Evaluator>,
  c: GoldenCase,
  claims: Record<string, unknown>[] = c.claims,
  reads?: Set<string>[],
): Outcome[] {
  const ledgers = new Map<string, PersonLedger>();
  return claims.map((raw, index) => {
    const calculator = c.calculator ?? MAIN_CALCULATOR;
    const date = String(raw["结算日期"]);
    const policy = selectVersion(policies, date);
    if (!policy) return { ok: false, 错误: `结算日期 ${date} 不在任何版本的施行期内` } as Outcome;
    const calc = policy.calculators.find((k) => k.name === calculator)!;
    const valid = validateClaim(
      raw,
      { fields: policy.fields, identityNames: policy.identityNames, calculatorFields: calc.fields },
      index + 1,
    );
    if (!valid.ok) return { ok: false, 错误: valid.错误 } as Outcome;
    const person = valid.claim.人员编号 ?? `#${index}`;
    const year = Number(date.slice(0, 4));
    const ledger = ledgers.get(person) ?? newLedger(year);
    ledgers.set(person, ledger);
    const { outcome, read } = evaluateReading(evaluators.get(policy)!, calculator, valid.claim, ledger, { explain: true });
    if (reads) reads[index] = read;
    return outcome;
  });
}

function expectWant(outcome: Outcome, want: GoldenCase["want"][number], label: string) {
  if (want.错误包含 !== undefined) {
    expect(outcome.ok, `${label}: expected an error`).toBe(false);
    if (!outcome.ok) expect(outcome.错误).toContain(want.错误包含);
    return;
  }
  expect(outcome.ok, `${label}: ${outcome.ok ? "" : outcome.错误}`).toBe(true);
  if (!outcome.ok) return;
  expect(yuan(outcome.金额), label).toBe(want.救助金额);
  expect(outcome.明细.reduce((s, l) => s + l.金额, 0), `${label}: 明细 sums to total`).toBe(outcome.金额);
  for (const [item, amount] of Object.entries(want.明细 ?? {})) {
    const line = outcome.明细.find((l) => l.项目 === item);
    expect(line && yuan(line.金额), `${label}: 明细 ${item}`).toBe(amount);
  }
  if (want.适用身份) expect(outcome.适用身份, label).toBe(want.适用身份);
  for (const [identity, amount] of Object.entries(want.其他身份 ?? {})) {
    const other = outcome.其他身份.find((o) => o.身份 === identity);
    expect(other && yuan(other.金额), `${label}: 其他身份 ${identity}`).toBe(amount);
  }
  for (const name of want.预警 ?? []) {
    expect((outcome.预警 ?? []).map((w) => w.名称), label).toContain(name);
  }
}

for (const [region, cases] of Object.entries(goldenSuites)) {
  describe(`golden ${region}`, () => {
    let policies: CheckedPolicy[] = [];
    const compiled = new Map<CheckedPolicy, Evaluator>();
    const interpreted = new Map<CheckedPolicy, Evaluator>();

    beforeAll(async () => {
      const loaded = loadPolicyPaths([`policies/${region}`]);
      expect(loaded.diagnostics.filter((d) => d.severity === "错误")).toEqual([]);
      policies = loaded.policies.map((p) => p.policy!).filter(Boolean);
      for (const p of policies) {
        compiled.set(p, await loadEvaluator(p));
        interpreted.set(p, createInterpreter(p));
      }
    });

    it("has at least 20 hand-computed cases", () => {
      expect(cases.reduce((n, c) => n + c.want.length, 0)).toBeGreaterThanOrEqual(20);
    });

    for (const c of cases) {
      it(`${c.note}（${c.依据}）`, () => {
        c.want.forEach((w) => {
          if (w.算式 !== undefined) {
            expect(toYuanString(evaluateArithmetic(w.算式)), `算式 ${w.算式}`).toBe(w.救助金额);
          }
        });
        for (const [engine, evaluators] of [["compiled", compiled], ["interpreter", interpreted]] as const) {
          const outcomes = runCase(policies, evaluators, c);
          outcomes.forEach((o, i) => expectWant(o, c.want[i], `${engine} claim ${i + 1}`));
        }
      });
      // issue 9 §1: a field is needed only when the evaluation reaches it, so the record cut down to
      // the fields its evaluation read gives the same result in both engines
      it(`${c.note}：只含计算读到的字段`, () => {
        const reads: Set<string>[] = [];
        runCase(policies, interpreted, c, c.claims, reads);
        const minimal = c.claims.map((raw, i) => (reads[i] ? minimalRecord(raw, reads[i]) : raw));
        for (const [engine, evaluators] of [["compiled", compiled], ["interpreter", interpreted]] as const) {
          const outcomes = runCase(policies, evaluators, c, minimal);
          outcomes.forEach((o, i) => expectWant(o, c.want[i], `${engine} minimal claim ${i + 1} ${JSON.stringify(minimal[i])}`));
        }
      });
    }
  });
}
