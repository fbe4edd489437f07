/**
 * Impact on a population: both versions over the same claims, streamed in file order with calc's
 * ledger rules (one year ledger per 人员编号 and side; a claim dated before an already processed
 * claim of the person is an error). Memory grows with persons, never with claims: aggregates are
 * counters and the largest changes a fixed-size list.
 */
import { claimSchema } from "../claim-schema.js";
import type { CheckedPolicy } from "../ir.js";
import { MAIN_CALCULATOR } from "../ir.js";
import { createInterpreter } from "../interpreter/index.js";
import type { KeyNotes } from "../../runtime/claim-keys.js";
import { validateClaim, type ClaimSchema } from "../../runtime/claims.js";
import type { Evaluator, PersonLedger } from "../../runtime/types.js";
import type { PopulationChange, PopulationReport, PopulationRow } from "./types.js";

/** A raw record as cli/input/readers.ts yields it. */
export interface RawRecord {
  no: number;
  value?: Record<string, unknown>;
  error?: string;
}

type Result = { ok: true; amount: number; identity?: string; visit?: string; id: string; person?: string } | { ok: false; id?: string };

const LARGEST = 10;

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
    if (!this.policy.calculators.some((c) => c.name === this.calculator)) return { ok: false };
    const v = validateClaim(raw, this.schema, no, this.notes);
    if (!v.ok) return { ok: false, id: v.编号 };
    const claim = v.claim;
    const year = Number(claim.结算日期.slice(0, 4));
    const person = claim.人员编号;
    const known = person === undefined ? undefined : this.ledgers.get(person);
    if (known && (year < known.year || (year === known.year && claim.结算日期 < known.lastDate))) return { ok: false, id: claim.编号 };
    const ledger: PersonLedger = known && known.year === year ? known : { year, lastDate: "", used: {}, lifetime: { ...known?.lifetime } };
    const out = this.ev.evaluate(this.calculator, claim, ledger);
    if (!out.ok) return { ok: false, id: claim.编号 };
    if (person !== undefined) this.ledgers.set(person, ledger);
    const r: Result = { ok: true, amount: out.金额, id: claim.编号, visit: claim.就诊类型 };
    if (out.适用身份 !== undefined) r.identity = out.适用身份;
    if (person !== undefined) r.person = person;
    return r;
  }
}

export interface PopulationOptions {
  calculator?: string;
  /** evaluator per version (e.g. the cached compiled module); the reference interpreter by default */
  evaluatorFor?: (p: CheckedPolicy) => Evaluator | Promise<Evaluator>;
  /** keys read after normalising and keys ignored, for the CLI to report once (runtime/claim-keys.ts) */
  keyNotes?: KeyNotes;
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
    byIdentity: [], byVisitType: [], largest: [], becameEligible: 0, stoppedEligible: 0,
  };
  // bigint totals: a province's year of claims can pass 2^53 分 in intermediate sums
  let oldTotal = 0n;
  let newTotal = 0n;
  const byIdentity = new Map<string, PopulationRow>();
  const byVisit = new Map<string, PopulationRow>();
  const bump = (m: Map<string, PopulationRow>, key: string, o: number, n: number) => {
    const row = m.get(key) ?? { key, claims: 0, changed: 0, oldTotal: 0, newTotal: 0 };
    row.claims++;
    row.changed += o !== n ? 1 : 0;
    row.oldTotal += o;
    row.newTotal += n;
    m.set(key, row);
  };
  for await (const rec of records) {
    rep.records++;
    const [a, b] = rec.value === undefined || rec.error !== undefined ? [{ ok: false } as Result, { ok: false } as Result] : sides.map((s) => s.run(rec.value!, rec.no));
    if (!a!.ok) rep.oldErrors++;
    if (!b!.ok) rep.newErrors++;
    if (!a!.ok && !b!.ok) rep.bothErrors++;
    if (!a!.ok || !b!.ok) continue; // compared only where both sides computed
    const o = a!.amount;
    const n = b!.amount;
    oldTotal += BigInt(o);
    newTotal += BigInt(n);
    bump(byIdentity, a!.identity ?? b!.identity ?? "无救助身份", o, n);
    bump(byVisit, a!.visit ?? "未写就诊类型", o, n);
    if (o === n) continue;
    rep.changed++;
    if (o === 0) rep.becameEligible++;
    if (n === 0) rep.stoppedEligible++;
    keepLargest(rep.largest, { 编号: a!.id, ...(a!.person ? { 人员编号: a!.person } : {}), old: o, new: n, delta: n - o });
  }
  rep.oldTotal = Number(oldTotal);
  rep.newTotal = Number(newTotal);
  rep.byIdentity = [...byIdentity.values()];
  rep.byVisitType = [...byVisit.values()];
  return rep;
}

function keepLargest(list: PopulationChange[], c: PopulationChange): void {
  if (list.length === LARGEST && Math.abs(c.delta) <= Math.abs(list[list.length - 1]!.delta)) return;
  list.push(c);
  list.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta));
  if (list.length > LARGEST) list.pop();
}
