/**
 * Conditions (CondIR) and value expressions (ValueIR) over one claim. Amounts are bigint 分
 * (every ValueIR amount is a whole number of 分: fields, constants and earlier rounded items);
 * dates are ISO strings, which order correctly as strings.
 *
 * `且`/`或` short-circuit left to right, so a field is only "needed" when evaluation reaches it
 * (`致伤原因 属于 交通肇事 除外 交警认定无责任方` does not need the exception flag for claims of
 * another cause).
 */
import type { CondIR, ValueIR } from "../ir.js";
import type { Claim } from "../../runtime/types.js";
import { own } from "../../runtime/trace.js";

/** A record-level error whose message is the Outcome's 错误. */
export class JzError extends Error {}

/** Thrown where a field is read and absent; turned into a JzError with context by `needing`. */
export class MissingField extends Error {
  constructor(readonly field: string) {
    super(`missing field ${field}`);
  }
}

export interface Env {
  claim: Claim;
  /** identities the claim holds (canonical, after identity conditions): for 身份 属于 / 有身份 */
  held: readonly string[];
  /** results of earlier items of the identity being evaluated */
  items?: ReadonlyMap<string, bigint>;
  /** 年度累计<字段> of the 预警 being tested, inside 预警 only */
  yearTotal?: bigint;
}

type Val = { t: "amt"; v: bigint } | { t: "date"; v: string };

/** Run `f`; a missing field becomes the record error `缺少字段「X」：<where>需要此字段`. */
export function needing<T>(where: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof MissingField) throw new JzError(`缺少字段「${e.field}」：${where}需要此字段`);
    throw e;
  }
}

function read(env: Env, name: string): unknown {
  const v = own(env.claim, name); // own only: a field named isPrototypeOf is not inherited
  if (v === undefined || v === null) throw new MissingField(name);
  return v;
}

export function amount(env: Env, name: string): bigint {
  const v = read(env, name);
  if (typeof v !== "number" || !Number.isSafeInteger(v)) throw new JzError(`字段「${name}」不是金额（整数分）`);
  return BigInt(v);
}

function date(env: Env, name: string): string {
  const v = read(env, name);
  if (typeof v !== "string") throw new JzError(`字段「${name}」不是日期`);
  return v;
}

export function evalValue(v: ValueIR, env: Env): Val {
  switch (v.kind) {
    case "field": {
      // Usually an amount; a date field compared with `=` etc. is tolerated too.
      const raw = read(env, v.name);
      return typeof raw === "string" ? { t: "date", v: raw } : { t: "amt", v: amount(env, v.name) };
    }
    case "item": {
      const r = env.items?.get(v.name);
      if (r === undefined) throw new Error(`interpreter: item「${v.name}」read before it was computed`);
      return { t: "amt", v: r };
    }
    case "const":
      return { t: "amt", v: BigInt(v.fen) };
    case "add":
    case "sub": {
      const l = evalAmount(v.left, env);
      const r = evalAmount(v.right, env);
      return { t: "amt", v: v.kind === "add" ? l + r : l - r };
    }
    case "min": {
      // 较小值: every argument evaluated, left to right, then the smallest
      const xs = v.args.map((a) => evalAmount(a, env));
      return { t: "amt", v: xs.reduce((m, x) => (x < m ? x : m)) };
    }
    case "yearTotal":
      if (env.yearTotal === undefined) throw new Error(`interpreter: ${v.name} outside 预警`);
      return { t: "amt", v: env.yearTotal };
    case "date":
      return { t: "date", v: date(env, v.field) };
    case "dateConst":
      return { t: "date", v: v.iso };
    case "resultOf":
    case "yearSum":
      throw new Error("interpreter: 保证 expressions are not evaluated here");
  }
}

export function evalAmount(v: ValueIR, env: Env): bigint {
  const r = evalValue(v, env);
  if (r.t !== "amt") throw new Error(`interpreter: expected an amount, got a date`);
  return r.v;
}

function compare(op: string, l: Val, r: Val): boolean {
  if (l.t !== r.t) throw new Error("interpreter: comparing an amount with a date");
  const c = l.v < r.v ? -1 : l.v > r.v ? 1 : 0;
  switch (op) {
    case "<": return c < 0;
    case "<=": return c <= 0;
    case ">": return c > 0;
    case ">=": return c >= 0;
    case "=": return c === 0;
    case "!=": return c !== 0;
  }
  throw new Error(`interpreter: unknown comparison ${op}`);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate(); // m is 1-based; day 0 of next month
}

/** Calendar months back, clamping to month end: 2024-03-31 − 1 month = 2024-02-29. */
export function minusMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  const p = (n: number, w: number) => String(n).padStart(w, "0");
  return `${p(ny, 4)}-${p(nm, 2)}-${p(nd, 2)}`;
}

export function evalCond(c: CondIR, env: Env): boolean {
  switch (c.kind) {
    case "true":
      return true;
    case "and":
      return evalCond(c.left, env) && evalCond(c.right, env);
    case "or":
      return evalCond(c.left, env) || evalCond(c.right, env);
    case "not":
      return !evalCond(c.operand, env);
    case "flag":
      return read(env, c.field) === true;
    case "enumIn":
      return c.values.includes(String(read(env, c.field)));
    case "textIn": {
      // An absent free text (no 致伤原因 recorded) is in no set: not an error.
      const v = own(env.claim, c.field);
      return typeof v === "string" && c.values.includes(v);
    }
    case "listIntersects": {
      // An absent list is the empty list.
      const v = own(env.claim, c.field);
      return Array.isArray(v) && v.some((x) => c.members.includes(String(x)));
    }
    case "identityIn":
      return env.held.some((h) => c.identities.includes(h));
    case "hasIdentity":
      return env.held.length > 0;
    case "compare":
      return compare(c.op, evalValue(c.left, env), evalValue(c.right, env));
    case "within": {
      const subject = date(env, c.subject);
      const reference = date(env, c.reference);
      return subject > minusMonths(reference, c.months) && subject <= reference;
    }
  }
}
