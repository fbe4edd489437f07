/** Issue 16 §3: side-by-side steps are matched by (identity, item), not by line number. */
import { describe, expect, it } from "vitest";
import { pairTraces, stepKeys } from "../../compiler/diff/report-common.js";

describe("trace alignment", () => {
  it("a step on one side only faces an empty cell; the steps after it stay paired", () => {
    const a = ["持有身份「A」", "按身份「A」：", "  基本救助：得 1元", "  救助金额合计 1元"];
    const b = ["持有身份「A」", "按身份「A」：", "  基本救助：得 2元", "  倾斜救助：得 3元", "  救助金额合计 5元"];
    expect(pairTraces(a, b)).toEqual([
      { same: true, text: "持有身份「A」" },
      { same: true, text: "按身份「A」：" },
      { same: false, old: "  基本救助：得 1元", new: "  基本救助：得 2元" },
      { same: false, old: "", new: "  倾斜救助：得 3元" },
      { same: false, old: "  救助金额合计 1元", new: "  救助金额合计 5元" },
    ]);
  });

  it("keys: (identity, item) under the identity's head, a warning by name", () => {
    expect(
      stepKeys(["按身份「低保对象」：", "  基本救助：基数 …", "  救助金额合计 1元", "按身份「特困人员」：", "  基本救助（参照「低保对象」）：…", "预警「因病返贫风险」：年度累计 …"]),
    ).toEqual(["按身份|低保对象", "低保对象|基本救助", "低保对象|合计", "按身份|特困人员", "特困人员|基本救助", "预警「因病返贫风险」"]);
  });
});
