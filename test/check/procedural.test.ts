import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../grammar/index.js";
import { checkPolicy } from "../../compiler/check.js";
import { loadPolicyPaths } from "../../compiler/load.js";
import { BASIC } from "./helpers.js";

const codes = (src: string) => {
  const r = checkPolicy(parsePolicy("x.jz", src).ast, { source: src });
  return { r, dup: r.diagnostics.filter((d) => d.code === "JZ5010") };
};
const withProc = (...lines: string[]) =>
  BASIC.replace("生效 2023-01-01 依据 第一条", ["生效 2023-01-01 依据 第一条", ...lines].join("\n"));

describe("check-procedural (JZ5010)", () => {
  it("a provision on two 程序性 lines is a warning naming the first line; the policy still checks", () => {
    const { r, dup } = codes(withProc("程序性 第二条 适用范围", "程序性 第三条", "程序性 第二条"));
    expect(dup).toHaveLength(1);
    expect(dup[0]!.severity).toBe("警告");
    expect(dup[0]!.message).toBe("程序性条款「第二条」重复列出");
    expect(dup[0]!.notes[0]).toMatch(/^第 \d+ 行已列出「第二条 适用范围」$/);
    expect(r.policy).toBeDefined();
  });

  it("twice on one line, and a range that repeats a listed one", () => {
    expect(codes(withProc("程序性 第二条；第二条")).dup).toHaveLength(1);
    expect(codes(withProc("程序性 第三条（一）", "程序性 第三条（一）2")).dup).toHaveLength(0);
  });

  it("partial entries (首句, 第二段) of one provision are distinct; the same partial text twice is not", () => {
    expect(codes(withProc("程序性 第二条首句", "程序性 第二条第二段")).dup).toHaveLength(0);
    expect(codes(withProc("程序性 第二条首句", "程序性 第二条首句")).dup).toHaveLength(1);
  });

  it("one line per provision, no repeats, in 营口市 and 台州市", () => {
    for (const region of ["营口市", "台州市"]) {
      const r = loadPolicyPaths([`policies/${region}`]);
      expect(r.diagnostics.filter((d) => d.code === "JZ5010")).toEqual([]);
    }
  });
});
