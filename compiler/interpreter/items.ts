/**
 * One 救助项目 for one identity (docs/语义.md §5), against that identity's COPY of the ledger.
 * Written as a straight transcription of the spec's numbered steps so a reader can check it line
 * by line; amounts are bigint 分, the segment sum is an exact Rational rounded once.
 */
import type { CheckedPolicy, IdentityIR, ItemIR } from "../ir.js";
import type { Claim, ItemLine, PersonLedger } from "../../runtime/types.js";
import { own } from "../../runtime/trace.js";
import { boundNote } from "../../runtime/bound.js";
import { JzError, evalAmount, evalCond, needing, type Env } from "./conditions.js";
import { ZERO, add, mul, rat, roundHalfUp, type Rational } from "./rational.js";
import { yuan } from "./format.js";
import { openRatioNote } from "../../runtime/trace.js";
import type { Row } from "../../runtime/items.js";
import {
  boundStep,
  capStep,
  capText,
  condFacts,
  conditionLine,
  groupCapText,
  openRatioLine,
  payLine,
  skipLine,
  type FactsEnv,
} from "../../runtime/explain.js";

export interface ItemRun {
  line: ItemLine;
  amount: bigint;
  /** its 计算过程 line (runtime/explain.ts, the text the compiled modules give), made only when asked */
  step: () => string;
  /**
   * The row's 比例 is 未规定 but the item pays at most its base (docs/语义.md §4): the bound, the
   * 说明 the identity taken carries if this one cannot win, and the error if it could.
   */
  open?: { bound: bigint; note: string; error: string };
}

const big = (n: number | null | undefined): bigint => BigInt(n ?? 0);
const maxB = (a: bigint, b: bigint) => (a > b ? a : b);
const minB = (a: bigint, b: bigint) => (a < b ? a : b);

function used(l: PersonLedger, key: string): bigint {
  return big(l.used[key]);
}

/** Adds to a `used` counter; a zero change writes nothing, so "absent" and "0" never differ. */
function bump(l: PersonLedger, key: string, delta: bigint): void {
  if (delta !== 0n) l.used[key] = Number(used(l, key) + delta);
}

