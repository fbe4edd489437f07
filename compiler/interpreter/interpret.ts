/**
 * One claim against one calculator (docs/语义.md §0–§7): year rollover, identities held,
 * exclusions, 就高不重复 over per-identity ledger copies, 预警, output. All work happens on copies
 * of the ledger; the caller's ledger is overwritten only when the claim succeeds.
 */
import { MAIN_CALCULATOR, type CheckedPolicy, type IdentityIR, type ItemIR } from "../ir.js";
import type {
  Claim,
  EvaluateOptions,
  IdentityOutcome,
  ItemLine,
  Outcome,
  PersonLedger,
  WarningLine,
} from "../../runtime/types.js";
import { checkClaimInput, MAX_SAFE_FEN, TOO_LARGE_MESSAGE } from "../../runtime/input-check.js";
import { own, RecordError } from "../../runtime/trace.js";
import { JzError, amount, evalCond, needing, type Env } from "./conditions.js";
import { runItem } from "./items.js";
import { cite } from "./format.js";
import {
  condFacts,
  droppedLine,
  exclusionLine,
  heldLine,
  highestLine,
  identityLine,
  identityTotalLine,
  noIdentityLine,
  warningLine,
  warningSkippedLine,
} from "../../runtime/explain.js";

function copyLedger(l: PersonLedger): PersonLedger {
  return { year: l.year, lastDate: l.lastDate, used: { ...l.used }, lifetime: { ...l.lifetime } };
}

interface IdentityRun {
  identity: IdentityIR;
  total: bigint;
  lines: ItemLine[];
  ledger: PersonLedger;
  /** items whose 比例 is 未规定 but bounded by the base (§4) */
  open: { item: string; bound: bigint; note: string; error: string }[];
}

export function evaluate(
  policy: CheckedPolicy,
  calculator: string,
  claim: Claim,
  ledger: PersonLedger,
  options: EvaluateOptions = {},
): Outcome {
  try {
    return run(policy, calculator, claim, ledger, options);
  } catch (e) {
    if (e instanceof JzError) return { ok: false, 错误: e.message };
    throw e; // an interpreter bug, not a record error: let tests see it
  }
}

