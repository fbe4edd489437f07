/**
 * REFERENCE ONLY — not used by jiuzhu. runtime/claims.ts as it was before validateClaim was
 * optimised (per-field result objects, regexes, trim() on every string), kept verbatim below this
 * comment but for the import path, as the plain statement of the rules. The differential test
 * test/runtime/claims-equivalence.test.ts runs it beside the optimised runtime/claims.ts on
 * generated records and requires identical results and messages. Do not edit it to make that test
 * pass; change it only together with a deliberate change of the validation contract.
 */
import { checkKeys } from "../../runtime/claim-keys.js";
import type { Claim } from "../../runtime/types.js";

/** Structurally the IR's FieldTypeIR; repeated here so runtime/ never imports compiler/. */
export type ClaimFieldType =
  | { kind: "金额" | "比例" | "日期" | "布尔" | "文本" | "清单" | "身份清单" }
  | { kind: "枚举"; values: readonly string[] };

export interface ClaimField {
  name: string;
  type: ClaimFieldType;
  default?: string | boolean | number | readonly string[];
  vocabulary?: {
    list: string;
    values: readonly string[];
    aliases: Readonly<Record<string, string>>;
    other: boolean;
  };
}

export interface ClaimSchema {
  /** every field the policy knows (built-in and declared); others in a record are ignored */
  fields: readonly ClaimField[];
  /** alias or canonical identity name → canonical name */
  identityNames: Readonly<Record<string, string>>;
  /** the fields the calculator reads; those without a default must be present */
  calculatorFields: readonly string[];
}

export type ClaimResult = { ok: true; claim: Claim } | { ok: false; 编号: string; 错误: string };

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

/** Optional in the standard record even when a calculator reads them: the evaluator decides. */
/** Every other field is demanded by the engine that reaches it (docs/语义.md). */
const ALWAYS_REQUIRED = ["结算日期", "身份"];

/** 100亿元 in 分: amounts must stay below it (safe integers with room for sums). */
export const MAX_FEN = 1_000_000_000_000;

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** 编号 as a string; the 1-based record number when absent. */
export function recordId(raw: Record<string, unknown> | undefined, recordNo: number): string {
  const v = raw?.["编号"];
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
  return String(recordNo);
}

/** Validates a raw record against the policy's fields; reports every bad field at once. */
export function validateClaim(
  given: Record<string, unknown>,
  schema: ClaimSchema,
  recordNo: number,
): ClaimResult {
  // the keys first (runtime/claim-keys.ts, shared: this file restates only the field rules)
  const { known: fields } = prepare(schema);
  const names = ["编号", ...fields.map((f) => f.name)];
  const keyed = checkKeys(given, {}, names, new Set(names));
  const raw = keyed.raw;
  const 编号 = recordId(raw, recordNo);
  const errors: string[] = [...(keyed.errors ?? [])];
  const claim: Record<string, unknown> = { 编号, 身份: [], 病种: [], 规范转诊: false };
  claim["就医地"] = "市域内";
  claim["参保"] = true;
  claim["参保类型"] = "居民医保";
  const { known, required } = prepare(schema);

  for (const field of known) {
    const name = field.name;
    const value = Object.prototype.hasOwnProperty.call(raw, name) ? raw[name] : undefined;
    if (isAbsent(value, field.type.kind)) {
      if (field.default !== undefined) {
        claim[name] = Array.isArray(field.default) ? [...field.default] : field.default;
      } else if (required.has(name)) {
        errors.push(value === "" ? `字段「${name}」为空` : `缺少字段「${name}」`);
      }
      continue;
    }
    let parsed = parseField(name, field.type, value, schema.identityNames);
    if (parsed.ok && field.vocabulary && typeof parsed.value === "string")
      parsed = inVocabulary(name, parsed.value, field.vocabulary);
    if (parsed.ok) claim[name] = parsed.value;
    else errors.push(parsed.error);
  }
  if (errors.length > 0) return { ok: false, 编号, 错误: errors.join("；") };
  return { ok: true, claim: claim as Claim };
}

/** Field table and required set per schema, built once (validation runs per claim). */
const prepared = new WeakMap<ClaimSchema, { known: ClaimField[]; required: Set<string> }>();

function prepare(schema: ClaimSchema): { known: ClaimField[]; required: Set<string> } {
  let p = prepared.get(schema);
  if (p === undefined) {
    const known = new Map<string, ClaimField>();
    for (const f of BUILTINS) known.set(f.name, f);
    for (const f of schema.fields) known.set(f.name, f);
    known.delete("编号");
    const required = new Set(ALWAYS_REQUIRED);
    p = { known: [...known.values()], required };
    prepared.set(schema, p);
  }
  return p;
}

function isAbsent(value: unknown, kind: string): boolean {
  if (value === undefined || value === null) return true;
  // an empty CSV cell is an empty list for list fields, otherwise "not given"
  return typeof value === "string" && value.trim() === "" && kind !== "清单" && kind !== "身份清单";
}

