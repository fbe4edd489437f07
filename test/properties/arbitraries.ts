/**
 * Claim generators derived from a CheckedPolicy: identities (canonical names and aliases), visit
 * types, amounts biased to the policy's own constants ±1分, dates inside the version's period,
 * date fields around the windows identity conditions test, diseases from its lists, every declared
 * field. Records are built as the CLI reads them (amounts as 元 strings) and go through
 * runtime/claims.ts validateClaim, so the properties see exactly the claims users produce.
 */
import fc from "fast-check";
import { MAIN_CALCULATOR, VISIT_TYPES, type CheckedPolicy, type FieldIR } from "../../compiler/ir.js";
import { validateClaim } from "../../runtime/claims.js";
import type { Claim } from "../../runtime/types.js";
import { formatFen } from "../../cli/output.js";
import { amountConstants, calculator, dateWindows, textValues } from "./facts.js";

export interface GenClaim {
  calculator: string;
  claim: Claim;
}

// ---------------------------------------------------------------- dates (whole UTC days)

const DAY = 86_400_000;
const toDay = (iso: string) => Date.parse(iso + "T00:00:00Z") / DAY;
const fromDay = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
export const addDays = (iso: string, n: number) => fromDay(toDay(iso) + n);

/** iso + m months, the day clamped to the month's length (2024-03-31 + 11 → 2025-02-28). */
export function addMonths(iso: string, m: number): string {
  const [y, mo, d] = iso.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (mo - 1) + m;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, "0")}-${String(nm + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** [first, last] 结算日期 a version can compute: 生效 .. 失效−1, or three years when open. */
export function dateRange(policy: CheckedPolicy): [string, string] {
  const first = policy.meta.effective;
  const last = policy.meta.expires ? addDays(policy.meta.expires, -1) : addDays(addMonths(first, 36), -1);
  return [first, last];
}

/** A 结算日期 in range; year boundaries and the first day are hit often (ledger resets). */
const dateArb = memo((policy): fc.Arbitrary<string> => {
  const [first, last] = dateRange(policy);
  const lo = toDay(first);
  const hi = toDay(last);
  const edges: number[] = [lo, hi];
  for (let y = Number(first.slice(0, 4)) + 1; y <= Number(last.slice(0, 4)); y++) {
    const jan1 = toDay(`${y}-01-01`);
    edges.push(jan1 - 1, jan1);
  }
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...edges).map(fromDay) },
    { weight: 5, arbitrary: fc.integer({ min: lo, max: hi }).map(fromDay) },
  );
});

/** How far a related date lies from 结算日期: [months, days] around a 12-month window's edges, or any day. */
const offsetArb = fc.oneof(
  fc.tuple(fc.constantFrom(0, 1, 6, 11, 12, 13, -1), fc.integer({ min: -1, max: 1 })),
  fc.tuple(fc.constant(0), fc.integer({ min: -400, max: 400 })),
);
const shift = (iso: string, [m, d]: [number, number], sign: 1 | -1) => addDays(addMonths(iso, sign * m), sign * d);

// ---------------------------------------------------------------- amounts (分)

/** Amounts biased to the policy's thresholds: each constant c as c−1, c, c+1. */
export const amountArb = memo((policy): fc.Arbitrary<number> => {
  const consts = amountConstants(policy);
  const arbs: fc.WeightedArbitrary<number>[] = [
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 1_000 }) }, // half-分 rounding edges
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 20_000_000 }) }, // up to 20万元
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 1_000_000_000 }) }, // up to 1000万元
  ];
  if (consts.length > 0)
    arbs.push({
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...consts), fc.integer({ min: -1, max: 1 }))
        .map(([c, d]) => Math.max(0, c + d)),
    });
  return fc.oneof(...arbs);
});

// ---------------------------------------------------------------- identities

