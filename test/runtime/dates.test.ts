import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minusMonths, within, yearOf } from "../../runtime/dates.js";

describe("dates", () => {
  it("reads the year", () => {
    expect(yearOf("2023-12-31")).toBe(2023);
  });

  it("subtracts calendar months, clamping the day to the month's end", () => {
    expect(minusMonths("2023-03-01", 12)).toBe(20220301);
    expect(minusMonths("2024-02-29", 12)).toBe(20230228);
    expect(minusMonths("2023-03-31", 1)).toBe(20230228);
    expect(minusMonths("2023-01-15", 1)).toBe(20221215);
    expect(minusMonths("2023-05-31", 3)).toBe(20230228);
  });

  it("within is (reference − months, reference]", () => {
    expect(within("2023-03-01", "2023-03-01", 12)).toBe(true);
    expect(within("2022-03-02", "2023-03-01", 12)).toBe(true);
    expect(within("2022-03-01", "2023-03-01", 12)).toBe(false);
    expect(within("2023-03-02", "2023-03-01", 12)).toBe(false);
  });

  it("within (straight-line) equals its definition over minusMonths on every kind of date", () => {
    // the definition as first written: subject as YYYYMMDD against minusMonths and the reference
    const ymd = (iso: string) => Number(iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10));
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    const day = fc.integer({ min: Date.UTC(1999, 0, 1), max: Date.UTC(2031, 11, 31) }).map((t) => iso(t));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 40 }), (s, r, m) => {
        expect(within(s, r, m)).toBe(ymd(s) > minusMonths(r, m) && ymd(s) <= ymd(r));
      }),
      { numRuns: 20_000 },
    );
    // month ends and leap days, where the clamp matters
    for (const r of ["2024-02-29", "2023-03-31", "2024-03-31", "2023-12-31", "2100-03-31", "2000-03-31"])
      for (const s of ["2023-02-28", "2023-03-01", "2023-02-27", "2022-12-31", "2099-03-31", "1999-03-31", "1999-04-01"])
        for (const m of [0, 1, 12, 13, 24])
          expect(within(s, r, m), `${s} ${r} ${m}`).toBe(ymd(s) > minusMonths(r, m) && ymd(s) <= ymd(r));
  });
});
