/**
 * The evaluate function alone (no I/O): the compiled module's evaluate on validated claims vs the
 * hand-written function on its own claim shape, both in integer 分, over the same generated claims
 * with one ledger per person (fresh for every pass). Agreement is checked before anything is timed.
 * Each timed loop is compiled from its own source (new Function) so no variant shares, and
 * pollutes, another's type feedback.
 */
import { claimSchema } from "../compiler/claim-schema.js";
import type { CheckedPolicy } from "../compiler/ir.js";
import { validateClaim } from "../runtime/claims.js";
import { newLedger, type PersonLedger, type Claim, type Evaluator, type Outcome } from "../runtime/types.js";
import { newOutcomeInto, type OutcomeInto } from "../runtime/into.js";
import { generateClaims } from "./claims.js";
import { toHandClaim } from "./handwritten-calc.js";
import { evaluateHand, ID, newHandResult, type HandClaim } from "./handwritten-yingkou.js";

/** A compiled module's evaluateInto (runtime/into.ts): the result goes into a reused object. */
export type EvaluateInto = (calculator: string, claim: Claim, ledger: PersonLedger, out: OutcomeInto) => void;

/** The evaluateInto of a module loaded by loadEvaluator (or a trace-free copy's module). */
export function intoOf(module: unknown): EvaluateInto {
  const f = (module as { evaluateInto?: EvaluateInto }).evaluateInto;
  if (typeof f !== "function") throw new Error("the compiled module has no evaluateInto");
  return f;
}

/**
 * How a module's ledgers are made: its own newLedger (used already of the policy's shape) when it
 * has one. Ledgers are made before the timing on both sides: the hand-written function gets its
 * Float64Array(4) per person there too, so neither side pays for creating its ledger shape.
 */
export function ledgerMaker(module: unknown): (year: number) => PersonLedger {
  const f = (module as { newLedger?: (year: number) => PersonLedger }).newLedger;
  return typeof f === "function" ? f : newLedger;
}

export interface EvalSet {
  claims: Claim[];
  hand: HandClaim[];
  /** person index per claim */
  who: Int32Array;
  persons: number;
}

export function prepareClaims(policy: CheckedPolicy, n: number, population?: number): EvalSet {
  const calc = policy.calculators.find((c) => c.name === "医疗救助")!;
  const schema = claimSchema(policy, calc.fields);
  const claims: Claim[] = [];
  const hand: HandClaim[] = [];
  const who = new Int32Array(n);
  const index = new Map<string, number>();
  let i = 0;
  for (const raw of generateClaims(n, undefined, population)) {
    const v = validateClaim(raw, schema, i + 1);
    if (!v.ok) throw new Error(`generated claim ${i + 1} is invalid: ${v.错误}`);
    claims.push(v.claim);
    hand.push(toHandClaim(raw));
    const p = raw["人员编号"] as string;
    if (!index.has(p)) index.set(p, index.size);
    who[i++] = index.get(p)!;
  }
  return { claims, hand, who, persons: index.size };
}

/** Runs both over every claim; returns the first disagreement (or undefined) and the count. */
export function agreement(
  ev: Evaluator,
  s: EvalSet,
  opts?: { explain?: boolean },
  into?: EvaluateInto,
): { mismatches: number; first?: string } {
  const buf = newOutcomeInto();
  const ledgers = Array.from({ length: s.persons }, () => newLedger(2023));
  const handLedgers = Array.from({ length: s.persons }, () => ({
    year: 2023,
    used: new Float64Array(4),
  }));
  const r = newHandResult();
  let mismatches = 0;
  let first: string | undefined;
  for (let i = 0; i < s.claims.length; i++) {
    let got: unknown[];
    if (into !== undefined) {
      into("医疗救助", s.claims[i]!, ledgers[s.who[i]!]!, buf);
      got = buf.ok
        ? [buf.金额, buf.项目金额[0], buf.项目金额[1], buf.适用身份 ?? "", othersInto(buf)]
        : [buf.错误];
    } else {
      const o: Outcome = ev.evaluate("医疗救助", s.claims[i]!, ledgers[s.who[i]!]!, opts);
      got = o.ok
        ? [o.金额, o.明细[0]!.金额, o.明细[1]!.金额, o.适用身份 ?? "", others(o)]
        : [o.错误];
    }
    evaluateHand(s.hand[i]!, handLedgers[s.who[i]!]!, r);
    const want = [r.total, r.basic, r.tilt, r.winner < 0 ? "" : ID[r.winner]!, handOthers(s, i, r)];
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      mismatches++;
      first ??= `claim ${s.claims[i]!.编号}: compiled ${JSON.stringify(got)} vs hand ${JSON.stringify(want)}`;
    }
  }
  return { mismatches, first };
}

