/**
 * issue 10 §1: no condition that silently never matches. A 文本 field is compared only against its
 * 取值 清单; `属于 <清单>` means membership on every field kind; a condition that can never (or
 * always) hold is a warning.
 */
import { describe, expect, it } from "vitest";
import { HEADER, check, expectDiagnostic, policyOf } from "./helpers.js";

const BODY = `${HEADER}
身份 低保对象 依据 第二条
清单 致伤原因表 依据 第五条
  醉酒、吸毒、自杀、交通肇事（别名 车祸）、其他
清单 不予救助原因 依据 第五条
  醉酒、吸毒、自杀
字段 致伤原因 取值 致伤原因表 依据 第五条

不予救助 致伤原因 属于 不予救助原因 依据 第五条

救助项目 基本救助 依据 第三条
  基数 个人负担
  | 身份     | 比例 |
  | 低保对象 | 70%  |
`;

describe("取值 and 属于 <清单> on text fields", () => {
  it("a 清单 name after 属于 stands for its members, not for the text of its name", () => {
    const p = policyOf(BODY);
    // before issue 10 this was textIn ["不予救助原因"]: 醉酒 and 自杀 claims were paid
    expect(p.exclusions[0]!.when).toEqual({ kind: "textIn", field: "致伤原因", values: ["醉酒", "吸毒", "自杀"] });
  });

  it("the field carries its vocabulary, aliases and 其他 into the IR", () => {
    const f = policyOf(BODY).fields.find((x) => x.name === "致伤原因")!;
    expect(f.builtin).toBe(true);
    expect(f.vocabulary).toEqual({
      list: "致伤原因表",
      values: ["醉酒", "吸毒", "自杀", "交通肇事"],
      aliases: { 车祸: "交通肇事" },
      other: true,
    });
  });

  it("a 别名 in a condition means its entry", () => {
    const p = policyOf(BODY.replace("不予救助 致伤原因 属于 不予救助原因", "不予救助 致伤原因 属于 车祸"));
    expect(p.exclusions[0]!.when).toEqual({ kind: "textIn", field: "致伤原因", values: ["交通肇事"] });
  });

  it("JZ3009 a text field compared without 取值", () => {
    const src = BODY.replace("字段 致伤原因 取值 致伤原因表 依据 第五条\n", "");
    expectDiagnostic(src, { code: "JZ3009", text: "致伤原因" });
  });

  it("JZ2014 a value the vocabulary does not have, with a suggestion", () => {
    const src = BODY.replace("不予救助 致伤原因 属于 不予救助原因", "不予救助 致伤原因 属于 醉洒");
    expectDiagnostic(src, { code: "JZ2014", text: "醉洒" });
    const d = check(src).diagnostics.find((x) => x.code === "JZ2014")!;
    expect(d.notes.join("")).toContain("您是否想写「醉酒」");
  });

  it("JZ2004 取值 names no 清单; JZ3011 取值 on a non-text field", () => {
    expectDiagnostic(BODY.replace("取值 致伤原因表", "取值 致伤原因清单"), { code: "JZ2004", text: "致伤原因清单" });
    const src = BODY.replace("字段 致伤原因 取值 致伤原因表 依据 第五条", "字段 致伤原因 取值 致伤原因表 依据 第五条\n字段 金额甲 金额 取值 致伤原因表");
    expectDiagnostic(src, { code: "JZ3011" });
  });

  it("属于 <清单> on an enumeration expands to the members, each checked", () => {
    const src = `${HEADER}
身份 低保对象 依据 第二条
清单 市外 依据 第四条
  省内市外、省外

救助项目 基本救助 依据 第三条
  条件 就医地 属于 市外
  | 身份     | 比例 |
  | 低保对象 | 70%  |
`;
    const p = policyOf(src);
    expect(p.items[0]!.conditions[0]!.cond).toEqual({ kind: "enumIn", field: "就医地", values: ["省内市外", "省外"] });
    expectDiagnostic(src.replace("省内市外、省外", "省内市外、国外"), { code: "JZ2009", text: "市外" });
  });
});

describe("JZ3010 conditions that can never hold or always hold", () => {
  const item = (cond: string) => `${HEADER}
身份 低保对象 依据 第二条

救助项目 基本救助 依据 第三条
  条件 ${cond}
  | 身份     | 比例 |
  | 低保对象 | 70%  |
`;
  it("contradictory 且 on one enumeration", () => {
    const r = check(item("就医地 属于 省外 且 就医地 属于 市域内"));
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ["JZ3010", "警告", "条件「就医地 属于 省外 且 就医地 属于 市域内」永远不成立"],
    ]);
    expect(r.policy).toBeDefined(); // a warning, not an error
  });

  it("always true", () => {
    const r = check(item("规范转诊 或 非 规范转诊"));
    expect(r.diagnostics.map((d) => d.message)).toEqual(["条件「规范转诊 或 非 规范转诊」总是成立"]);
  });

  it("a contradiction inside a larger condition is pointed at", () => {
    const r = check(item("个人负担 > 100元 或 规范转诊 且 非 规范转诊"));
    expect(r.diagnostics.map((d) => d.message)).toEqual(["条件「规范转诊 且 非 规范转诊」永远不成立"]);
  });

  it("an exclusion whose 除外 removes every case", () => {
    const r = check(BODY.replace("不予救助 致伤原因 属于 不予救助原因", "不予救助 致伤原因 属于 醉酒 除外 致伤原因 属于 不予救助原因"));
    expect(r.diagnostics.map((d) => d.code)).toEqual(["JZ3010"]);
  });

  it("independent tests are never flagged", () => {
    const r = check(item("规范转诊 且 就医地 属于 市域内、省内市外 且 个人负担 > 100元 且 非 个人负担 > 200元"));
    expect(r.diagnostics).toEqual([]);
  });
});
