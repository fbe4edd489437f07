/**
 * Impact on a population: both versions over the same claims, streamed in file order with calc's
 * ledger rules (one year ledger per 人员编号 and side; a claim dated before an already processed
 * claim of the person is an error). Memory grows with persons, never with claims: aggregates are
 * counters and the largest changes a fixed-size list. Records only one side computes are priced on
 * that side (issue 16: leaving them out hid a new identity's payouts); increases and decreases are
 * kept apart so a net never hides a loss; failures keep their reason.
 */
import { claimSchema } from "../claim-schema.js";
import type { CheckedPolicy } from "../ir.js";
import { MAIN_CALCULATOR } from "../ir.js";
import { createInterpreter } from "../interpreter/index.js";
import type { KeyNotes } from "../../runtime/claim-keys.js";
import { validateClaim, type ClaimSchema } from "../../runtime/claims.js";
import type { Evaluator, PersonLedger } from "../../runtime/types.js";
import type { Moves, OneSideRow, PopulationChange, PopulationFailure, PopulationReport, PopulationRow } from "./types.js";

/** A raw record as cli/input/readers.ts yields it. */
export interface RawRecord {
  no: number;
  value?: Record<string, unknown>;
  error?: string;
}

type Result =
  | { ok: true; amount: number; identity?: string; visit?: string; id: string; person?: string; year: number }
  | { ok: false; id?: string; reason: string };

const LARGEST = 10;
/** bins of a person's change over the year (分): −1000元, −100元, 0, 100元, 1000元, 5000元 */
const EDGES: (number | null)[] = [null, -100_000, -10_000, 0, 10_000, 100_000, 500_000, null];
/** failures listed in the report; all of them go to --failures */
const FIRST_FAILURES = 20;
/** distinct failure reasons counted apart; the rest are counted as one "其他原因" line */
const REASONS = 50;

class Side {
  private readonly ledgers = new Map<string, PersonLedger>();
  private readonly schema: ClaimSchema;
  constructor(
    private readonly policy: CheckedPolicy,
    private readonly ev: Evaluator,
    private readonly calculator: string,
    private readonly notes?: KeyNotes,
  ) {
    const calc = policy.calculators.find((c) => c.name === calculator);
    this.schema = claimSchema(policy, calc?.fields ?? []);
  }

  run(raw: Record<string, unknown>, no: number): Result {
    if (!this.policy.calculators.some((c) => c.name === this.calculator)) return { ok: false, reason: `本版没有计算器「${this.calculator}」` };
    const v = validateClaim(raw, this.schema, no, this.notes);
    if (!v.ok) return { ok: false, id: v.编号, reason: v.错误 };
    const claim = v.claim;
    const year = Number(claim.结算日期.slice(0, 4));
    const person = claim.人员编号;
    const known = person === undefined ? undefined : this.ledgers.get(person);
    if (known && (year < known.year || (year === known.year && claim.结算日期 < known.lastDate)))
      return { ok: false, id: claim.编号, reason: "结算日期早于此人已处理的记录：同一人的记录须按结算日期排列" };
    const ledger: PersonLedger = known && known.year === year ? known : { year, lastDate: "", used: {}, lifetime: { ...known?.lifetime } };
    const out = this.ev.evaluate(this.calculator, claim, ledger);
    if (!out.ok) return { ok: false, id: claim.编号, reason: out.错误 };
    if (person !== undefined) this.ledgers.set(person, ledger);
    const r: Result = { ok: true, amount: out.金额, id: claim.编号, visit: claim.就诊类型, year };
    if (out.适用身份 !== undefined) r.identity = out.适用身份;
    if (person !== undefined) r.person = person;
    return r;
  }
}

