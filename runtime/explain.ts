/**
 * 计算过程: every line of an explanation, built here and only here. The compiled modules and the
 * reference interpreter both call these functions with the numbers they computed themselves, so
 * the text is identical whenever the numbers are (test/properties/props-explain.ts checks it claim
 * by claim). Nothing here runs unless explain was asked. Computed amounts are plain 元 (27900元);
 * the rule's own figures (起付线 1000元, 年度限额 6万元, 5万元以上) keep the document's wording.
 */
import { pct, plainYuan, yuan, type BasisPoints } from "./money.js";
import { cite, NO_IDENTITY_NOTE } from "./trace.js";
import { within } from "./dates.js";
import type { Row, Seg } from "./items.js";
import type { Fen } from "./types.js";

// ── Conditions: the values compared ───────────────────────────────────────────────────────────

/** A value of a condition, as compiler/ir.ts ValueIR (structurally: runtime must not import it). */
export type ExplainValue =
  | { kind: "field"; name: string }
  | { kind: "item"; name: string }
  | { kind: "const"; fen: Fen }
  | { kind: "add" | "sub"; left: ExplainValue; right: ExplainValue }
  | { kind: "min"; args: ExplainValue[] }
  | { kind: "yearTotal"; name: string }
  | { kind: "date"; field: string }
  | { kind: "dateConst"; iso: string }
  | { kind: "resultOf"; identity: string; field: string }
  | { kind: "yearSum"; of: ExplainValue };

/** A condition, as compiler/ir.ts CondIR. */
export type ExplainCond =
  | { kind: "true" }
  | { kind: "and" | "or"; left: ExplainCond; right: ExplainCond }
  | { kind: "not"; operand: ExplainCond }
  | { kind: "flag"; field: string }
  | { kind: "enumIn" | "textIn"; field: string; values: readonly string[] }
  | { kind: "listIntersects"; field: string; members: readonly string[]; lists: readonly string[] }
  | { kind: "identityIn"; identities: readonly string[] }
  | { kind: "hasIdentity" }
  | { kind: "compare"; op: "<" | "<=" | ">" | ">=" | "=" | "!="; left: ExplainValue; right: ExplainValue }
  | { kind: "within"; subject: string; reference: string; months: number };

/** What a condition reads: the (validated) record, the identities held, earlier items' amounts. */
export interface FactsEnv {
  record: object;
  held: readonly string[];
  items?: Readonly<Record<string, number>>;
  yearTotal?: number;
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const get = (o: object, k: string): unknown => (has(o, k) ? (o as Record<string, unknown>)[k] : undefined);

function show(v: unknown): string {
  if (v === undefined || v === null) return "未填";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "number") return plainYuan(v);
  if (Array.isArray(v)) return v.length === 0 ? "（空）" : v.map(String).join("、");
  return String(v);
}

type Val = number | string | undefined;

function value(v: ExplainValue, env: FactsEnv): Val {
  switch (v.kind) {
    case "field": {
      const x = get(env.record, v.name);
      return typeof x === "number" || typeof x === "string" ? x : undefined;
    }
    case "date": {
      const x = get(env.record, v.field);
      return typeof x === "string" ? x : undefined;
    }
    case "item":
      return env.items?.[v.name];
    case "const":
      return v.fen;
    case "dateConst":
      return v.iso;
    case "yearTotal":
      return env.yearTotal;
    case "add":
    case "sub": {
      const l = value(v.left, env);
      const r = value(v.right, env);
      if (typeof l !== "number" || typeof r !== "number") return undefined;
      return v.kind === "add" ? l + r : l - r;
    }
    case "min": {
      let m: number | undefined;
      for (const a of v.args) {
        const x = value(a, env);
        if (typeof x !== "number") return undefined;
        if (m === undefined || x < m) m = x;
      }
      return m;
    }
    case "resultOf":
    case "yearSum":
      return undefined; // 保证 only: never in a rule an explanation describes
  }
}

/** An operand with its name when it has one: 「个人负担 12000元」, a constant as 「15000元」. */
function operand(v: ExplainValue, x: Val): string {
  const shown = typeof x === "number" ? plainYuan(x) : show(x);
  switch (v.kind) {
    case "field":
    case "item":
      return v.name + " " + shown;
    case "date":
      return v.field + " " + shown;
    case "yearTotal":
      return "年度累计个人负担 " + shown;
    default:
      return shown;
  }
}

function relation(l: Val, r: Val): string {
  if (l === undefined || r === undefined) return "无法比较";
  return l < r ? "<" : l > r ? ">" : "=";
}

