/**
 * Validation of one claim record (JSON object or CSV row) into a `Claim`: strict, pure, no Node
 * APIs, so users of a compiled module can call it on their own data. Amounts become integer 分 by
 * parsing the decimal text — never by multiplying a float — so no binary rounding can creep in.
 *
 * `jiuzhu calc` runs this once per record, so the common case is kept cheap: a field parser returns
 * the value itself (an `Invalid` only when the field is bad, so a clean record allocates no result
 * objects), strings are trimmed only when an end character may be white space, dates, lists and
 * plain amounts are read character by character (amounts in any other form take the regexes).
 * Results and messages are exactly those of the plain version this replaced, kept as
 * test/runtime/claims-reference.ts and compared by test/runtime/claims-equivalence.test.ts.
 */
import {
  IDENTITY_BITS,
  IDENTITY_ORDER,
  IDENTITY_SOURCE,
  identityBits,
  identityCoding,
  type IdentityCoding,
} from "./identity-coding.js";
import { checkKeys, type KeyNotes } from "./claim-keys.js";
import { closeWord, editDistance } from "./suggest.js";
import { own } from "./trace.js";
import type { Claim } from "./types.js";

/** Structurally the IR's FieldTypeIR; repeated here so runtime/ never imports compiler/. */
export type ClaimFieldType =
  | { kind: "金额" | "比例" | "日期" | "布尔" | "文本" | "清单" | "身份清单" }
  | { kind: "枚举"; values: readonly string[] };

export interface ClaimField {
  name: string;
  type: ClaimFieldType;
  default?: string | boolean | number | readonly string[];
  /** a 文本 field's 取值 清单 (structurally the IR's VocabularyIR) */
  vocabulary?: ClaimVocabulary;
}

export interface ClaimVocabulary {
  list: string;
  values: readonly string[];
  aliases: Readonly<Record<string, string>>;
  other: boolean;
}

export interface ClaimSchema {
  /** every field the policy knows (built-in and declared); others in a record are ignored */
  fields: readonly ClaimField[];
  /** alias or canonical identity name → canonical name */
  identityNames: Readonly<Record<string, string>>;
  /**
   * the fields the calculator reads. Kept for callers and tools; validation no longer demands them:
   * a field is required only when the claim's evaluation reaches it (docs/语义.md), and the engine
   * that reaches it reports `缺少字段「X」：<规则>需要此字段`.
   */
  calculatorFields: readonly string[];
  /**
   * the policy's canonical identity names in declaration order: when given, a valid claim also
   * carries its identities decoded for that order ($身份位, $身份序; runtime/identity-coding.ts)
   */
  identityOrder?: readonly string[];
  /** 身份组 name → members: a group written as a record's identity is an error that says so */
  groups?: Readonly<Record<string, readonly string[]>>;
}

export type ClaimResult = { ok: true; claim: Claim } | { ok: false; 编号: string; 错误: string };

/** What a generated module's validate() returns: the claim or the error, and key warnings if any. */
export type ValidateResult = ClaimResult & { 警告?: string[] };

/** The standard record (issue 2), used when a schema omits a built-in field. */
const BUILTINS: readonly ClaimField[] = [
  { name: "人员编号", type: { kind: "文本" } },
  { name: "身份", type: { kind: "身份清单" } },
  { name: "就诊类型", type: { kind: "枚举", values: ["住院", "门诊慢特病", "普通门诊"] } },
  { name: "结算日期", type: { kind: "日期" } },
  { name: "个人负担", type: { kind: "金额" } },
  { name: "病种", type: { kind: "清单" }, default: [] },
  { name: "规范转诊", type: { kind: "布尔" }, default: false },
  { name: "就医地", type: { kind: "枚举", values: ["市域内", "省内市外", "省外"] }, default: "市域内" },
  { name: "致伤原因", type: { kind: "文本" } },
  { name: "参保", type: { kind: "布尔" }, default: true },
  { name: "参保类型", type: { kind: "枚举", values: ["居民医保", "职工医保"] }, default: "居民医保" },
  { name: "申请日期", type: { kind: "日期" } },
];

/**
 * The only fields every record must carry: 结算日期 picks the version and orders the ledger, 身份
 * says whose rules apply. Every other field is demanded by the engine when a rule reads it.
 */
const ALWAYS_REQUIRED = new Set(["结算日期", "身份"]);

/** 100亿元 in 分: amounts must stay below it (safe integers with room for sums). */
export const MAX_FEN = 1_000_000_000_000;

