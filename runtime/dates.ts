/**
 * ISO dates (YYYY-MM-DD) as plain strings: records keep them that way, ISO order is string order,
 * and reading digits with charCodeAt avoids allocating Date objects on the hot path.
 */

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}

/** Calendar year of an ISO date: the ledger's `year`. Straight-line: it runs once per claim. */
export function yearOf(iso: string): number {
  return (
    iso.charCodeAt(0) * 1000 + iso.charCodeAt(1) * 100 + iso.charCodeAt(2) * 10 + iso.charCodeAt(3) - 53_328
  );
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** YYYYMMDD as a number, for comparisons. */
function ymd(iso: string): number {
  return digits(iso, 0, 4) * 10_000 + digits(iso, 5, 2) * 100 + digits(iso, 8, 2);
}

/**
 * `reference − months` as YYYYMMDD. The day is clamped to the end of the target month
 * (2024-02-29 − 12个月 = 2023-02-28): the calendar reading of "前 N个月".
 */
export function minusMonths(reference: string, months: number): number {
  const m0 = digits(reference, 0, 4) * 12 + digits(reference, 5, 2) - 1 - months;
  const year = Math.floor(m0 / 12);
  const month = m0 - year * 12 + 1;
  const day = Math.min(digits(reference, 8, 2), daysIn(year, month));
  return year * 10_000 + month * 100 + day;
}

// The window of the last reference and months asked (within): a policy asks with one 申请日期 per
// person and one month count, so consecutive claims often share it; a different one recomputes.
let windowReference = "";
let windowMonths = -1;
let windowHigh = 0;
let windowLow = 0;

/**
 * `subject` ∈ (reference − months, reference] (IR `within`). Identity conditions call it for every
 * claim of the identity, so it is written straight (charCodeAt arithmetic, no calls, no loops):
 * the same as minusMonths and ymd. The bounds depend on reference and months only and are kept
 * from the last call.
 */
export function within(subject: string, reference: string, months: number): boolean {
  const s =
    subject.charCodeAt(0) * 10_000_000 + subject.charCodeAt(1) * 1_000_000 + subject.charCodeAt(2) * 100_000 +
    subject.charCodeAt(3) * 10_000 + subject.charCodeAt(5) * 1000 + subject.charCodeAt(6) * 100 +
    subject.charCodeAt(8) * 10 + subject.charCodeAt(9) - 533_333_328;
  if (reference !== windowReference || months !== windowMonths) {
    const y = yearOf(reference);
    const mo = reference.charCodeAt(5) * 10 + reference.charCodeAt(6) - 528;
    const d = reference.charCodeAt(8) * 10 + reference.charCodeAt(9) - 528;
    const m0 = y * 12 + mo - 1 - months;
    const year = Math.floor(m0 / 12);
    const month = m0 - year * 12 + 1;
    const last = daysIn(year, month);
    windowHigh = y * 10_000 + mo * 100 + d;
    windowLow = year * 10_000 + month * 100 + (d < last ? d : last);
    windowReference = reference;
    windowMonths = months;
  }
  return s <= windowHigh && s > windowLow;
}
