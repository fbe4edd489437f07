import { describe, expect, it } from "vitest";
import { closest, editDistance, keywordHint, unknownNameNotes } from "../../compiler/suggest.js";

describe("suggest", () => {
  it("edit distance counts characters, not UTF-16 units", () => {
    expect(editDistance("低保对像", "低保对象")).toBe(1);
    expect(editDistance("𠀀甲", "甲")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests only plausible typos, the earliest on ties", () => {
    expect(closest("低保对像", ["特困人员", "低保对象"])).toBe("低保对象");
    expect(closest("甲", ["乙", "丙"])).toBe("乙");
    expect(closest("完全不同的名字", ["低保对象"])).toBeUndefined();
  });

  it("hints at a keyword swallowed for lack of spaces, but not at 非 or at the edges", () => {
    expect(keywordHint("规范转诊且就医地")).toContain("规范转诊 且 就医地");
    expect(keywordHint("就医地属于市域内")).toContain("就医地 属于 市域内");
    expect(keywordHint("非参保人员")).toBeUndefined();
    expect(keywordHint("且甲")).toBeUndefined();
  });

  it("falls back to a how-to note when there is nothing to suggest", () => {
    expect(unknownNameNotes("某某", ["低保对象"], "请先声明")).toEqual(["请先声明"]);
  });
});

describe("prefix suggestions", () => {
  it("a name cut short suggests the declared name it begins", () => {
    // 低保 is two edits from 低保对象: beyond the typo limit, but plainly the same name
    expect(closest("低保", ["特困人员", "低保对象"])).toBe("低保对象");
    expect(unknownNameNotes("低保", ["低保对象"], "请先声明")).toEqual(["您是否想写「低保对象」？"]);
    // one character prefixes too much to guess
    expect(closest("低", ["低保对象"])).toBeUndefined();
  });
});