/** Why a field's value is rejected. Parsers return it in place of the value. */
class Invalid {
  constructor(readonly error: string) {}
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** 编号 as a string; the 1-based record number when absent. */
export function recordId(raw: Record<string, unknown> | undefined, recordNo: number): string {
  const v = raw === undefined ? undefined : own(raw, "编号");
  if (typeof v === "string") {
    const id = trimmed(v);
    if (id !== "") return id;
  }
  // an unsafe number has lost digits already: the record number names the record instead
  if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
  return String(recordNo);
}

/**
 * Validates a raw record against the policy's fields; reports every bad field at once. Its keys
 * are checked first (runtime/claim-keys.ts): `notes` collects what the caller reports once per
 * run (keys read after normalising, keys ignored) and the keys it must not report.
 */
export function validateClaim(
  given: Record<string, unknown>,
  schema: ClaimSchema,
  recordNo: number,
  notes?: KeyNotes,
): ClaimResult {
  const { slots, coding, names, known } = prepare(schema);
  const keyed = checkKeys(given, schema, names, known, notes);
  const raw = keyed.raw;
  const 编号 = recordId(raw, recordNo);
  const claim: Record<string, unknown> = {
    编号,
    身份: [],
    病种: NO_ITEMS,
    规范转诊: false,
    就医地: "市域内",
    参保: true,
    参保类型: "居民医保",
  };
  let errors: string[] | undefined = keyed.errors; // only a bad record pays for the array
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const value = own(raw, slot.name);
    let parsed: unknown;
    if (isAbsent(value, slot.type.kind)) {
      if (slot.default !== undefined) {
        const d = slot.default;
        claim[slot.name] = Array.isArray(d) ? (d.length === 0 ? NO_ITEMS : [...d]) : d;
        continue;
      }
      if (!slot.required) continue;
      parsed = new Invalid(value === "" ? `字段「${slot.name}」为空` : `缺少字段「${slot.name}」`);
    } else {
      parsed = parseField(slot.name, slot.type, value, schema.identityNames, schema.groups);
      if (slot.vocabulary !== undefined && typeof parsed === "string")
        parsed = inVocabulary(slot.name, parsed, slot.vocabulary);
    }
    if (parsed instanceof Invalid) (errors ??= []).push(parsed.error);
    else claim[slot.name] = parsed;
  }
  if (errors !== undefined) return { ok: false, 编号, 错误: errors.join("；") };
  if (coding !== undefined) {
    claim[IDENTITY_BITS] = identityBits(claim["身份"] as string[], coding);
    claim[IDENTITY_ORDER] = coding.key;
    claim[IDENTITY_SOURCE] = claim["身份"];
  }
  return { ok: true, claim: claim as Claim };
}

/** A field the record may carry, as validation needs it. */
interface Slot {
  name: string;
  type: ClaimFieldType;
  default: ClaimField["default"];
  /** absent → 缺少字段 (only for fields without a default) */
  required: boolean;
  vocabulary: ClaimVocabulary | undefined;
}

/** What validation needs of a schema: its slots and identity coding, built once per schema. */
interface Prepared {
  slots: Slot[];
  coding: IdentityCoding | undefined;
  /** every key a record may carry (编号 too), for runtime/claim-keys.ts */
  names: string[];
  known: Set<string>;
}

const prepared = new WeakMap<ClaimSchema, Prepared>();

function prepare(schema: ClaimSchema): Prepared {
  let p = prepared.get(schema);
  if (p === undefined) {
    const known = new Map<string, ClaimField>();
    for (const f of BUILTINS) known.set(f.name, f);
    for (const f of schema.fields) known.set(f.name, f);
    known.delete("编号");
    const slots = [...known.values()].map((f) => ({
      name: f.name,
      type: f.type,
      default: f.default,
      required: ALWAYS_REQUIRED.has(f.name),
      vocabulary: f.vocabulary,
    }));
    const coding = schema.identityOrder === undefined ? undefined : identityCoding(schema.identityOrder);
    const names = ["编号", ...known.keys()];
    prepared.set(schema, (p = { slots, coding, names, known: new Set(names) }));
  }
  return p;
}

/**
 * A 文本 value read against its field's 取值 清单: a word or its 含 sub-name as is, a 别名 as its
 * entry, a value close to a word (「交通事故」, 「酒后闹事」) an error with 您是否想写, any other
 * value 其他 when the 清单 has it, else an error. Never a silent non-match.
 */
function inVocabulary(name: string, value: string, v: ClaimVocabulary): string | Invalid {
  if (v.values.includes(value)) return value;
  const entry = v.aliases[value];
  if (entry !== undefined) return entry;
  const near = closeWord(value, [...v.values, ...Object.keys(v.aliases)]);
  if (near !== undefined)
    return new Invalid(
      `字段「${name}」的值「${value}」不在取值清单「${v.list}」中，您是否想写「${v.aliases[near] ?? near}」？`,
    );
  if (v.other) return OTHER;
  return new Invalid(`字段「${name}」的值「${value}」不在取值清单「${v.list}」中，应为 ${v.values.join("、")} 之一`);
}