function run(
  policy: CheckedPolicy,
  calculator: string,
  claim: Claim,
  ledger: PersonLedger,
  options: EvaluateOptions,
): Outcome {
  if (policy.meta.isBase)
    throw new JzError(`未规定：${policy.meta.name} 是基础政策，须由引用它的政策计算`);
  const calc = policy.calculators.find((c) => c.name === calculator);
  if (!calc) throw new JzError(`未知计算器「${calculator}」`);
  inputCheck(policy, claim, ledger);
  const items: ItemIR[] = calc.items.map((name) => {
    const it = policy.items.find((i) => i.name === name);
    if (!it) throw new Error(`interpreter: calculator lists unknown item「${name}」`);
    return it;
  });
  // 计算过程 (runtime/explain.ts: the compiled modules' text); lines are made only when asked
  const steps: string[] = [];
  const explain = options.explain === true;

  // §0 Year rollover: `used` is per calendar year, `lifetime` is kept.
  const start = copyLedger(ledger);
  const year = Number(claim.结算日期.slice(0, 4));
  if (start.year !== year) {
    start.year = year;
    start.used = {};
  }

  // §1 Identities held, in declaration order; a false identity condition drops it. Identity
  // conditions see the record's own identities (before any are dropped).
  const claimed = new Set(claim.身份.map((n) => policy.identityNames[n] ?? n));
  const declared = policy.identities.filter((i) => claimed.has(i.name));
  const recordEnv: Env = { claim, held: declared.map((i) => i.name) };
  const held: IdentityIR[] = [];
  for (const id of declared) {
    const cond = id.condition;
    const where = `身份「${id.name}」的条件${cite(id.source.citation)}`;
    if (cond && !needing(where, () => evalCond(cond, recordEnv))) {
      if (explain) steps.push(droppedLine(id.name, condFacts(cond, { record: claim, held: recordEnv.held }), id.source.citation));
      continue;
    }
    held.push(id);
    if (explain) steps.push(heldLine(id.name, id.source.citation));
  }
  const env: Env = { claim, held: held.map((h) => h.name) };

  // §2 Exclusions of this calculator, first true one wins.
  const tested = policy.exclusions.filter((e) => e.calculator === calc.name);
  const exclusion = tested.find((e) => needing(`不予救助「${e.text}」`, () => evalCond(e.when, env)));
  // every exclusion tested, up to the first that holds, with the values it was decided on
  if (explain)
    for (const e of tested) {
      steps.push(exclusionLine(e.text, condFacts(e.when, { record: claim, held: env.held }), e === exclusion, e.source.citation));
      if (e === exclusion) break;
    }

  let lines: ItemLine[];
  let final: PersonLedger;
  let winner: IdentityRun | undefined;
  const others: IdentityOutcome[] = [];
  if (exclusion) {
    lines = items.map((i) => ({
      项目: i.name,
      金额: 0,
      依据: exclusion.source.citation,
      说明: `不予救助：${exclusion.text}`,
    }));
    final = start;
  } else if (held.length === 0) {
    // §3
    const 说明 = "未持有本政策所列救助对象身份";
    lines = items.map((i) => ({ 项目: i.name, 金额: 0, 依据: i.source.citation, 说明 }));
    final = start;
    if (explain) steps.push(noIdentityLine(calc.source.citation));
  } else {
    // §4 Every held identity on its own ledger copy; any 未规定 identity makes the record an error.
    const runs: IdentityRun[] = [];
    for (const h of held) {
      if (h.unspecified)
        throw new JzError(`未规定：身份「${h.name}」的救助待遇本文件未规定${cite(h.source.citation)}`);
      const copy = copyLedger(start);
      const results = new Map<string, bigint>();
      const hEnv: Env = { ...env, items: results };
      const hLines: ItemLine[] = [];
      let total = 0n;
      const open: IdentityRun["open"] = [];
      if (explain) steps.push(identityLine(h.name));
      for (const item of items) {
        const r = runItem(policy, item, h, hEnv, copy);
        results.set(item.name, r.amount);
        hLines.push(r.line);
        total += r.amount;
        if (r.open) open.push({ item: item.name, ...r.open });
        if (explain) steps.push(r.step());
      }
      if (explain) steps.push(identityTotalLine(calc.resultField, Number(total)));
      runs.push({ identity: h, total, lines: hLines, ledger: copy, open });
    }
    // Largest total among identities whose amount is known; strict > keeps the earliest declared
    // on ties. An identity with an open 比例 (§4) can pay at most its known total plus the bases of
    // its open items: if that could exceed the winner, the record stays 未规定.
    const known = runs.filter((r) => r.open.length === 0);
    const opened = runs.filter((r) => r.open.length > 0);
    const best = known.length > 0 ? known.reduce((b, r) => (r.total > b.total ? r : b)) : undefined;
    for (const r of opened)
      if (best === undefined || r.total + r.open.reduce((s, o) => s + o.bound, 0n) > best.total)
        throw new JzError(opened[0]!.open[0]!.error);
    winner = best!;
    for (const r of known)
      if (r !== winner) others.push({ 身份: r.identity.name, 金额: Number(r.total) });
    if (opened.length > 0) {
      // the first open identity (declaration order) that reached each item explains it
      winner = { ...winner, lines: winner.lines.map((l) => {
        const o = opened.flatMap((r) => r.open).find((x) => x.item === l.项目);
        return o === undefined ? l : { ...l, 说明: l.说明 === undefined ? o.note : `${l.说明}；${o.note}` };
      }) };
    }
    lines = winner.lines;
    final = winner.ledger;
    if (explain && runs.length > 1)
      steps.push(highestLine(winner.identity.name, Number(winner.total), others, policy.multiIdentity.citation));
  }

  // §6 预警: main calculator only, counted whatever the eligibility. A claim of a counted visit
  // type that lacks the counted field skips the 预警 (not counted, not tested): never an error.
  const warnings: WarningLine[] = [];
  const skipped: string[] = [];
  if (calc.name === MAIN_CALCULATOR) {
    for (const w of policy.warnings) {
      const key = `累计:${w.name}`;
      const v = own(claim, "就诊类型") as Claim["就诊类型"];
      const counts = v !== undefined && w.countVisitTypes.includes(v);
      const given = own(claim, w.countField);
      if (counts && (given === undefined || given === null)) {
        skipped.push(w.name);
        if (explain) steps.push(warningSkippedLine(w.name, w.countField, w.source.citation));
        continue;
      }
      if (counts) {
        const counted = amount(env, w.countField);
        if (counted !== 0n) final.used[key] = Number(BigInt(final.used[key] ?? 0) + counted);
      }
      const yearTotal = BigInt(final.used[key] ?? 0);
      const hit = needing(`预警「${w.name}」的条件`, () => evalCond(w.when, { ...env, yearTotal }));
      if (hit) warnings.push({ 名称: w.name, 统计字段: w.countField, 年度累计: Number(yearTotal), 依据: w.source.citation });
      if (explain) steps.push(warningLine(w.name, w.countField, Number(yearTotal), hit, w.source.citation));
    }
  }

  // Past 2^53 分 a total is no longer exact in the compiled modules' doubles: both engines refuse.
  const sum = lines.reduce((t, l) => t + BigInt(l.金额), 0n);
  const entries = [...Object.values(final.used), ...Object.values(final.lifetime)];
  if (sum > BigInt(MAX_SAFE_FEN) || entries.some((v) => !(v <= MAX_SAFE_FEN))) throw new JzError(TOO_LARGE_MESSAGE);

  // Commit (only reached on success).
  final.lastDate = claim.结算日期;
  ledger.year = final.year;
  ledger.lastDate = final.lastDate;
  ledger.used = final.used;
  ledger.lifetime = final.lifetime;

  const total = lines.reduce((s, l) => s + l.金额, 0);
  const out: Outcome = { ok: true, 金额: total, 明细: lines, 其他身份: others };
  if (winner) out.适用身份 = winner.identity.name;
  if (warnings.length > 0) out.预警 = warnings;
  if (skipped.length > 0) out.预警跳过 = skipped;
  if (explain) out.计算过程 = steps;
  return out;
}

/** runtime/input-check.ts, the same check as the compiled modules make; its RecordError → JzError. */
function inputCheck(policy: CheckedPolicy, claim: Claim, ledger: PersonLedger): void {
  const typed = (kind: string) => policy.fields.filter((f) => f.type.kind === kind).map((f) => f.name);
  try {
    checkClaimInput(claim, ledger, { amounts: typed("金额"), ratios: typed("比例"), dates: typed("日期") });
  } catch (e) {
    if (e instanceof RecordError) throw new JzError(e.message);
    throw e;
  }
}
