import { describe, expect, it } from "vitest";
import { BASIC, HEADER, expectClean, expectDiagnostic } from "./helpers.js";

describe("resolve-names", () => {
  it("accepts the basic policy", () => {
    expectClean(BASIC);
  });

  it("JZ2001 unknown identity in 对象, with 您是否想写", () => {
    const src = BASIC.replace("  基数 个人负担", "  对象 低保对像\n  基数 个人负担");
    const d = expectDiagnostic(src, { code: "JZ2001", line: 9, col: 6, text: "低保对像" });
    expect(d.message).toBe("未知身份「低保对像」");
    expect(d.notes).toContain("您是否想写「低保对象」？");
  });

  it("JZ2001 unknown identity in a table row", () => {
    const src = BASIC.replace("| 低保对象 | 1000元", "| 低保对向 | 1000元");
    expectDiagnostic(src, { code: "JZ2001", line: 12, col: 5, note: "低保对象" });
  });

  it("JZ2002 a name that swallowed 且 gets the keyword hint", () => {
    const src = BASIC.replace("  基数 个人负担", "  条件 规范转诊且就医地 属于 市域内\n  基数 个人负担");
    const d = expectDiagnostic(src, { code: "JZ2002", line: 9, col: 6, text: "规范转诊且就医地" });
    expect(d.notes.join()).toContain("关键字两侧须有空格，例如：规范转诊 且 就医地");
  });

  it("JZ2002 unknown boolean field with suggestion", () => {
    const src = BASIC.replace("  基数 个人负担", "  条件 规范转珍\n  基数 个人负担");
    expectDiagnostic(src, { code: "JZ2002", line: 9, note: "您是否想写「规范转诊」" });
  });

  it("JZ2013 more identities than a held-identity bit mask holds (31), at the 32nd", () => {
    // 2 in BASIC + 29 more = 31 is fine; one more is not
    // names without digits (a digit starts a number): 对象甲子, 对象甲丑, …
    const name = (i: number) => "对象" + "甲乙丙丁戊己"[Math.floor(i / 6)]! + "子丑寅卯辰巳"[i % 6]!;
    const extra = (n: number) =>
      Array.from({ length: n }, (_, i) => `身份 ${name(i)} 参照 低保对象 依据 第二条`).join("\n");
    const at31 = BASIC.replace("身份 低保对象 依据 第二条", `身份 低保对象 依据 第二条\n${extra(29)}`);
    expectClean(at31);
    const at32 = BASIC.replace("身份 低保对象 依据 第二条", `身份 低保对象 依据 第二条\n${extra(30)}`);
    // lines: 1–3 header, 4 blank, 5–6 BASIC's identities, then the 30 others on lines 7–36
    const d = expectDiagnostic(at32, { code: "JZ2013", line: 36, text: name(29) });
    expect(d.message).toBe("身份过多：本政策（含基础政策）声明了 32 个身份，最多 31 个");
  });

  it("JZ2009 unknown enumeration value", () => {
    const src = BASIC.replace("  基数 个人负担", "  条件 就医地 属于 市域内、省内\n  基数 个人负担");
    expectDiagnostic(src, { code: "JZ2009", line: 9, text: "省内", note: "可选的取值：市域内、省内市外、省外" });
  });

  it("JZ2004 unknown list or disease", () => {
    const src = BASIC.replace("身份 低保对象", "清单 大病 依据 一\n  恶性肿瘤（含 白血病）\n身份 低保对象").replace(
      "  基数 个人负担",
      "  条件 病种 属于 白血症\n  基数 个人负担",
    );
    expectDiagnostic(src, { code: "JZ2004", text: "白血症", note: "白血病" });
  });

  it("JZ2005 unknown name in 基数 suggests fields and items", () => {
    const src = BASIC.replace("  基数 个人负担", "  基数 个人負担");
    expectDiagnostic(src, { code: "JZ2005", line: 9, col: 6, note: "个人负担" });
  });

  it("JZ2007 unknown column", () => {
    const src = BASIC.replace("| 年度限额 |\n", "| 年度限頟 |\n");
    expectDiagnostic(src, { code: "JZ2007", line: 10, note: "您是否想写「年度限额」" });
  });

  it("JZ2008 unknown visit type", () => {
    const src = BASIC.replace("  基数 个人负担", "  适用 住院、门诊慢病\n  基数 个人负担");
    expectDiagnostic(src, { code: "JZ2008", line: 9, text: "门诊慢病", note: "门诊慢特病" });
  });

  it("JZ2010 unknown calculator", () => {
    const src = BASIC.replace("  基数 个人负担", "  属于 资助参宝\n  基数 个人负担");
    expectDiagnostic(src, { code: "JZ2010", line: 9, text: "资助参宝" });
  });

  it("JZ2003 unknown item in 用于 and in 限额组", () => {
    const src =
      BASIC.replace("身份 低保对象 依据 第二条", "身份 低保对象 参照 特困人员 用于 基本就助 依据 第二条") +
      "限额组 合计 年度限额 5万元 包括 基本救助、倾斜救助 依据 四\n";
    const r = expectDiagnostic(src, { code: "JZ2003", line: 6, text: "基本就助", note: "基本救助" });
    expect(r).toBeDefined();
    expectDiagnostic(src, { code: "JZ2003", line: 13, text: "倾斜救助" });
  });

  it("JZ2006 duplicate identity points at the first declaration", () => {
    const src = BASIC.replace("身份 低保对象 依据 第二条", "身份 低保对象 依据 第二条\n身份 低保对象 依据 第三条");
    expectDiagnostic(src, { code: "JZ2006", line: 7, col: 4, note: "第 6 行" });
  });

  it("JZ2006 an alias that is already another identity", () => {
    const src = BASIC.replace("身份 低保对象 依据 第二条", "身份 低保对象 别名 特困供养人员 依据 第二条");
    expectDiagnostic(src, { code: "JZ2006", line: 6, text: "特困供养人员", note: "第 5 行" });
  });

  it("JZ2006 a field with the name of a built-in field", () => {
    expectDiagnostic(`${BASIC}字段 个人负担 金额 依据 一\n`, { code: "JZ2006", note: "内置字段" });
  });

  it("identity test written as a flag gets told to use 身份 属于", () => {
    const src = BASIC.replace("  基数 个人负担", "  条件 低保对象\n  基数 个人负担");
    expectDiagnostic(src, { code: "JZ2002", note: "身份 属于 低保对象" });
  });

  it("stops after the names stage: no type errors about unknown names", () => {
    const src = `${HEADER}身份 甲\n救助项目 乙\n  基数 未知字段\n  | 身份 | 比例 |\n  | 甲 | 2万元 |\n`;
    expectDiagnostic(src, { code: "JZ2005" });
  });
});
