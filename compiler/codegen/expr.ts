/**
 * CondIR / ValueIR → TypeScript expressions over the claim `c`, HELD_BITS and the calculator's locals.
 * Record fields are read as `c["名称"]` (string-literal keys, never identifiers), or from the
 * calculator's locals f<i> holding them (FieldLocals). Fields that must be present are checked
 * inline where the rule uses them (`?? missing(...)`, a typeof test for 布尔), so a missing field
 * is an error only when a rule that needs it is reached, and the hot path makes no calls.
 */
import type { CheckedPolicy, CondIR, FieldTypeIR, ValueIR } from "../ir.js";
import { yuan } from "../../runtime/money.js";
import { int, lit } from "./text.js";

/** The IR contains something codegen cannot express: a checker or codegen bug. */
export class CodegenError extends Error {
  override name = "CodegenError";
}

/** Module-level `new Set(...)` constants, shared and deduplicated. */
export class SetPool {
  readonly decls: { name: string; members: string[]; note: string }[] = [];
  private readonly byKey = new Map<string, string>();
  use(members: readonly string[], note: string): string {
    const key = JSON.stringify([...members].sort());
    let name = this.byKey.get(key);
    if (name === undefined) {
      name = "SET" + this.decls.length;
      this.byKey.set(key, name);
      this.decls.push({ name, members: [...members], note });
    }
    return name;
  }
}

/** Claim fields a calculator reads, each loaded once per claim into a local f<i>. */
export class FieldLocals {
  private readonly names = new Map<string, string>();
  use(field: string): string {
    let name = this.names.get(field);
    if (name === undefined) this.names.set(field, (name = "f" + this.names.size));
    return name;
  }
  /**
   * `const f0 = D ? c["个人负担"] : own(c, "个人负担");` … — reading a property has no effect, so
   * early is safe. Own properties only, so a field named like an Object member (`isPrototypeOf`)
   * is absent when omitted: D (directRead, generated) says a plain read cannot reach a prototype's
   * property of that name, and then the constant-key read with its own inline cache is used.
   */
  decls(): string[] {
    return [...this.names].map(([field, name]) => `const ${name} = ${direct(field)};`);
  }
}

/**
 * "Is the claim's 就诊类型 one of these": one local per distinct set of visit types, computed once
 * per claim and shared by the items and 预警 that ask (they ask per identity, or several times).
 */
export class VisitGates {
  private readonly byKey = new Map<string, { name: string; test: string }>();
  constructor(private readonly fields: FieldLocals) {}
  use(types: readonly string[]): string {
    const key = JSON.stringify([...types].sort());
    let gate = this.byKey.get(key);
    if (gate === undefined) {
      const visit = this.fields.use("就诊类型");
      const test = types.map((v) => `${visit} === ${lit(v)}`).join(" || ") || "false";
      this.byKey.set(key, (gate = { name: "visit" + this.byKey.size, test }));
    }
    return gate.name;
  }
  /** `const visit0 = f3 === "住院" || …;` — after the field locals */
  decls(): string[] {
    return [...this.byKey.values()].map((g) => `const ${g.name} = ${g.test};`);
  }
}

export interface ExprContext {
  policy: CheckedPolicy;
  identityIndex: ReadonlyMap<string, number>;
  sets: SetPool;
  /** the rule that reads fields, as the record error names it: 救助项目「X」的条件「…」 */
  where: string;
  /** earlier items of the same calculator → their index k (local a<k>); item contexts only */
  items?: ReadonlyMap<string, number>;
  /** the local holding `累计:<预警>` after counting (预警 contexts only) */
  yearTotal?: string;
  /** a boolean D is in scope (directRead(c)): fields without locals are read plainly when it holds */
  direct?: boolean;
  /** field locals of the calculator; without them fields are read from `c` */
  fields?: FieldLocals;
  /** per-claim visit-type tests of the calculator (with fields) */
  visits?: VisitGates;
}

export function fieldType(policy: CheckedPolicy, name: string): FieldTypeIR | undefined {
  return policy.fields.find((f) => f.name === name)?.type;
}