function parseField(
  name: string,
  type: ClaimFieldType,
  value: unknown,
  identityNames: Readonly<Record<string, string>>,
): Parsed {
  switch (type.kind) {
    case "金额":
      return parseAmount(name, value);
    case "比例":
      return parseRatio(name, value);
    case "日期":
      return typeof value === "string" && isIsoDate(value.trim())
        ? { ok: true, value: value.trim() }
        : { ok: false, error: `字段「${name}」不是有效日期（应为 YYYY-MM-DD）：「${show(value)}」` };
    case "布尔":
      return parseBoolean(name, value);
    case "文本":
      if (typeof value === "string") return { ok: true, value: value.trim() };
      if (typeof value === "number" && Number.isFinite(value)) return { ok: true, value: String(value) };
      return { ok: false, error: `字段「${name}」不是文本：「${show(value)}」` };
    case "清单":
      return parseList(name, value);
    case "身份清单":
      return parseIdentities(name, value, identityNames);
    case "枚举": {
      const values = (type as { values: readonly string[] }).values;
      const text = typeof value === "string" ? value.trim() : undefined;
      return text !== undefined && values.includes(text)
        ? { ok: true, value: text }
        : { ok: false, error: `字段「${name}」的值「${show(value)}」无效，应为 ${values.join("、")} 之一` };
    }
  }
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** 元 (number or decimal string) → integer 分 by reading the digits. */
export function parseAmount(name: string, value: unknown): Parsed {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : null;
  if (text === null || (typeof value === "number" && !Number.isFinite(value))) {
    return { ok: false, error: `字段「${name}」不是有效金额：「${show(value)}」` };
  }
  const negative = text.startsWith("-");
  const m = DECIMAL.exec(negative ? text.slice(1) : text);
  if (!m) return { ok: false, error: `字段「${name}」不是有效金额：「${text}」` };
  if (negative && /[1-9]/.test(text)) return { ok: false, error: `字段「${name}」不能为负数：「${text}」` };
  const frac = m[2] ?? "";
  if (frac.length > 2) return { ok: false, error: `字段「${name}」最多两位小数：「${text}」` };
  const whole = m[1]!.replace(/^0+(?=\d)/, "");
  if (whole.length > 10) return { ok: false, error: `字段「${name}」须小于 100亿元：「${text}」` };
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  if (fen >= MAX_FEN) return { ok: false, error: `字段「${name}」须小于 100亿元：「${text}」` };
  return { ok: true, value: fen };
}

/** "70%" or "70" (percent) → basis points, at most 0.01% precision. */
function parseRatio(name: string, value: unknown): Parsed {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  const m = DECIMAL.exec(text.replace(/[%％]$/, ""));
  if (m && (m[2] ?? "").length <= 2) {
    const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
    if (bp <= 10000) return { ok: true, value: bp };
  }
  return { ok: false, error: `字段「${name}」不是有效比例（0%–100%）：「${show(value)}」` };
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DD naming a real calendar day (2023-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS[mo - 1]!);
}

function parseBoolean(name: string, value: unknown): Parsed {
  if (typeof value === "boolean") return { ok: true, value };
  const text = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (text === "true" || text === "是") return { ok: true, value: true };
  if (text === "false" || text === "否") return { ok: true, value: false };
  return { ok: false, error: `字段「${name}」不是有效的是/否值（应为 是、否、true 或 false）：「${show(value)}」` };
}

function parseList(name: string, value: unknown): Parsed {
  if (typeof value === "string") {
    return { ok: true, value: value.split(/[、,，]/).map((s) => s.trim()).filter((s) => s !== "") };
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    return { ok: true, value: value.map((s: string) => s.trim()).filter((s) => s !== "") };
  }
  return { ok: false, error: `字段「${name}」不是文本清单：「${show(value)}」` };
}

function parseIdentities(
  name: string,
  value: unknown,
  identityNames: Readonly<Record<string, string>>,
): Parsed {
  const list = parseList(name, value);
  if (!list.ok) return list;
  const canonical: string[] = [];
  for (const given of list.value as string[]) {
    const found = Object.hasOwn(identityNames, given) ? identityNames[given] : undefined;
    if (found === undefined) {
      const hint = suggest(given, Object.keys(identityNames));
      const tail = hint ? `，您是否想写「${hint}」？` : "";
      return { ok: false, error: `未知身份「${given}」${tail}` };
    }
    if (!canonical.includes(found)) canonical.push(found);
  }
  return { ok: true, value: canonical };
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

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = row;
  }
  return prev[b.length]!;
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

/** A 文本 value against its 取值 清单 (docs/语义.md §0), written plainly. */
function inVocabulary(
  name: string,
  value: string,
  v: NonNullable<ClaimField["vocabulary"]>,
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (v.values.includes(value)) return { ok: true, value };
  if (Object.hasOwn(v.aliases, value)) return { ok: true, value: v.aliases[value] };
  const words = [...v.values, ...Object.keys(v.aliases)];
  const limit = Math.max(1, Math.floor([...value].length / 2));
  let near: string | undefined;
  let best = Infinity;
  for (const w of words) {
    const d = editDistance(value, w);
    if (d <= limit && d < best) [near, best] = [w, d];
  }
  if (near !== undefined)
    return { ok: false, error: `字段「${name}」的值「${value}」不在取值清单「${v.list}」中，您是否想写「${v.aliases[near] ?? near}」？` };
  if (v.other) return { ok: true, value: "其他" };
  return { ok: false, error: `字段「${name}」的值「${value}」不在取值清单「${v.list}」中，应为 ${v.values.join("、")} 之一` };
}
