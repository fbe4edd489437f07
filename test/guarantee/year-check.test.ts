/** The checker on 全年: only inside 保证, only over amounts; items and `X 的 项目` may be named in 保证. */
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../grammar/index.js";
import { BASIC, expectClean, expectDiagnostic } from "../check/helpers.js";

describe("全年 in the checker", () => {
  it("accepts 全年 over a result, an item, a 金额 field and `X 的 …`, and marks the 保证 year-scoped", () => {
    const p = expectClean(
      BASIC +
        "保证 全年封顶：全年 救助金额 <= 4万元 且 全年 基本救助 <= 2万元 依据 第三条\n" +
        "保证 全年不超过负担：全年 救助金额 <= 全年 个人负担\n" +
        "保证 低保全年封顶：全年 低保对象 的 基本救助 + 全年 低保对象 的 救助金额 <= 4万元\n" +
        "保证 单次项目：基本救助 <= 个人负担\n",
    );
    expect(p.guarantees.map((g) => [g.name, g.scope])).toEqual([
      ["全年封顶", "year"],
      ["全年不超过负担", "year"],
      ["低保全年封顶", "year"],
      ["单次项目", "claim"],
    ]);
    expect(p.guarantees[0]!.source.citation).toBe("第三条");
    expect(p.guarantees[2]!.cond).toMatchObject({
      left: { kind: "add", left: { kind: "yearSum", of: { kind: "resultOf", identity: "低保对象", field: "基本救助" } } },
    });
  });

  it("parses `全年 X` and `全年 X 的 Y` as one value whose span covers both words", () => {
    const src = BASIC + "保证 甲：全年 低保对象 的 救助金额 + 全年 个人负担 <= 4万元\n";
    const { ast } = parsePolicy("t.jz", src);
    const g = ast.declarations.find((d) => d.kind === "guarantee")!;
    if (g.kind !== "guarantee" || g.cond.kind !== "compare" || g.cond.left.kind !== "binary") throw new Error("shape");
    const [a, b] = [g.cond.left.left, g.cond.left.right];
    expect(a).toMatchObject({ kind: "yearSum", operand: { kind: "resultOf", identity: { name: "低保对象" }, field: { name: "救助金额" } } });
    expect(src.slice(a.span.start, a.span.end)).toBe("全年 低保对象 的 救助金额");
    expect(b).toMatchObject({ kind: "yearSum", operand: { kind: "ref", name: "个人负担" } });
    expect(src.slice(b.span.start, b.span.end)).toBe("全年 个人负担");
  });

  it("JZ3007: 全年 outside 保证 (an item's 条件) says what to use instead", () => {
    const src = BASIC.replace("  基数 个人负担", "  条件 全年 个人负担 > 1000元\n  基数 个人负担");
    expectDiagnostic(src, { code: "JZ3007", line: 9, col: 6, text: "全年 个人负担", note: "年度限额" });
  });

  it("JZ3001: 全年 sums amounts only", () => {
    expectDiagnostic(BASIC + "保证 日期：全年 结算日期 <= 2万元\n", { code: "JZ3001", text: "结算日期", message: "全年" });
  });

  it("JZ2002: `全年救助金额` without a space is one unknown name, not 全年 + 救助金额", () => {
    expectDiagnostic(BASIC + "保证 错：全年救助金额 <= 2万元\n", { code: "JZ2002", text: "全年救助金额", note: "「全年」后须有空格：全年 救助金额" });
  });

  it("JZ2002: `X 的 …` names a result field or an item", () => {
    expectDiagnostic(BASIC + "保证 错：低保对象 的 基本救 <= 2万元\n", { code: "JZ2002", text: "基本救", note: "您是否想写「基本救助」" });
  });
});
