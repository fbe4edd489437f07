/**
 * Ledger access. A compiled calculator knows statically which keys it touches, so it reads them
 * with constant keys into locals once per claim (inline, as `same ? used["k"] : undefined`; usedOf
 * is the same read as a function), evaluates every identity on those locals, and writes back only
 * the winner's touched keys whose value changed (commitYear, then plain stores). Nothing is
 * written before the claim succeeds, so an error leaves the ledger untouched.
 */
import type { Fen, PersonLedger } from "./types.js";

/** A `used` entry as it stands for a claim of `year`: 0 when the ledger is of another year. */
export function usedOf(ledger: PersonLedger, sameYear: boolean, key: string): Fen {
  if (!sameYear) return 0;
  const v = ledger.used[key];
  return v === undefined ? 0 : v;
}

export function lifetimeOf(ledger: PersonLedger, key: string): number {
  const v = ledger.lifetime[key];
  return v === undefined ? 0 : v;
}

/**
 * Start the commit of a successful claim: year rollover (used reset, lifetime kept), lastDate.
 * Returns the `used` record to write the winner's keys into.
 */
export function commitYear(ledger: PersonLedger, year: number, date: string): Record<string, Fen> {
  if (ledger.year !== year) {
    ledger.used = {};
    ledger.year = year;
  }
  ledger.lastDate = date;
  return ledger.used;
}
