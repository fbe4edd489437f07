import { describe, expect, it } from "vitest";
import { evaluateArithmetic, toYuanString } from "../../compiler/arith.js";

describe("golden 算式 evaluator", () => {
  it("computes with exact decimals and percent", () => {
    expect(toYuanString(evaluateArithmetic("10000*70% + (10000 - 10000*70%)*70%"))).toBe("9100.00");
    expect(toYuanString(evaluateArithmetic("0.1+0.2"))).toBe("0.30");
  });
  it("rounds half-up to 分", () => {
    expect(toYuanString(evaluateArithmetic("0.005"))).toBe("0.01");
    expect(toYuanString(evaluateArithmetic("0.0049"))).toBe("0.00");
  });
  it("supports min and max", () => {
    expect(toYuanString(evaluateArithmetic("min(40000*70%, 20000)"))).toBe("20000.00");
    expect(toYuanString(evaluateArithmetic("max(0, 1500 - 2000)*60%"))).toBe("0.00");
  });
  it("rejects what it cannot read", () => {
    expect(() => evaluateArithmetic("10000 x 70%")).toThrow();
  });
});