/**
 * The facts one condition was decided on, in the order the engines read them (且/或 stop at the
 * first operand that decides, as in both engines): 「致伤原因 = 交通事故，不属于」「个人负担 12000元 < 15000元」.
 * The verdict itself is the engine's; this only shows the values.
 */
export function condFacts(c: ExplainCond, env: FactsEnv): string {
  const out: string[] = [];
  facts(c, env, out);
  return out.join("；");
}

/** Appends the facts of c and returns whether it holds (to know where 且/或 stop). */
function facts(c: ExplainCond, env: FactsEnv, out: string[]): boolean {
  switch (c.kind) {
    case "true":
      out.push("无条件");
      return true;
    case "and":
      return facts(c.left, env, out) && facts(c.right, env, out);
    case "or":
      return facts(c.left, env, out) || facts(c.right, env, out);
    case "not":
      return !facts(c.operand, env, out);
    case "flag": {
      const v = get(env.record, c.field);
      out.push(c.field + " = " + show(v));
      return v === true;
    }
    case "enumIn":
    case "textIn": {
      const v = get(env.record, c.field);
      const yes = typeof v === "string" && c.values.includes(v);
      out.push(c.field + (v === undefined || v === null ? " 未填" : " = " + show(v)) + "，" + (yes ? "属于" : "不属于"));
      return yes;
    }
    case "listIntersects": {
      const v = get(env.record, c.field);
      const hit = Array.isArray(v) ? v.map(String).filter((x) => c.members.includes(x)) : [];
      const shown = Array.isArray(v) && v.length > 0 ? " = " + show(v) : " 无";
      out.push(c.field + shown + "，" + (hit.length > 0 ? "含「" + hit.join("、") + "」" : "不含 " + c.lists.join("、")));
      return hit.length > 0;
    }
    case "identityIn": {
      const yes = env.held.some((h) => c.identities.includes(h));
      out.push("持有身份 " + (env.held.length ? env.held.join("、") : "无") + "，" + (yes ? "属于" : "不属于") + " " + c.identities.join("、"));
      return yes;
    }
    case "hasIdentity":
      out.push(env.held.length ? "持有身份 " + env.held.join("、") : "未持有身份");
      return env.held.length > 0;
    case "compare": {
      const l = value(c.left, env);
      const r = value(c.right, env);
      out.push(operand(c.left, l) + " " + relation(l, r) + " " + operand(c.right, r));
      if (l === undefined || r === undefined) return false;
      switch (c.op) {
        case "<": return l < r;
        case "<=": return l <= r;
        case ">": return l > r;
        case ">=": return l >= r;
        case "=": return l === r;
        case "!=": return l !== r;
      }
      return false;
    }
    case "within": {
      const s = get(env.record, c.subject);
      const r = get(env.record, c.reference);
      const yes = typeof s === "string" && typeof r === "string" && within(s, r, c.months);
      out.push(c.subject + " " + show(s) + (yes ? " 在 " : " 不在 ") + c.reference + " " + show(r) + " 前 " + c.months + " 个月内");
      return yes;
    }
  }
}

// ── Lines ─────────────────────────────────────────────────────────────────────────────────────

/** §1 an identity the claim holds. */
export function heldLine(identity: string, citation: string): string {
  return "持有身份「" + identity + "」" + cite(citation);
}

/** §1 an identity dropped because its condition is false, with the values it was decided on. */
export function droppedLine(identity: string, facts: string, citation: string): string {
  return "身份「" + identity + "」的条件：" + facts + " → 不成立，不按此身份计算" + cite(citation);
}

/**
 * §2 an exclusion tested: 「不予救助 致伤原因 属于 不予救助原因：致伤原因 = 交通事故，不属于 → 不排除」.
 * Every exclusion tested shows (the first that holds ends the list), whether or not it applied.
 */
export function exclusionLine(text: string, facts: string, applies: boolean, citation: string): string {
  return "不予救助 " + text + "：" + facts + (applies ? " → 不予救助，各项为0" : " → 不排除") + cite(citation);
}

/** §3 */
export function noIdentityLine(citation: string): string {
  return NO_IDENTITY_NOTE + "，各项为0" + cite(citation);
}

/** §4 the head of one held identity's lines. */
export function identityLine(identity: string): string {
  return "按身份「" + identity + "」：";
}

/** §4 one identity's total, named by the calculator's result field: 「  救助金额合计 630元」. */
export function identityTotalLine(resultField: string, total: Fen): string {
  return "  " + resultField + "合计 " + plainYuan(total);
}

