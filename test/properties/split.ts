/**
 * Which items pay the same for one claim of a+b as for claims a and b of the same year
 * (docs/语义.md §5). Splitting is exact only where every rule is yearly and linear:
 *   - 起付线 按次 > 0: each claim deducts again (none in the current policies);
 *   - 分段 按次 with several segments: each claim restarts at the first segment (none now);
 *   - 单次限额: binds per claim (none now);
 *   - 不超过 X (阳泉 重特大疾病): the claim's own bound, per claim like 单次限额;
 *   - 定额 and 每人一次 (阳泉 大病关怀): a fixed amount per claim or per life, not per 元;
 *   - a constant in the base, or conditions on amounts / on 结算日期: the parts differ in them;
 *   - a base that goes below 0 before the max(0, ·) (阳泉 住院救助 = 个人负担 − 重特大疾病医疗救助
 *     when 20% of 限额内费用 exceeds 个人负担): clamping is not additive — checked per claim;
 *   - several identities: 就高不重复 takes the max per claim, and a max of sums is not a sum of
 *     maxes — so the property uses one identity.
 * Static rules come from the IR here; the claim-dependent ones are checked on the outcomes.
 */
import type { CalculatorIR, CheckedPolicy, CondIR, ItemIR } from "../../compiler/ir.js";
import type { Claim } from "../../runtime/types.js";
import { evalValue, itemsOf, paramsRow, readsAmounts, subConds, valueRefs, type ParamsRow } from "./facts.js";
import type { Ok } from "./harness.js";

const readsDate = (c: CondIR) =>
  (c.kind === "within" && (c.subject === "结算日期" || c.reference === "结算日期")) ||
  (c.kind === "compare" && [c.left, c.right].some((v) => v.kind === "date" && v.field === "结算日期"));

function hasConst(v: ItemIR["base"]): boolean {
  if (v.kind === "const") return v.fen !== 0;
  if (v.kind === "add" || v.kind === "sub") return hasConst(v.left) || hasConst(v.right);
  return false;
}

/** The claim-independent part: is this item, under this row, additive over claims of a year? */
export function staticallySplittable(policy: CheckedPolicy, calc: CalculatorIR, item: ItemIR, row: ParamsRow): boolean {
  const constantRatio = row.segments.length === 1 && row.segments[0]!.from === 0 && row.segments[0]!.to === null;
  const conds = [
    ...item.conditions.map((c) => c.cond),
    ...policy.exclusions.filter((e) => e.calculator === calc.name).map((e) => e.when),
  ].flatMap((c) => [...subConds(c)]);
  const refs = valueRefs(item.base);
  return (
    row.flat === null &&
    row.perClaimCap === null &&
    !item.oncePerPerson &&
    item.bound === undefined && // 不超过 X binds per claim: a min of sums is not a sum of mins
    (row.deductible === 0 || item.deductiblePeriod === "年") &&
    (item.segmentPeriod === "年" || constantRatio) &&
    !refs.other &&
    !hasConst(item.base) &&
    !conds.some((c) => readsAmounts(c, policy) || readsDate(c))
  );
}

/**
 * The items of `calc` whose amounts must add up, given the outcomes of the parts and the whole
 * (all won by `identity`). An item that pays 0 in every outcome is neutral (it cannot shift
 * another item); an item is compared when it is statically splittable, its base is ≥ 0 before
 * clamping in every outcome, and the items it reads and shares a cap group with are compared
 * or neutral.
 */
export function splittableItems(
  policy: CheckedPolicy,
  calc: CalculatorIR,
  identity: string,
  claims: readonly Claim[],
  outs: readonly Ok[],
): ItemIR[] {
  const items = itemsOf(policy, calc);
  const amount = (o: Ok, name: string) => o.明细.find((l) => l.项目 === name)?.金额 ?? 0;
  const neutral = new Set(items.filter((i) => outs.every((o) => amount(o, i.name) === 0)).map((i) => i.name));
  const safe = new Set<string>();
  for (const item of items) {
    const row = paramsRow(policy, item, identity);
    if (!row || !staticallySplittable(policy, calc, item, row)) continue;
    const reads = [...valueRefs(item.base).items].every((r) => safe.has(r) || neutral.has(r));
    const nonNegative = outs.every((o, i) => (evalValue(item.base, claims[i]!, o.明细) ?? -1) >= 0);
    if (reads && nonNegative) safe.add(item.name);
  }
  // a cap group shared with an item that is neither compared nor neutral moves its room
  for (let changed = true; changed;) {
    changed = false;
    for (const item of items) {
      if (!safe.has(item.name)) continue;
      const partners = items.filter((o) => o.capGroups.some((g) => item.capGroups.includes(g)));
      const reads = [...valueRefs(item.base).items];
      if ([...partners.map((p) => p.name), ...reads].some((n) => !safe.has(n) && !neutral.has(n))) {
        safe.delete(item.name);
        changed = true;
      }
    }
  }
  return items.filter((i) => safe.has(i.name));
}
