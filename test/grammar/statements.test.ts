import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../grammar/index.js";
import { decl, parseOk, SAMPLE } from "./helpers.js";

describe("the sample policy", () => {
  it("parses without diagnostics and yields every declaration kind", () => {
    const ast = parseOk(SAMPLE);
    const kinds = new Set(ast.declarations.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(
      ["calculator", "capGroup", "exclusion", "field", "group", "guarantee", "identity", "item", "list", "multi", "warning"].sort(),
    );
    expect(ast.notes.map((n) => n.kind)).toEqual(["解释"]);
  });
});

describe("header", () => {
  it("reads every header line, raw texts from the original", () => {
    const h = parseOk(
      "政策 某市医疗救助办法（试行）\n地区 某市\n文号 某政发〔2022〕23号\n生效 2023-01-01 依据 第三十三条（一）\n失效 2025年1月1日\n基于 山东省\n基础政策\n舍入 四舍五入到分\n原文 ../seeds/002.txt\n程序性 第一条；第二条 ；三、（一）\n程序性 第九条\n",
    ).header;
    expect(h.source?.text).toBe("../seeds/002.txt");
    expect(h.procedural?.map((c) => c.text)).toEqual(["第一条", "第二条", "三、（一）", "第九条"]);
    expect(h.name?.name).toBe("某市医疗救助办法（试行）");
    expect(h.region?.name).toBe("某市");
    expect(h.docNumber?.text).toBe("某政发〔2022〕23号");
    expect(h.effective?.date.iso).toBe("2023-01-01");
    expect(h.effective?.citation?.text).toBe("第三十三条（一）");
    expect(h.expires?.date.iso).toBe("2025-01-01");
    expect(h.basedOn?.name).toBe("山东省");
    expect(h.isBase).toBeDefined();
    expect(h.rounding?.mode).toBe("half-up-fen");
  });
  it("reports a repeated header line", () => {
    expect(parsePolicy("t", "地区 甲\n地区 乙\n").diagnostics.map((d) => d.code)).toEqual(["JZ1002"]);
  });
});

describe("identities", () => {
  it("aliases and citation", () => {
    const d = decl("身份 特困人员 别名 特困供养人员、城乡特困人员 依据 第五条（一）\n", "identity");
    expect(d.aliases.map((a) => a.name)).toEqual(["特困供养人员", "城乡特困人员"]);
    expect(d.citation?.text).toBe("第五条（一）");
  });
  it("参照 … 用于 … clauses separated by ；", () => {
    const d = decl("身份 其他 参照 低保边缘家庭成员 用于 基本救助、倾斜救助；参照 低保对象 用于 资助参保\n", "identity");
    expect(d.references.map((r) => [r.target.name, r.scope.map((s) => s.name)])).toEqual([
      ["低保边缘家庭成员", ["基本救助", "倾斜救助"]],
      ["低保对象", ["资助参保"]],
    ]);
  });
  it("条件 with a month window, and 未规定", () => {
    const d = decl("身份 患者 条件 结算日期 在 申请日期 前 12个月 内\n", "identity");
    expect(d.condition).toMatchObject({ kind: "within", subject: { name: "结算日期" }, reference: { name: "申请日期" }, months: 12 });
    expect(decl("身份 建档立卡贫困人口 未规定 依据 四、（二）3\n", "identity").unspecified).toBeDefined();
  });
  it("身份组 and 多重身份", () => {
    expect(decl("身份组 重点 包括 甲、乙,丙\n", "group").members.map((m) => m.name)).toEqual(["甲", "乙", "丙"]);
    expect(decl("多重身份 就高不重复 依据 第十一条\n", "multi").rule).toBe("highest");
  });
});

describe("inputs", () => {
  it("字段 with a type", () => {
    expect(decl("字段 限额内费用 金额\n", "field").type.name).toBe("金额");
    expect(decl("字段 确诊 清单\n", "field").type.name).toBe("清单");
  });
  it("清单 entries over following lines, with 含", () => {
    const d = decl("清单 大病 依据 x\n  恶性肿瘤（含 白血病、淋巴瘤）、血友病、\n  苯丙酮尿症\n", "list");
    expect(d.entries.map((e) => [e.name.name, e.includes.map((i) => i.name)])).toEqual([
      ["恶性肿瘤", ["白血病", "淋巴瘤"]],
      ["血友病", []],
      ["苯丙酮尿症", []],
    ]);
  });
});

describe("救助项目", () => {
  const item = decl(
    [
      "救助项目 倾斜救助 依据 第十一条（二）",
      "  属于 医疗救助",
      "  适用 住院、门诊慢特病",
      "  对象 重点救助对象",
      "  条件 规范转诊 且 就医地 属于 市域内、省内市外 依据 第十一条（二）",
      "  基数 个人负担 - 基本救助",
      "  起付线 按年",
      "  分段 按年",
      "  次数 每人一次",
      "  解释 按年度累计",
      "  | 身份 | 起付线 | 比例（0至2万元） | 比例（2万元以上） | 年度限额 | 单次限额 | 定额 | 依据 |",
      "  |---|---|---|---|---|---|---|---|",
      "  | 特困人员、孤儿 | 0 | 70% | 不低于 80% | 2万元 | 无 | 未规定 | 第十一条（一）1 |",
      "  | 低保对象 | 3000元 | 60% | 不超过 70% | 不设 | 5000元 |  | 二、（二）2.（1） |",
    ].join("\n"),
    "item",
  );
  it("clause lines", () => {
    expect(item.calculator?.name).toBe("医疗救助");
    expect(item.visitTypes.map((v) => v.name)).toEqual(["住院", "门诊慢特病"]);
    expect(item.identities.map((v) => v.name)).toEqual(["重点救助对象"]);
    expect(item.conditions[0]?.citation?.text).toBe("第十一条（二）");
    expect(item.conditions[0]?.cond).toMatchObject({ kind: "and", left: { kind: "flag", name: "规范转诊" }, right: { kind: "member", negated: false } });
    expect(item.base).toMatchObject({ kind: "binary", op: "-", left: { name: "个人负担" }, right: { name: "基本救助" } });
    expect(item.deductiblePeriod?.period).toBe("年");
    expect(item.segmentPeriod?.period).toBe("年");
    expect(item.oncePerPerson).toBeDefined();
    expect(item.notes).toMatchObject([{ kind: "解释", text: "按年度累计" }]);
  });
  it("table headers, segment columns and every cell kind", () => {
    const t = item.table!;
    expect(t.headers.map((h) => h.name.name)).toEqual(["身份", "起付线", "比例", "比例", "年度限额", "单次限额", "定额", "依据"]);
    expect(t.headers[2]).toMatchObject({ segmentFrom: { fen: 0n }, segmentTo: { fen: 2_000_000n } });
    expect(t.headers[3]?.segmentFrom).toMatchObject({ fen: 2_000_000n });
    expect(t.headers[3]?.segmentTo).toBeUndefined();
    expect(t.rows.map((r) => r.cells.map((c) => c.kind))).toEqual([
      ["identities", "value", "value", "floor", "value", "none", "unspecified", "citation"],
      ["identities", "value", "value", "ceiling", "none", "value", "empty", "citation"],
    ]);
    const cite = t.rows[1]!.cells[7]!;
    expect(cite.kind === "citation" && cite.citation.text).toBe("二、（二）2.（1）");
  });
});

describe("other declarations", () => {
  it("计算器", () => {
    const d = decl("计算器 资助参保 结果 资助金额 依据 第七条\n", "calculator");
    expect([d.name.name, d.resultField.name, d.citation?.text]).toEqual(["资助参保", "资助金额", "第七条"]);
  });
  it("不予救助 … 除外 …", () => {
    const d = decl("不予救助 致伤原因 属于 交通肇事 除外 交警认定无责任方 依据 二、（三）4\n", "exclusion");
    expect(d.when).toMatchObject({ kind: "member", subject: { name: "致伤原因" } });
    expect(d.unless).toMatchObject({ kind: "flag", name: "交警认定无责任方" });
  });
  it("预警 with 统计 and 当", () => {
    const d = decl("预警 返贫 依据 第十六条\n  统计 住院\n  当 身份 属于 特困人员 且 年度累计个人负担 >= 5000元\n", "warning");
    expect(d.countVisitTypes.map((v) => v.name)).toEqual(["住院"]);
    expect(d.when).toMatchObject({ kind: "and", left: { kind: "member", subject: { name: "身份" } }, right: { kind: "compare", op: ">=" } });
  });
  it("保证 with X 的 救助金额", () => {
    const d = decl("保证 特困不低于低保：特困人员 的 救助金额 ≥ 低保对象 的 救助金额\n", "guarantee");
    expect(d.cond).toMatchObject({
      kind: "compare", op: ">=",
      left: { kind: "resultOf", identity: { name: "特困人员" }, field: { name: "救助金额" } },
    });
  });
});

describe("conditions", () => {
  const cond = (text: string) => decl(`保证 p：${text}\n`, "guarantee").cond;
  it("或 binds looser than 且, 且 looser than 非", () => {
    expect(cond("a 或 b 且 非 c")).toMatchObject({
      kind: "or", left: { kind: "flag", name: "a" },
      right: { kind: "and", left: { name: "b" }, right: { kind: "not", operand: { name: "c" } } },
    });
  });
  it("parentheses, 不属于, 有身份/无身份, all comparison operators", () => {
    expect(cond("(a 或 b) 且 c")).toMatchObject({ kind: "and", left: { kind: "or" } });
    expect(cond("病种 不属于 清单甲")).toMatchObject({ kind: "member", negated: true });
    expect(cond("有身份 且 无身份")).toMatchObject({ left: { kind: "hasIdentity", negated: false }, right: { negated: true } });
    const ops = ["<", "<=", ">", ">=", "=", "!=", "≤", "≥", "＜", "＞＝"].map((op) => (cond(`x ${op} 1元`) as { op: string }).op);
    expect(ops).toEqual(["<", "<=", ">", ">=", "=", "!=", "<=", ">=", "<", ">="]);
  });
});
