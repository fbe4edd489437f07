/**
 * Random claim records for one policy, derived from its checked IR only: the fields the checked
 * calculators read, the identities it declares, the enumeration/list/text values its conditions
 * test, and amounts biased towards the policy's own edges (起付线, 分段, 限额). Records are raw
 * (amounts as "123.45" 元 strings), exactly what `jiuzhu calc` reads, so a counterexample can be
 * pasted into a claims file; runtime/claims.ts validateClaim turns them into claims.
 *
 * Every arbitrary shrinks towards the "plain" record: amounts towards 0, dates towards 生效,
 * lists and identities towards empty, booleans towards 否, optional fields towards absent.
 */
import fc from "fast-check";
import type { CheckedPolicy, CondIR, FieldIR, ValueIR } from "../ir.js";
import { groupCapAmounts, valueOperands } from "../ir.js";

export type RawRecord = Record<string, unknown>;

/** 50万元: above every cap, segment edge and 预警 threshold of the policies (largest 30万元). */
export const MAX_AMOUNT = 50_000_000;
/** The standard record's fields a calculator may read but a record may leave out (claims.ts). */
const OPTIONAL = new Set(["编号", "人员编号", "致伤原因", "申请日期"]);
/** A value no condition names: the "other" case of texts and lists. */
const OTHER = "其他";
const DAY = 86_400_000;

/** 分 → "123.45" (the record's amount format; exact, no float arithmetic). */
export function fenText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}

function isoPlusDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Every condition of the policy, to learn which values of a field make a difference. */
function policyConds(policy: CheckedPolicy): CondIR[] {
  return [
    ...policy.items.flatMap((i) => i.conditions.map((c) => c.cond)),
    ...policy.exclusions.map((e) => e.when),
    ...policy.identities.flatMap((i) => (i.condition ? [i.condition] : [])),
    ...policy.warnings.map((w) => w.when),
    ...policy.guarantees.map((g) => g.cond),
  ];
}

/** Values named for each field (texts, list members) and amount constants of conditions. */
function tested(policy: CheckedPolicy): { values: Map<string, Set<string>>; consts: number[] } {
  const values = new Map<string, Set<string>>();
  const consts: number[] = [];
  const add = (field: string, vs: string[]) => {
    const set = values.get(field) ?? new Set<string>();
    for (const v of vs) set.add(v);
    values.set(field, set);
  };
  const value = (v: ValueIR): void => {
    if (v.kind === "const") consts.push(v.fen);
    else valueOperands(v).forEach(value);
  };
  const walk = (c: CondIR): void => {
    switch (c.kind) {
      case "and":
      case "or":
        return (walk(c.left), walk(c.right));
      case "not":
        return walk(c.operand);
      case "textIn":
        return add(c.field, c.values);
      case "listIntersects":
        return add(c.field, c.members);
      case "compare":
        return (value(c.left), value(c.right));
      default:
        return;
    }
  };
  policyConds(policy).forEach(walk);
  return { values, consts };
}

/**
 * Amounts where the payout changes slope: 起付线, segment edges, caps, condition constants, and the
 * burden at which a ratio reaches a cap (cap ÷ ratio). Random integers rarely land on them exactly.
 */
function edges(policy: CheckedPolicy, consts: number[]): number[] {
  const out = new Set<number>(consts);
  const caps = policy.capGroups.flatMap(groupCapAmounts);
  const ratios = new Set<number>();
  for (const item of policy.items)
    for (const row of Object.values(item.rows)) {
      if (row.kind !== "params") continue;
      for (const n of [row.deductible, row.flat, row.perClaimCap, row.annualCap]) if (n !== null) out.add(n);
      for (const n of [row.perClaimCap, row.annualCap]) if (n !== null) caps.push(n);
      for (const s of row.segments) {
        out.add(s.from);
        if (s.to !== null) out.add(s.to);
        if (s.bp > 0) ratios.add(s.bp);
      }
    }
  for (const cap of caps) for (const bp of ratios) out.add(Math.ceil((cap * 10_000) / bp));
  return [...out].filter((n) => n > 0 && n <= MAX_AMOUNT).sort((a, b) => a - b);
}

function amountArb(edgeList: number[]): fc.Arbitrary<number> {
  const plain = fc.integer({ min: 0, max: MAX_AMOUNT });
  if (edgeList.length === 0) return plain;
  const near = fc
    .tuple(fc.constantFrom(...edgeList), fc.integer({ min: -2, max: 2 }))
    .map(([e, d]) => Math.min(MAX_AMOUNT, Math.max(0, e + d)));
  // cross-shrink: a counterexample found near an edge still shrinks as a plain integer towards 0
  return fc.oneof({ withCrossShrink: true }, { arbitrary: plain, weight: 3 }, { arbitrary: near, weight: 1 });
}

interface RecordModel {
  model: Record<string, fc.Arbitrary<unknown>>;
  required: string[];
  /** date fields other than 结算日期, generated as days from it */
  relative: string[];
  /** 生效 and the last day of the version's period (at most two years of it) */
  start: string;
  end: string;
}

