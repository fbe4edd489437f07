import { describe, expect, it } from "vitest";
import { BASIC, b, check, expectDiagnostic } from "./helpers.js";

describe("check-types", () => {
  it("JZ3001 a 比例 cell given an amount", () => {
    const src = BASIC.replace("| 特困人员 | 0      | 70%  |", "| 特困人员 | 0      | 2万元 |");
    const d = expectDiagnostic(src, { code: "JZ3001", line: 11, text: "2万元" });
    expect(d.message).toContain("「比例」列应写比例");
  });

  it("JZ3001 an amount column given a ratio", () => {
    const src = BASIC.replace("| 低保对象 | 1000元 |", "| 低保对象 | 10%    |");
    expectDiagnostic(src, { code: "JZ3001", line: 12, text: "10%" });
  });

  it("JZ3001 a 基数 that is a ratio", () => {
    const src = BASIC.replace("  基数 个人负担", "  基数 50%");
    expectDiagnostic(src, { code: "JZ3001", line: 9, col: 6, note: "比例写在表格的「比例」列中" });
  });

  it("JZ3001 comparing an amount with a date", () => {
    const src = BASIC.replace("  基数 个人负担", "  条件 个人负担 > 2023-01-01\n  基数 个人负担");
    const d = expectDiagnostic(src, { code: "JZ3001", line: 9, col: 6 });
    expect(d.message).toBe("不能比较金额与日期");
  });

  it("JZ3001 a non-boolean field used as a condition", () => {
    const src = BASIC.replace("  基数 个人负担", "  条件 个人负担\n  基数 个人负担");
    expectDiagnostic(src, { code: "JZ3001", line: 9, text: "个人负担" });
  });

  it("JZ3001 属于 on an amount field", () => {
    const src = BASIC.replace("  基数 个人负担", "  条件 个人负担 属于 甲\n  基数 个人负担");
    expectDiagnostic(src, { code: "JZ3001", line: 9, text: "个人负担" });
  });

  it("JZ3001 在…前…内 on amounts", () => {
    const src = BASIC.replace("  基数 个人负担", "  条件 个人负担 在 申请日期 前 12个月 内\n  基数 个人负担");
    expectDiagnostic(src, { code: "JZ3001", line: 9, text: "个人负担" });
  });

  it("JZ3001 无 in the 比例 column", () => {
    const src = BASIC.replace("| 特困人员 | 0      | 70%  |", "| 特困人员 | 0      | 无   |");
    expectDiagnostic(src, { code: "JZ3001", line: 11, text: "无" });
  });

  it("JZ3001 subtracting a date", () => {
    const src = BASIC.replace("  基数 个人负担", "  基数 个人负担 - 申请日期");
    expectDiagnostic(src, { code: "JZ3001", line: 9, text: "申请日期" });
  });

  it("JZ1003 a bare number where a ratio is needed (AST built by hand: the parser reports it too)", () => {
    const ast = b.policy([b.identity("甲"), b.item("项目", [["甲", b.number("70")]])]);
    const d = expectDiagnostic(ast, { code: "JZ1003" });
    expect(d.notes[0]).toContain("70%");
  });

  it("bare 0 is fine for a ratio or an amount", () => {
    const ast = b.policy([b.identity("甲"), b.item("项目", [["甲", b.number("0")]])]);
    const r = check(ast);
    expect(r.diagnostics).toEqual([]);
    expect(r.policy!.items[0]!.rows["甲"]).toMatchObject({ kind: "params", segments: [{ from: 0, to: null, bp: 0 }] });
  });
});
