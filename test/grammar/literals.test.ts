import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { amountLit, dateLit, ratioLit } from "../../grammar/literals.js";
import { decl } from "./helpers.js";

const at = { start: 0, end: 0 };

describe("amounts are exact integers of 分", () => {
  it.each([
    ["2万元", 2_000_000n, true, "万元"],
    ["1.8万元", 1_800_000n, true, "万元"],
    ["0.000001万元", 1n, true, "万元"],
    ["5000元", 500_000n, true, "元"],
    ["12.34元", 1234n, true, "元"],
    ["0.001元", 0n, false, "元"],
    ["123456789012345678901234567890元", 12345678901234567890123456789000n, true, "元"],
  ] as const)("%s", (text, fen, exact, unit) => {
    expect(amountLit(text, at)).toMatchObject({ kind: "amount", fen, fenExact: exact, unit, text });
  });
  it("agrees with integer arithmetic for any 元.角分", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 99 }), (yuan, cents) => {
        const text = `${yuan}.${String(cents).padStart(2, "0")}元`;
        expect(amountLit(text, at).fen).toBe(yuan * 100n + BigInt(cents));
      }),
      { numRuns: 200 },
    );
  });
});

describe("ratios are exact basis points", () => {
  it.each([
    ["70%", 7000n, true],
    ["7.5%", 750n, true],
    ["0.01%", 1n, true],
    ["0.005%", 0n, false],
    ["100%", 10000n, true],
  ] as const)("%s", (text, bp, exact) => {
    expect(ratioLit(text, at)).toMatchObject({ kind: "ratio", basisPoints: bp, bpExact: exact });
  });
});

describe("dates", () => {
  it("pads to ISO and checks the calendar", () => {
    expect(dateLit("2023年1月5日", at)).toMatchObject({ date: { iso: "2023-01-05" }, valid: true });
    expect(dateLit("2024-02-29", at).valid).toBe(true);
    expect(dateLit("2023-02-29", at).valid).toBe(false);
    expect(dateLit("2023-13-01", at).valid).toBe(false);
    expect(dateLit("2100-02-29", at).valid).toBe(false);
  });
});

describe("literals inside a policy", () => {
  it("限额组 keeps the exact cap", () => {
    const d = decl("限额组 合计 年度限额 1.8万元 包括 甲、乙\n", "capGroup");
    expect(d.annualCap).toMatchObject({ kind: "amount", fen: 1_800_000n });
  });
});
