/**
 * Invariants over one person's claims in date order, on one ledger (docs/语义.md §0, §5, §7):
 * item bounds, caps, and the ledger's own consistency. Each is a separate property so that the
 * fault matrix (faults.test.ts) shows which one catches what.
 */
import fc from "fast-check";
import { groupCapFor, type CheckedPolicy } from "../../compiler/ir.js";
import { newLedger, type Outcome, type PersonLedger } from "../../runtime/types.js";
import { personArb, type GenClaim, type PersonOptions } from "./arbitraries.js";
import { baseRoot, calculator, evalValue, itemsOf, paramsRow } from "./facts.js";
import { check, clone, evalOn, fail, hit, yearOf, type Ok, type PropertyOf, type Subject } from "./harness.js";

interface Step {
  g: GenClaim;
  out: Outcome;
  before: PersonLedger;
  after: PersonLedger;
}

/** Runs a person's claims on one ledger, handing the steps to `visit` (true: it checked something). */
function sequenceProperty(opts: PersonOptions, visit: (s: Subject, steps: Step[]) => boolean): PropertyOf {
  return (s) =>
    fc.property(personArb(s.policy, opts), (claims) => {
      const ledger = newLedger(yearOf(claims[0]!.claim.结算日期));
      const steps: Step[] = [];
      for (const g of claims) {
        const before = clone(ledger);
        const out = evalOn(s.ev, g, ledger);
        steps.push({ g, out, before, after: clone(ledger) });
      }
      if (visit(s, steps)) hit(s);
    });
}

const linesOf = (policy: CheckedPolicy, g: GenClaim, out: Ok) =>
  itemsOf(policy, calculator(policy, g.calculator)).map((item) => ({
    item,
    amount: out.明细.find((l) => l.项目 === item.name)?.金额 ?? fail(`明细 lacks item ${item.name}`),
  }));

/**
 * Bounds: 0 ≤ item ≤ its own base (flat items ≤ their 定额), Σ明细 = 金额, and the items whose
 * base is rooted in 个人负担 (个人负担, 个人负担 − earlier items) together pay at most 个人负担.
 * Items on another base (阳泉 重特大 on 限额内费用, 资助 on 个人缴费) and flat items (阳泉 大病关怀)
 * are bounded by their own base or amount only. Identities are fixed per person here; see
 * boundsChangingIdentities for people whose identities change.
 */
const boundsOver = (opts: PersonOptions): PropertyOf =>
  sequenceProperty(opts, ({ policy }, steps) => {
    for (const { g, out } of steps) {
      if (!out.ok) continue;
      const lines = linesOf(policy, g, out);
      const sum = lines.reduce((t, l) => t + l.amount, 0);
      check(sum === out.金额, () => `Σ明细 ${sum} ≠ 金额 ${out.金额}`);
      let rooted = 0;
      for (const { item, amount } of lines) {
        check(Number.isSafeInteger(amount) && amount >= 0, () => `${item.name} = ${amount}`);
        if (amount === 0) continue;
        const row = out.适用身份 ? paramsRow(policy, item, out.适用身份) : undefined;
        if (!row) fail(`${item.name} pays ${amount} without a row for 适用身份 ${out.适用身份}`);
        if (row.flat !== null) {
          check(amount <= row.flat, () => `${item.name} ${amount} > 定额 ${row.flat}`);
          continue;
        }
        const base = evalValue(item.base, g.claim, out.明细);
        if (base !== undefined) check(amount <= Math.max(0, base), () => `${item.name} ${amount} > 基数 ${base}`);
        if (baseRoot(item.base) === "个人负担") rooted += amount;
      }
      const burden = g.claim.个人负担;
      if (burden !== undefined) check(rooted <= burden, () => `个人负担 items pay ${rooted} > 个人负担 ${burden}`);
    }
    return steps.some(({ out }) => out.ok && out.金额 > 0);
  });

export const bounds = boundsOver({ maxLength: 5, fixedIdentities: true });

/**
 * The same bounds while the person's identities change within a year (低收入救助对象 in March,
 * 低保对象 in June). Item-level bounds are engine laws and hold; the 个人负担 bound is a property of
 * the policy: it caught 威海经济技术开发区 paying the same 元 twice when two items kept separate
 * 按年 segment positions (fixed in the policy; see test/properties/README.md).
 */
export const boundsChangingIdentities = boundsOver({ maxLength: 6, oneYear: true });

