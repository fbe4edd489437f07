import { describe, expect, it } from "vitest";
import { BASIC, HEADER, expectClean, expectDiagnostic } from "./helpers.js";

const two = (firstBase: string, secondBase: string, secondCalc = ""): string => `${HEADER}
身份 甲 依据 二
计算器 资助参保 结果 资助金额 依据 二
救助项目 前项 依据 三
  基数 ${firstBase}
  | 身份 | 比例 |
  | 甲   | 50%  |
救助项目 后项 依据 四
${secondCalc}  基数 ${secondBase}
  | 身份 | 比例 |
  | 甲   | 50%  |
`;

describe("check-cycles", () => {
  it("a base may use an earlier item of the same calculator", () => {
    const p = expectClean(two("个人负担", "个人负担 - 前项"));
    expect(p.items[1]!.base).toEqual({
      kind: "sub",
      left: { kind: "field", name: "个人负担" },
      right: { kind: "item", name: "前项" },
    });
  });

  it("JZ5001 an item whose base refers to itself", () => {
    expectDiagnostic(two("个人负担 - 前项", "个人负担"), { code: "JZ5001", line: 8, col: 13, message: "引用了它自己" });
  });

  it("JZ5001 an item whose base refers to a later item says to move it", () => {
    const d = expectDiagnostic(two("个人负担 - 后项", "个人负担"), { code: "JZ5001", line: 8, text: "后项" });
    expect(d.notes.join()).toContain("只能引用同一计算器中在它之前声明的救助项目");
  });

  it("JZ5001 two items referring to each other", () => {
    const src = two("个人负担 - 后项", "个人负担 - 前项");
    expectDiagnostic(src, { code: "JZ5001", line: 8, message: "互相引用" });
  });

  it("JZ5001 an item of another calculator", () => {
    expectDiagnostic(two("个人负担", "个人负担 - 前项", "  属于 资助参保\n"), {
      code: "JZ5001",
      line: 13,
      text: "前项",
      message: "属于计算器「医疗救助」",
    });
  });

  it("JZ5004 a 参照 cycle", () => {
    const src = BASIC.replace(
      "身份 低保对象 依据 第二条",
      "身份 低保对象 依据 第二条\n身份 甲 参照 乙 依据 二\n身份 乙 参照 甲 依据 二",
    );
    const d = expectDiagnostic(src, { code: "JZ5004", line: 7, col: 6 });
    expect(d.message).toContain("甲 → 乙 → 甲");
  });

  it("JZ5004 an identity that 参照s itself", () => {
    const src = BASIC.replace("身份 低保对象 依据 第二条", "身份 低保对象 参照 低保对象 用于 基本救助 依据 第二条");
    expectDiagnostic(src, { code: "JZ5004", line: 6, message: "低保对象 → 低保对象" });
  });

  it("参照 scoped to different items is not a cycle", () => {
    const src = BASIC.replace(
      "身份 低保对象 依据 第二条",
      "身份 低保对象 依据 第二条\n身份 甲 参照 乙 用于 基本救助 依据 二\n身份 乙 参照 甲 用于 资助 依据 二\n计算器 资助 结果 资助金额 依据 二",
    );
    expectClean(src.replace("| 低保对象 | 1000元 | 60%  | 2万元    |", "| 低保对象、乙 | 1000元 | 60%  | 2万元    |"));
  });
});
