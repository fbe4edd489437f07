import { describe, expect, it } from "vitest";
import { extractHeadings } from "../../compiler/coverage/headings.js";

const ids = (text: string, doc?: string) => extractHeadings(text, doc).headings.map((h) => h.id);

describe("extractHeadings", () => {
  it("reads 第X条 with （一） and 1. items (营口), both widths of parentheses", () => {
    const text = [
      "某市医疗救助办法",
      "第一条 为减轻负担，制定本办法。",
      "第十一条 医疗救助包括基本救助和倾斜救助。",
      "（一）基本救助。2023年1月1日起，待遇标准为：",
      "1.年度救助限额：2万元。",
      "2.起付标准：不设。",
      "(二) 倾斜救助。",
      "1.年度救助限额：1.5万元。",
      "乡村振兴部门确定的返贫致贫人口，参照低保对象。",
      "第十二条 本办法自 2023 年 1 月 1 日起施行。",
    ].join("\n");
    expect(ids(text)).toEqual([
      "第一条",
      "第十一条",
      "第十一条（一）",
      "第十一条（一）1",
      "第十一条（一）2",
      "第十一条（二）",
      "第十一条（二）1",
      "第十二条",
    ]);
  });

  it("reads nested 一、/（一）/1、/（1） outlines (阳泉, 威海) and the 序言 before them", () => {
    const text = [
      "关于印发某办法的通知",
      "为进一步健全医疗救助制度，结合我市实际，制定如下实施办法。",
      "一、指导思想",
      "二、医疗救助制度",
      "（一）救助对象",
      "1、**重点救助对象。**包括城乡低保对象。",
      "2.住院救助。医疗救助对象在定点医疗机构发生的",
      "",
      "费用，可享受住院救助。", // a broken line: not a heading
      "（1）普通住院救助。按 70%比例给予救助。",
      "（2）重特大疾病住院救助。",
      "纳入门诊救助的病种：（1）尿毒症；（2）血友病。", // inline list, not headings
    ].join("\n");
    const r = extractHeadings(text);
    expect(r.headings.map((h) => h.id)).toEqual(["序言", "一、", "二、", "二、（一）", "二、（一）1", "二、（一）2", "二、（一）2.（1）", "二、（一）2.（2）"]);
    expect(r.headings[4]!.summary).toBe("重点救助对象。包括城乡低保对象。");
    expect(r.headings[6]!.parent).toBe(5);
  });

  it("reads markdown headings (台州) and a 五、 whose only text is the 施行 sentence", () => {
    const text = ["# 实施方案", "为贯彻落实有关精神，提出如下实施方案：", "## 一、医疗救助对象", "(二) 医疗费用救助。", "1. 住院救助标准。比例为 100%;", "## 五、其他", "本方案自 2020 年 7 月 1 日起实施。"].join("\n");
    expect(ids(text)).toEqual(["序言", "一、", "一、（二）", "一、（二）1", "五、"]);
  });

  it("reads 一是/三要 paragraphs (济宁, 山东) and a 末段 after the last part", () => {
    const text = [
      "一、完善医疗救助政策",
      "一是做好困难群众参保补助。全额补助。",
      "二是严格落实医疗救助政策。给予70%的救助。",
      "三要严格医疗救助专项资金监管。",
      "二、加强医疗救助资金结算",
      "各县要尽快核算未结算费用。",
      "本《通知》自2021年1月1日起施行。我市原有政策",
      "内容与本《通知》不一致的，按照本《通知》规定执行。",
      "（信息公开方式：依申请公开）",
    ].join("\n");
    expect(ids(text)).toEqual(["一、", "一、一是", "一、二是", "一、三要", "二、", "末段"]);
  });

  it("names a restarted numbering group by the sentence introducing it (威海 二、（三）)", () => {
    const text = ["二、医疗救助制度", "（三）救助条件", "应剔除下列费用：", "1.减免的费用；", "2.救助资金。", "有下列情况之一的不能参加救助：", "1.自伤自残的；", "2.打架斗殴的。"].join("\n");
    expect(ids(text)).toEqual([
      "二、",
      "二、（三）",
      "二、（三）1",
      "二、（三）2",
      "二、（三）“有下列情况之一的不能参加救助”1",
      "二、（三）“有下列情况之一的不能参加救助”2",
    ]);
  });

  it("reads annex titles and ignores the annexes' own text (阳泉)", () => {
    const text = ["一、内容", "- 附件：", "1. 省定26类重特大疾病病种", " 2. 名单", "省定 26 类重特大疾病病种", "附件 2", "(20) 第 号"].join("\n");
    expect(ids(text)).toEqual(["一、", "附件1", "附件2"]);
  });

  it("reads only the document whose 文号 the policy states when a seed holds two (济宁, 山东)", () => {
    const text = ["济医保发〔2020〕28号", "一、市里的规定", "附件：《省里的意见》", "附件：", "鲁医保发〔2020〕79号", "一、省里的规定", "二、省里的另一条"].join("\n");
    expect(ids(text, "济医保发〔2020〕28号")).toEqual(["一、", "附件"]);
    const province = extractHeadings(text, "鲁医保发〔2020〕79号");
    expect(province.headings.map((h) => h.id)).toEqual(["一、", "二、"]);
    expect([province.from, province.to]).toEqual([5, 7]);
    expect(extractHeadings(text, "无").note).toContain("读全文");
  });

  it("does not take dates, amounts or a title and date for headings or a 序言", () => {
    const text = ["某某办法", "(营政办发〔2022〕23号 2022年9月23日公布)", "第一条 适用范围。", "2023年1月1日起，标准为：", "3.5万元以上的部分。"].join("\n");
    expect(ids(text)).toEqual(["第一条"]);
  });
});