/** §4 就高不重复 between two or more identities evaluated (others: the known totals not taken). */
export function highestLine(
  winner: string,
  total: Fen,
  others: readonly { 身份: string; 金额: Fen }[],
  citation: string,
): string {
  const rest = others.map((o) => "「" + o.身份 + "」" + plainYuan(o.金额)).join("、");
  return "就高不重复：取「" + winner + "」" + plainYuan(total) + (rest ? "，不取" + rest : "") + cite(citation);
}

/** §6 a 预警 tested: 「预警「W」：年度累计个人负担 10000元，触发」. */
export function warningLine(name: string, countField: string, yearTotal: Fen, hit: boolean, citation: string): string {
  return "预警「" + name + "」：年度累计" + countField + " " + plainYuan(yearTotal) + "，" + (hit ? "触发" : "未触发") + cite(citation);
}

/** §6 a 预警 skipped: the claim is of a counted visit type but lacks the counted field. */
export function warningSkippedLine(name: string, countField: string, citation: string): string {
  return "预警「" + name + "」：记录没有「" + countField + "」，本条不统计、不判断" + cite(citation);
}

/**
 * §5.2 an item whose condition is false: 「  倾斜救助：条件 规范转诊：规范转诊 = 否 → 不适用，0元（依据 …）」.
 * Always shown: it is a decision about this claim, unlike the 不适用 lines of skipLine.
 */
export function conditionLine(item: string, text: string, facts: string, citation: string): string {
  return "  " + item + "：条件 " + text + "：" + facts + " → 不适用，0元" + cite(citation);
}

/**
 * §5 an item that paid nothing for a reason other than a condition. The structural reasons
 * (not this visit type, not this identity, no row) say 「（不适用：」 and are the lines
 * `calc --explain` hides unless --show-inapplicable.
 */
export function skipLine(item: string, note: string, citation: string): string {
  return "  " + item + "：0元（" + note + "）" + (note.includes("依据") ? "" : cite(citation));
}

/** §4 an item whose 比例 the document leaves open for this identity (bounded by its base). */
export function openRatioLine(item: string, note: string): string {
  return "  " + item + "：" + note;
}

/** The cap kinds of §5.7, as the rule words them. */
export function capText(kind: "单次" | "年度", cap: Fen): string {
  return (kind === "单次" ? "单次限额 " : "年度限额 ") + yuan(cap);
}

export function groupCapText(group: string, cap: Fen): string {
  return "限额组「" + group + "」年度限额 " + yuan(cap);
}

/**
 * One cap that lowered the amount: 「年度限额 6万元（本年已用 37000元，余 23000元），取 23000元」.
 * `used` is undefined for a per-claim cap. Steps of several caps are joined with 「；」.
 */
export function capStep(prev: string | undefined, text: string, used: Fen | undefined, room: Fen): string {
  const s = text + (used === undefined ? "" : "（本年已用 " + plainYuan(used) + "，余 " + plainYuan(room) + "）") + "，取 " + plainYuan(room);
  return prev === undefined ? s : prev + "；" + s;
}

/** The item's own bound `不超过 X` when it lowered the amount: 「不超过 个人负担（10000元），取 10000元」. */
export function boundStep(prev: string | undefined, text: string, bound: Fen): string {
  const s = "不超过 " + text + "（" + plainYuan(bound) + "），取 " + plainYuan(bound);
  return prev === undefined ? s : prev + "；" + s;
}

/** What an item's line needs to know about the item beyond its row (the same for every claim). */
export interface ItemFacts {
  readonly name: string;
  /** the DSL text of the base: 「个人负担 − 基本救助」 */
  readonly baseText: string;
  /** 起付线 按年 (else 按次) */
  readonly deductibleYear: boolean;
  /** 分段 起付线前 (else measured after the deductible) */
  readonly beforeDeductible: boolean;
}

/**
 * An item that reached its row (§5.3–5.7) and paid `paid` (possibly 0):
 * 「  住院救助：基数 个人负担 = 30000元；起付线 1000元（按年，本年已扣 0元）扣除 1000元，余 29000元；
 *  分段按扣除起付线后的「个人负担」计；0至5万元部分 29000元×70%=20300元，四舍五入到分 = 20300元；
 *  年度限额 2万元（本年已用 0元，余 20000元），取 20000元；得 20000元（依据 …）」.
 * dUsed: the deductible already taken this year before this claim (按年 only). p0: the year
 * segment position before this claim (0 for 按次). caps: capStep's text, undefined if none bound.
 * note: the item's 说明 (why 0), shown when no cap explains the amount.
 */
