/**
 * 较小值(A, B, …) in a 基数 (issue 10 §2): "not more than what the person bears" as one
 * expression, on both engines; a missing field in any argument is a record error.
 */
import { describe, expect, it } from "vitest";
import { check } from "../check/helpers.js";
import { parsePolicy } from "../../grammar/index.js";
import { HEAD, runBoth, yuan } from "./_run.js";

const SRC = `${HEAD}
身份 低保对象 依据 第二条
字段 限额内费用 金额 依据 第三条

救助项目 重特大疾病救助 依据 第三条
  基数 较小值(限额内费用, 个人负担)
  | 身份     | 比例 |
  | 低保对象 | 20%  |

救助项目 住院救助 依据 第四条
  基数 个人负担 - 重特大疾病救助
  | 身份     | 比例 |
  | 低保对象 | 50%  |
`;

const claim = (个人负担: string, 限额内费用?: string) => ({
  身份: ["低保对象"],
  结算日期: "2024-03-01",
  个人负担,
  ...(限额内费用 === undefined ? {} : { 限额内费用 }),
});

describe("较小值", () => {
  it("takes the smaller argument: 限额内费用 when it is smaller, 个人负担 when that is", async () => {
    const [a, b] = await runBoth(SRC, [
      // 重特大: min(30000, 50000) × 20% = 6000; 住院: (50000 − 6000) × 50% = 22000; total 28000
      claim("50000", "30000"),
      // 重特大: min(80000, 10000) × 20% = 2000; 住院: (10000 − 2000) × 50% = 4000; total 6000
      claim("10000", "80000"),
    ]);
    expect(yuan(a!)).toBe("28000.00");
    expect(yuan(b!)).toBe("6000.00");
  });

  it("a missing field in any argument is a record error naming it", async () => {
    const [a] = await runBoth(SRC, [claim("50000")]);
    expect(a!.ok).toBe(false);
    expect(!a!.ok && a!.错误).toContain("缺少字段「限额内费用」");
  });

  it("parses nested and with + / − inside, and reads back as written", () => {
    const r = parsePolicy("t.jz", SRC.replace("较小值(限额内费用, 个人负担)", "较小值（限额内费用 + 0，个人负担 - 1000元）"));
    expect(r.diagnostics.filter((d) => d.severity === "错误")).toEqual([]);
  });

  it("one argument, or a ratio argument, is JZ3001", () => {
    expect(check(SRC.replace("较小值(限额内费用, 个人负担)", "较小值(限额内费用)")).diagnostics.map((d) => d.code)).toContain("JZ3001");
    expect(check(SRC.replace("较小值(限额内费用, 个人负担)", "较小值(限额内费用, 20%)")).diagnostics.map((d) => d.code)).toContain("JZ3001");
  });
});
