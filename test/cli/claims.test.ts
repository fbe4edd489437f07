import { describe, expect, it } from "vitest";
import { parseAmount, validateClaim, type ClaimSchema } from "../../runtime/claims.js";

const schema: ClaimSchema = {
  fields: [{ name: "限额内费用", type: { kind: "金额" } }],
  identityNames: {
    特困人员: "特困人员",
    特困供养人员: "特困人员",
    低保对象: "低保对象",
    城乡低保对象: "低保对象",
    低保边缘家庭成员: "低保边缘家庭成员",
  },
  calculatorFields: ["身份", "就诊类型", "结算日期", "个人负担"],
};

const good = { 身份: "低保对象", 就诊类型: "住院", 结算日期: "2023-03-01", 个人负担: "10000" };

function error(raw: Record<string, unknown>): string {
  const r = validateClaim({ ...good, ...raw }, schema, 4);
  if (r.ok) throw new Error("expected an error");
  return r.错误;
}

describe("validateClaim", () => {
  it("fills defaults and converts amounts to 分", () => {
    const r = validateClaim({ ...good, 个人负担: 12345.67, 未知字段: "x" }, schema, 4);
    expect(r).toEqual({
      ok: true,
      claim: {
        编号: "4",
        身份: ["低保对象"],
        就诊类型: "住院",
        结算日期: "2023-03-01",
        个人负担: 1234567,
        病种: [],
        规范转诊: false,
        就医地: "市域内",
        参保: true,
        参保类型: "居民医保",
      },
    });
  });

  it("reads CSV strings: booleans 是/否, lists split by 、 and commas, aliases, numeric 编号", () => {
    const r = validateClaim(
      { ...good, 编号: 17, 身份: "城乡低保对象、特困供养人员，低保对象", 病种: "恶性肿瘤,血友病", 规范转诊: "是", 参保: "false" },
      schema,
      1,
    );
    expect(r.ok && r.claim).toMatchObject({
      编号: "17",
      身份: ["低保对象", "特困人员"],
      病种: ["恶性肿瘤", "血友病"],
      规范转诊: true,
      参保: false,
    });
  });

  it("accepts arrays and an empty identity list", () => {
    const r = validateClaim({ ...good, 身份: [], 病种: ["白血病"] }, schema, 1);
    expect(r.ok && r.claim).toMatchObject({ 身份: [], 病种: ["白血病"] });
    expect(validateClaim({ ...good, 身份: "" }, schema, 1).ok).toBe(true);
  });

  it("demands only 结算日期 and 身份: other fields are demanded by the rule that reaches them", () => {
    expect(error({ 结算日期: null })).toBe("缺少字段「结算日期」");
    expect(error({ 结算日期: "" })).toBe("字段「结算日期」为空");
    expect(error({ 身份: undefined })).toBe("缺少字段「身份」");
    // issue 9 §1: the calculator reads 个人负担, but whether this claim needs it is the engine's call
    for (const v of [undefined, ""]) {
      const r = validateClaim({ ...good, 个人负担: v }, schema, 1);
      expect(r.ok).toBe(true);
      if (r.ok) expect(Object.hasOwn(r.claim, "个人负担")).toBe(false);
    }
  });

  it.each([
    ["abc", "字段「个人负担」不是有效金额：「abc」"],
    ["-5", "字段「个人负担」不能为负数：「-5」"],
    [-5, "字段「个人负担」不能为负数：「-5」"],
    ["12.345", "字段「个人负担」最多两位小数：「12.345」"],
    [0.1 + 0.2, "字段「个人负担」最多两位小数：「0.30000000000000004」"],
    ["NaN", "字段「个人负担」不是有效金额：「NaN」"],
    [Number.NaN, "字段「个人负担」不是有效金额：「NaN」"],
    ["Infinity", "字段「个人负担」不是有效金额：「Infinity」"],
    [Number.POSITIVE_INFINITY, "字段「个人负担」不是有效金额：「Infinity」"],
    ["1e3", "字段「个人负担」不是有效金额：「1e3」"],
    ["10000000000", "字段「个人负担」须小于 100亿元：「10000000000」"],
    [1e10, "字段「个人负担」须小于 100亿元：「10000000000」"],
    [1e21, "字段「个人负担」不是有效金额：「1e+21」"],
    [true, "字段「个人负担」不是有效金额：「true」"],
    ["12.", "字段「个人负担」不是有效金额：「12.」"],
  ])("rejects the amount %s", (value, message) => {
    expect(error({ 个人负担: value })).toBe(message);
  });

  it("parses amounts from their digits, not through floats", () => {
    expect(parseAmount("x", "9999999999.99")).toEqual({ ok: true, value: 999999999999 });
    expect(parseAmount("x", "0.07")).toEqual({ ok: true, value: 7 });
    expect(parseAmount("x", "1.1")).toEqual({ ok: true, value: 110 });
    expect(parseAmount("x", 1.15)).toEqual({ ok: true, value: 115 });
    expect(parseAmount("x", "007")).toEqual({ ok: true, value: 700 });
  });

  it("checks the policy's own amount fields the same way", () => {
    expect(error({ 限额内费用: "1,000" })).toBe("字段「限额内费用」不是有效金额：「1,000」");
  });

  it("suggests the closest identity for an unknown one", () => {
    expect(error({ 身份: "低保对像" })).toBe("未知身份「低保对像」，您是否想写「低保对象」？");
    expect(error({ 身份: ["特困人员", "外星人"] })).toBe("未知身份「外星人」");
  });

  it.each(["2023-02-30", "2023-13-01", "2023-1-1", "2023/01/01", "20230101", "2100-02-29"])(
    "rejects the date %s",
    (date) => {
      expect(error({ 结算日期: date })).toBe(`字段「结算日期」不是有效日期（应为 YYYY-MM-DD）：「${date}」`);
    },
  );

  it("accepts 29 February of a leap year", () => {
    expect(validateClaim({ ...good, 结算日期: "2024-02-29" }, schema, 1).ok).toBe(true);
    expect(error({ 结算日期: "2023-02-29" })).toMatch(/结算日期/);
  });

  it("rejects bad booleans, enum values and list shapes, naming the field", () => {
    expect(error({ 规范转诊: "maybe" })).toBe("字段「规范转诊」不是有效的是/否值（应为 是、否、true 或 false）：「maybe」");
    expect(error({ 参保: 1 })).toMatch(/^字段「参保」/);
    expect(error({ 就诊类型: "急诊" })).toBe("字段「就诊类型」的值「急诊」无效，应为 住院、门诊慢特病、普通门诊 之一");
    expect(error({ 就医地: "外国" })).toMatch(/^字段「就医地」/);
    expect(error({ 参保类型: "商业保险" })).toMatch(/^字段「参保类型」/);
    expect(error({ 病种: [1, 2] })).toMatch(/^字段「病种」不是文本清单/);
    expect(error({ 申请日期: "昨天" })).toMatch(/^字段「申请日期」不是有效日期/);
  });

  it("reports every bad field of a record together", () => {
    expect(error({ 个人负担: "x", 结算日期: "2023-02-30" })).toBe(
      "字段「结算日期」不是有效日期（应为 YYYY-MM-DD）：「2023-02-30」；字段「个人负担」不是有效金额：「x」",
    );
  });

  it("does not require fields only other calculators read", () => {
    const r = validateClaim({ 身份: "低保对象", 结算日期: "2023-01-01" }, { ...schema, calculatorFields: ["身份", "结算日期"] }, 9);
    expect(r.ok).toBe(true);
  });
});