export function payLine(
  f: ItemFacts,
  identity: string,
  rowIdentity: string,
  row: Row,
  base: Fen,
  d: Fen,
  dUsed: Fen,
  p0: Fen,
  before: Fen,
  caps: string | undefined,
  paid: Fen,
  note: string | undefined,
  citation: string,
): string {
  const parts: string[] = [];
  if (row.定额 !== null) {
    parts.push("定额 " + yuan(row.定额));
  } else {
    parts.push("基数 " + f.baseText + " = " + plainYuan(base));
    if (row.起付线 > 0) {
      const period = f.deductibleYear ? "按年，本年已扣 " + plainYuan(dUsed) : "按次";
      parts.push("起付线 " + yuan(row.起付线) + "（" + period + "）扣除 " + plainYuan(d) + "，余 " + plainYuan(base - d));
    }
    const segs = row.分段;
    const real = segs.length > 1 || segs.some((s) => s.起 !== 0 || s.止 !== null);
    const lo = f.beforeDeductible ? p0 + d : p0;
    const hi = f.beforeDeductible ? p0 + base : p0 + base - d;
    const terms: string[] = [];
    for (const s of segs) {
      const top = s.止 === null || hi < s.止 ? hi : s.止;
      const part = top - (lo > s.起 ? lo : s.起);
      if (part <= 0) continue;
      terms.push((real ? range(s) + "部分 " : "") + plainYuan(part) + "×" + pct(s.比例) + "=" + exactYuan(part, s.比例));
    }
    // nothing above the deductible (or a base of 0): no product to show, the 说明 says why
    if (terms.length) {
      if (real) parts.push("分段按" + (f.beforeDeductible ? "起付线前" : "扣除起付线后") + "的「" + f.baseText + "」计");
      if (p0 > 0) parts.push("分段按年，本年位置 " + plainYuan(p0) + "→" + plainYuan(hi));
      parts.push(terms.join(" + ") + "，四舍五入到分 = " + plainYuan(before));
    }
  }
  if (caps !== undefined) parts.push(caps);
  const via = rowIdentity === identity ? "" : "（参照「" + rowIdentity + "」）";
  const why = caps === undefined && note !== undefined ? "（" + note + "）" : "";
  return "  " + f.name + via + "：" + parts.join("；") + "；得 " + plainYuan(paid) + why + cite(citation);
}

function range(s: Seg): string {
  return s.止 === null ? yuan(s.起) + "以上" : yuan(s.起) + "至" + yuan(s.止);
}

/** part × bp / 10000 分 exactly, in 元 (before the one rounding): 「166.665元」. */
function exactYuan(part: Fen, bp: BasisPoints): string {
  const n = BigInt(part) * BigInt(bp); // 分 × 10000
  const whole = n / 1_000_000n;
  const frac = (n % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return whole.toString() + (frac ? "." + frac : "") + "元";
}

// ── Helpers for generated code (the interpreter loops over its own IR) ─────────────────────────

/** The names of the identities whose bits are set, in declaration order. */
export function heldNames(bits: number, names: readonly string[]): string[] {
  const out: string[] = [];
  for (let m = bits; m !== 0; m &= m - 1) out.push(names[31 - Math.clz32(m & -m)]!);
  return out;
}

/**
 * §1 lines in declaration order: `before` the record's identities, `after` those whose condition
 * held. A dropped identity's condition saw the record's identities (as the interpreter's does).
 */
export function heldLines(
  x: string[],
  record: object,
  before: number,
  after: number,
  names: readonly string[],
  cites: readonly string[],
  conds: readonly (ExplainCond | null)[],
): void {
  const held = heldNames(before, names);
  for (let m = before; m !== 0; m &= m - 1) {
    const h = 31 - Math.clz32(m & -m);
    const cond = conds[h];
    if ((after & (1 << h)) !== 0 || !cond) x.push(heldLine(names[h]!, cites[h]!));
    else x.push(droppedLine(names[h]!, condFacts(cond, { record, held }), cites[h]!));
  }
}

/** §2 lines: every exclusion tested, up to the first that held (`ex`, -1 = none). */
export function exclusionLines(
  x: string[],
  list: readonly { text: string; cite: string; cond: ExplainCond }[],
  ex: number,
  env: FactsEnv,
): void {
  const last = ex >= 0 ? ex : list.length - 1;
  for (let i = 0; i <= last; i++) {
    const e = list[i]!;
    x.push(exclusionLine(e.text, condFacts(e.cond, env), i === ex, e.cite));
  }
}
