import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../grammar/index.js";
import { checkPolicy } from "../../compiler/check.js";
import { BASIC, expectDiagnostic } from "./helpers.js";

describe("check-dates", () => {
  it("JZ5002 生效 after 失效", () => {
    const src = BASIC.replace("生效 2023-01-01 依据 第一条", "生效 2023-01-01 依据 第一条\n失效 2022-12-31");
    expectDiagnostic(src, { code: "JZ5002", line: 4, col: 4, text: "2022-12-31" });
  });

  it("JZ5002 生效 equal to 失效 (an empty period)", () => {
    const src = BASIC.replace("生效 2023-01-01 依据 第一条", "生效 2023-01-01 依据 第一条\n失效 2023-01-01");
    expectDiagnostic(src, { code: "JZ5002", line: 4 });
  });

  it("JZ5003 every missing header line is reported at once", () => {
    const src = BASIC.replace("政策 测试办法\n地区 测试市\n", "");
    const r = checkPolicy(parsePolicy("x.jz", src).ast, { source: src });
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["JZ5003", "缺少「政策」"],
      ["JZ5003", "缺少「地区」"],
    ]);
    expect(r.policy).toBeUndefined();
  });

  it("a valid 失效 is kept in meta", () => {
    const src = BASIC.replace("生效 2023-01-01 依据 第一条", "生效 2023-01-01 依据 第一条\n失效 2025-01-01");
    const r = checkPolicy(parsePolicy("x.jz", src).ast, { source: src });
    expect(r.policy?.meta).toMatchObject({
      effective: "2023-01-01",
      expires: "2025-01-01",
      effectiveCitation: "第一条",
    });
  });
});
