import { describe, expect, it } from "vitest";
import { check, expectDiagnostic, policyOf } from "./helpers.js";

const PROVINCE = `政策 省意见
地区 某省
生效 2020-12-24 依据 落款
基础政策

身份 特困人员 依据 二、一
身份 低保对象 别名 城乡低保对象 依据 二、一
身份 低收入人群 依据 四、一
身份组 重点救助对象 包括 低保对象、特困人员 依据 二、三

救助项目 住院救助 依据 二、三
  适用 住院
  | 身份             | 起付线   | 比例       | 年度限额     | 依据 |
  | 重点救助对象      | 不超过 0 | 不低于 70% | 不低于 1万元 | 二、三是 |
  | 低收入人群        | 未规定   | 未规定     | 未规定       | 二、三是 |

救助项目 再救助 依据 二、三
  适用 住院
  基数 个人负担 - 住院救助
  起付线 按年
  | 身份                           | 起付线 | 比例 | 年度限额 |
  | 重点救助对象、低收入人群        | 5000元 | 70%  | 2万元    |
`;

const city = (row: string, extra = ""): string => `政策 市通知
地区 某市
生效 2021-01-01 依据 末段
基于 某省
${extra}
救助项目 住院救助 依据 一、二是
  | 身份         | 起付线 | 比例 | 年度限额 |
  | ${row} |
`;

const province = () => policyOf(PROVINCE, { file: "policies/某省/2020-12-24.jz" });

describe("a 基础政策 alone", () => {
  it("lowers 不低于/不超过 cells to 未规定 rows that keep their bounds", () => {
    const p = province();
    expect(p.meta.isBase).toBe(true);
    const row = p.items[0]!.rows["低保对象"] as { kind: string; bounds: unknown[] };
    expect(row.kind).toBe("unspecified");
    expect(row.bounds).toEqual([
      { column: "起付线", kind: "ceiling", value: 0, source: { line: 14, citation: "二、三是" } },
      { column: "比例", kind: "floor", value: 7000, source: { line: 14, citation: "二、三是" } },
      { column: "年度限额", kind: "floor", value: 1000000, source: { line: 14, citation: "二、三是" } },
    ]);
  });

  it("outside a 基础政策 a floor pays its value and keeps the bound", () => {
    const p = policyOf(PROVINCE.replace("基础政策\n", ""));
    expect(p.items[0]!.rows["特困人员"]).toMatchObject({
      kind: "params",
      deductible: 0,
      annualCap: 1000000,
      segments: [{ bp: 7000 }],
    });
    expect((p.items[0]!.rows["特困人员"] as { bounds: unknown[] }).bounds).toHaveLength(3);
  });
});

describe("compose-base", () => {
  it("inherits declarations and replaces rows row by row", () => {
    const p = policyOf(city("重点救助对象 | 不设 | 75% | 1万元"), { base: province() });
    expect(p.meta).toMatchObject({ region: "某市", basedOn: "某省", isBase: false });
    expect(p.identities.map((i) => i.name)).toEqual(["特困人员", "低保对象", "低收入人群"]);
    expect(p.identityNames["城乡低保对象"]).toBe("低保对象");
    expect(p.items.map((i) => i.name)).toEqual(["住院救助", "再救助"]);
    const item = p.items[0]!;
    expect(item.visitTypes).toEqual(["住院"]); // inherited: the city did not write 适用
    expect(item.rows["低保对象"]).toMatchObject({
      kind: "params",
      deductible: 0,
      segments: [{ from: 0, to: null, bp: 7500 }],
      annualCap: 1000000,
    });
    expect((item.rows["低保对象"] as { bounds: unknown[] }).bounds).toHaveLength(3);
    expect(item.rows["低收入人群"]).toMatchObject({ kind: "unspecified" }); // the province's row stays
    expect(p.items[1]!.baseText).toBe("个人负担 − 住院救助");
    expect(p.calculators[0]!.items).toEqual(["住院救助", "再救助"]);
  });

  it("JZ4009 a city ratio below the province's floor cites the base's file, line and 依据", () => {
    const d = expectDiagnostic(check(city("重点救助对象 | 0 | 60% | 1万元"), { base: province() }), { code: "JZ4009" });
    expect(d.message).toBe("「住院救助」中「重点救助对象」的比例 60% 低于基础政策的下限 70%");
    expect(d.notes[0]).toBe("下限见 policies/某省/2020-12-24.jz 第 14 行（依据 二、三是）");
  });

  it("JZ4009 a cap below the floor, and 无 as an unlimited cap passes", () => {
    expectDiagnostic(check(city("低保对象 | 0 | 70% | 5000元"), { base: province() }), {
      code: "JZ4009",
      message: "年度限额 5000元",
    });
    const ok = check(city("重点救助对象 | 0 | 70% | 无"), { base: province() });
    expect(ok.diagnostics).toEqual([]);
  });

  it("JZ4010 a deductible above the ceiling 不超过 0", () => {
    const r = check(city("特困人员 | 500元 | 70% | 1万元"), { base: province() });
    const d = expectDiagnostic(r, { code: "JZ4010" });
    expect(d.message).toContain("起付线 500元 高于基础政策的上限 0");
    const where = r.text!.slice(d.span.start, d.span.end);
    expect(where).toBe("500元");
  });

  it("a city identity the base item has no row for is JZ4003 at its declaration", () => {
    const src = city("重点救助对象 | 0 | 70% | 1万元", "身份 城市特困 依据 一");
    expectDiagnostic(check(src, { base: province() }), {
      code: "JZ4003",
      line: 5,
      text: "城市特困",
      message: "再救助",
    });
  });

  it("JZ5005 基于 without a base policy", () => {
    expectDiagnostic(city("重点救助对象 | 0 | 70% | 1万元"), { code: "JZ5005", line: 4, text: "某省" });
  });
});
