/**
 * 限额组 with a | 身份 | 年度限额 | table (issue 10 §2): ONE counter per person per group; under
 * identity h the room is cap(h) − used (docs/语义.md §5.7). The document: "住院救助与门诊慢特病
 * 救助合并计算年度限额：低保对象6万元；低保边缘家庭成员4万元".
 */
import { describe, expect, it } from "vitest";
import { check } from "../check/helpers.js";
import { HEAD, runBoth, yuan } from "./_run.js";

const IDS = `
身份 低保对象 依据 第二条
身份 低保边缘家庭成员 依据 第二条
`;

const ITEMS = `
救助项目 住院救助 依据 第三条
  适用 住院
  | 身份             | 比例 |
  | 低保对象         | 50%  |
  | 低保边缘家庭成员 | 60%  |

救助项目 门诊慢特病救助 依据 第四条
  适用 门诊慢特病
  | 身份             | 比例 |
  | 低保对象         | 50%  |
  | 低保边缘家庭成员 | 60%  |
`;

const SHARED = `${HEAD}${IDS}${ITEMS}
限额组 合并年度限额 包括 住院救助、门诊慢特病救助 依据 第五条
  | 身份             | 年度限额 |
  | 低保对象         | 6万元    |
  | 低保边缘家庭成员 | 4万元    |
`;

const claim = (身份: string[], 就诊类型: string, 个人负担: string, 结算日期 = "2024-03-01") => ({
  人员编号: "P1",
  身份,
  就诊类型,
  个人负担,
  结算日期,
});

describe("限额组 | 身份 | 年度限额 |", () => {
  it("after 5万 paid as 低保对象 (6万), a 低保边缘家庭成员 (4万) claim pays 0", async () => {
    const [a, b] = await runBoth(SHARED, [
      // 100000 × 50% = 50000; room 60000 − 0 → 50000.00
      claim(["低保对象"], "住院", "100000"),
      // 10000 × 60% = 6000; room max(0, 40000 − 50000) = 0 → 0.00
      claim(["低保边缘家庭成员"], "门诊慢特病", "10000", "2024-04-01"),
    ]);
    expect(yuan(a!)).toBe("50000.00");
    expect(yuan(b!)).toBe("0.00");
    expect(b!.ok && b!.明细.find((l) => l.项目 === "门诊慢特病救助")!.说明).toBe("已达限额组「合并年度限额」年度限额 4万元");
  });

  it("a person holding both identities is held to the one counter (6万 in all)", async () => {
    const out = await runBoth(SHARED, [
      // 低保 100000×50% = 50000 (room 60000); 边缘 100000×60% = 60000, room 40000 → 40000; 低保 wins 50000
      claim(["低保对象", "低保边缘家庭成员"], "住院", "100000"),
      // 低保 30000×50% = 15000, room 60000−50000 = 10000 → 10000; 边缘 30000×60% = 18000,
      // room max(0, 40000−50000) = 0 → 0; 低保 wins 10000. Year total 60000 = the 6万 cap.
      claim(["低保对象", "低保边缘家庭成员"], "住院", "30000", "2024-05-01"),
    ]);
    expect(out.map(yuan)).toEqual(["50000.00", "10000.00"]);
  });

  it("the old encoding (one group per identity, items split by 对象) overpays: 68000 against 6万", async () => {
    const OLD = `${HEAD}${IDS}
救助项目 住院救助低保 依据 第三条
  对象 低保对象
  | 身份     | 比例 |
  | 低保对象 | 50%  |
救助项目 住院救助边缘 依据 第三条
  对象 低保边缘家庭成员
  | 身份             | 比例 |
  | 低保边缘家庭成员 | 60%  |
限额组 低保合计 年度限额 6万元 包括 住院救助低保 依据 第五条
限额组 边缘合计 年度限额 4万元 包括 住院救助边缘 依据 第五条
`;
    const out = await runBoth(OLD, [
      // 低保 50000 (group 低保合计 room 60000); 边缘 60000 capped 40000; 低保 wins 50000
      claim(["低保对象", "低保边缘家庭成员"], "住院", "100000"),
      // 低保 15000 capped to 60000−50000 = 10000; 边缘 18000, its OWN counter is 0 → 18000 wins
      claim(["低保对象", "低保边缘家庭成员"], "住院", "30000", "2024-05-01"),
    ]);
    // 50000 + 18000 = 68000 > 60000: why the table form exists
    expect(out.map(yuan)).toEqual(["50000.00", "18000.00"]);
  });

  it("a cap of 无 in the table leaves that identity uncapped on the shared counter", async () => {
    const src = SHARED.replace("| 低保边缘家庭成员 | 4万元    |", "| 低保边缘家庭成员 | 无       |");
    const out = await runBoth(src, [
      claim(["低保对象"], "住院", "100000"), // 50000
      claim(["低保边缘家庭成员"], "住院", "100000", "2024-04-01"), // 60000, no cap
      claim(["低保对象"], "住院", "10000", "2024-05-01"), // 5000, room max(0, 60000 − 110000) = 0
    ]);
    expect(out.map(yuan)).toEqual(["50000.00", "60000.00", "0.00"]);
  });
});

describe("限额组 table checks", () => {
  const codes = (src: string) => check(src).diagnostics.map((d) => d.code);

  it("neither 年度限额 nor a table is JZ4013", () => {
    expect(codes(`${HEAD}${IDS}${ITEMS}\n限额组 合并 包括 住院救助、门诊慢特病救助\n`)).toContain("JZ4013");
  });
  it("both 年度限额 and a table is JZ4013", () => {
    expect(codes(SHARED.replace("限额组 合并年度限额 包括", "限额组 合并年度限额 年度限额 5万元 包括"))).toContain("JZ4013");
  });
  it("an identity a member item applies to without a cap row is JZ4014", () => {
    const src = SHARED.replace("  | 低保边缘家庭成员 | 4万元    |\n", "");
    const d = check(src).diagnostics.find((x) => x.code === "JZ4014");
    expect(d?.message).toContain("低保边缘家庭成员");
  });
  it("a ratio or 未规定 in the cap column is JZ4013", () => {
    expect(codes(SHARED.replace("| 4万元    |", "| 40%      |"))).toContain("JZ4013");
    expect(codes(SHARED.replace("| 4万元    |", "| 未规定   |"))).toContain("JZ4013");
  });
  it("an unknown identity in the table is JZ2001", () => {
    expect(codes(SHARED.replace("| 低保边缘家庭成员 | 4万元", "| 低保边缘 | 4万元"))).toContain("JZ2001");
  });
});
