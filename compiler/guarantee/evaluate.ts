/**
 * One 保证 over one person's claims (docs/语言.md「保证」). A result field (救助金额, 资助金额 …) is
 * the total the claim gets from the calculator with that result; an item name (基本救助) is that
 * item's line of it; `X 的 救助金额` is what the same claim gets when the person holds identity X
 * alone. `全年 V` is V summed over the person's claims of the year up to and including this one.
 * Other names are the claim's own fields. Amounts compare exactly in integer 分.
 *
 * A claim-scope 保证 is checked on one claim on a fresh ledger; a year-scope one (it uses 全年) on
 * a sequence of one person's claims of one year, dates in order, after each claim. Each evaluation
 * the condition needs (calculator × held identities or X alone) keeps its own ledger across the
 * sequence, as `jiuzhu calc` keeps one per person. A claim for which any of them is an error
 * (未规定 …), or whose condition reads a field the record lacks, pays nothing: it is skipped and
 * counts in no 全年 sum, as calc rejects it without touching the ledger.
 */
import { valueOperands, type CalculatorIR, type CheckedPolicy, type CondIR, type GuaranteeIR, type ValueIR } from "../ir.js";
import { evalCond } from "../interpreter/conditions.js";
import { yuan } from "../../runtime/money.js";
import { newLedger, type Claim, type Evaluator, type Outcome, type PersonLedger } from "../../runtime/types.js";

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

/** One claim of a sequence: skipped (with why), or evaluated and the condition tested after it. */
export type Step = { claim: Claim } & ({ kind: "skipped"; reason: string } | { kind: "checked"; holds: boolean; comparisons: Comparison[]; runs: Run[] });

/** A sequence: the steps up to the first one after which the condition fails (or all of them). */
export interface YearVerdict {
  /** false when some step fails; true when every checked step holds */
  holds: boolean;
  /** steps that were not skipped */
  checked: number;
  steps: Step[];
}

type Val = number | string; // 分, or an ISO date
type Need = { calculator: CalculatorIR; identity?: string };

const key = (calculator: string, identity?: string) => `${calculator}\u0000${identity ?? ""}`;

/** The calculator a name inside 保证 belongs to: a result field's, or an item's. */
function calculatorOfName(policy: CheckedPolicy, name: string): CalculatorIR | undefined {
  const byResult = policy.calculators.find((c) => c.resultField === name);
  if (byResult) return byResult;
  const item = policy.items.find((i) => i.name === name);
  return item ? policy.calculators.find((c) => c.name === item.calculator) : undefined;
}

