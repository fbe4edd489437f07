/**
 * Lowering of conditions and values to the IR, with the readable text explanations quote
 * (「不符合条件：规范转诊 且 就医地 属于 市域内、省内市外」), and the fields each one reads.
 */
import type { CondExpr, ValueExpr } from "../../grammar/ast.js";
import { valueOperands, type CondIR, type ValueIR } from "../ir.js";
import { DEFAULT_COUNT_FIELD, YEAR_TOTAL_PREFIX, yearTotalField } from "./builtins.js";
import { expandIdentities, type Env } from "./env.js";

export function lowerValue(env: Env, v: ValueExpr): ValueIR {
  switch (v.kind) {
    case "ref": {
      const f = env.fields.get(v.name);
      if (f) return f.type?.kind === "日期" ? { kind: "date", field: v.name } : { kind: "field", name: v.name };
      if (yearTotalField(v.name, (n) => env.fields.has(n)) !== undefined) return { kind: "yearTotal", name: v.name };
      if (env.items.has(v.name)) return { kind: "item", name: v.name };
      // a calculator's result field inside 保证: the claim's own result under that name
      return { kind: "field", name: v.name };
    }
    case "amount":
      return { kind: "const", fen: Number(v.fen) };
    case "number":
      return { kind: "const", fen: 0 };
    case "ratio":
      return { kind: "const", fen: Number(v.basisPoints) }; // rejected by check-types; kept total
    case "date":
      return { kind: "dateConst", iso: v.iso };
    case "binary":
      return { kind: v.op === "+" ? "add" : "sub", left: lowerValue(env, v.left), right: lowerValue(env, v.right) };
    case "min":
      return { kind: "min", args: v.args.map((a) => lowerValue(env, a)) };
    case "resultOf":
      return {
        kind: "resultOf",
        identity: env.identityNames.get(v.identity.name) ?? v.identity.name,
        field: v.field.name,
      };
    case "yearSum":
      return { kind: "yearSum", of: lowerValue(env, v.operand) };
  }
}

export function lowerCond(env: Env, c: CondExpr): CondIR {
  switch (c.kind) {
    case "and":
    case "or":
      return { kind: c.kind, left: lowerCond(env, c.left), right: lowerCond(env, c.right) };
    case "not":
      return { kind: "not", operand: lowerCond(env, c.operand) };
    case "flag":
      return { kind: "flag", field: c.name };
    case "member": {
      const ir = lowerMember(env, c);
      return c.negated ? { kind: "not", operand: ir } : ir;
    }
    case "compare":
      return { kind: "compare", op: c.op, left: lowerValue(env, c.left), right: lowerValue(env, c.right) };
    case "within":
      return { kind: "within", subject: c.subject.name, reference: c.reference.name, months: c.months };
    case "hasIdentity":
      return c.negated ? { kind: "not", operand: { kind: "hasIdentity" } } : { kind: "hasIdentity" };
  }
}

function lowerMember(env: Env, c: Extract<CondExpr, { kind: "member" }>): CondIR {
  const field = c.subject.name;
  const names = c.values.map((v) => v.name);
  const type = env.fields.get(field)?.type?.kind;
  if (type === "身份清单") return { kind: "identityIn", identities: expandIdentities(env, names) };
  if (type === "枚举") return { kind: "enumIn", field, values: expandLists(env, names) };
  if (type === "清单") {
    const members: string[] = [];
    const lists: string[] = [];
    for (const n of names) {
      const l = env.lists.get(n);
      if (l) lists.push(n);
      for (const m of l ? l.members : [n]) if (!members.includes(m)) members.push(m);
    }
    return { kind: "listIntersects", field, members, lists };
  }
  const vocabulary = env.fields.get(field)?.vocabulary;
  return { kind: "textIn", field, values: expandLists(env, names, vocabulary) };
}

/**
 * `致伤原因 属于 不予救助原因`: a 清单 name stands for its members (never for the text of its
 * name); a 别名 for its entry, because record validation reads a record's 别名 as the entry.
 */
function expandLists(env: Env, names: string[], vocabulary?: string): string[] {
  const aliases = vocabulary === undefined ? undefined : env.lists.get(vocabulary)?.aliases;
  const out: string[] = [];
  const add = (v: string) => {
    if (!out.includes(v)) out.push(v);
  };
  for (const n of names) {
    const l = env.lists.get(n);
    if (l) {
      for (const m of l.members) if (!l.aliases.has(m)) add(m);
      continue;
    }
    add(aliases?.get(n) ?? n);
  }
  return out;
}

