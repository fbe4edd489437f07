/**
 * issue 12: calc with 台州市 (预警 大额医疗费用 counts 医疗费用). Records without 医疗费用 are
 * computed as usual and reported once, on stderr, in one Chinese line with the count — never as
 * record errors; a record with it raises the 预警 under its own key 年度累计医疗费用.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./_run.js";

const policy = "policies/台州市";
const lines = [
  // 低保对象 住院 10000 × 70% = 7000元; no 医疗费用: skipped
  { 编号: "1", 人员编号: "甲", 身份: ["低保对象"], 结算日期: "2020-08-01", 就诊类型: "住院", 个人负担: "10000" },
  // 低保对象 住院 50000 × 70% = 35000元; 医疗费用 300000 ≥ 30万元 (含): 预警
  { 编号: "2", 人员编号: "乙", 身份: ["低保对象"], 结算日期: "2020-08-01", 就诊类型: "住院", 个人负担: "50000", 医疗费用: "300000" },
  // 普通门诊 without 医疗费用: 低保对象 60% → 60元, skipped
  { 编号: "3", 人员编号: "丙", 身份: ["低保对象"], 结算日期: "2020-08-01", 就诊类型: "普通门诊", 个人负担: "100" },
];

describe("calc: 预警 skipped for lack of its field", () => {
  for (const engine of ["compiled", "interpreter"]) {
    it(`one stderr line with the count, no record error (${engine})`, async () => {
      const input = lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
      const r = await runCli(["calc", "--engine", engine, "--policy", policy, "-"], input);
      expect(r.code).toBe(0);
      const out = r.out.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(out.map((o) => o.救助金额)).toEqual(["7000.00", "35000.00", "60.00"]);
      expect(out.some((o) => "错误" in o)).toBe(false);
      expect(out[1]!.预警).toEqual([{ 名称: "大额医疗费用", 年度累计医疗费用: "300000.00", 依据: "三、（二）" }]);
      expect(out[0]!.预警).toBeUndefined();
      const notes = r.err.split("\n").filter((l) => l.includes("预警"));
      expect(notes).toEqual([
        "警告：预警「大额医疗费用」未统计 2 条记录（记录没有「医疗费用」字段）；这些记录的救助金额照常计算，只是不计入该预警的年度累计，也不据以判断该预警",
      ]);
    });
  }

  it("no line when every record carries the field", async () => {
    const r = await runCli(["calc", "--policy", policy, "-"], JSON.stringify(lines[1]) + "\n");
    expect(r.code).toBe(0);
    expect(r.err).not.toContain("预警");
  });
});
