/**
 * `calc --ledger … --reverse 编号[,…]` (冲正): removes settled claims from the ledger file and
 * recomputes the person's later claims from the start of the reversed claim's year (later years
 * too, since lifetime counts carry), in settlement order, as if the claim had never been settled.
 * Each claim whose amount changes gets a correction line
 * `{"编号","更正":"补付|追回","差额","原金额","新金额"}`; the reversed claim gets
 * `{"编号","冲正":true,"原金额"}`. Everything is one transaction: all of it, or (killed) none.
 */
import { claimSchema } from "../../compiler/claim-schema.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { validateClaim } from "../../runtime/claims.js";
import type { Evaluator, PersonLedger } from "../../runtime/types.js";
import { applicableSteps, type CalcSetup } from "../calc-loop.js";
import { errorLine, formatFen, outcomeLine, quote } from "../output.js";
import { versionLabel, type LedgerStore, type SettledClaim } from "./store.js";

export interface ReverseResult {
  lines: string[];
  errors: number;
}

export async function reverseClaims(
  ids: readonly string[],
  store: LedgerStore,
  setup: CalcSetup,
  digestOf: (policy: CheckedPolicy) => string,
): Promise<ReverseResult> {
  const result: ReverseResult = { lines: [], errors: 0 };
  const evaluators = new Map<CheckedPolicy, Evaluator>();
  const evaluatorOf = async (policy: CheckedPolicy): Promise<Evaluator> => {
    let e = evaluators.get(policy);
    if (e === undefined) evaluators.set(policy, (e = await setup.evaluatorFor(policy)));
    return e;
  };

  /** Recomputes one settled claim on `ledger`; a correction line when its amount changed. */
  const recompute = async (c: SettledClaim, ledger: PersonLedger): Promise<void> => {
    const policy = setup.select([...setup.versions], c.date);
    const calculator = policy?.calculators.find((k) => k.name === setup.calculator);
    const keep = (why: string) => {
      result.errors++;
      result.lines.push(errorLine(c.id, `冲正后重新计算失败：${why}；账本中保留该记录原结算结果，请核对政策后处理`));
    };
    if (policy === undefined || calculator === undefined) return keep(`结算日期 ${c.date} 没有施行中的版本或计算器`);
    const checked = validateClaim(JSON.parse(c.record) as Record<string, unknown>, claimSchema(policy, calculator.fields), 0);
    if (!checked.ok) return keep(checked.错误);
    let outcome;
    try {
      outcome = (await evaluatorOf(policy)).evaluate(setup.calculator, checked.claim, ledger, { explain: setup.explain });
    } catch (e) {
      return keep(`内部错误（请报告）：${(e as Error).message}`);
    }
    if (!outcome.ok) return keep(outcome.错误);
    // the same line calc writes (cli/calc-loop.ts): 计算过程 without inapplicable items unless asked
    if (outcome.计算过程 !== undefined && setup.showInapplicable !== true) {
      outcome = { ...outcome, 计算过程: applicableSteps(outcome.计算过程) };
    }
    ledger.lastDate = c.date;
    const line = outcomeLine(c.id, calculator.resultField, outcome);
    if (outcome.金额 !== c.amount) result.lines.push(correctionLine(c.id, c.amount, outcome.金额));
    if (line !== c.line || outcome.金额 !== c.amount) {
      store.updateClaim(c.id, outcome.金额, line, versionLabel(policy), digestOf(policy));
    }
  };

  for (const id of new Set(ids)) {
    const settled = store.settledClaim(id);
    if (settled === undefined) {
      result.errors++;
      result.lines.push(errorLine(id, `账本中没有已结算的编号「${id}」，无法冲正`));
      continue;
    }
    store.remove(id, settled.person);
    result.lines.push(`{"编号":${quote(id)},"冲正":true,"原金额":"${formatFen(settled.amount)}"}`);

    // every year of the person from the reversed claim's year on, each from its start
    const later = store.personClaims(settled.person, settled.year);
    const years = new Set<number>([settled.year, ...later.map((c) => c.year)]);
    for (const y of store.personYears(settled.person)) if (y.ledger.year >= settled.year) years.add(y.ledger.year);
    let lifetime = store.yearStart(settled.person, settled.year);
    for (const year of [...years].sort((a, b) => a - b)) {
      const start = { ...lifetime };
      const ledger: PersonLedger = { year, lastDate: "", used: {}, lifetime: { ...start } };
      for (const c of later) if (c.year === year) await recompute(c, ledger);
      store.putYear(settled.person, ledger, start);
      lifetime = ledger.lifetime;
    }
  }
  store.commit();
  return result;
}

/** `差额` = 新金额 − 原金额: 补付 pays the difference, 追回 recovers it. */
export function correctionLine(id: string, before: number, after: number): string {
  const kind = after > before ? "补付" : "追回";
  return (
    `{"编号":${quote(id)},"更正":"${kind}","差额":"${formatFen(after - before)}",` +
    `"原金额":"${formatFen(before)}","新金额":"${formatFen(after)}"}`
  );
}
