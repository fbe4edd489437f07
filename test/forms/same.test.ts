/**
 * `比例 同 住院救助` (issue 10 §2): "特殊病种门诊的救助比例与住院救助相同" written once, so an
 * amendment of 住院救助's table reaches both items. Both engines.
 */
import { describe, expect, it } from "vitest";
import { check, policyOf } from "../check/helpers.js";
import { HEAD, runBoth, yuan } from "./_run.js";

const SRC = `${HEAD}
身份 低保对象 依据 第二条
身份 特困人员 依据 第二条

救助项目 住院救助 依据 第三条
  适用 住院
  | 身份     | 起付线 | 比例 | 比例（5万元以上） | 年度限额 |
  | 低保对象 | 1000元 | 70%  | 提高 5个百分点    | 10万元   |
  | 特困人员 | 0      | 100% | 100%              | 无       |

救助项目 特殊病种门诊救助 依据 第四条
  适用 门诊慢特病
  比例 同 住院救助
  起付线 同 住院救助
`;

const claim = (身份: string, 就诊类型: string, 个人负担: string) => ({ 身份: [身份], 就诊类型, 个人负担, 结算日期: "2024-03-01" });

describe("比例 同 …", () => {
  it("the other item's ratios (segments and raise included) and deductible, its own caps none", async () => {
    const out = await runBoth(SRC, [
      // 住院: (60000 − 1000) net; [0, 50000) 70% = 35000; [50000, 59000) 75% = 6750; 41750
      claim("低保对象", "住院", "60000"),
      // 门诊: the same ratios and deductible: 41750
      claim("低保对象", "门诊慢特病", "60000"),
      // 特困: 100%, no deductible: 3000
      claim("特困人员", "门诊慢特病", "3000"),
    ]);
    expect(out.map(yuan)).toEqual(["41750.00", "41750.00", "3000.00"]);
  });

  it("an amendment of 住院救助 reaches 特殊病种门诊救助", () => {
    const p = policyOf(SRC.replace("| 低保对象 | 1000元 | 70%", "| 低保对象 | 1000元 | 65%"));
    const row = p.items.find((i) => i.name === "特殊病种门诊救助")!.rows["低保对象"]!;
    expect(row.kind === "params" && row.segments[0]!.bp).toBe(6500);
    expect(row.kind === "params" && [row.deductible, row.annualCap]).toEqual([100000, null]);
  });

  it("an unknown item, a loop, a column also in the table, an unknown column are diagnostics", () => {
    const codes = (s: string) => check(s).diagnostics.map((d) => d.code);
    expect(codes(SRC.replace("比例 同 住院救助", "比例 同 住院"))).toContain("JZ2003");
    expect(codes(SRC.replace("  适用 住院\n", "  适用 住院\n  比例 同 特殊病种门诊救助\n").replace("| 比例 | 比例（5万元以上） ", "").replace("| 70%  | 提高 5个百分点    ", "").replace("| 100% | 100%              ", ""))).toContain("JZ5001");
    expect(codes(`${SRC}  | 身份 | 比例 |\n  | 低保对象 | 50% |\n  | 特困人员 | 50% |\n`)).toContain("JZ4002");
    expect(codes(SRC.replace("比例 同 住院救助", "比例 同 住院救助\n  倍数 同 住院救助"))).toContain("JZ2007");
  });

  it("a row identity the other item lacks is JZ4003", () => {
    const src = SRC.replace("身份 特困人员 依据 第二条", "身份 特困人员 依据 第二条\n身份 孤儿 依据 第二条") + "  | 身份 | 年度限额 |\n  | 低保对象 | 无 |\n  | 特困人员 | 无 |\n  | 孤儿 | 无 |\n";
    const only = src.replace("  适用 住院\n", "  适用 住院\n  对象 低保对象、特困人员\n");
    const d = check(only).diagnostics.filter((x) => x.code === "JZ4003");
    expect(d.map((x) => x.message)).toEqual([
      "救助项目「住院救助」没有身份「孤儿」的待遇行，「特殊病种门诊救助」的「比例」无从取得",
      "救助项目「住院救助」没有身份「孤儿」的待遇行，「特殊病种门诊救助」的「起付线」无从取得",
    ]);
  });
});