/** The arbitrary of each field a record carries, shared by single claims and sequences. */
function recordModel(policy: CheckedPolicy, fields: Iterable<string>): RecordModel {
  const byName = new Map<string, FieldIR>(policy.fields.map((f) => [f.name, f]));
  const { values, consts } = tested(policy);
  const amount = amountArb(edges(policy, consts));
  const start = policy.meta.effective;
  const end = policy.meta.expires ? isoPlusDays(policy.meta.expires, -1) : isoPlusDays(start, 730);
  const span = Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / DAY));
  const identities = policy.identities.map((i) => i.name);

  const arbFor = (f: FieldIR): fc.Arbitrary<unknown> => {
    const t = f.type;
    switch (t.kind) {
      case "金额":
        return amount.map(fenText);
      case "比例":
        return fc.integer({ min: 0, max: 10_000 }).map((bp) => `${fenText(bp)}%`);
      case "日期":
        // 结算日期 inside the period; other dates (申请日期) as days from it, made dates below, so
        // windows like 第十三条's 12 months are hit often and shrink to the same day
        return f.name === "结算日期"
          ? fc.integer({ min: 0, max: span }).map((d) => isoPlusDays(start, d))
          : fc.integer({ min: -400, max: 400 });
      case "布尔":
        return fc.boolean();
      case "枚举":
        return fc.constantFrom(...t.values);
      case "文本":
        return fc.constantFrom(...(values.get(f.name) ?? []), OTHER);
      case "清单": {
        const all = [...(values.get(f.name) ?? []), OTHER];
        return fc.subarray(all, { maxLength: Math.min(3, all.length) });
      }
      case "身份清单":
        // several identities exercise 就高不重复; canonical names so the report reads plainly
        return fc.subarray(identities, { maxLength: Math.min(2, identities.length) });
    }
  };

  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  const wanted = new Set(["身份", "结算日期", ...fields]);
  for (const name of ["身份", "就诊类型", "结算日期", "个人负担", ...wanted]) {
    const f = byName.get(name);
    if (!f || !wanted.has(name) || name in model) continue;
    model[name] = arbFor(f);
    if (name === "结算日期" || (f.default === undefined && !OPTIONAL.has(name))) required.push(name);
  }
  const relative = Object.keys(model).filter((n) => n !== "结算日期" && byName.get(n)!.type.kind === "日期");
  return { model, required, relative, start, end };
}

/** Relative dates (days from 结算日期) made dates; a new object: fast-check keeps the generated one. */
function withDates(r: RawRecord, relative: readonly string[]): RawRecord {
  const out = { ...r };
  for (const n of relative) if (typeof r[n] === "number") out[n] = isoPlusDays(r["结算日期"] as string, r[n] as number);
  return out;
}

/**
 * Records carrying `fields` (plus 身份 and 结算日期) for `policy`: required fields always, fields
 * with a default or optional in the standard record sometimes. 结算日期 lies in the version's
 * period (at most two years of it), so the version that is checked is the one that applies.
 */
export function claimArbitrary(policy: CheckedPolicy, fields: Iterable<string>): fc.Arbitrary<RawRecord> {
  const { model, required, relative } = recordModel(policy, fields);
  return fc.record(model, { requiredKeys: required }).map((r: RawRecord) => withDates(r, relative));
}

/** The calendar years of the period, each as its first and last day inside the period. */
function yearWindows(start: string, end: string): { from: string; days: number }[] {
  const out: { from: string; days: number }[] = [];
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) {
    const from = `${y}-01-01` < start ? start : `${y}-01-01`;
    const to = `${y}-12-31` > end ? end : `${y}-12-31`;
    out.push({ from, days: Math.round((Date.parse(to) - Date.parse(from)) / DAY) });
  }
  return out;
}

/** The person every claim of a generated sequence belongs to (calc keeps one ledger per 人员编号). */
export const SEQUENCE_PERSON = "甲";

/**
 * One person's claims in one calendar year of the version's period, 结算日期 in order: 1 to
 * `maxClaims` records like claimArbitrary's, each with its own visit type, identities (so
 * identities change mid-year) and amounts. Shrinks towards fewer claims, the first year, and
 * every claim on its first day.
 */
export function sequenceArbitrary(policy: CheckedPolicy, fields: Iterable<string>, maxClaims = 8): fc.Arbitrary<RawRecord[]> {
  const { model, required, relative, start, end } = recordModel(policy, fields);
  const { 结算日期: _date, ...rest } = model;
  const records = fc.record(rest, { requiredKeys: required.filter((n) => n !== "结算日期") });
  const windows = yearWindows(start, end);
  return fc
    .tuple(
      fc.integer({ min: 0, max: windows.length - 1 }),
      fc.array(fc.tuple(records, fc.integer({ min: 0, max: 365 })), { minLength: 1, maxLength: maxClaims }),
    )
    .map(([w, claims]) => {
      const { from, days } = windows[w]!;
      return claims
        .map(([r, d]) => ({ r, d: d % (days + 1) }))
        .sort((a, b) => a.d - b.d)
        .map(({ r, d }) => withDates({ 人员编号: SEQUENCE_PERSON, 结算日期: isoPlusDays(from, d), ...r }, relative));
    });
}