/**
 * Caps: each item ≤ the winner row's 单次限额; per year, what an item paid under rows with an
 * annual cap stays ≤ the cap of the row that just paid (§5.7: room = cap − used, and used is
 * charged with what capped rows paid); each cap group's year total ≤ its cap; a 每人一次 item pays
 * at most once per person. Rows differ by identity, hence the winner's row each time.
 */
export const caps: PropertyOf = sequenceProperty({ maxLength: 8 }, ({ policy }, steps) => {
  let year = 0;
  let capped = new Map<string, number>();
  let grouped = new Map<string, number>();
  const once = new Map<string, number>();
  let reached = false;
  for (const { g, out } of steps) {
    if (!out.ok) continue;
    if (yearOf(g.claim.结算日期) !== year) {
      year = yearOf(g.claim.结算日期);
      capped = new Map();
      grouped = new Map();
    }
    for (const { item, amount } of linesOf(policy, g, out)) {
      if (amount === 0) continue;
      const row = paramsRow(policy, item, out.适用身份!)!;
      if (row.perClaimCap !== null)
        check(amount <= row.perClaimCap, () => `${item.name} ${amount} > 单次限额 ${row.perClaimCap}`);
      if (row.annualCap !== null) {
        const total = (capped.get(item.name) ?? 0) + amount;
        capped.set(item.name, total);
        check(total <= row.annualCap, () => `${item.name} year total ${total} > 年度限额 ${row.annualCap}`);
        reached ||= total === row.annualCap;
      }
      for (const name of item.capGroups) {
        // a per-identity group (| 身份 | 年度限额 |): the identity that just paid had room
        // cap(h) − used, so the total is within ITS cap (§5.7); 无 (null) bounds nothing
        const h = policy.identities.find((x) => x.name === out.适用身份)!;
        const r = h.treatAs[item.name] ?? h.treatAs[item.calculator] ?? h.treatAs["*"] ?? h.name;
        const cap = groupCapFor(policy.capGroups.find((x) => x.name === name)!, h.name, r);
        const total = (grouped.get(name) ?? 0) + amount;
        grouped.set(name, total);
        if (cap === null) continue;
        check(total <= cap, () => `限额组 ${name} year total ${total} > ${cap}`);
        reached ||= total === cap;
      }
      if (item.oncePerPerson) {
        once.set(item.name, (once.get(item.name) ?? 0) + 1);
        check(once.get(item.name)! <= 1, () => `${item.name} 每人一次 paid twice`);
      }
    }
  }
  return reached;
});

/**
 * The ledger: never negative, always safe integers; an error leaves it untouched; a success sets
 * year and lastDate; and the cap counters hold exactly what was paid this year (限额:<item> for
 * payments under capped rows, 限额组:<group> for its members) and 次数 counts 每人一次 payments.
 */
export const ledger: PropertyOf = sequenceProperty({ maxLength: 8 }, ({ policy }, steps) => {
  const expectUsed = new Map<string, number>();
  const expectLife = new Map<string, number>();
  let year = 0;
  let charged = false;
  for (const { g, out, before, after } of steps) {
    for (const [k, v] of [...Object.entries(after.used), ...Object.entries(after.lifetime)])
      check(Number.isSafeInteger(v) && v >= 0, () => `ledger ${k} = ${v}`);
    if (!out.ok) {
      check(JSON.stringify(before) === JSON.stringify(after), () => `an error changed the ledger`);
      continue;
    }
    const y = yearOf(g.claim.结算日期);
    check(after.year === y && after.lastDate === g.claim.结算日期, () => `ledger year/lastDate not set`);
    if (y !== year) {
      year = y;
      expectUsed.clear();
    }
    for (const { item, amount } of linesOf(policy, g, out)) {
      if (amount === 0) continue;
      const row = paramsRow(policy, item, out.适用身份!)!;
      const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + amount);
      if (row.annualCap !== null) add(expectUsed, `限额:${item.name}`);
      for (const grp of item.capGroups) add(expectUsed, `限额组:${grp}`);
      if (item.oncePerPerson) expectLife.set(`次数:${item.name}`, (expectLife.get(`次数:${item.name}`) ?? 0) + 1);
    }
    for (const [k, v] of expectUsed)
      check((after.used[k] ?? 0) === v, () => `ledger ${k} = ${after.used[k]}, paid ${v}`);
    for (const [k, v] of expectLife)
      check((after.lifetime[k] ?? 0) === v, () => `ledger ${k} = ${after.lifetime[k]}, paid ${v} times`);
    charged ||= expectUsed.size > 0 || expectLife.size > 0;
  }
  return charged;
});