const OTHER = "其他";

function isAbsent(value: unknown, kind: string): boolean {
  if (value === undefined || value === null) return true;
  // an empty CSV cell is an empty list for list fields, otherwise "not given"
  return typeof value === "string" && kind !== "清单" && kind !== "身份清单" && trimmed(value) === "";
}

/**
 * `text.trim()`, skipping the call (and its copy) when neither end character is one trim() removes.
 * trim() removes ECMAScript white space and line terminators: U+0009–000D, U+0020, U+00A0, U+1680,
 * U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF.
 */
function trimmed(text: string): string {
  const n = text.length;
  return n === 0 || (!maybeSpace(text.charCodeAt(0)) && !maybeSpace(text.charCodeAt(n - 1))) ? text : text.trim();
}

/** True for every code unit trim() removes (and for some others, which then just call trim()). */
function maybeSpace(c: number): boolean {
  return c <= 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x3000) || c === 0xfeff;
}

function parseField(
  name: string,
  type: ClaimFieldType,
  value: unknown,
  identityNames: Readonly<Record<string, string>>,
  groups?: Readonly<Record<string, readonly string[]>>,
): unknown {
  switch (type.kind) {
    case "金额":
      return amount(name, value);
    case "比例":
      return ratio(name, value);
    case "日期": {
      const text = typeof value === "string" ? trimmed(value) : undefined;
      return text !== undefined && isIsoDate(text)
        ? text
        : new Invalid(`字段「${name}」不是有效日期（应为 YYYY-MM-DD）：「${show(value)}」`);
    }
    case "布尔":
      return boolean(name, value);
    case "文本":
      if (typeof value === "string") return trimmed(value);
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      return new Invalid(`字段「${name}」不是文本：「${show(value)}」`);
    case "清单":
      return list(name, value);
    case "身份清单":
      return identities(name, value, identityNames, groups);
    case "枚举": {
      const values = (type as { values: readonly string[] }).values;
      const text = typeof value === "string" ? trimmed(value) : undefined;
      return text !== undefined && values.includes(text)
        ? text
        : new Invalid(`字段「${name}」的值「${show(value)}」无效，应为 ${values.join("、")} 之一`);
    }
  }
}

/** 元 (number or decimal string) → integer 分 by reading the digits. */
export function parseAmount(name: string, value: unknown): Parsed {
  const fen = amount(name, value);
  return fen instanceof Invalid ? { ok: false, error: fen.error } : { ok: true, value: fen };
}

function amount(name: string, value: unknown): number | Invalid {
  const text =
    typeof value === "string" ? trimmed(value) : typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;
  if (text === undefined) return new Invalid(`字段「${name}」不是有效金额：「${show(value)}」`);
  const fen = plainFen(text);
  return fen >= 0 ? fen : anyFen(name, text);
}

/**
 * The usual amount text, `d{1,10}` or `d{1,10}.d` or `d{1,10}.dd` (ASCII digits), in 分; -1 for
 * anything else, which anyFen then accepts or rejects with the reason. Ten digits stay below
 * MAX_FEN and are exact in a double.
 */
