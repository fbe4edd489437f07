import { describe, it } from "vitest";
import { BASIC, b, check, expectDiagnostic } from "./helpers.js";
import { expect } from "vitest";

describe("check-values", () => {
  it("JZ3002 a ratio over 100%", () => {
    const src = BASIC.replace("| 特困人员 | 0      | 70%  |", "| 特困人员 | 0      | 120% |");
    expectDiagnostic(src, { code: "JZ3002", line: 11, text: "120%" });
  });

  it("JZ3003 a negative amount", () => {
    const ast = b.policy([b.identity("甲"), b.item("项目", [["甲", b.amount(-5)]], ["身份", "起付线"])]);
    expectDiagnostic(ast, { code: "JZ3003" });
  });

  it("JZ3004 an amount finer than 分", () => {
    const src = BASIC.replace("| 低保对象 | 1000元 |", "| 低保对象 | 0.001元 |");
    expectDiagnostic(src, { code: "JZ3004", line: 12, text: "0.001元" });
  });

  it("JZ3005 a ratio finer than 0.01%", () => {
    const src = BASIC.replace("| 特困人员 | 0      | 70%  |", "| 特困人员 | 0      | 70.005% |");
    expectDiagnostic(src, { code: "JZ3005", line: 11, text: "70.005%" });
  });

  it("JZ3006 an amount of 100亿元 or more", () => {
    const src = BASIC.replace("| 低保对象 | 1000元 |", "| 低保对象 | 1000000万元 |");
    expectDiagnostic(src, { code: "JZ3006", line: 12 });
  });

  it("100% and 0 are fine", () => {
    const r = check(BASIC.replace("| 特困人员 | 0      | 70%  |", "| 特困人员 | 0      | 100% |"));
    expect(r.diagnostics).toEqual([]);
  });
});