const others = (o: Outcome & { ok: true }) => o.其他身份.map((x) => x.身份 + ":" + x.金额).join(",");
function othersInto(o: OutcomeInto): string {
  const out: string[] = [];
  for (let i = 0; i < o.其他数; i++) out.push(o.其他身份[i] + ":" + o.其他金额[i]);
  return out.join(",");
}
function handOthers(s: EvalSet, i: number, r: ReturnType<typeof newHandResult>): string {
  if (r.winner < 0) return "";
  const out: string[] = [];
  for (let h = 0; h < ID.length; h++)
    if ((s.hand[i]!.ids & (1 << h)) !== 0 && h !== r.winner) out.push(ID[h] + ":" + r.totals[h]);
  return out.join(",");
}

type Loop = (s: EvalSet, ledgers: unknown[], f: unknown, opts: unknown, r: unknown) => number;

/** A fresh copy of a loop body: its own feedback vector, so measurements do not interfere. */
const COMPILED_LOOP = `let sum = 0;
  for (let i = 0; i < s.claims.length; i++) {
    const o = f("医疗救助", s.claims[i], ledgers[s.who[i]], opts);
    if (o.ok) sum += o.金额;
  }
  return sum;`;
const INTO_LOOP = `let sum = 0;
  for (let i = 0; i < s.claims.length; i++) {
    f("医疗救助", s.claims[i], ledgers[s.who[i]], r);
    if (r.ok) sum += r.金额;
  }
  return sum;`;
const HAND_LOOP = `let sum = 0;
  for (let i = 0; i < s.hand.length; i++) {
    f(s.hand[i], ledgers[s.who[i]], r);
    sum += r.total;
  }
  return sum;`;
const loop = (body: string) => new Function("s", "ledgers", "f", "opts", "r", body) as Loop;

export interface Rate {
  claimsPerSec: number;
  checksum: number;
}

/**
 * Claims per CPU second of each variant (process CPU time, not wall time: other processes on a
 * shared machine then skew the ratio less). Rounds alternate between the variants so drift hits
 * all alike; each round runs passes over the whole set for about `roundMs`; the median counts.
 */
export function measure(
  s: EvalSet,
  variants: {
    name: string;
    hand?: boolean;
    ev?: Evaluator;
    /** time evaluateInto (one reused result object) instead of ev.evaluate */
    into?: EvaluateInto;
    /** the compiled side's ledgers (ledgerMaker); runtime newLedger when absent */
    ledger?: (year: number) => PersonLedger;
    opts?: { explain: boolean };
  }[],
  rounds = 7,
  roundMs = 400,
): Map<string, Rate> {
  const runs = variants.map((v) => ({
    v,
    fn: loop(v.hand ? HAND_LOOP : v.into ? INTO_LOOP : COMPILED_LOOP),
    rates: [] as number[],
    checksum: 0,
  }));
  const r = newHandResult();
  const buf = newOutcomeInto();
  for (let round = 0; round < rounds + 1; round++) {
    for (const run of runs) {
      let claims = 0;
      let ms = 0;
      while (ms < roundMs) {
        const ledgers = run.v.hand
          ? Array.from({ length: s.persons }, () => ({ year: 2023, used: new Float64Array(4) }))
          : Array.from({ length: s.persons }, () => (run.v.ledger ?? newLedger)(2023));
        const f = run.v.hand ? evaluateHand : (run.v.into ?? run.v.ev!.evaluate);
        const t = process.cpuUsage();
        run.checksum = run.fn(s, ledgers, f, run.v.opts, run.v.into ? buf : r);
        const used = process.cpuUsage(t);
        ms += (used.user + used.system) / 1000;
        claims += s.claims.length;
      }
      if (round > 0) run.rates.push((claims / ms) * 1000); // round 0 warms up
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  return new Map(runs.map((x) => [x.v.name, { claimsPerSec: median(x.rates), checksum: x.checksum }]));
}
