/**
 * Segment thresholds measured where the document measures them, and 提高 N个百分点 (issue 10 §2).
 * The document (试点市 第五条): "住院救助比例70%，起付线1000元；一次住院政策范围内个人负担超过
 * 3万元的部分，救助比例提高10个百分点" — 3万元 is measured on 个人负担, BEFORE the deductible.
 */
import { describe, expect, it } from "vitest";
import { check, policyOf } from "../check/helpers.js";
import { HEAD, runBoth, yuan } from "./_run.js";

const item = (segments: string, header: string, cells: string) => `${HEAD}
身份 低保对象 依据 第二条

救助项目 住院救助 依据 第五条
  基数 个人负担
${segments}
  | 身份     | 起付线 | ${header} |
  | 低保对象 | 1000元 | ${cells} |
`;

const RAISED = item("  分段 起付线前", "比例 | 比例（3万元以上）", "70% | 提高 10个百分点");
const claim = (个人负担: string, 结算日期 = "2024-03-01") => ({ 人员编号: "P", 身份: ["低保对象"], 结算日期, 个人负担 });

describe("分段 起付线前 and 提高 N个百分点", () => {
  it("pays 27900 (thresholds on 个人负担), not 27800 (thresholds after the deductible)", async () => {
    // 个人负担 39500; deductible 1000 takes [0, 1000); 70% on [1000, 30000) = 29000 × 70% = 20300;
    // 80% on [30000, 39500) = 9500 × 80% = 7600; total 27900.00
    const [a] = await runBoth(RAISED, [claim("39500")]);
    expect(yuan(a!)).toBe("27900.00");
    // the same table measured after the deductible (the default): 38500 net; 30000 × 70% = 21000;
    // 8500 × 80% = 6800; total 27800.00 — the natural encoding's wrong amount
    const [b] = await runBoth(RAISED.replace("  分段 起付线前\n", ""), [claim("39500")]);
    expect(yuan(b!)).toBe("27800.00");
  });

  it("提高 is the same as writing the raised ratio; 比例 covers what the segment columns leave", () => {
    const raised = policyOf(RAISED).items[0]!.rows["低保对象"]!;
    const written = policyOf(item("  分段 起付线前", "比例（0至3万元） | 比例（3万元以上）", "70% | 80%")).items[0]!.rows["低保对象"]!;
    expect(raised.kind === "params" && raised.segments).toEqual(written.kind === "params" && written.segments);
  });

  it("分段 按年 起付线前: the year position counts the burden before the deductible", async () => {
    const src = RAISED.replace("  分段 起付线前", "  分段 按年 起付线前").replace("起付线 |", "起付线 |").replace("  基数 个人负担", "  基数 个人负担\n  起付线 按年");
    const out = await runBoth(src, [
      // year position [0, 20000): deductible 1000 on [0, 1000), 19000 × 70% = 13300.00
      claim("20000"),
      // position [20000, 40000): no deductible left; [20000, 30000) 10000 × 70% = 7000;
      // [30000, 40000) 10000 × 80% = 8000; total 15000.00
      claim("20000", "2024-04-01"),
    ]);
    expect(out.map(yuan)).toEqual(["13300.00", "15000.00"]);
    // the second line says where this year's position stood and that the deductible was used up
    expect(out[1]!.ok && out[1]!.计算过程).toContain(
      "  住院救助：基数 个人负担 = 20000元；起付线 1000元（按年，本年已扣 1000元）扣除 0元，余 20000元；分段按起付线前的「个人负担」计；分段按年，本年位置 20000元→40000元；0元至3万元部分 10000元×70%=7000元 + 3万元以上部分 10000元×80%=8000元，四舍五入到分 = 15000元；得 15000元（依据 第五条）",
    );
  });

  it("the explanation names the amount each threshold is measured on", async () => {
    const [a] = await runBoth(RAISED, [claim("39500")]);
    // [1000, 30000) 29000 × 70% = 20300 + [30000, 39500) 9500 × 80% = 7600 = 27900
    expect(a!.ok && a!.计算过程).toContain(
      "  住院救助：基数 个人负担 = 39500元；起付线 1000元（按次）扣除 1000元，余 38500元；分段按起付线前的「个人负担」计；0元至3万元部分 29000元×70%=20300元 + 3万元以上部分 9500元×80%=7600元，四舍五入到分 = 27900元；得 27900元（依据 第五条）",
    );
  });

  it("提高 without a 比例 column, or in a non-segment column, is JZ4016; over 100% is JZ3002", () => {
    const codes = (src: string) => check(src).diagnostics.map((d) => d.code);
    expect(codes(item("", "比例（0至3万元） | 比例（3万元以上）", "70% | 提高 10个百分点"))).toContain("JZ4016");
    expect(codes(item("", "比例 | 年度限额", "70% | 提高 10个百分点"))).toContain("JZ4016");
    expect(codes(item("", "比例 | 比例（3万元以上）", "95% | 提高 10个百分点"))).toContain("JZ3002");
  });
});
