/**
 * 期望预警 无 in an example table (issue 12): a row may pin that NO 预警 fires — how 台州's table
 * shows that a claim without 医疗费用 is not warned on its 个人负担 of 30万元.
 */
import { describe, expect, it } from "vitest";
import { compare } from "../../cli/examples/run.js";
import { parseExampleTable } from "../../cli/examples/table.js";
import type { Outcome } from "../../runtime/types.js";

const table = (warn: string) => `结算日期,个人负担,期望,算式,期望预警\n2023-01-01,100,0,0,${warn}\n`;
const paid: Outcome = { ok: true, 金额: 0, 明细: [], 其他身份: [] };
const warned: Outcome = { ...paid, 预警: [{ 名称: "大额医疗费用", 统计字段: "医疗费用", 年度累计: 30_000_000, 依据: "三、（二）" }] };

describe("期望预警 无", () => {
  it("holds when nothing fires and is a mismatch naming what fired", () => {
    const t = parseExampleTable(table("无"), "例/表.csv");
    expect(t.errors).toEqual([]);
    const row = t.rows[0]!;
    expect(row).toMatchObject({ warnings: [], noWarnings: true });
    expect(compare(row, paid)).toEqual([]);
    expect(compare(row, warned)).toEqual(["期望不触发预警，却触发了「大额医疗费用」"]);
  });

  it("an empty cell checks nothing; 无 beside a name is a malformed row", () => {
    expect(compare(parseExampleTable(table(""), "例/表.csv").rows[0]!, warned)).toEqual([]);
    const t = parseExampleTable(table("无、大额医疗费用"), "例/表.csv");
    expect(t.errors.join("\n")).toContain("「期望预警」写「无」时不能再写预警名称");
  });
});
