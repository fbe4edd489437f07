/**
 * CondIR / ValueIR → TypeScript expressions over the claim `c`, HELD_BITS and the calculator's locals.
 * Record fields are read as `c["名称"]` (string-literal keys, never identifiers), or from the
 * calculator's locals f<i> holding them (FieldLocals). Fields that must be present are checked
 * inline where the rule uses them (`?? missing(...)`, a typeof test for 布尔), so a missing field
 * is an error only when a rule that needs it is reached, and the hot path makes no calls.
 */
import type { CheckedPolicy, CondIR, FieldTypeIR, ValueIR } from "../ir.js";
import { yuan } from "../../runtime/money.js";
import { allOf, comment, int, lit } from "./text.js";

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
   * `let f0 = c["个人负担"];` … then, when a plain read could reach a prototype's property of a
   * field's name, `if (!D) { f0 = own(c, "个人负担"); … }`. Reading a property has no effect, so
   * early is safe. Own properties only, so a field named like an Object member (`isPrototypeOf`)
   * is absent when omitted. The constant-key reads come first because each gives TurboFan the
   * record's hidden class: the prototype test after them (D, see plainProtoTest) then folds to a
   * constant instead of calling Object.getPrototypeOf through the runtime on every claim.
   */
  decls(policyFields: readonly string[]): string[] {
    const names = [...this.names];
    return [
      ...names.map(([field, name]) => `let ${name} = c[${lit(field)}];`),
      comment("记录的原型为 Object.prototype 且其上没有本政策的字段名，或原型为 null：上面的常量键读取即自身属性"),
      `const D = ${plainProtoTest(policyFields)};`,
      ...(names.length > 0
        ? [
            "if (!D) {",
            ...names.map(([field, name]) => `${name} = own(c, ${lit(field)}) as 输入[${lit(field)}];`),
            "}",
          ]
        : []),
    ];
  }
}

/**
 * True when a constant-key read of any field of the policy gives the same as own(): the record's
 * prototype is null, or Object.prototype with none of the field names on it. Written out at its
 * use (not a helper) so that TurboFan, which knows the record's hidden class from the reads
 * before it, folds Object.getPrototypeOf and the absent-property loads to constants.
 */
export function plainProtoTest(policyFields: readonly string[]): string {
  const clean = allOf(policyFields.map((f) => `OBJECT_PROTO[${lit(f)}] === undefined`));
  return `Object.getPrototypeOf(c) === OBJECT_PROTO ? ${clean} : Object.getPrototypeOf(c) === null`;
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

/**
 * "Does the claim's 病种 meet this 清单": one local per (field, 清单) pair, computed once per claim
 * before the identity loop instead of a call per identity and per rule that asks. anyIn has no
 * error to raise (an absent list meets nothing), so computing it early changes no outcome; an
 * empty list, the usual case, costs no call.
 */
export class ListGates {
  private readonly byKey = new Map<string, { name: string; test: string }>();
  constructor(private readonly fields: FieldLocals) {}
  use(set: string, field: string): string {
    const key = set + " " + field;
    let gate = this.byKey.get(key);
    if (gate === undefined) {
      const f = this.fields.use(field);
      const test = `${f} !== undefined && ${f}.length !== 0 && anyIn(${set}, ${f})`;
      this.byKey.set(key, (gate = { name: "list" + this.byKey.size, test }));
    }
    return gate.name;
  }
  /** `const list0 = f8 !== undefined && f8.length !== 0 && anyIn(SET0, f8);` — after the field locals */
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
  /** in a calculator: 清单 tests computed once per claim (ListGates) */
  lists?: ListGates;
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
    case "listIntersects": {
      const set = cx.sets.use(c.members, c.lists.join("、"));
      return cx.lists ? cx.lists.use(set, c.field) : `anyIn(${set}, ${read(cx, c.field)})`;
    }
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
