/**
 * Issue 9 §2: record keys are never silently ignored. Before, `就医地点` was dropped and 就医地
 * defaulted to 市域内 (paid where the 省外 exclusion gives 0), and a JSON 编号 beyond 2^53 lost
 * digits (two persons merged into one ledger).
 */
import { describe, expect, it } from "vitest";
import { newKeyNotes } from "../../runtime/claim-keys.js";
import { recordId, validateClaim, type ClaimSchema } from "../../runtime/claims.js";
import { editDistance, nearMiss } from "../../runtime/suggest.js";

const schema: ClaimSchema = {
  fields: [],
  identityNames: { 特困人员: "特困人员" },
  calculatorFields: ["身份", "就诊类型", "个人负担", "就医地", "参保"],
};
const base = { 身份: "特困人员", 就诊类型: "住院", 结算日期: "2023-05-01", 个人负担: "100" };

describe("record keys", () => {
  it("a near miss of a field is a record error with the suggestion", () => {
    const r = validateClaim({ ...base, 就医地点: "省外" }, schema, 1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.错误).toContain("您是否想写「就医地」？");
    const s = validateClaim({ ...base, 参保情况: "否" }, schema, 1);
    expect(!s.ok && s.错误).toContain("您是否想写「参保」？");
    const t = validateClaim({ ...base, 就诊类形: "住院" }, schema, 1); // distance 1
    expect(!t.ok && t.错误).toContain("您是否想写「就诊类型」？");
  });

  it("a key equal to a field after trimming / full-width→half-width is that field, noted once", () => {
    const notes = newKeyNotes();
    const r = validateClaim({ ...base, "参保 ": "否", "就医地\u3000": "省外" }, schema, 1, notes);
    expect(r.ok && r.claim["参保"]).toBe(false);
    expect(r.ok && r.claim["就医地"]).toBe("省外");
    expect([...notes.renamed]).toEqual([["参保 ", "参保"], ["就医地\u3000", "就医地"]]);
  });

  it("the same field twice (once normalised) is a record error", () => {
    const r = validateClaim({ ...base, 参保: "是", "参保 ": "否" }, schema, 1);
    expect(!r.ok && r.错误).toContain("字段「参保」写了两次");
  });

  it("other keys are collected as ignored; --ignore-column keys are not reported at all", () => {
    const notes = newKeyNotes(["就医地点"]);
    const r = validateClaim({ ...base, 姓名: "张三", 医院: "市一院", 就医地点: "x" }, schema, 1, notes);
    expect(r.ok).toBe(true);
    validateClaim({ ...base, 姓名: "李四" }, schema, 2, notes);
    expect([...notes.ignored]).toEqual([["姓名", 2], ["医院", 1]]);
  });

  it("编号/人员编号 as numbers beyond Number.isSafeInteger are record errors; safe ones become text", () => {
    const big = validateClaim({ ...base, 人员编号: 110101199001011234 }, schema, 7);
    expect(!big.ok && big.错误).toContain("请写成文本");
    const id = validateClaim({ ...base, 编号: 123456789012345678 }, schema, 7);
    expect(!id.ok && id.编号).toBe("7"); // never the digits the double invented
    expect(!id.ok && id.错误).toContain("字段「编号」");
    const ok = validateClaim({ ...base, 编号: 42, 人员编号: 9007199254740991 }, schema, 1);
    expect(ok.ok && [ok.claim.编号, ok.claim.人员编号]).toEqual(["42", "9007199254740991"]);
    expect(recordId({ 编号: 2 ** 53 }, 3)).toBe("3");
  });
});

describe("runtime/suggest", () => {
  it("counts code points and follows the near-miss rule", () => {
    expect(editDistance("𠀀a", "a")).toBe(1);
    expect(nearMiss("就医地点", ["参保", "就医地"])).toBe("就医地");
    expect(nearMiss("参保类行", ["参保", "参保类型"])).toBe("参保类型");
    expect(nearMiss("姓名", ["参保", "就医地", "身份"])).toBeUndefined();
    // distance 2 only for names of ≥ 5 characters
    expect(nearMiss("规范转", ["规范转诊"])).toBe("规范转诊");
    expect(nearMiss("现金支付额", ["个人负担"])).toBeUndefined();
    expect(nearMiss("交警认定无赔偿责任方", ["交警认定无承担赔偿责任方"])).toBe("交警认定无承担赔偿责任方");
  });
});