/** The evaluations a condition reads, in order of appearance (inside 全年 too). */
export function runsNeeded(policy: CheckedPolicy, cond: CondIR): Need[] {
  const out = new Map<string, Need>();
  const value = (v: ValueIR): void => {
    if (v.kind === "field" || v.kind === "item" || v.kind === "resultOf") {
      const c = calculatorOfName(policy, v.kind === "resultOf" ? v.field : v.name);
      if (!c) return;
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
    case "yearSum":
      return `全年 ${valueText(v.of)}`;
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

type YearSum = Extract<ValueIR, { kind: "yearSum" }>;

/** The `全年` nodes of a condition, each summed separately. */
function yearSums(cond: CondIR): YearSum[] {
  const out: YearSum[] = [];
  const value = (v: ValueIR): void => {
    if (v.kind === "yearSum") out.push(v);
    else valueOperands(v).forEach(value); // 全年 inside 较小值(…) too
  };
  const walk = (c: CondIR): void => {
    if (c.kind === "and" || c.kind === "or") (walk(c.left), walk(c.right));
    else if (c.kind === "not") walk(c.operand);
    else if (c.kind === "compare") (value(c.left), value(c.right));
  };
  walk(cond);
  return out;
}

/** Values of one claim given its outcomes (by run key) and the year sums so far. */
function valueOf(policy: CheckedPolicy, claim: Claim, outcomes: Map<string, Outcome & { ok: true }>, sums: Map<ValueIR, number>) {
  const resultOrLine = (calcName: string, name: string, identity?: string): number => {
    const c = calculatorOfName(policy, calcName)!; // the checker knows the name
    const o = outcomes.get(key(c.name, identity))!;
    if (c.resultField === name) return o.金额;
    return o.明细.find((l) => l.项目 === name)?.金额 ?? 0;
  };
  const value = (v: ValueIR): Val => {
    switch (v.kind) {
      case "resultOf":
        return resultOrLine(v.field, v.field, v.identity);
      case "item":
        return resultOrLine(v.name, v.name);
      case "field": {
        if (calculatorOfName(policy, v.name)) return resultOrLine(v.name, v.name);
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
      case "yearSum":
        return sums.get(v) ?? 0;
      case "yearTotal":
        throw new Error(`「${valueText(v)}」不能用于保证`); // the checker rejects it
    }
  };
  return value;
}

function testCond(c: CondIR, claim: Claim, value: (v: ValueIR) => Val, comparisons: Comparison[]): boolean {
  switch (c.kind) {
    case "and":
      return testCond(c.left, claim, value, comparisons) && testCond(c.right, claim, value, comparisons);
    case "or":
      return testCond(c.left, claim, value, comparisons) || testCond(c.right, claim, value, comparisons);
    case "not":
      return !testCond(c.operand, claim, value, comparisons);
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
}

function cloneLedger(l: PersonLedger): PersonLedger {
  return { year: l.year, lastDate: l.lastDate, used: { ...l.used }, lifetime: { ...l.lifetime } };
}

/**
 * The condition after each claim of `claims` (one person, one year, dates in order), stopping at
 * the first claim after which it fails. A claim-scope 保证 is this on a sequence of one claim.
 */
export function evaluateSequence(
  policy: CheckedPolicy,
  evaluator: Evaluator,
  g: GuaranteeIR,
  claims: readonly Claim[],
  explain = false,
): YearVerdict {
  const needs = runsNeeded(policy, g.cond);
  const sumNodes = yearSums(g.cond);
  const year = claims.length > 0 ? Number(claims[0]!.结算日期.slice(0, 4)) : 0;
  const ledgers = new Map(needs.map((n) => [key(n.calculator.name, n.identity), newLedger(year)]));
  let sums = new Map<ValueIR, number>();
  const steps: Step[] = [];
  let checked = 0;

  for (const claim of claims) {
    const trial = new Map<string, PersonLedger>();
    const outcomes = new Map<string, Outcome & { ok: true }>();
    const runs: Run[] = [];
    let error: string | undefined;
    for (const need of needs) {
      const k = key(need.calculator.name, need.identity);
      const ledger = cloneLedger(ledgers.get(k)!);
      const c = need.identity === undefined ? claim : { ...claim, 身份: [need.identity] };
      const outcome = evaluator.evaluate(need.calculator.name, c, ledger, { explain });
      if (!outcome.ok) {
        error = outcome.错误;
        break;
      }
      ledger.lastDate = claim.结算日期;
      trial.set(k, ledger);
      outcomes.set(k, outcome);
      runs.push({ ...need, outcome });
    }
    if (error !== undefined) {
      steps.push({ claim, kind: "skipped", reason: error });
      continue;
    }
    const comparisons: Comparison[] = [];
    let holds: boolean;
    let next: Map<ValueIR, number>;
    try {
      const own = valueOf(policy, claim, outcomes, new Map());
      next = new Map(sumNodes.map((n) => [n, (sums.get(n) ?? 0) + (own(n.of) as number)]));
      holds = testCond(g.cond, claim, valueOf(policy, claim, outcomes, next), comparisons);
    } catch (e) {
      if (!(e instanceof Skip)) throw e;
      steps.push({ claim, kind: "skipped", reason: e.message });
      continue;
    }
    // the claim counts: its ledgers and sums become the person's
    for (const [k, l] of trial) ledgers.set(k, l);
    sums = next;
    checked++;
    steps.push({ claim, kind: "checked", holds, comparisons, runs });
    if (!holds) return { holds: false, checked, steps };
  }
  return { holds: true, checked, steps };
}

/** A claim-scope 保证 on one claim (the person's first of the year). */
export function evaluateGuarantee(
  policy: CheckedPolicy,
  evaluator: Evaluator,
  g: GuaranteeIR,
  claim: Claim,
  explain = false,
): Verdict {
  const step = evaluateSequence(policy, evaluator, g, [claim], explain).steps[0]!;
  const { claim: _claim, ...verdict } = step;
  return verdict;
}
