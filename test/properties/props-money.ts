/**
 * Money: every amount is a whole number of 分 (a safe integer, so no binary floating error can
 * hide in it), the CLI prints it with exactly two decimals that read back to the same 分, and on
 * a fresh ledger each paying item is exactly what docs/语义.md §5 gives — the base, minus the
 * deductible, times the segment ratios as an exact fraction rounded half-up ONCE to 分, then
 * capped. That last part is a third, tiny implementation of the arithmetic (bigint, no ledger
 * history), so rounding to 角 or deducting twice shows up even without the interpreter.
 */
import fc from "fast-check";
import type { CheckedPolicy, ItemIR } from "../../compiler/ir.js";
import type { Claim, ItemLine } from "../../runtime/types.js";
import { parseAmount } from "../../runtime/claims.js";
import { outcomeLine } from "../../cli/output.js";
import { claimArb } from "./arbitraries.js";
import { calculator, evalValue, itemsOf, paramsRow, type ParamsRow } from "./facts.js";
import { check, evalOn, fail, freshLedger, hit, type PropertyOf } from "./harness.js";

/** §5.4–5.7 on a fresh ledger: nothing consumed yet except by earlier items of this claim. */
function expectedFresh(
  policy: CheckedPolicy,
  items: ItemIR[],
  index: number,
  row: ParamsRow,
  claim: Claim,
  lines: readonly ItemLine[],
  winner: string,
): number | undefined {
  const item = items[index]!;
  let a: number;
  if (row.flat !== null) a = row.flat;
  else {
    const v = evalValue(item.base, claim, lines);
    if (v === undefined) return undefined;
    const b = Math.max(0, v) - Math.min(Math.max(0, v), row.deductible);
    let num = 0n;
    for (const s of row.segments) {
      const part = Math.max(0, Math.min(b, s.to ?? Infinity) - s.from);
      num += BigInt(part) * BigInt(s.bp);
    }
    a = Number((num + 5_000n) / 10_000n); // half-up, numerator ≥ 0
  }
  // 不超过 X (docs/语义.md §5.7): the claim's own bound, after the ratio and before every cap
  if (item.bound !== undefined) {
    const ub = evalValue(item.bound, claim, lines);
    if (ub === undefined) return undefined;
    a = Math.min(a, Math.max(0, ub));
  }
  if (row.perClaimCap !== null) a = Math.min(a, row.perClaimCap);
  if (row.annualCap !== null) a = Math.min(a, row.annualCap);
  for (const g of item.capGroups) {
    const grp = policy.capGroups.find((x) => x.name === g)!;
    const h = policy.identities.find((x) => x.name === winner)!;
    const r = h.treatAs[item.name] ?? h.treatAs[item.calculator] ?? h.treatAs["*"] ?? h.name;
    const cap = grp.byIdentity ? (winner in grp.byIdentity ? grp.byIdentity[winner]! : (grp.byIdentity[r] ?? null)) : grp.annualCap;
    if (cap === null) continue;
    const used = items
      .slice(0, index)
      .filter((i) => i.capGroups.includes(g))
      .reduce((t, i) => t + (lines.find((l) => l.项目 === i.name)?.金额 ?? 0), 0);
    a = Math.min(a, Math.max(0, cap - used));
  }
  return a;
}

const MONEY = /^\d+\.\d{2}$/;

function printed(text: unknown, fen: number, what: string): void {
  check(typeof text === "string" && MONEY.test(text), () => `${what} printed as ${String(text)}`);
  const back = parseAmount(what, text);
  check(back.ok && back.value === fen, () => `${what} ${String(text)} does not read back as ${fen}分`);
}

export const money: PropertyOf = (s) =>
  fc.property(claimArb(s.policy), (g) => {
    const { policy, ev } = s;
    const out = evalOn(ev, g, freshLedger(g));
    if (!out.ok) return;
    const amounts = [
      out.金额,
      ...out.明细.map((l) => l.金额),
      ...out.其他身份.map((o) => o.金额),
      ...(out.预警 ?? []).map((w) => w.年度累计),
    ];
    for (const x of amounts) check(Number.isSafeInteger(x) && x >= 0, () => `amount ${x} is not whole 分`);

    const calc = calculator(policy, g.calculator);
    const json = JSON.parse(outcomeLine(g.claim.编号, calc.resultField, out)) as Record<string, unknown>;
    printed(json[calc.resultField], out.金额, calc.resultField);
    (json["明细"] as { 金额: unknown }[]).forEach((l, i) => printed(l.金额, out.明细[i]!.金额, "明细.金额"));
    (json["其他身份"] as Record<string, unknown>[]).forEach((o, i) =>
      printed(o[calc.resultField], out.其他身份[i]!.金额, "其他身份"),
    );

    const items = itemsOf(policy, calc);
    items.forEach((item, i) => {
      const paid = out.明细.find((l) => l.项目 === item.name)!.金额;
      if (paid === 0) return; // 0 may be "not applicable", which needs the conditions
      const row = paramsRow(policy, item, out.适用身份 ?? fail(`${item.name} pays without 适用身份`));
      if (!row) fail(`${item.name} pays without a row`);
      const want = expectedFresh(policy, items, i, row, g.claim, out.明细, out.适用身份!);
      if (want !== undefined) check(paid === want, () => `${item.name} pays ${paid}, exact §5 amount is ${want}`);
      if (want !== undefined) hit(s);
    });
  });
