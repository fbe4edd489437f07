/**
 * The discrete cases of a claim that a calculator's rules distinguish (visit type, 规范转诊, 就医地,
 * list membership, 参保 …), read from the conditions of both policies, and a static signature of
 * how one side treats a case: cases with equal signatures have the same payout function, so each
 * function is searched once.
 */
import type { CheckedPolicy, CondIR, FieldIR, ValueIR } from "../ir.js";
import { VISIT_TYPES } from "../ir.js";
import { evalCond, type Env } from "../interpreter/conditions.js";
import type { Claim } from "../../runtime/types.js";
import { key } from "./canonical.js";

export interface DimValue {
  label: string;
  set: (c: Record<string, unknown>) => void;
}
export interface Dim {
  name: string;
  values: DimValue[];
}

const BOOL_DEFAULTS: Record<string, boolean> = { 规范转诊: false, 参保: true };
const BUILTIN_ENUMS: Record<string, string[]> = {
  就诊类型: [...VISIT_TYPES],
  就医地: ["市域内", "省内市外", "省外"],
  参保类型: ["居民医保", "职工医保"],
};

/** The conditions of `calculator` that can decide a payout: item conditions, exclusions, identities. */
export function calculatorConds(p: CheckedPolicy, calculator: string): CondIR[] {
  return [
    ...p.items.filter((i) => i.calculator === calculator).flatMap((i) => i.conditions.map((c) => c.cond)),
    ...p.exclusions.filter((e) => e.calculator === calculator).map((e) => e.when),
    ...p.identities.flatMap((i) => (i.condition ? [i.condition] : [])),
  ];
}

function walk(c: CondIR, f: (c: CondIR) => void): void {
  f(c);
  if (c.kind === "and" || c.kind === "or") walk(c.left, f), walk(c.right, f);
  if (c.kind === "not") walk(c.operand, f);
}

const isAmount = (v: ValueIR): boolean => v.kind !== "date" && v.kind !== "dateConst";
/** A condition that compares amounts depends on the burden: its cases cannot share a signature. */
export const amountDependent = (conds: CondIR[]): boolean => {
  let dep = false;
  for (const c of conds) walk(c, (x) => void (dep ||= x.kind === "compare" && isAmount(x.left) && isAmount(x.right)));
  return dep;
};

export function dimensions(sides: CheckedPolicy[], calculator: string): Dim[] {
  const dims = new Map<string, Dim>();
  const fields = new Map<string, FieldIR>(sides.flatMap((p) => p.fields.map((f) => [f.name, f] as const)));
  const enumValues = (field: string) => {
    const t = fields.get(field)?.type;
    return t?.kind === "枚举" ? t.values : BUILTIN_ENUMS[field] ?? [];
  };
  if (sides.some((p) => p.items.some((i) => i.calculator === calculator && i.visitTypes !== null)))
    dims.set("就诊类型", { name: "就诊类型", values: VISIT_TYPES.map((v) => ({ label: v, set: (c) => (c.就诊类型 = v) })) });
  for (const p of sides)
    for (const cond of calculatorConds(p, calculator))
      walk(cond, (c) => {
        // the record's default value first: witnesses shrink towards index 0, the plainest claim
        if (c.kind === "flag" && !dims.has(c.field)) {
          const first = (fields.get(c.field)?.default ?? BOOL_DEFAULTS[c.field] ?? false) === true;
          dims.set(c.field, { name: c.field, values: [first, !first].map((b) => ({ label: b ? c.field : `非${c.field}`, set: (r) => (r[c.field] = b) })) });
        }
        if (c.kind === "enumIn" && !dims.has(c.field)) {
          const values = enumValues(c.field).length ? enumValues(c.field) : c.values;
          dims.set(c.field, { name: c.field, values: values.map((v) => ({ label: v, set: (r) => (r[c.field] = v) })) });
        }
        if (c.kind === "textIn") {
          const d = dims.get(c.field) ?? { name: c.field, values: [{ label: "其他", set: (r) => delete r[c.field] }] };
          for (const v of c.values)
            if (!d.values.some((x) => x.label === v)) d.values.splice(-1, 0, { label: v, set: (r) => (r[c.field] = v) });
          dims.set(c.field, d);
        }
        if (c.kind === "listIntersects") {
          const name = `${c.field}属于${c.lists.join("、") || c.members.join("、")}`;
          const member = c.members[0];
          if (!dims.has(name) && member !== undefined)
            dims.set(name, {
              name,
              values: [
                { label: name.replace("属于", "不属于"), set: () => {} },
                { label: name, set: (r) => (r[c.field] = [...((r[c.field] as string[]) ?? []), member]) },
              ],
            });
        }
      });
  return [...dims.values()];
}