export interface PopulationOptions {
  calculator?: string;
  /** evaluator per version (e.g. the cached compiled module); the reference interpreter by default */
  evaluatorFor?: (p: CheckedPolicy) => Evaluator | Promise<Evaluator>;
  /** every failure, in file order (`--failures <file>` writes them as JSONL) */
  onFailure?: (f: PopulationFailure) => void | Promise<void>;
  /** keys read after normalising and keys ignored, for the CLI to report once (runtime/claim-keys.ts) */
  keyNotes?: KeyNotes;
}

const noMoves = (): Moves => ({ count: 0, sum: 0, largest: 0 });
function move(m: Moves, d: number): void {
  m.count++;
  m.sum += d;
  if (Math.abs(d) > Math.abs(m.largest)) m.largest = d;
}

export async function populationImpact(
  records: AsyncIterable<RawRecord>,
  oldPolicy: CheckedPolicy,
  newPolicy: CheckedPolicy,
  opts: PopulationOptions = {},
): Promise<PopulationReport> {
  const calculator = opts.calculator ?? MAIN_CALCULATOR;
  const make = opts.evaluatorFor ?? createInterpreter;
  const sides = [
    new Side(oldPolicy, await make(oldPolicy), calculator, opts.keyNotes),
    new Side(newPolicy, await make(newPolicy), calculator, opts.keyNotes),
  ];
  const rep: PopulationReport = {
    records: 0, changed: 0, oldErrors: 0, newErrors: 0, bothErrors: 0, oldTotal: 0, newTotal: 0,
    increases: noMoves(), decreases: noMoves(), byIdentity: [], byVisitType: [], oneSide: [],
    persons: { persons: 0, gaining: noMoves(), losing: noMoves(), withoutPerson: 0, distribution: [] },
    largest: [], becameEligible: 0, stoppedEligible: 0, failureReasons: [], failures: [],
  };
  // bigint totals: a province's year of claims can pass 2^53 分 in intermediate sums
  let oldTotal = 0n;
  let newTotal = 0n;
  const byIdentity = new Map<string, PopulationRow>();
  const byVisit = new Map<string, PopulationRow>();
  const oneSide = new Map<string, OneSideRow>();
  const reasons = new Map<string, { side: "旧" | "新" | "两版"; reason: string; count: number }>();
  // per person and year: both sides' sums (memory grows with persons, as the ledgers already do)
  const personYear = new Map<string, { old: number; new: number }>();
  const bump = (m: Map<string, PopulationRow>, key: string, o: number, n: number) => {
    const row = m.get(key) ?? { key, claims: 0, changed: 0, oldTotal: 0, newTotal: 0, increases: noMoves(), decreases: noMoves() };
    row.claims++;
    row.changed += o !== n ? 1 : 0;
    row.oldTotal += o;
    row.newTotal += n;
    if (n > o) move(row.increases, n - o);
    if (n < o) move(row.decreases, n - o);
    m.set(key, row);
  };
  const fail = async (no: number, id: string | undefined, side: "旧" | "新" | "两版", reason: string) => {
    const f: PopulationFailure = { no, ...(id !== undefined ? { 编号: id } : {}), side, reason };
    if (rep.failures.length < FIRST_FAILURES) rep.failures.push(f);
    const key = reasons.has(`${side}|${reason}`) || reasons.size < REASONS ? `${side}|${reason}` : `${side}|其他原因`;
    const r = reasons.get(key) ?? { side, reason: key.slice(key.indexOf("|") + 1), count: 0 };
    r.count++;
    reasons.set(key, r);
    await opts.onFailure?.(f);
  };
  const personAdd = (r: Extract<Result, { ok: true }>, o: number, n: number) => {
    if (r.person === undefined) return void rep.persons.withoutPerson++;
    const k = `${r.person}\u0000${r.year}`;
    const p = personYear.get(k) ?? { old: 0, new: 0 };
    p.old += o;
    p.new += n;
    personYear.set(k, p);
  };
  for await (const rec of records) {
    rep.records++;
    const [a, b] = rec.value === undefined || rec.error !== undefined
      ? [{ ok: false, reason: rec.error ?? "无法读取" } as Result, { ok: false, reason: rec.error ?? "无法读取" } as Result]
      : sides.map((s) => s.run(rec.value!, rec.no));
    if (!a!.ok) rep.oldErrors++;
    if (!b!.ok) rep.newErrors++;
    if (!a!.ok && !b!.ok) {
      rep.bothErrors++;
      // the same reason on both sides is one line; different ones say which side said what
      await fail(rec.no, a!.id ?? b!.id, "两版", a!.reason === b!.reason ? a!.reason : `旧：${a!.reason}；新：${b!.reason}`);
      continue;
    }
    if (!a!.ok || !b!.ok) {
      // one side only: priced on the side that computes, with the other side's reason
      const [ok, bad, side] = a!.ok ? [a!, b as Extract<Result, { ok: false }>, "旧" as const] : [b as Extract<Result, { ok: true }>, a as Extract<Result, { ok: false }>, "新" as const];
      await fail(rec.no, ok.id, side === "旧" ? "新" : "旧", bad.reason);
      const identity = ok.identity ?? "无救助身份";
      const key = `${side}|${identity}|${bad.reason}`;
      const row = oneSide.get(key) ?? (oneSide.size < REASONS * 4 ? { side, identity, reason: bad.reason, claims: 0, total: 0 } : undefined);
      const r = row ?? oneSide.get(`${side}|${identity}|其他原因`) ?? { side, identity, reason: "其他原因", claims: 0, total: 0 };
      r.claims++;
      r.total += ok.amount;
      oneSide.set(row ? key : `${side}|${identity}|其他原因`, r);
      if (side === "旧") oldTotal += BigInt(ok.amount);
      else newTotal += BigInt(ok.amount);
      personAdd(ok, side === "旧" ? ok.amount : 0, side === "新" ? ok.amount : 0);
      continue;
    }
    const o = a!.amount;
    const n = b!.amount;
    oldTotal += BigInt(o);
    newTotal += BigInt(n);
    personAdd(a!, o, n);
    bump(byIdentity, a!.identity ?? b!.identity ?? "无救助身份", o, n);
    bump(byVisit, a!.visit ?? "未写就诊类型", o, n);
    if (o === n) continue;
    rep.changed++;
    move(n > o ? rep.increases : rep.decreases, n - o);
    if (o === 0) rep.becameEligible++;
    if (n === 0) rep.stoppedEligible++;
    keepLargest(rep.largest, { 编号: a!.id, ...(a!.person ? { 人员编号: a!.person } : {}), old: o, new: n, delta: n - o });
  }
  rep.oldTotal = Number(oldTotal);
  rep.newTotal = Number(newTotal);
  rep.byIdentity = [...byIdentity.values()];
  rep.byVisitType = [...byVisit.values()];
  rep.oneSide = [...oneSide.values()].sort((x, y) => Math.abs(y.total) - Math.abs(x.total));
  rep.failureReasons = [...reasons.values()].sort((x, y) => y.count - x.count);
  const persons = new Set<string>();
  const bins = EDGES.slice(0, -1).map((from, i) => ({ from, to: EDGES[i + 1]!, count: 0 }));
  for (const [k, p] of personYear) {
    persons.add(k.slice(0, k.indexOf("\u0000")));
    if (p.new > p.old) move(rep.persons.gaining, p.new - p.old);
    if (p.new < p.old) move(rep.persons.losing, p.new - p.old);
    const d = p.new - p.old;
    if (d !== 0) bins.find((b) => (b.from === null || d >= b.from) && (b.to === null || d < b.to))!.count++;
  }
  rep.persons.distribution = bins;
  rep.persons.persons = persons.size;
  return rep;
}

function keepLargest(list: PopulationChange[], c: PopulationChange): void {
  if (list.length === LARGEST && Math.abs(c.delta) <= Math.abs(list[list.length - 1]!.delta)) return;
  list.push(c);
  list.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta));
  if (list.length > LARGEST) list.pop();
}
