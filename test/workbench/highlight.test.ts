/** Issue 18: the editor's highlighting comes from grammar/lexer.ts (no second grammar). */
import { describe, expect, it } from "vitest";
import { highlightSpans } from "../../workbench/page/highlight.js";
import { KEYWORDS } from "../../grammar/keywords.js";

const spans = (text: string) => highlightSpans(text).map((s) => [text.slice(s.from, s.to), s.cls]);

describe("workbench highlighting", () => {
  it("keywords, amounts, names, raw citations and comments", () => {
    expect(spans("身份 孤儿 依据 第五条（二） # 注释")).toEqual([
      ["身份", "kw"], ["孤儿", "name"], ["依据", "kw"], ["第五条（二）", "raw"], ["# 注释", "comment"],
    ]);
    expect(spans("  起付线 按年")).toEqual([["起付线", "kw"], ["按年", "kw"]]);
  });

  it("a keyword inside a longer name is a name, as the lexer reads it", () => {
    expect(spans("身份 低保对象")).toEqual([["身份", "kw"], ["低保对象", "name"]]);
  });

  it("table rows: cells lexed in place, 依据 cells as raw text, full-width text keeps its offsets", () => {
    const table = "  | 身份 | 起付线 | 比例 | 依据 |\n  | 低保边缘家庭成员 | 2000元 | 60% | 第十一条（一）1、2、3 |";
    const s = spans(table).slice(9); // past the header row
    expect(s).toContainEqual(["低保边缘家庭成员", "name"]);
    expect(s).toContainEqual(["2000元", "num"]);
    expect(s).toContainEqual(["60%", "num"]);
    expect(s).toContainEqual(["第十一条（一）1、2、3", "raw"]);
    expect(s.filter(([, c]) => c === "pipe")).toHaveLength(5);
    expect(spans(table).slice(0, 9)).toContainEqual(["依据", "kw"]);
  });

  it("every keyword of grammar/keywords.ts is highlighted as one", () => {
    for (const k of KEYWORDS) expect(spans(k.text)[0], k.text).toEqual([k.text, "kw"]);
  });
});
