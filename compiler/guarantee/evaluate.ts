/**
 * One 保证 over one claim (docs/语言.md「保证」). A result field (救助金额, 资助金额 …) is the total
 * the claim gets from the calculator with that result; `X 的 救助金额` is the total the same claim
 * gets when the person holds identity X alone. Each of these is evaluated on a fresh ledger (the
 * claim is the person's first of the year). Other names are the claim's own fields. If any
 * evaluation the condition needs is an error (未规定 …) the claim pays nothing and is skipped.
 * Amounts compare exactly in integer 分.
 */
import { valueOperands, type CalculatorIR, type CheckedPolicy, type CondIR, type GuaranteeIR, type ValueIR } from "../ir.js";
import { evalCond } from "../interpreter/conditions.js";
import { yuan } from "../../runtime/money.js";
import { newLedger, type Claim, type Evaluator, type Outcome } from "../../runtime/types.js";

/** One evaluation the condition reads: the claim's own identities, or one identity alone. */
export interface Run {
  calculator: CalculatorIR;
  /** undefined = the identities the claim holds */
  identity?: string;
  outcome: Outcome;
}

export interface Comparison {
  /** the comparison as written: 救助金额 <= 个人负担 */
  text: string;
  left: string;
  right: string;
  holds: boolean;
}

export type Verdict =
  | { kind: "skipped"; reason: string }
  | { kind: "checked"; holds: boolean; comparisons: Comparison[]; runs: Run[] };

type Val = number | string; // 分, or an ISO date

const key = (calculator: string, identity?: string) => `${calculator}\u0000${identity ?? ""}`;

/** calculator by result field (救助金额 → 医疗救助). */
function resultCalculators(policy: CheckedPolicy): Map<string, CalculatorIR> {
  return new Map(policy.calculators.map((c) => [c.resultField, c]));
}

/** The evaluations a condition reads, in order of appearance. */
export function runsNeeded(policy: CheckedPolicy, cond: CondIR): { calculator: CalculatorIR; identity?: string }[] {
  const results = resultCalculators(policy);
  const out = new Map<string, { calculator: CalculatorIR; identity?: string }>();
  const value = (v: ValueIR): void => {
    const c = v.kind === "field" || v.kind === "resultOf" ? results.get(v.kind === "field" ? v.name : v.field) : undefined;
    if (c) {
      const identity = v.kind === "resultOf" ? v.identity : undefined;
      out.set(key(c.name, identity), { calculator: c, identity });
    } else valueOperands(v).forEach(value);
  };
  const walk = (c: CondIR): void => {
    if (c.kind === "and" || c.kind === "or") (walk(c.left), walk(c.right));
    else if (c.kind === "not") walk(c.operand);
    else if (c.kind === "compare") (value(c.left), value(c.right));
  };
  walk(cond);
  return [...out.values()];
}

/** The calculators a 保证 speaks of; a condition naming none is checked on the main one. */
export function calculatorsOf(policy: CheckedPolicy, g: GuaranteeIR): CalculatorIR[] {
  const named = [...new Map(runsNeeded(policy, g.cond).map((r) => [r.calculator.name, r.calculator])).values()];
  return named.length > 0 ? named : policy.calculators.slice(0, 1);
}

export function valueText(v: ValueIR): string {
  switch (v.kind) {
    case "field":
    case "item":
    case "yearTotal":
      return v.name;
    case "const":
      return yuan(v.fen);
    case "add":
    case "sub": {
      const right = v.right.kind === "add" || v.right.kind === "sub" ? `（${valueText(v.right)}）` : valueText(v.right);
      return `${valueText(v.left)} ${v.kind === "add" ? "+" : "−"} ${right}`;
    }
    case "date":
      return v.field;
    case "dateConst":
      return v.iso;
    case "resultOf":
      return `${v.identity} 的 ${v.field}`;
    case "min":
      return `较小值（${v.args.map(valueText).join("，")}）`;
  }
}

function show(v: Val): string {
  return typeof v === "number" ? yuan(v) : v;
}

function compare(op: string, l: Val, r: Val): boolean {
  const c = l < r ? -1 : l > r ? 1 : 0;
  return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : op === ">=" ? c >= 0 : op === "=" ? c === 0 : c !== 0;
}

class Skip extends Error {}

export function evaluateGuarantee(
  policy: CheckedPolicy,
  evaluator: Evaluator,
  g: GuaranteeIR,
  claim: Claim,
  explain = false,
): Verdict {
  const year = Number(claim.结算日期.slice(0, 4));
  const runs: Run[] = [];
  const totals = new Map<string, number>();
  for (const need of runsNeeded(policy, g.cond)) {
    const c = need.identity === undefined ? claim : { ...claim, 身份: [need.identity] };
    const outcome = evaluator.evaluate(need.calculator.name, c, newLedger(year), { explain });
    if (!outcome.ok) return { kind: "skipped", reason: outcome.错误 };
    runs.push({ ...need, outcome });
    totals.set(key(need.calculator.name, need.identity), outcome.金额);
  }
  const results = resultCalculators(policy);
  const comparisons: Comparison[] = [];

  const value = (v: ValueIR): Val => {
    switch (v.kind) {
      case "resultOf":
        return totals.get(key(results.get(v.field)!.name, v.identity))!; // the checker knows the field
      case "field": {
        const c = results.get(v.name);
        if (c) return totals.get(key(c.name))!;
        const raw = claim[v.name];
        if (typeof raw === "number" || typeof raw === "string") return raw;
        throw new Skip(`记录没有「${v.name}」`);
      }
      case "date": {
        const raw = claim[v.field];
        if (typeof raw === "string") return raw;
        throw new Skip(`记录没有「${v.field}」`);
      }
      case "const":
        return v.fen;
      case "dateConst":
        return v.iso;
      case "add":
      case "sub": {
        const l = value(v.left) as number;
        const r = value(v.right) as number;
        return v.kind === "add" ? l + r : l - r;
      }
      case "min":
        return Math.min(...v.args.map((a) => value(a) as number));
      case "item":
      case "yearTotal":
        throw new Error(`「${valueText(v)}」不能用于保证`); // the checker rejects these
    }
  };

  const cond = (c: CondIR): boolean => {
    switch (c.kind) {
      case "and":
        return cond(c.left) && cond(c.right);
      case "or":
        return cond(c.left) || cond(c.right);
      case "not":
        return !cond(c.operand);
      case "compare": {
        const l = value(c.left);
        const r = value(c.right);
        const holds = compare(c.op, l, r);
        comparisons.push({ text: `${valueText(c.left)} ${c.op} ${valueText(c.right)}`, left: show(l), right: show(r), holds });
        return holds;
      }
      default:
        // tests of the record itself (参保, 就诊类型 属于 住院, 身份 属于 …): the reference semantics
        try {
          return evalCond(c, { claim, held: claim.身份 });
        } catch (e) {
          throw new Skip(e instanceof Error ? e.message : String(e));
        }
    }
  };

  try {
    return { kind: "checked", holds: cond(g.cond), comparisons, runs };
  } catch (e) {
    if (e instanceof Skip) return { kind: "skipped", reason: e.message };
    throw e;
  }
}