/** The claim's value of a field (possibly undefined). */
export const read = (cx: Pick<ExprContext, "fields" | "direct">, field: string): string =>
  cx.fields ? cx.fields.use(field) : cx.direct ? `(${direct(field)})` : `(own(c, ${lit(field)}) as 输入[${lit(field)}])`;

/** A field's own value: a plain read when D (see FieldLocals.decls), else through own(). */
const direct = (field: string): string =>
  `D ? c[${lit(field)}] : (own(c, ${lit(field)}) as 输入[${lit(field)}])`;
/** A field the rule needs: RecordError naming it and the rule when absent (runtime need()). */
const needed = (cx: ExprContext, field: string): string =>
  `(${read(cx, field)} ?? missing(${lit(field)}, ${lit(cx.where)}))`;

/** Equality chain for a few values (readable, fastest), a Set for more. */
function memberOf(cx: ExprContext, field: string, values: readonly string[]): string {
  if (values.length === 0) return "false";
  if (values.length <= 4)
    return "(" + values.map((v) => `${read(cx, field)} === ${lit(v)}`).join(" || ") + ")";
  return `isIn(${cx.sets.use(values, field)}, ${read(cx, field)})`;
}

export function cond(cx: ExprContext, c: CondIR): string {
  switch (c.kind) {
    case "true":
      return "true";
    case "and":
      return `(${cond(cx, c.left)} && ${cond(cx, c.right)})`;
    case "or":
      return `(${cond(cx, c.left)} || ${cond(cx, c.right)})`;
    case "not":
      return `!${cond(cx, c.operand)}`;
    case "flag": {
      // runtime flag(), inline: a 布尔 the rule reads must be a boolean
      const f = read(cx, c.field);
      return `(typeof ${f} === "boolean" ? ${f} : missing(${lit(c.field)}, ${lit(cx.where)}))`;
    }
    case "enumIn":
    case "textIn":
      // an absent optional enum/text (致伤原因) is in no set: exclusions on it must not fail
      return memberOf(cx, c.field, c.values);
    case "listIntersects":
      return `anyIn(${cx.sets.use(c.members, c.lists.join("、"))}, ${read(cx, c.field)})`;
    case "identityIn": {
      // HELD_BITS: bit h = identity h held (at most 31 identities, JZ2013)
      let mask = 0;
      for (const name of c.identities) {
        const h = cx.identityIndex.get(name);
        if (h !== undefined) mask |= 1 << h;
      }
      return mask === 0 ? "false" : `((HELD_BITS & ${int(mask >>> 0)}) !== 0)`;
    }
    case "hasIdentity":
      return "(HELD_BITS !== 0)";
    case "compare": {
      const op = c.op === "=" ? "===" : c.op === "!=" ? "!==" : c.op;
      return `(${value(cx, c.left)} ${op} ${value(cx, c.right)})`;
    }
    case "within":
      return `within(${needed(cx, c.subject)}, ${needed(cx, c.reference)}, ${int(c.months)})`;
  }
}

export function value(cx: ExprContext, v: ValueIR): string {
  switch (v.kind) {
    case "field":
    case "date":
      return needed(cx, v.kind === "field" ? v.name : v.field);
    case "item": {
      const i = cx.items?.get(v.name);
      if (i === undefined)
        throw new CodegenError(`「${v.name}」不是本计算器中更早的项目（${cx.where}）`);
      return `a${i}`;
    }
    case "const":
      return `${int(v.fen)} /* ${yuan(v.fen)} */`;
    case "add":
      return `(${value(cx, v.left)} + ${value(cx, v.right)})`;
    case "sub":
      return `(${value(cx, v.left)} - ${value(cx, v.right)})`;
    case "min":
      // 较小值: every argument is read (a missing field is an error even if another is smaller)
      return `Math.min(${v.args.map((a) => value(cx, a)).join(", ")})`;
    case "yearTotal":
      if (cx.yearTotal === undefined)
        throw new CodegenError(`年度累计个人负担 只能用于预警（${cx.where}）`);
      return cx.yearTotal;
    case "dateConst":
      return lit(v.iso);
    case "resultOf":
      throw new CodegenError(`「${v.identity} 的 ${v.field}」只能用于保证（${cx.where}）`);
    case "yearSum":
      throw new CodegenError(`「全年」只能用于保证（${cx.where}）`);
  }
}