/** Every combination of dimension values, as index tuples. */
export function combos(dims: Dim[]): number[][] {
  let out: number[][] = [[]];
  for (const d of dims) out = out.flatMap((c) => d.values.map((_, i) => [...c, i]));
  return out;
}

/** "住院·规范转诊·市域内·参保": one combination, spelled out. */
export function comboLabel(dims: Dim[], combo: number[]): string {
  return dims.map((d, i) => d.values[combo[i]!]!.label).join("·");
}

/**
 * A claim for one identity and combination; amount fields are filled in per burden by the caller.
 * Dates: 申请日期 = 结算日期, so identities granted on application hold (their window is open).
 */
export function claimFor(identity: string, dims: Dim[], combo: number[], date: string, sides: CheckedPolicy[]): Record<string, unknown> {
  const c: Record<string, unknown> = {
    编号: "影响分析", 身份: [identity], 结算日期: date, 病种: [], 规范转诊: false, 就医地: "市域内", 参保: true, 参保类型: "居民医保", 申请日期: date,
  };
  for (const p of sides)
    for (const f of p.fields.filter((x) => !x.builtin)) {
      if (f.type.kind === "布尔") c[f.name] ??= f.default ?? false;
      if (f.type.kind === "日期") c[f.name] ??= date;
      if (f.type.kind === "清单") c[f.name] ??= [];
      if (f.type.kind === "枚举") c[f.name] ??= f.default ?? f.type.values[0];
    }
  dims.forEach((d, i) => d.values[combo[i]!]!.set(c));
  return c;
}

/** How `p` treats this claim, without computing: equal signatures → equal payout functions. */
export function signature(p: CheckedPolicy, calculator: string, claim: Record<string, unknown>): string {
  const calc = p.calculators.find((c) => c.name === calculator);
  if (!calc) return "无此计算器";
  const names = (claim.身份 as string[]).map((n) => p.identityNames[n] ?? n);
  const ids = p.identities.filter((i) => names.includes(i.name));
  const probe = (c: CondIR, held: string[]): boolean | string => {
    try {
      return evalCond(c, { claim: claim as Claim, held } as Env);
    } catch (e) {
      return `错误:${(e as Error).message}`;
    }
  };
  const held = ids.filter((i) => !i.condition || probe(i.condition, names) === true);
  const heldNames = held.map((h) => h.name);
  const exclusion = p.exclusions.filter((e) => e.calculator === calculator).findIndex((e) => probe(e.when, heldNames) === true);
  let anyApplies = false;
  const perIdentity = held.map((h) => {
    if (h.unspecified) return ["未规定", h.source.citation];
    return calc.items.map((name) => {
      const i = p.items.find((x) => x.name === name)!;
      const r = h.treatAs[i.name] ?? h.treatAs[i.calculator] ?? h.treatAs["*"] ?? h.name;
      const conds = i.conditions.map((c) => probe(c.cond, heldNames));
      const applies =
        (i.visitTypes === null || i.visitTypes.includes(claim.就诊类型 as never)) &&
        (i.identities.includes(h.name) || i.identities.includes(r)) &&
        !conds.includes(false);
      // a condition that cannot be evaluated makes the record an error: not "pays nothing"
      anyApplies ||= applies || conds.some((c) => typeof c === "string");
      const row = i.rows[r];
      if (!applies) return [name, conds.find((c) => typeof c === "string") ?? false];
      return [name, true, row && { ...row, source: row.kind === "unspecified" ? row.source.citation : "" }];
    });
  });
  // Every case that pays nothing under every identity is the same constant function.
  const paysNothing = exclusion !== -1 || (!anyApplies && !held.some((h) => h.unspecified));
  return paysNothing ? "零" : key(perIdentity);
}
