/**
 * issue 12 (台州 三、（二）): a 预警 may count a named amount field — `年度累计医疗费用` — and counts
 * exactly one. What the checker accepts, rejects and lowers.
 */
import { describe, expect, it } from "vitest";
import { Codes } from "../../compiler/diagnostics.js";
import { HEADER, check, expectDiagnostic, policyOf } from "./helpers.js";

const body = (fields: string, when: string) => `${HEADER}
身份 低保对象 依据 第二条
${fields}
救助项目 住院救助 依据 第三条
  基数 个人负担
  | 身份     | 比例 |
  | 低保对象 | 70%  |

预警 大额医疗费用 依据 第四条
  统计 住院、门诊慢特病
  当 ${when}
`;
const COST = "字段 医疗费用 金额 依据 第四条";

describe("预警 counting a named field", () => {
  it("年度累计医疗费用 lowers to a 预警 counting 医疗费用, which the calculator's fields list", () => {
    const p = policyOf(body(COST, "年度累计医疗费用 >= 30万元"));
    expect(p.warnings[0]).toMatchObject({
      countField: "医疗费用",
      when: { kind: "compare", left: { kind: "yearTotal", name: "年度累计医疗费用" } },
    });
    expect(p.calculators[0]!.fields).toContain("医疗费用");
  });

  it("a 预警 that names no 年度累计 counts 个人负担, as before", () => {
    const p = policyOf(body(COST, "身份 属于 低保对象"));
    expect(p.warnings[0]!.countField).toBe("个人负担");
    const q = policyOf(body("", "年度累计个人负担 >= 5000元"));
    expect(q.warnings[0]!.countField).toBe("个人负担");
  });

  it("年度累计 of an undeclared field is JZ2002 with how to declare it", () => {
    expectDiagnostic(body("", "年度累计医疗费用 >= 30万元"), {
      code: Codes.UnknownField,
      text: "年度累计医疗费用",
      note: "字段 医疗费用 金额",
    });
  });

  it("年度累计 of a field that is not an amount is JZ3001", () => {
    expectDiagnostic(body("字段 医疗费用 布尔 依据 第四条", "年度累计医疗费用 >= 30万元"), {
      code: Codes.TypeMismatch,
      text: "年度累计医疗费用",
      message: "年度累计只能累计金额字段",
    });
  });

  it("two different 年度累计 fields in one 预警 are JZ3012, pointing at the second", () => {
    expectDiagnostic(body(COST, "年度累计个人负担 >= 5000元 或 年度累计医疗费用 >= 30万元"), {
      code: Codes.WarningCountsTwoFields,
      text: "年度累计医疗费用",
    });
    // the same field twice is one counter: fine
    expect(check(body(COST, "年度累计医疗费用 >= 30万元 且 年度累计医疗费用 <= 100万元")).policy).toBeDefined();
  });

  it("年度累计医疗费用 outside a 预警 is an unknown field", () => {
    const src = `${HEADER}
身份 低保对象 依据 第二条
${COST}
救助项目 住院救助 依据 第三条
  条件 年度累计医疗费用 >= 30万元
  基数 个人负担
  | 身份     | 比例 |
  | 低保对象 | 70%  |
`;
    expectDiagnostic(src, { code: Codes.UnknownField, text: "年度累计医疗费用" });
  });
});
