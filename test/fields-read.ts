/**
 * Which record fields an evaluation reads: the claim is wrapped in a Proxy that notes every own
 * field looked up (`own()` asks for the property descriptor, then reads it). Run it with the
 * reference interpreter, which reads a field only when a rule reaches it; compiled modules load
 * every field a calculator may read up front, so they would over-report.
 *
 * `minimalRecord` keeps only what the evaluation read (and what picks the version, the identities,
 * the ledger and the record's name): issue 9 §1 says such a record must give the same amount.
 */
import type { Claim, EvaluateOptions, Evaluator, Outcome, PersonLedger } from "../runtime/types.js";

/** Fields every record keeps: version, identities, ledger key, name. */
export const ALWAYS_KEPT: readonly string[] = ["结算日期", "身份", "人员编号", "编号"];

/** A claim whose own-field reads are written into `read`. */
export function tracked(claim: Claim, read: Set<string>): Claim {
  const note = (key: string | symbol) => {
    if (typeof key === "string" && !key.startsWith("$") && Object.prototype.hasOwnProperty.call(claim, key)) read.add(key);
  };
  return new Proxy(claim, {
    get(target, key, receiver) {
      note(key);
      return Reflect.get(target, key, receiver);
    },
    getOwnPropertyDescriptor(target, key) {
      note(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    has(target, key) {
      note(key);
      return Reflect.has(target, key);
    },
  });
}

/** Evaluate and return the outcome with the fields the evaluation read. */
export function evaluateReading(
  evaluator: Evaluator,
  calculator: string,
  claim: Claim,
  ledger: PersonLedger,
  options?: EvaluateOptions,
): { outcome: Outcome; read: Set<string> } {
  const read = new Set<string>();
  const outcome = evaluator.evaluate(calculator, tracked(claim, read), ledger, options);
  return { outcome, read };
}

/** The raw record reduced to the fields read (plus ALWAYS_KEPT). */
export function minimalRecord(raw: Record<string, unknown>, read: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (read.has(k) || ALWAYS_KEPT.includes(k)) out[k] = v;
  return out;
}