export function runItem(
  policy: CheckedPolicy,
  item: ItemIR,
  h: IdentityIR,
  env: Env,
  ledger: PersonLedger,
): ItemRun {
  // 1. Row identity through 参照: item scope, then calculator scope, then "*".
  const r = h.treatAs[item.name] ?? h.treatAs[item.calculator] ?? h.treatAs["*"] ?? h.name;
  const row = item.rows[r];
  const citation = row?.source.citation || item.source.citation;
  const line = (amount: bigint, 说明?: string): ItemLine =>
    说明 === undefined
      ? { 项目: item.name, 金额: Number(amount), 依据: citation }
      : { 项目: item.name, 金额: Number(amount), 依据: citation, 说明 };
  const zero = (说明: string, step = () => skipLine(item.name, 说明, citation)): ItemRun => ({
    line: line(0n, 说明),
    amount: 0n,
    step,
  });

  // 2. Applicability, first failure wins.
  if (item.visitTypes !== null) {
    const v = own(env.claim, "就诊类型") as Claim["就诊类型"];
    if (v === undefined || !item.visitTypes.includes(v))
      return zero(`不适用：本项目适用于 ${item.visitTypes.join("、")}`);
  }
  if (!item.identities.includes(h.name) && !item.identities.includes(r))
    return zero(`不适用：身份「${h.name}」不在本项目对象中`);
  for (const c of item.conditions) {
    const ok = needing(`救助项目「${item.name}」的条件「${c.text}」`, () => evalCond(c.cond, env));
    // Conditions are AND-ed like 且: stop at the first false one (later ones are not needed).
    if (!ok)
      return zero(`不符合条件：${c.text}${c.source.citation ? `（依据 ${c.source.citation}）` : ""}`, () =>
        conditionLine(item.name, c.text, condFacts(c.cond, factsEnv(env)), c.source.citation || citation),
      );
  }
  if (item.oncePerPerson && (ledger.lifetime[`次数:${item.name}`] ?? 0) >= 1)
    return zero("每人一次，已享受");

  // 3. The row.
  if (row === undefined) return zero(`不适用：无「${r}」的待遇`);
  if (row.kind === "unspecified") {
    const error = `未规定：${item.name} · ${r} 的待遇本文件未规定${citation ? `（依据 ${citation}）` : ""}`;
    if (!row.atMostBase) throw new JzError(error);
    // §4: any ratio pays at most the base; whether that matters is decided across identities
    const B = maxB(0n, needing(`救助项目「${item.name}」的基数「${item.baseText}」`, () => evalAmount(item.base, env)));
    const note = openRatioNote(h.name, citation, Number(B));
    return { line: line(0n), amount: 0n, step: () => openRatioLine(item.name, note), open: { bound: B, note, error } };
  }

  let A: bigint;
  let why: string | undefined; // 说明 for a zero or capped line
  // what the 计算过程 line shows (runtime/explain.ts payLine): the numbers this engine computed
  let B = 0n;
  let D = 0n;
  let dUsed = 0n;
  let p0 = 0n;
  let caps: string | undefined;
  if (row.flat !== null) {
    // 6. A flat item pays its amount whenever it applies; base and deductible are not used
    //    (so a 定额 item never needs the base's fields).
    A = big(row.flat);
  } else {
    // 4. Base, clamped at 0.
    const raw = needing(`救助项目「${item.name}」的基数「${item.baseText}」`, () =>
      evalAmount(item.base, env),
    );
    B = maxB(0n, raw);

    // 5. Deductible.
    const d = big(row.deductible);
    const dKey = `起付线:${item.name}`;
    dUsed = item.deductiblePeriod === "次" ? 0n : used(ledger, dKey);
    const left = item.deductiblePeriod === "次" ? d : maxB(0n, d - dUsed);
    D = minB(B, left);
    const B1 = B - D;
    if (item.deductiblePeriod === "年") bump(ledger, dKey, D);

    // 6. Segments over [p0, p1), exact; then one rounding.
    //    分段 起付线前: thresholds are measured on the base before the deductible, so the claim
    //    covers [p0, p0 + B) and the deductible takes its first D: pay on [p0 + D, p0 + B).
    const sKey = `分段:${item.segmentShare ?? item.name}`; // 分段 按年 与 X 共用: X's position
    const beforeD = item.segmentBasis === "起付线前";
    p0 = item.segmentPeriod === "次" ? 0n : used(ledger, sKey);
    const lo = beforeD ? p0 + D : p0;
    const p1 = beforeD ? p0 + B : p0 + B1;
    let sum: Rational = ZERO;
    for (const s of row.segments) {
      const hi = s.to === null ? p1 : minB(p1, big(s.to));
      const part = maxB(0n, hi - maxB(lo, big(s.from)));
      if (part === 0n) continue;
      sum = add(sum, mul(rat(part), rat(s.bp, 10000)));
    }
    if (item.segmentPeriod === "年") bump(ledger, sKey, p1 - p0);
    A = roundHalfUp(sum);
    if (B === 0n) why = "基数为0";
    else if (B1 === 0n) why = `未超过起付线 ${yuan(d)}`;
    else if (A === 0n) why = sum.num === 0n ? "按比例计算为0" : "不足0.5分，舍入为0";
  }
  const before = A;

  // 7. Caps. The binding cap is the last one that lowered A. Every cap counter is charged with the
  //    FINAL amount (what was actually "paid against" it), not the amount before later caps.
  const lower = (cap: bigint, text: string, note: string, usedBefore?: bigint) => {
    const room = maxB(0n, cap);
    if (A > room) {
      A = room;
      why = note;
      // an annual cap says what this person had used of it and what was left (issue 10 §4)
      caps = capStep(caps, text, usedBefore === undefined ? undefined : Number(usedBefore), Number(room));
    }
  };
  // 不超过 X (the item's own bound by the claim's amounts) comes first: caps charge the final amount
  if (item.bound !== undefined) {
    const bound = item.bound;
    const ub = maxB(0n, needing(`救助项目「${item.name}」的「不超过 ${item.boundText}」`, () => evalAmount(bound, env)));
    if (A > ub) {
      A = ub;
      why = boundNote(item.boundText ?? "", Number(ub));
      caps = boundStep(caps, item.boundText ?? "", Number(ub));
    }
  }
  if (row.perClaimCap !== null)
    lower(big(row.perClaimCap), capText("单次", row.perClaimCap), `已达单次限额 ${yuan(row.perClaimCap)}`);
  const aKey = `限额:${item.name}`;
  if (row.annualCap !== null)
    lower(big(row.annualCap) - used(ledger, aKey), capText("年度", row.annualCap), `已达年度限额 ${yuan(row.annualCap)}`, used(ledger, aKey));
  for (const gName of item.capGroups) {
    const g = policy.capGroups.find((x) => x.name === gName);
    if (!g) throw new Error(`interpreter: unknown cap group「${gName}」`);
    // One counter per person per group; the cap is the one of the identity evaluated (its own
    // row of the group's table, else the row of the identity it 参照 here). null = 无.
    const cap = !g.byIdentity ? g.annualCap : Object.hasOwn(g.byIdentity, h.name) ? g.byIdentity[h.name]! : (g.byIdentity[r] ?? null);
    const gUsed = used(ledger, `限额组:${g.name}`);
    if (cap !== null) lower(big(cap) - gUsed, groupCapText(g.name, cap), `已达限额组「${g.name}」年度限额 ${yuan(cap)}`, gUsed);
  }
  if (row.annualCap !== null) bump(ledger, aKey, A);
  for (const gName of item.capGroups) bump(ledger, `限额组:${gName}`, A);

  // 8. 每人一次.
  if (A > 0n && item.oncePerPerson) {
    const k = `次数:${item.name}`;
    ledger.lifetime[k] = (ledger.lifetime[k] ?? 0) + 1;
  }

  const paid = A;
  const facts = {
    name: item.name,
    baseText: item.baseText,
    deductibleYear: item.deductiblePeriod === "年",
    beforeDeductible: item.segmentBasis === "起付线前",
  };
  const shown: Row = {
    起付线: row.deductible,
    分段: row.segments.map((s) => ({ 起: s.from, 止: s.to, 比例: s.bp })),
    定额: row.flat,
    单次限额: row.perClaimCap,
    年度限额: row.annualCap,
    依据: citation,
    行: 0,
  };
  return {
    line: line(A, why),
    amount: A,
    step: () =>
      payLine(facts, h.name, r, shown, Number(B), Number(D), Number(dUsed), Number(p0), Number(before), caps, Number(paid), why, citation),
  };
}

/** What a condition of this item reads, for the 计算过程 line of a condition that is false. */
function factsEnv(env: Env): FactsEnv {
  const items: Record<string, number> = {};
  for (const [k, v] of env.items ?? []) items[k] = Number(v);
  return { record: env.claim, held: env.held, items };
}
