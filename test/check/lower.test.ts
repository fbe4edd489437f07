import { describe, expect, it } from "vitest";
import { loadPolicyPaths } from "../../compiler/load.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { BASIC, HEADER, policyOf } from "./helpers.js";

describe("lower", () => {
  it("meta, builtin fields with defaults, the default calculator", () => {
    const p = policyOf(BASIC);
    expect(p.meta).toEqual({
      name: "测试办法",
      region: "测试市",
      docNumber: "",
      effective: "2023-01-01",
      effectiveCitation: "第一条",
      expires: null,
      isBase: false,
      basedOn: null,
      file: "test.jz",
    });
    const f = Object.fromEntries(p.fields.map((x) => [x.name, x]));
    expect(f["就医地"]).toMatchObject({
      builtin: true,
      default: "市域内",
      type: { kind: "枚举", values: ["市域内", "省内市外", "省外"] },
    });
    expect(f["规范转诊"]!.default).toBe(false);
    expect(f["参保"]!.default).toBe(true);
    expect(f["参保类型"]!.default).toBe("居民医保");
    expect(p.calculators).toEqual([
      {
        name: "医疗救助",
        resultField: "救助金额",
        items: ["基本救助"],
        fields: ["身份", "结算日期", "个人负担"],
        source: { line: 0, citation: "" },
      },
    ]);
  });

  it("items: amounts in 分, ratios in bp, rows by canonical identity, Source with line and 依据", () => {
    const item = policyOf(BASIC).items[0]!;
    expect(item).toMatchObject({
      name: "基本救助",
      calculator: "医疗救助",
      visitTypes: null,
      identities: ["特困人员", "低保对象"],
      base: { kind: "field", name: "个人负担" },
      baseText: "个人负担",
      deductiblePeriod: "次",
      segmentPeriod: "次",
      oncePerPerson: false,
      capGroups: [],
      source: { line: 8, citation: "第三条" },
    });
    expect(item.rows["低保对象"]).toEqual({
      kind: "params",
      source: { line: 12, citation: "" },
      deductible: 100000,
      segments: [{ from: 0, to: null, bp: 6000 }],
      flat: null,
      perClaimCap: null,
      annualCap: 2000000,
      bounds: [],
    });
  });

  it("conditions, exclusions with 除外, identity conditions, groups, cap groups, calculator fields", () => {
    const src = `${HEADER}
身份 特困人员 依据 二
身份 低保对象 别名 城乡低保对象 依据 二
身份 重病患者 条件 结算日期 在 申请日期 前 12个月 内 依据 十三
身份组 重点 包括 特困人员、城乡低保对象 依据 二
字段 交警认定无责任方 布尔 依据 五
救助项目 甲 依据 三
  适用 住院
  对象 重点、重病患者
  条件 规范转诊 且 （就医地 属于 市域内 或 就医地 属于 省内市外） 依据 三（二）
  条件 非 身份 属于 重病患者
  次数 每人一次
  | 身份 | 定额 | 单次限额 |
  | 重点、重病患者 | 5000元 | 无 |
限额组 合计 年度限额 5万元 包括 甲 依据 四
不予救助 致伤原因 属于 交通肇事 除外 交警认定无责任方 依据 五
清单 致伤原因表 依据 五
  交通肇事、其他
字段 致伤原因 取值 致伤原因表 依据 五
`;
    const p = policyOf(src);
    expect(p.groups).toEqual({ 重点: ["特困人员", "低保对象"] });
    const item = p.items[0]!;
    expect(item.identities).toEqual(["特困人员", "低保对象", "重病患者"]);
    expect(item.visitTypes).toEqual(["住院"]);
    expect(item.oncePerPerson).toBe(true);
    expect(item.capGroups).toEqual(["合计"]);
    expect(item.rows["低保对象"]).toMatchObject({ flat: 500000, segments: [], perClaimCap: null });
    expect(item.conditions.map((c) => [c.text, c.source])).toEqual([
      ["规范转诊 且 （就医地 属于 市域内 或 就医地 属于 省内市外）", { line: 13, citation: "三（二）" }],
      ["非 身份 属于 重病患者", { line: 14, citation: "三" }],
    ]);
    expect(item.conditions[1]!.cond).toEqual({
      kind: "not",
      operand: { kind: "identityIn", identities: ["重病患者"] },
    });
    expect(p.identities[2]!.condition).toEqual({
      kind: "within",
      subject: "结算日期",
      reference: "申请日期",
      months: 12,
    });
    expect(p.capGroups).toEqual([
      { name: "合计", annualCap: 5000000, members: ["甲"], source: { line: 18, citation: "四" }, notes: [] },
    ]);
    expect(p.exclusions).toEqual([
      {
        calculator: "医疗救助",
        when: {
          kind: "and",
          left: { kind: "textIn", field: "致伤原因", values: ["交通肇事"] },
          right: { kind: "not", operand: { kind: "flag", field: "交警认定无责任方" } },
        },
        text: "致伤原因 属于 交通肇事 除外 交警认定无责任方",
        source: { line: 19, citation: "五" },
      },
    ]);
    expect(p.calculators[0]!.fields).toEqual([
      "身份",
      "就诊类型",
      "结算日期",
      "规范转诊",
      "就医地",
      "致伤原因",
      "申请日期",
      "交警认定无责任方",
    ]);
  });

  it("参照 is resolved transitively into treatAs, and per scope", () => {
    const src = `${HEADER}
身份 低保对象 依据 二
身份 边缘 依据 二
身份 甲 参照 乙 依据 二
身份 乙 参照 边缘 用于 基本救助；参照 低保对象 依据 二
计算器 资助 结果 资助金额 依据 二
救助项目 基本救助 依据 三
  | 身份 | 比例 |
  | 低保对象 | 70% |
  | 边缘 | 60% |
救助项目 参保补贴 依据 三
  属于 资助
  | 身份 | 比例 |
  | 低保对象 | 100% |
  | 边缘 | 60% |
`;
    const p = policyOf(src);
    const ids = Object.fromEntries(p.identities.map((i) => [i.name, i.treatAs]));
    expect(ids["乙"]).toEqual({ 基本救助: "边缘", "*": "低保对象" });
    // 甲 → 乙 everywhere; through 乙 that is 边缘 for 基本救助, 低保对象 elsewhere
    expect(ids["甲"]).toEqual({ "*": "低保对象", 基本救助: "边缘" });
    const lookup = (t: Record<string, string>, item: string, calc: string, self: string) =>
      t[item] ?? t[calc] ?? t["*"] ?? self;
    expect(lookup(ids["甲"]!, "基本救助", "医疗救助", "甲")).toBe("边缘");
    expect(lookup(ids["甲"]!, "参保补贴", "资助", "甲")).toBe("低保对象");
    expect(p.calculators.map((c) => c.name)).toEqual(["医疗救助", "资助"]);
  });

  it("is plain JSON (no bigint): it survives a round trip", () => {
    const p = policyOf(BASIC);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});

describe("lower 营口市 (the lead's policy)", () => {
  const p: CheckedPolicy = loadPolicyPaths(["policies/营口市"]).policies[0]!.policy!;

  it("参照 per assistance kind for 其他特殊困难人员 (第七条（四）)", () => {
    const other = p.identities.find((i) => i.name === "其他特殊困难人员")!;
    expect(other.treatAs).toMatchObject({
      基本救助: "低保边缘家庭成员",
      倾斜救助: "低保边缘家庭成员",
      资助参保: "低保对象",
    });
  });

  it("倾斜救助 reads the burden left after 基本救助, with a readable condition", () => {
    const item = p.items.find((i) => i.name === "倾斜救助")!;
    expect(item.baseText).toBe("个人负担 − 基本救助");
    expect(item.conditions[0]!.text).toBe("规范转诊 且 就医地 属于 市域内、省内市外");
    expect(item.rows["低保边缘家庭成员"]).toMatchObject({
      deductible: 500000,
      annualCap: 1800000,
      segments: [{ bp: 6000 }],
    });
    expect(item.deductiblePeriod).toBe("年");
  });

  it("未规定 rows and the second calculator", () => {
    expect(p.items.find((i) => i.name === "按床日定额救助")!.rows["特困人员"]!.kind).toBe("unspecified");
    const calc = p.calculators.find((c) => c.name === "资助参保")!;
    expect(calc).toMatchObject({ resultField: "资助金额", items: ["参保资助"] });
    expect(calc.fields).toContain("个人缴费");
    expect(calc.fields).not.toContain("就诊类型");
  });
});
