/**
 * Error messages that explain the name rule (issue 10 §2): a would-be name split because a keyword
 * stands alone or a digit follows a Chinese character; a 身份组 written as a record's identity.
 */
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../grammar/index.js";
import { validateClaim } from "../../runtime/claims.js";
import { claimSchema } from "../../compiler/claim-schema.js";
import { policyOf } from "../check/helpers.js";
import { HEAD } from "./_run.js";

const notesOf = (src: string) => parsePolicy("t.jz", src).diagnostics.flatMap((d) => d.notes);

describe("the name rule in error messages", () => {
  it("不超过5000元 as a 保证 name: a keyword alone, then a number", () => {
    const notes = notesOf(`${HEAD}保证 不超过5000元：救助金额 <= 5000元\n`);
    expect(notes).toContain("「不超过5000元」被读作 「不超过」「5000元」：「不超过」单独成词，是关键字，不是名称；汉字后紧跟的数字开始一个新的数字（名称规则）");
    expect(notes.some((n) => n.includes("请加引号：“不超过5000元”"))).toBe(true);
  });

  it("限额6万元 as a name: a digit after a Chinese character starts a number", () => {
    const notes = notesOf(`${HEAD}保证 限额6万元：救助金额 <= 6万元\n`);
    expect(notes).toContain("「限额6万元」被读作 「限额」「6万元」：汉字后紧跟的数字开始一个新的数字（名称规则）");
  });

  it("年度限额6万元 in a 限额组 line", () => {
    const notes = notesOf(`${HEAD}限额组 年度限额6万元 包括 甲\n`);
    expect(notes.some((n) => n.startsWith("「年度限额6万元」被读作 「年度限额」「6万元」：「年度限额」单独成词"))).toBe(true);
  });

  it("the quoted name it suggests parses", () => {
    const r = parsePolicy("t.jz", `${HEAD}保证 “不超过5000元”：救助金额 <= 5000元\n`);
    expect(r.diagnostics.filter((d) => d.severity === "错误")).toEqual([]);
  });
});

describe("a 身份组 as a record's identity", () => {
  it("is a record error saying it is a group, with its members", () => {
    const p = policyOf(`${HEAD}
身份 低保对象 依据 第二条
身份 特困人员 依据 第二条
身份组 重点救助对象 包括 低保对象、特困人员 依据 第二条
救助项目 住院救助 依据 第三条
  | 身份 | 比例 |
  | 重点救助对象 | 70% |
`);
    const r = validateClaim({ 身份: ["重点救助对象"], 结算日期: "2024-03-01", 个人负担: "100" }, claimSchema(p, p.calculators[0]!.fields), 1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.错误).toContain("「重点救助对象」是身份组（包括 低保对象、特困人员），不是身份");
  });
});
