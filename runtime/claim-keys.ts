/**
 * The keys of one record (JSON keys, CSV columns) against the fields the policy knows, so no
 * misspelled key is silently ignored while its field takes a default (`就医地点` would leave
 * 就医地 at 市域内 and pay where 不予救助 gives 0):
 * - a key equal to a field after trimming and full-width→half-width is that field (noted once);
 * - a near miss (runtime/suggest.ts nearMiss) is a record error: 您是否想写「就医地」？;
 * - any other key is ignored and noted, so the CLI lists it once on stderr;
 * - two keys naming the same field are a record error;
 * - 编号/人员编号 given as a number beyond Number.isSafeInteger is a record error (18-digit IDs
 *   lose digits in a double: two persons would share a ledger).
 * Pure and Node-free like runtime/claims.ts, which calls it first.
 */
import { nearMiss } from "./suggest.js";

/** What the caller wants reported once per run; filled by checkKeys, printed by the CLI. */
export interface KeyNotes {
  /** keys never reported, not even as near misses (`--ignore-column`) */
  readonly ignore: ReadonlySet<string>;
  /** key as written → field it was read as (after trimming / full-width→half-width) */
  readonly renamed: Map<string, string>;
  /** unknown key → number of records that carried it */
  readonly ignored: Map<string, number>;
}

export function newKeyNotes(ignore: Iterable<string> = []): KeyNotes {
  return { ignore: new Set(ignore), renamed: new Map(), ignored: new Map() };
}

type KeyKind =
  | { kind: "field" }
  | { kind: "renamed"; field: string }
  | { kind: "near"; field: string }
  | { kind: "unknown" };

const FIELD: KeyKind = { kind: "field" };
const UNKNOWN: KeyKind = { kind: "unknown" };

/** Classifications per set of known names: records repeat the same keys, so each is classified once. */
const cache = new WeakMap<object, Map<string, KeyKind>>();
/** Bound on remembered keys, so records with ever-new keys cannot grow memory. */
const CACHE_LIMIT = 4096;

/** trim + full-width ASCII (U+FF01–FF5E) and the ideographic space → half-width. */
export function normalizeKey(key: string): string {
  let out = "";
  for (const ch of key) {
    const c = ch.codePointAt(0)!;
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCodePoint(c - 0xfee0) : c === 0x3000 ? " " : ch;
  }
  return out.trim();
}

function classify(key: string, known: ReadonlySet<string>, names: readonly string[]): KeyKind {
  if (known.has(key)) return FIELD;
  const normal = normalizeKey(key);
  if (known.has(normal)) return { kind: "renamed", field: normal };
  const near = nearMiss(normal, names);
  return near === undefined ? UNKNOWN : { kind: "near", field: near };
}

/** The numeric IDs a double cannot hold exactly. */
const ID_FIELDS = ["编号", "人员编号"] as const;

/**
 * Checks `raw`'s keys against `names` (every field the policy knows, 编号 included). Returns the
 * record to validate (a copy with renamed keys only when one was renamed) and the errors, if any.
 * `owner` identifies the set of names for the classification cache (the schema).
 */
export function checkKeys(
  raw: Record<string, unknown>,
  owner: object,
  names: readonly string[],
  known: ReadonlySet<string>,
  notes?: KeyNotes,
): { raw: Record<string, unknown>; errors?: string[] } {
  let kinds = cache.get(owner);
  if (kinds === undefined) cache.set(owner, (kinds = new Map()));
  let errors: string[] | undefined;
  let renamed: [string, string][] | undefined;
  for (const key in raw) {
    if (!Object.hasOwn(raw, key)) continue;
    let k = kinds.get(key);
    if (k === undefined) {
      k = classify(key, known, names);
      if (kinds.size < CACHE_LIMIT) kinds.set(key, k);
    }
    if (k === FIELD) continue;
    if (notes?.ignore.has(key) === true) continue;
    if (k.kind === "renamed") {
      (renamed ??= []).push([key, k.field]);
      notes?.renamed.set(key, k.field);
    } else if (k.kind === "near") {
      (errors ??= []).push(`未知字段「${key}」，您是否想写「${k.field}」？（如该列另有用途，可用 --ignore-column ${key} 忽略）`);
    } else if (notes !== undefined) {
      notes.ignored.set(key, (notes.ignored.get(key) ?? 0) + 1);
    }
  }
  let out = raw;
  if (renamed !== undefined) {
    out = { ...raw };
    for (const [from, to] of renamed) {
      if (Object.hasOwn(out, to)) {
        (errors ??= []).push(`字段「${to}」写了两次（「${from}」也是它）`);
        continue;
      }
      out[to] = raw[from];
      delete out[from];
    }
  }
  for (const id of ID_FIELDS) {
    const v = out[id];
    if (typeof v === "number" && !Number.isSafeInteger(v)) {
      // beyond 2^53 a double has already lost digits: 110101199001011234 reads as …1200
      (errors ??= []).push(`字段「${id}」的数字 ${v} 无法精确表示，请写成文本（加引号）`);
    }
  }
  return errors === undefined ? { raw: out } : { raw: out, errors };
}

/**
 * A library caller's view of one record's key notes (generated modules' validate()): keys read
 * under another spelling and keys the policy does not know, as Chinese warnings. The CLI
 * reports the same notes once per run instead (cli/input/notes.ts).
 */
export function keyWarnings(notes: KeyNotes): string[] {
  const out: string[] = [];
  for (const [key, field] of notes.renamed) out.push(`列「${key}」按字段「${field}」读取（已去掉空格、全角字符转半角）`);
  for (const key of notes.ignored.keys()) out.push(`「${key}」不是本政策的字段，已忽略`);
  return out;
}
