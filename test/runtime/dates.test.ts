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
});
