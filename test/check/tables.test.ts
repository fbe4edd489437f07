import { describe, expect, it } from "vitest";
import { BASIC, HEADER, check, expectClean, expectDiagnostic } from "./helpers.js";

const GROUPED = `${HEADER}
身份 特困人员 依据 二
身份 低保对象 依据 二
身份 孤儿 依据 二
身份组 重点救助对象 包括 特困人员、低保对象 依据 二
`;

describe("check-tables", () => {
  it("JZ4001 the same identity in two rows, through a group", () => {
    const src = `${GROUPED}救助项目 甲 依据 三
  | 身份         | 比例 |
  | 重点救助对象 | 70%  |
  | 孤儿         | 60%  |
  | 低保对象     | 50%  |
`;
    const d = expectDiagnostic(src, {
      code: "JZ4001",
      line: 13,
      text: "低保对象",
      note: "第 11 行已有「低保对象」（通过「重点救助对象」）",
    });
    expect(d.message).toContain("出现了两次");
  });

  it("JZ4001 through an alias", () => {
    const src = BASIC.replace("| 低保对象 | 1000元 |", "| 特困供养人员 | 1000元 |");
    expectDiagnostic(src, { code: "JZ4001", line: 12, text: "特困供养人员" });
  });

  it("JZ4002 a repeated column", () => {
    const src = BASIC.replace("| 身份     | 起付线 | 比例 | 年度限额 |", "| 身份     | 起付线 | 比例 | 起付线 |");
    expectDiagnostic(src, { code: "JZ4002", line: 10, col: 25, note: "第 2 列已经是「起付线」" });
  });

  it("JZ4008 a row of the wrong width", () => {
    const src = BASIC.replace("| 低保对象 | 1000元 | 60%  | 2万元    |", "| 低保对象 | 1000元 | 60%  |");
    expectDiagnostic(src, { code: "JZ4008", line: 12, col: 3 });
  });

  it("JZ4012 an empty value cell", () => {
    const src = BASIC.replace("| 低保对象 | 1000元 | 60%  |", "| 低保对象 |        | 60%  |");
    expectDiagnostic(src, { code: "JZ4012", line: 12 });
  });

  it("JZ4003 an identity the item applies to has no row", () => {
    const src = BASIC.replace("身份 低保对象 依据 第二条", "身份 低保对象 依据 第二条\n身份 孤儿 依据 第二条");
    const d = expectDiagnostic(src, { code: "JZ4003", line: 9, text: "基本救助" });
    expect(d.message).toBe("救助项目「基本救助」没有身份「孤儿」的待遇行");
    expect(d.notes[0]).toContain("| 孤儿 | 未规定 | … |");
  });

  it("no JZ4003 when the identity 参照s one that has a row", () => {
    expectClean(
      BASIC.replace("身份 低保对象 依据 第二条", "身份 低保对象 依据 第二条\n身份 孤儿 参照 特困人员 依据 第二条"),
    );
  });

  it("JZ4003 names the 参照 target when it has no row either", () => {
    const src = BASIC.replace(
      "身份 低保对象 依据 第二条",
      "身份 低保对象 依据 第二条\n身份 孤儿 参照 低保边缘 用于 基本救助 依据 第二条\n身份 低保边缘 依据 二",
    );
    expectDiagnostic(src, { code: "JZ4003", message: "（「孤儿」参照「低保边缘」）" });
    const r = check(src);
    expect(r.diagnostics.map((d) => d.message)).toContain("救助项目「基本救助」没有身份「低保边缘」的待遇行");
  });

  it("no JZ4003 for a row that says 未规定, or an identity declared 未规定, or one outside 对象", () => {
    expectClean(
      BASIC.replace("身份 低保对象 依据 第二条", "身份 低保对象 依据 第二条\n身份 孤儿 依据 第二条").replace(
        "| 低保对象 | 1000元 | 60%  | 2万元    |",
        "| 低保对象 | 1000元 | 60%  | 2万元    |\n  | 孤儿 | 未规定 | 未规定 | 未规定 |",
      ),
    );
    expectClean(BASIC.replace("身份 低保对象 依据 第二条", "身份 低保对象 依据 第二条\n身份 孤儿 未规定 依据 第二条"));
    expectClean(
      BASIC.replace("身份 低保对象 依据 第二条", "身份 低保对象 依据 第二条\n身份 孤儿 依据 第二条").replace(
        "  基数 个人负担",
        "  对象 特困人员、低保对象\n  基数 个人负担",
      ),
    );
  });

  it("JZ4006 an item without a table", () => {
    expectDiagnostic(`${BASIC}\n救助项目 倾斜救助 依据 四\n  基数 个人负担\n`, {
      code: "JZ4006",
      line: 14,
      text: "倾斜救助",
    });
  });

  it("JZ4007 a table without 比例, segments or 定额", () => {
    const src = `${GROUPED}救助项目 甲 依据 三\n  | 身份 | 起付线 |\n  | 重点救助对象、孤儿 | 0 |\n`;
    expectDiagnostic(src, { code: "JZ4007", line: 9, text: "甲" });
  });

  it("JZ4011 比例 and 定额 in one table", () => {
    const src = `${GROUPED}救助项目 甲 依据 三\n  | 身份 | 比例 | 定额 |\n  | 重点救助对象、孤儿 | 10% | 5000元 |\n`;
    expectDiagnostic(src, { code: "JZ4011", line: 9 });
  });
});