/** A set of identities as a record writes them: any order, canonical names or aliases. */
export const identitiesArb = memo((policy): fc.Arbitrary<string[]> => {
  const names = policy.identities.map((i) => i.name);
  const spell = (canon: string[]) =>
    fc.tuple(...canon.map((n) => fc.constantFrom(n, ...policy.identities.find((i) => i.name === n)!.aliases)));
  const sets = fc.oneof(
    { weight: 1, arbitrary: fc.constant<string[]>([]) },
    { weight: 6, arbitrary: fc.constantFrom(...names).map((n) => [n]) },
    { weight: 3, arbitrary: fc.shuffledSubarray(names, { minLength: 2, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.shuffledSubarray(names) },
  );
  return sets.chain((s) => (s.length === 0 ? fc.constant([]) : spell(s)));
});

// ---------------------------------------------------------------- record

function fieldArb(policy: CheckedPolicy, f: FieldIR): fc.Arbitrary<unknown> {
  const t = f.type;
  switch (t.kind) {
    case "金额":
      return amountArb(policy).map(formatFen);
    case "比例":
      return fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`);
    case "日期":
      return dateArb(policy);
    case "布尔": // mostly true: a false flag (区户籍, 规范转诊) usually just excludes the claim
      return fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
    case "文本": {
      // mostly a value the policy does not test, so exclusions (致伤原因 属于 …) do not dominate
      const values = textValues(policy, f.name);
      const tested = values.length ? [{ weight: 1, arbitrary: fc.constantFrom(...values) }] : [];
      return fc.oneof({ weight: 2, arbitrary: fc.constant("其他") }, ...tested);
    }
    case "清单": {
      // one or two members of the policy's lists, each list equally likely (戈谢病庞贝氏病 has 2
      // names, 省定重特大疾病 27: a union would almost never name the small list), or none
      const lists = policy.lists.map((l) => fc.constantFrom(...l.members));
      if (lists.length === 0) return fc.constantFrom<string[]>([], ["感冒"]);
      const member = fc.oneof(...lists);
      return fc.oneof(
        fc.constantFrom<string[]>([], ["感冒"]),
        member.map((m) => [m]),
        fc.tuple(member, member).map(([a, b]) => [...new Set([a, b])]),
      );
    }
    case "枚举":
      return fc.constantFrom(...t.values);
    case "身份清单":
      return identitiesArb(policy);
  }
}

/** Built-in fields with a generator of their own (or set by the caller). */
const SPECIAL = new Set(["编号", "人员编号", "身份", "结算日期", "就诊类型", "参保"]);

/** A record without 身份 and 结算日期, with the draws that place date fields and drop fields. */
interface Core {
  raw: Record<string, unknown>;
  offsets: [number, number][];
  drop: string[];
}

/** Arbitraries are built once per policy: building them walks the IR, generating should not. */
function memo<T>(build: (p: CheckedPolicy, key: string) => T) {
  const cache = new WeakMap<CheckedPolicy, Map<string, T>>();
  return (p: CheckedPolicy, key = ""): T => {
    let m = cache.get(p);
    if (!m) cache.set(p, (m = new Map()));
    if (!m.has(key)) m.set(key, build(p, key));
    return m.get(key)!;
  };
}

const coreArb = memo((policy, key): fc.Arbitrary<Core> => {
  const parts: Record<string, fc.Arbitrary<unknown>> = {
    就诊类型: fc.constantFrom(...VISIT_TYPES),
    参保: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  };
  for (const f of policy.fields) if (!SPECIAL.has(f.name)) parts[f.name] = fieldArb(policy, f);
  const n = dateWindows(policy).length;
  return fc.record({
    raw: fc.record(parts),
    offsets: fc.array(offsetArb, { minLength: n, maxLength: n }),
    drop: key === "drop" ? fc.subarray(["致伤原因", "申请日期"]) : fc.constant([]),
  }) as fc.Arbitrary<Core>;
});

/** The raw record: date fields put around the windows the policy tests, optional fields dropped. */
function finish(policy: CheckedPolicy, core: Core, date: string, identities: string[]): Record<string, unknown> {
  const raw: Record<string, unknown> = { ...core.raw, 身份: identities, 结算日期: date };
  dateWindows(policy).forEach((w, i) => {
    // put the reference near the subject (or the other way round) so both sides of the edge occur
    const o = core.offsets[i]!;
    if (w.subject === "结算日期") raw[w.reference] = shift(date, o, 1);
    else if (w.reference === "结算日期") raw[w.subject] = shift(date, o, -1);
    else if (typeof raw[w.reference] === "string") raw[w.subject] = shift(String(raw[w.reference]), o, -1);
  });
  for (const d of core.drop) delete raw[d];
  return raw;
}

let serial = 0;
const schemas = memo((policy, calc) => {
  const c = calculator(policy, calc);
  return { fields: policy.fields, identityNames: policy.identityNames, calculatorFields: c.fields };
});
/** As the CLI validates: identities also decoded for the policy's order ($身份位, $身份序) */
const decodingSchemas = memo((policy, calc) => ({
  ...schemas(policy, calc),
  identityOrder: policy.identities.map((h) => h.name),
}));

/**
 * Validates like the CLI; a generated record that does not validate is a bug of this file. Every
 * other claim carries decoded identities, so the compiled module's two ways of reading 身份 (the
 * decoded bits, and decoding it itself) both meet the interpreter.
 */
export function toClaim(policy: CheckedPolicy, calc: string, raw: Record<string, unknown>): Claim {
  const schema = serial % 2 === 0 ? decodingSchemas(policy, calc) : schemas(policy, calc);
  const r = validateClaim({ 编号: `g${++serial}`, 人员编号: "P", ...raw }, schema, serial);
  if (!r.ok) throw new Error(`generated record does not validate: ${r.错误} ${JSON.stringify(raw)}`);
  return r.claim;
}

/** The main calculator most of the time, the others now and then. */
export function calculatorArb(policy: CheckedPolicy): fc.Arbitrary<string> {
  const others = policy.calculators.map((c) => c.name).filter((n) => n !== MAIN_CALCULATOR);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(MAIN_CALCULATOR) },
    ...others.map((n) => ({ weight: 1, arbitrary: fc.constant(n) })),
  );
}

export interface ClaimOptions {
  calculator?: string;
  /** leave out optional fields (致伤原因, 申请日期) now and then, to reach missing-field errors */
  dropOptional?: boolean;
}

/** One claim of any calculator (or the given one), with any identities and date. */
export function claimArb(policy: CheckedPolicy, o: ClaimOptions = {}): fc.Arbitrary<GenClaim> {
  return fc
    .tuple(
      o.calculator ? fc.constant(o.calculator) : calculatorArb(policy),
      coreArb(policy, o.dropOptional ? "drop" : ""),
      dateArb(policy),
      identitiesArb(policy),
    )
    .map(([calc, core, date, ids]) => ({
      calculator: calc,
      claim: toClaim(policy, calc, finish(policy, core, date, ids)),
    }));
}

export interface PersonOptions extends ClaimOptions {
  minLength?: number;
  maxLength?: number;
  /** all claims in one calendar year (annual rules); else dates anywhere in the range */
  oneYear?: boolean;
  /** one identity set for the whole sequence; else each claim draws its own */
  fixedIdentities?: boolean;
  /** the fixed identity sets to draw from (default: identitiesArb) */
  identitySets?: fc.Arbitrary<string[]>;
}

/** The calendar years of the range, each with its first and last day in range. */
function years(policy: CheckedPolicy): [number, number][] {
  const [first, last] = dateRange(policy);
  const out: [number, number][] = [];
  for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++)
    out.push([Math.max(toDay(first), toDay(`${y}-01-01`)), Math.min(toDay(last), toDay(`${y}-12-31`))]);
  return out;
}

/** One person's claims in 结算日期 order (the CLI rejects claims out of order). */
export function personArb(policy: CheckedPolicy, o: PersonOptions = {}): fc.Arbitrary<GenClaim[]> {
  const item = fc.tuple(
    o.calculator ? fc.constant(o.calculator) : calculatorArb(policy),
    coreArb(policy, o.dropOptional ? "drop" : ""),
    // one year: a day index folded into the year's days in range; else any date
    o.oneYear ? fc.integer({ min: 0, max: 365 }).map(String) : dateArb(policy),
    o.fixedIdentities ? fc.constant(undefined) : identitiesArb(policy),
  );
  const person = fc.record({
    year: fc.constantFrom(...years(policy)),
    ids: o.fixedIdentities ? (o.identitySets ?? identitiesArb(policy)) : fc.constant(undefined),
    items: fc.array(item, { minLength: o.minLength ?? 1, maxLength: o.maxLength ?? 6 }),
  });
  return person.map(({ year: [lo, hi], ids, items }) =>
    items
      .map(([calc, core, day, own]) => ({
        calc,
        core,
        ids: (ids ?? own)!,
        date: o.oneYear ? fromDay(lo + (Number(day) % (hi - lo + 1))) : day,
      }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((c) => ({ calculator: c.calc, claim: toClaim(policy, c.calc, finish(policy, c.core, c.date, c.ids)) })),
  );
}
