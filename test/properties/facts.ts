/**
 * What the properties need to know about a policy, read generically from its checked IR
 * (compiler/ir.ts), so a new region gets its checks without touching this folder.
 */
import type { CalculatorIR, CheckedPolicy, CondIR, ItemIR, RowIR, ValueIR } from "../../compiler/ir.js";
import { groupCapAmounts } from "../../compiler/ir.js";
import type { Claim, ItemLine } from "../../runtime/types.js";

export type ParamsRow = Extract<RowIR, { kind: "params" }>;

export function itemsOf(policy: CheckedPolicy, calc: CalculatorIR): ItemIR[] {
  return calc.items.map((n) => policy.items.find((i) => i.name === n)!);
}

/** docs/语义.md §5.1: the row identity after 参照, and its row (undefined when none). */
export function rowFor(policy: CheckedPolicy, item: ItemIR, identity: string): RowIR | undefined {
  const h = policy.identities.find((i) => i.name === identity);
  const t = h?.treatAs ?? {};
  const r = t[item.name] ?? t[item.calculator] ?? t["*"] ?? identity;
  return item.rows[r];
}

export function paramsRow(policy: CheckedPolicy, item: ItemIR, identity: string): ParamsRow | undefined {
  const row = rowFor(policy, item, identity);
  return row?.kind === "params" ? row : undefined;
}

/** Every params row an item has (for bounds that must hold whatever identity wins). */
export function paramsRows(item: ItemIR): ParamsRow[] {
  return Object.values(item.rows).filter((r): r is ParamsRow => r.kind === "params");
}

/**
 * The value of an item's 基数 for a claim, reading earlier items from the outcome's 明细 (the
 * winner's lines: §5.4 items read the same identity's results). undefined when a field is absent
 * or the expression is not a plain amount expression; not clamped at 0.
 */
export function evalValue(v: ValueIR, claim: Claim, lines: readonly ItemLine[]): number | undefined {
  switch (v.kind) {
    case "field": {
      const x = claim[v.name];
      return typeof x === "number" ? x : undefined;
    }
    case "item":
      return lines.find((l) => l.项目 === v.name)?.金额;
    case "const":
      return v.fen;
    case "add":
    case "sub": {
      const l = evalValue(v.left, claim, lines);
      const r = evalValue(v.right, claim, lines);
      if (l === undefined || r === undefined) return undefined;
      return v.kind === "add" ? l + r : l - r;
    }
    case "min": {
      const xs = v.args.map((a) => evalValue(a, claim, lines));
      return xs.some((x) => x === undefined) ? undefined : Math.min(...(xs as number[]));
    }
    default:
      return undefined;
  }
}

/** `个人负担 − X − Y …`: the field at the root of a chain of subtractions. */
export function baseRoot(v: ValueIR): string | undefined {
  if (v.kind === "field") return v.name;
  if (v.kind === "sub") return baseRoot(v.left);
  return undefined;
}

/** Fields and items a value reads. */
export function valueRefs(v: ValueIR, out = { fields: new Set<string>(), items: new Set<string>(), other: false }) {
  switch (v.kind) {
    case "field":
    case "date":
      out.fields.add(v.kind === "field" ? v.name : v.field);
      break;
    case "item":
      out.items.add(v.name);
      break;
    case "add":
    case "sub":
      valueRefs(v.left, out);
      valueRefs(v.right, out);
      break;
    case "const":
    case "dateConst":
      break;
    case "min":
      // 较小值 of sums is not the sum of 较小值: reads its arguments but is not additive
      for (const a of v.args) valueRefs(a, out);
      out.other = true;
      break;
    default:
      out.other = true; // yearTotal, resultOf
  }
  return out;
}

export function* subConds(c: CondIR): Generator<CondIR> {
  yield c;
  if (c.kind === "and" || c.kind === "or") {
    yield* subConds(c.left);
    yield* subConds(c.right);
  } else if (c.kind === "not") yield* subConds(c.operand);
}