function plainFen(text: string): number {
  const n = text.length;
  let whole = 0;
  let i = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (i === 0 || i > 10) return -1;
  if (i === n) return whole * 100;
  if (text.charCodeAt(i) !== 46 || n - i < 2 || n - i > 3) return -1; // "." and one or two digits
  const tenths = text.charCodeAt(i + 1) - 48;
  const hundredths = n - i === 3 ? text.charCodeAt(i + 2) - 48 : 0;
  if (tenths < 0 || tenths > 9 || hundredths < 0 || hundredths > 9) return -1;
  return whole * 100 + tenths * 10 + hundredths;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Any amount text: the general rules, and the message for each way to break them. */
function anyFen(name: string, text: string): number | Invalid {
  const negative = text.startsWith("-");
  const m = DECIMAL.exec(negative ? text.slice(1) : text);
  if (!m) return new Invalid(`字段「${name}」不是有效金额：「${text}」`);
  if (negative && /[1-9]/.test(text)) return new Invalid(`字段「${name}」不能为负数：「${text}」`);
  const frac = m[2] ?? "";
  if (frac.length > 2) return new Invalid(`字段「${name}」最多两位小数：「${text}」`);
  const whole = m[1]!.replace(/^0+(?=\d)/, "");
  if (whole.length > 10) return new Invalid(`字段「${name}」须小于 100亿元：「${text}」`);
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  if (fen >= MAX_FEN) return new Invalid(`字段「${name}」须小于 100亿元：「${text}」`);
  return fen;
}

/** "70%" or "70" (percent) → basis points, at most 0.01% precision. */
function ratio(name: string, value: unknown): number | Invalid {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? trimmed(value) : "";
  const m = DECIMAL.exec(text.replace(/[%％]$/, ""));
  if (m && (m[2] ?? "").length <= 2) {
    const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
    if (bp <= 10000) return bp;
  }
  return new Invalid(`字段「${name}」不是有效比例（0%–100%）：「${show(value)}」`);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DD (ASCII digits) naming a real calendar day (2023-02-30 is not). */
export function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  if (y < 0 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS[mo - 1]!);
}

/** The number written by text[from, to) when all of it is ASCII digits, else -1. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function boolean(name: string, value: unknown): boolean | Invalid {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const text = trimmed(value);
    if (text === "是" || text === "true") return true;
    if (text === "否" || text === "false") return false;
    const lower = text.toLowerCase(); // "TRUE", "False"
    if (lower === "true") return true;
    if (lower === "false") return false;
  }
  return new Invalid(`字段「${name}」不是有效的是/否值（应为 是、否、true 或 false）：「${show(value)}」`);
}

/** A list of texts: an array of strings, or one string split at 、 and commas; items trimmed, empty ones dropped. */
function list(name: string, value: unknown): string[] | Invalid {
  const items = typeof value === "string" ? splitList(value) : Array.isArray(value) ? arrayList(value) : undefined;
  return items === undefined ? new Invalid(`字段「${name}」不是文本清单：「${show(value)}」`) : listOf(items);
}

/**
 * One frozen empty array for every empty 清单 (most claims name no 病种): a claim held in memory
 * then points at it instead of owning an array, and an evaluator reading `.length` finds it in
 * cache. Frozen, so no claim can change another's list through it.
 */
const NO_ITEMS: string[] = Object.freeze([]) as unknown as string[];

function listOf(items: string[]): string[] {
  return items.length === 0 ? NO_ITEMS : items;
}

/** `text.split(/[、,，]/)`, trimmed, without empty items. */
function splitList(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x3001;
    if (c === 0x3001 /* 、 */ || c === 0x2c /* , */ || c === 0xff0c /* ， */) {
      const item = trimmed(text.slice(start, i));
      if (item !== "") out.push(item);
      start = i + 1;
    }
  }
  return out;
}

/** The array's strings, trimmed, without empty ones; undefined if an element is not a string. */
function arrayList(value: readonly unknown[]): string[] | undefined {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (typeof item !== "string") {
      if (item === undefined && !(i in value)) continue; // a hole: every/map/filter skip it too
      return undefined;
    }
    const text = trimmed(item);
    if (text !== "") out.push(text);
  }
  return out;
}

/** A list of identities, each mapped to its canonical name (aliases too), duplicates dropped. */
function identities(
  name: string,
  value: unknown,
  identityNames: Readonly<Record<string, string>>,
  groups?: Readonly<Record<string, readonly string[]>>,
): string[] | Invalid {
  const given = list(name, value);
  if (given instanceof Invalid) return given;
  // canonical names overwrite the fresh list in place: given[0, kept) holds those found so far
  let kept = 0;
  for (let i = 0; i < given.length; i++) {
    const item = given[i]!;
    const found = Object.hasOwn(identityNames, item) ? identityNames[item] : undefined;
    if (found === undefined) {
      const members = groups && Object.hasOwn(groups, item) ? groups[item] : undefined;
      if (members)
        return new Invalid(
          `「${item}」是身份组（包括 ${members.join("、")}），不是身份：记录的身份请写此人实际持有的身份，如「${members[0]}」`,
        );
      const hint = suggest(item, Object.keys(identityNames));
      const tail = hint ? `，您是否想写「${hint}」？` : "";
      return new Invalid(`未知身份「${item}」${tail}`);
    }
    if (!includes(given, kept, found)) given[kept++] = found;
  }
  if (kept < given.length) given.length = kept; // a runtime call even when nothing changes
  return given;
}

function includes(items: readonly string[], count: number, item: string): boolean {
  for (let i = 0; i < count; i++) if (items[i] === item) return true;
  return false;
}

/** The closest known name within a small edit distance (ties: first declared). */
export function suggest(given: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.ceil(given.length / 3)) + 1;
  for (const candidate of names) {
    const d = editDistance(given, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function show(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // a BigInt or a cycle, and maybe no toString either (null-prototype objects): never throw
    try {
      return String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
}
