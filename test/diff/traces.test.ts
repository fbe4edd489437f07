/** Issue 16 §3: side-by-side steps are matched by (identity, item), not by line number. */
import { describe, expect, it } from "vitest";
import { pairTraces, stepKey } from "../../compiler/diff/report-common.js";

describe("trace alignment", () => {
  it("a step on one side only faces an empty cell; the steps after it stay paired", () => {
    const a = ["持有身份「A」", "［A］基本救助：得 1元", "［A］救助金额合计 1元"];
    const b = ["持有身份「A」", "［A］基本救助：得 2元", "［A］倾斜救助：得 3元", "［A］救助金额合计 5元"];
    expect(pairTraces(a, b)).toEqual([
      { same: true, text: "持有身份「A」" },
      { same: false, old: "［A］基本救助：得 1元", new: "［A］基本救助：得 2元" },
      { same: false, old: "", new: "［A］倾斜救助：得 3元" },
      { same: false, old: "［A］救助金额合计 1元", new: "［A］救助金额合计 5元" },
    ]);
  });

  it("keys: (identity, item), a warning by name", () => {
    expect(stepKey("［低保对象］基本救助：基数 …")).toBe("低保对象|基本救助");
    expect(stepKey("预警「因病返贫风险」：年度累计 …")).toBe("预警「因病返贫风险」");
  });
});
