import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../grammar/index.js";
import { codes } from "./helpers.js";

const diags = (text: string) => parsePolicy("t.jz", text).diagnostics;

describe("syntax errors", () => {
  it("one run reports errors on several lines and keeps the good lines", () => {
    const text = "身份 甲 别名\n身份 乙\n救助项目 基本救助 多余\n适用 住院\n起付线 按月\n";
    const r = parsePolicy("t.jz", text);
    expect(r.diagnostics.filter((d) => d.code === "JZ1002").length).toBeGreaterThanOrEqual(3);
    expect(r.ast.declarations.map((d) => d.kind === "identity" || d.kind === "item" ? d.name.name : d.kind)).toEqual(["甲", "乙", "基本救助"]);
  });
  it("says in Chinese what was expected, from the keyword table", () => {
    const [d] = diags("起付线 按月\n");
    expect(d?.message).toBe("此处应为「按年」、「按次」或「同」，但看到了「按月」");
    expect(diags("多重身份\n")[0]?.message).toBe("此处应为「就高不重复」，但此行已结束");
  });
  it("suggests the keyword a misspelled statement word was meant to be", () => {
    const [d] = diags("救助项木 基本救助\n");
    expect(d?.code).toBe("JZ1002");
    expect(d?.notes).toContain("您是否想写「救助项目」？");
    const [e] = diags("身分\n");
    expect(e?.notes).toContain("您是否想写「身份」？");
    expect(diags("某某\n")[0]?.notes).toEqual([]);
  });
  it("an inserted token borrows the previous token's end", () => {
    const r = parsePolicy("t.jz", "身份组 重点 低保对象\n");
    expect(r.diagnostics).toMatchObject([{ code: "JZ1002", message: "此处应为「包括」，但看到了「低保对象」", span: { start: 7, end: 11 } }]);
    // recovery inserted 包括 (at the end of 重点) and kept going
    expect(r.ast.declarations[0]).toMatchObject({ kind: "group", name: { name: "重点" }, members: [{ name: "低保对象" }] });
  });
  it("a clause outside its block is reported once", () => {
    expect(codes("适用 住院\n")).toEqual(["JZ1002"]);
    expect(codes("| 身份 | 比例 |\n")).toEqual(["JZ1002"]);
    expect(codes("统计 住院\n")).toEqual(["JZ1002"]);
  });
  it("a broken item head does not cascade into its clause lines", () => {
    expect(codes("救助项目\n  适用 住院\n  基数 个人负担\n")).toEqual(["JZ1002"]);
  });
  it("a misspelled item keyword does not cascade into its table rows", () => {
    const src = [
      "政策 甲", "地区 乙", "生效 2023-01-01", "身份 特困人员",
      "救助项木 倾斜救助 依据 第十一条（二）", "  基数 个人负担",
      "  | 身份 | 比例 |", "  | 特困人员 | 70% |",
    ].join("\n");
    const { diagnostics } = parsePolicy("t.jz", src);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.notes.join("")).toContain("救助项目");
  });
  it("absurd nesting is refused instead of overflowing the stack", () => {
    expect(codes(`保证 p：${"(".repeat(5000)}a\n`)).toEqual(["JZ1002"]);
    expect(codes(`保证 p：${"非 ".repeat(5000)}a\n`)).toEqual(["JZ1002"]);
  });
});

describe("lexical and value errors", () => {
  it("JZ1001 unknown character, with its position, and lexing continues", () => {
    const r = parsePolicy("t.jz", "地区 某市 ￥\n");
    expect(r.diagnostics).toMatchObject([{ code: "JZ1001", message: "无法识别的字符「￥」", span: { start: 6, end: 7 } }]);
    expect(r.ast.header.region?.name).toBe("某市");
  });
  it("JZ1003 bare number where an amount is needed; 0 is fine", () => {
    expect(codes("救助项目 a\n| 身份 | 起付线 |\n| 甲 | 2000 |\n")).toEqual(["JZ1003"]);
    expect(codes("救助项目 a\n| 身份 | 起付线 |\n| 甲 | 0 |\n")).toEqual([]);
    expect(codes("限额组 g 年度限额 50000 包括 a\n")).toEqual(["JZ1003"]);
    expect(diags("保证 p：救助金额 <= 5000\n")[0]?.message).toBe("缺少单位：请写「5000元」或「5000%」");
  });
  it("JZ1005 a date that does not exist", () => {
    expect(codes("生效 2023-02-30\n")).toEqual(["JZ1005"]);
  });
  it("JZ1006 unterminated string, parsed anyway", () => {
    const r = parsePolicy("t.jz", "清单 x\n  「甲\n");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["JZ1006"]);
    expect(r.ast.declarations[0]).toMatchObject({ kind: "list", entries: [{ name: { name: "甲" } }] });
  });
  it("a bad table cell is an error cell", () => {
    const r = parsePolicy("t.jz", "救助项目 a\n| 身份 | 比例 |\n| 甲 | 很多 |\n");
    expect(r.diagnostics[0]?.message).toBe("此处应为比例、金额、「未规定」、「无」、「不低于 …」或「提高 N个百分点」，但看到了「很多」");
    const item = r.ast.declarations[0];
    expect(item?.kind === "item" && item.table?.rows[0]?.cells[1]?.kind).toBe("error");
  });
});
