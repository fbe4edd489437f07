import { describe, expect, it } from "vitest";
import { splitCitation } from "../../compiler/coverage/citations.js";
import { idText } from "../../compiler/coverage/ids.js";

const ids = (text: string) => splitCitation(text).refs.map((r) => idText(r.steps));

describe("splitCitation", () => {
  it("splits the lists the brief names", () => {
    expect(ids("第七条（四）、第十一条（二）")).toEqual(["第七条（四）", "第十一条（二）"]);
    expect(ids("第十一条（一）1、2、3")).toEqual(["第十一条（一）1", "第十一条（一）2", "第十一条（一）3"]);
    expect(ids("二、（二）2.（1）")).toEqual(["二、（二）2.（1）"]);
  });

  it("keeps the parent for a sibling written alone, and reads ； and 是 paragraphs", () => {
    expect(ids("第七条（二）、（三）")).toEqual(["第七条（二）", "第七条（三）"]);
    expect(ids("二、二是、二、三是")).toEqual(["二、二是", "二、三是"]);
    expect(ids("一、；二、（二）1")).toEqual(["一、", "二、（二）1"]);
    expect(ids("四、（二）4、附件1")).toEqual(["四、（二）4", "附件1"]);
    expect(ids("四、三要")).toEqual(["四、三要"]);
  });

  it("normalises widths and numerals: (三) = （三）, 第11条 = 第十一条", () => {
    const a = splitCitation("第11条(三)").refs[0]!.steps;
    const b = splitCitation("第十一条（三）").refs[0]!.steps;
    expect(a.map((s) => [s.kind, s.num])).toEqual(b.map((s) => [s.kind, s.num]));
  });

  it("expands 至 ranges", () => {
    expect(ids("附件2至附件5（名单、证明、告知书样式）")).toEqual(["附件2", "附件3", "附件4", "附件5"]);
    expect(ids("四、（一）1至4中的认定")).toEqual(["四、（一）1", "四、（一）2", "四、（一）3", "四、（一）4"]);
    expect(ids("第一至三条、第十七至第十九条")).toEqual(["第一条", "第二条", "第三条", "第十七条", "第十八条", "第十九条"]);
  });

  it("ignores titles, quotations and remarks, and marks partial entries", () => {
    expect(splitCitation("一、总体要求").refs).toEqual([{ steps: [{ kind: "部分", num: 1 }], partial: false }]);
    const q = splitCitation("四、（二）3第四段“一次性救助在次年2月底前集中受理”");
    expect(q.refs.map((r) => [idText(r.steps), r.partial])).toEqual([["四、（二）3", true]]);
    expect(splitCitation("二、（三）首句（须提供正规住院票据）").refs[0]!.partial).toBe(true);
    expect(ids("七、（二）基金使用管理（含结余超过15%时另报批准的二次救助）")).toEqual(["七、（二）"]);
  });

  it("reads 序言, 末段, 后末段 and 落款", () => {
    expect(ids("序言")).toEqual(["序言"]);
    expect(ids("末段")).toEqual(["末段"]);
    expect(ids("八、（三）后末段“本办法从2020年1月1日起执行”")).toEqual(["末段"]);
    expect(ids("二、（二）2.末段（慈善总会再救助）")).toEqual(["二、（二）2"]);
    expect(splitCitation("落款日期")).toEqual({ refs: [], signature: true });
  });

  it("keeps the words before a step as its group name (威海 二、（三）不能参加救助1.)", () => {
    const [ref] = splitCitation("二、（三）不能参加救助1.").refs;
    expect(ref!.steps.map((s) => [s.kind, s.num, s.group])).toEqual([
      ["部分", 2, undefined],
      ["项", 3, undefined],
      ["目", 1, "不能参加救助"],
    ]);
  });
});