/** Every condition of the policy, wherever it sits. */
export function allConds(policy: CheckedPolicy): CondIR[] {
  const roots: CondIR[] = [
    ...policy.identities.flatMap((i) => (i.condition ? [i.condition] : [])),
    ...policy.items.flatMap((i) => i.conditions.map((c) => c.cond)),
    ...policy.exclusions.map((e) => e.when),
    ...policy.warnings.map((w) => w.when),
  ];
  return roots.flatMap((r) => [...subConds(r)]);
}

/** The conditions that decide a calculator's amounts: identity, exclusion and item conditions. */
export function payingConds(policy: CheckedPolicy, calc: CalculatorIR): CondIR[] {
  const roots: CondIR[] = [
    ...policy.identities.flatMap((i) => (i.condition ? [i.condition] : [])),
    ...policy.exclusions.filter((e) => e.calculator === calc.name).map((e) => e.when),
    ...itemsOf(policy, calc).flatMap((i) => i.conditions.map((c) => c.cond)),
  ];
  return roots.flatMap((r) => [...subConds(r)]);
}

/** A condition comparing amounts (个人负担 > X …): payouts may then jump as amounts change. */
export function readsAmounts(c: CondIR, policy: CheckedPolicy): boolean {
  if (c.kind !== "compare") return false;
  const refs = valueRefs(c.left);
  valueRefs(c.right, refs);
  const amountField = [...refs.fields].some((f) => policy.fields.find((x) => x.name === f)?.type.kind === "金额");
  return amountField || refs.items.size > 0 || refs.other;
}

/** A condition that looks at the identities held (so one identity alone is not the same claim). */
export function readsIdentities(c: CondIR): boolean {
  return c.kind === "identityIn" || c.kind === "hasIdentity";
}

/**
 * Amounts worth hitting exactly: every constant of the policy (deductibles, segment bounds, flat
 * amounts, caps, compared constants), and for a single-ratio row the burden at which its caps
 * bind (deductible + cap / ratio). The arbitraries add ±1分 around each.
 */
export function amountConstants(policy: CheckedPolicy): number[] {
  const out = new Set<number>();
  for (const item of policy.items) {
    for (const r of paramsRows(item)) {
      out.add(r.deductible);
      for (const s of r.segments) {
        out.add(s.from);
        if (s.to !== null) out.add(s.to);
        if (s.bp > 0) out.add(r.deductible + Math.ceil((s.from * s.bp) / 10_000));
      }
      for (const cap of [r.perClaimCap, r.annualCap, r.flat]) {
        if (cap === null) continue;
        out.add(cap);
        const bp = r.segments.length === 1 ? r.segments[0]!.bp : 0;
        if (bp > 0) out.add(r.deductible + Math.ceil((cap * 10_000) / bp));
      }
    }
  }
  for (const g of policy.capGroups) for (const c of groupCapAmounts(g)) out.add(c);
  for (const c of allConds(policy))
    if (c.kind === "compare") for (const v of [c.left, c.right]) if (v.kind === "const") out.add(v.fen);
  return [...out].filter((x) => x > 0).sort((a, b) => a - b);
}

/** `subject 在 reference 前 N个月 内` pairs, so dates can be generated around the window. */
export function dateWindows(policy: CheckedPolicy): { subject: string; reference: string; months: number }[] {
  return allConds(policy).flatMap((c) => (c.kind === "within" ? [c] : []));
}

/** Values the policy compares a 文本 field with (致伤原因 属于 交通肇事 …). */
export function textValues(policy: CheckedPolicy, field: string): string[] {
  const out = new Set<string>();
  for (const c of allConds(policy)) if (c.kind === "textIn" && c.field === field) c.values.forEach((v) => out.add(v));
  return [...out];
}

export function calculator(policy: CheckedPolicy, name: string): CalculatorIR {
  return policy.calculators.find((c) => c.name === name)!;
}