const PREC = { or: 1, and: 2, not: 3 } as const;

/** Readable text of a condition, as written modulo spacing, with （） only where needed. */
export function condText(c: CondExpr, parent = 0): string {
  let s: string;
  let prec = 4;
  switch (c.kind) {
    case "and":
    case "or":
      prec = PREC[c.kind];
      s = `${condText(c.left, prec)} ${c.kind === "and" ? "且" : "或"} ${condText(c.right, prec + 1)}`;
      break;
    case "not":
      prec = PREC.not;
      s = `非 ${condText(c.operand, prec)}`;
      break;
    case "flag":
      s = c.name;
      break;
    case "member":
      s = `${c.subject.name} ${c.negated ? "不属于" : "属于"} ${c.values.map((v) => v.name).join("、")}`;
      break;
    case "compare":
      s = `${valueText(c.left)} ${c.op} ${valueText(c.right)}`;
      break;
    case "within":
      s = `${c.subject.name} 在 ${c.reference.name} 前 ${c.months}个月 内`;
      break;
    case "hasIdentity":
      s = c.negated ? "无身份" : "有身份";
      break;
  }
  return prec < parent ? `（${s}）` : s;
}

export function valueText(v: ValueExpr): string {
  switch (v.kind) {
    case "ref":
      return v.name;
    case "binary": {
      const right = v.right.kind === "binary" ? `（${valueText(v.right)}）` : valueText(v.right);
      return `${valueText(v.left)} ${v.op === "+" ? "+" : "−"} ${right}`;
    }
    case "resultOf":
      return `${v.identity.name} 的 ${v.field.name}`;
    case "min":
      return `较小值（${v.args.map(valueText).join("，")}）`;
    case "yearSum":
      return `全年 ${valueText(v.operand)}`;
    default:
      return v.text;
  }
}

/** The record fields a condition or value reads (身份 for identity tests). */
export function condFields(c: CondIR, out: Set<string>): Set<string> {
  switch (c.kind) {
    case "and":
    case "or":
      condFields(c.left, out);
      condFields(c.right, out);
      break;
    case "not":
      condFields(c.operand, out);
      break;
    case "flag":
    case "enumIn":
    case "textIn":
    case "listIntersects":
      out.add(c.field);
      break;
    case "identityIn":
    case "hasIdentity":
      out.add("身份");
      break;
    case "compare":
      valueFields(c.left, out);
      valueFields(c.right, out);
      break;
    case "within":
      out.add(c.subject).add(c.reference);
      break;
  }
  return out;
}

export function valueFields(v: ValueIR, out: Set<string>): Set<string> {
  if (v.kind === "field") out.add(v.name);
  else if (v.kind === "date") out.add(v.field);
  else for (const o of valueOperands(v)) valueFields(o, out);
  return out;
}

/**
 * The field a 预警 counts: the X of the `年度累计X` its condition names (check-types allows one),
 * else 个人负担.
 */
export function countedField(c: CondIR): string {
  const value = (v: ValueIR): string | undefined =>
    v.kind === "yearTotal" ? v.name.slice(YEAR_TOTAL_PREFIX.length) : valueOperands(v).map(value).find((f) => f !== undefined);
  const cond = (k: CondIR): string | undefined => {
    switch (k.kind) {
      case "and":
      case "or":
        return cond(k.left) ?? cond(k.right);
      case "not":
        return cond(k.operand);
      case "compare":
        return value(k.left) ?? value(k.right);
      default:
        return undefined;
    }
  };
  return cond(c) ?? DEFAULT_COUNT_FIELD;
}

/** Whether a condition sums over the year (全年): a 保证 over a person's year, not one claim. */
export function usesYear(c: CondIR): boolean {
  const value = (v: ValueIR): boolean =>
    v.kind === "yearSum" || valueOperands(v).some(value);
  switch (c.kind) {
    case "and":
    case "or":
      return usesYear(c.left) || usesYear(c.right);
    case "not":
      return usesYear(c.operand);
    case "compare":
      return value(c.left) || value(c.right);
    default:
      return false;
  }
}
