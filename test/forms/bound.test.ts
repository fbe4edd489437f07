/**
 * `不超过 X` on an item (issue 12, 阳泉 四、（二）4 “限额内费用的20%…不超过个人负担”): the item pays
 * its ratio of its 基数, then at most X — the bound is not multiplied by the ratio. Both engines;
 * amounts by hand beside each claim.
 */
import { describe, expect, it } from "vitest";
import { Codes } from "../../compiler/diagnostics.js";
import { check, expectDiagnostic } from "../check/helpers.js";
import { structuralDiff } from "../../compiler/diff/index.js";
import { policyOf } from "../check/helpers.js";
import { HEAD, runBoth, yuan } from "./_run.js";

const SRC = `${HEAD}
身份 低保对象 依据 第二条
字段 限额内费用 金额 依据 第三条

救助项目 重特大疾病救助 依据 第三条
  基数 限额内费用
  不超过 个人负担
  | 身份     | 比例 | 年度限额 |
  | 低保对象 | 20%  | 3万元    |

救助项目 住院救助 依据 第四条
  基数 个人负担 - 重特大疾病救助
  | 身份     | 比例 |
  | 低保对象 | 50%  |
`;

const claim = (个人负担: string, 限额内费用?: string, 人员编号?: string) => ({
  身份: ["低保对象"],
  结算日期: "2024-03-01",
  个人负担,
  ...(限额内费用 === undefined ? {} : { 限额内费用 }),
  ...(人员编号 === undefined ? {} : { 人员编号 }),
});

describe("不超过 on an item", () => {
  it("caps the ratio's amount by the claim's amount, not the bound times the ratio", async () => {
    const [a, b] = await runBoth(SRC, [
      // 重特大: min(100000 × 20%, 10000) = 10000 (capped); 住院: (10000 − 10000) × 50% = 0
      claim("10000", "100000"),
      // 重特大: min(100000 × 20%, 30000) = 20000 (not capped); 住院: (30000 − 20000) × 50% = 5000
      claim("30000", "100000"),
    ]);
    expect(yuan(a!)).toBe("10000.00");
    expect(a).toMatchObject({ 明细: [{ 项目: "重特大疾病救助", 金额: 1_000_000, 说明: "已达上限（不超过 个人负担）10000元" }, { 金额: 0 }] });
    expect(yuan(b!)).toBe("25000.00");
    expect((b as { 明细: { 说明?: string }[] }).明细[0]!.说明).toBeUndefined();
  });

  it("the annual cap is charged with the bounded amount", async () => {
    const out = await runBoth(SRC, [
      // min(200000 × 20%, 25000) = 25000 ≤ 3万元 cap; 住院 0
      claim("25000", "200000", "甲"),
      // min(200000 × 20%, 25000) = 25000, cap room 30000 − 25000 = 5000 → 5000; 住院 (25000 − 5000) × 50% = 10000
      claim("25000", "200000", "甲"),
    ]);
    expect(out.map(yuan)).toEqual(["25000.00", "15000.00"]);
  });

  it("a record without the bound's field is an error naming the rule, in both engines", async () => {
    const [a] = await runBoth(SRC.replace("不超过 个人负担", "不超过 限额内费用 - 个人负担"), [
      { 身份: ["低保对象"], 结算日期: "2024-03-01", 限额内费用: "100000" },
    ]);
    expect(a).toEqual({ ok: false, 错误: "缺少字段「个人负担」：救助项目「重特大疾病救助」的「不超过 限额内费用 − 个人负担」需要此字段" });
  });

  it("checks: an amount of fields and amounts only", () => {
    expect(check(SRC).policy?.items[0]).toMatchObject({ bound: { kind: "field", name: "个人负担" }, boundText: "个人负担" });
    expectDiagnostic(SRC.replace("不超过 个人负担", "不超过 70%"), { code: Codes.TypeMismatch, text: "70%" });
    expectDiagnostic(SRC.replace("不超过 个人负担", "不超过 个人负担额"), { code: Codes.UnknownField, text: "个人负担额" });
    // an earlier item's result belongs in 基数, not in 不超过
    const later = SRC.replace("  基数 个人负担 - 重特大疾病救助", "  基数 个人负担\n  不超过 重特大疾病救助");
    expectDiagnostic(later, { code: Codes.UnknownField, text: "重特大疾病救助" });
  });

  it("diff reports a bound added as a change of the item", () => {
    const without = policyOf(SRC.replace("  不超过 个人负担\n", ""));
    const withIt = policyOf(SRC);
    expect(structuralDiff(without, withIt)).toContainEqual(
      expect.objectContaining({ kind: "changed", path: ["重特大疾病救助", "不超过"], old: "无", new: "个人负担", behavioural: true }),
    );
  });
});
