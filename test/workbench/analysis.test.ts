/**
 * Issue 18: what the workbench page computes, in Node (the worker runs these same functions).
 * Amounts and breakpoints by hand from 营口市's document (第十一条（一）（二）).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calcLines, checkVersion, claimsFormat, coverageOf, examplesOf, guaranteesOf, regionVersions, type Workspace } from "../../workbench/analysis.js";
import { curvesOf } from "../../workbench/curves.js";
import { readSite } from "../../workbench/site.js";

const site = readSite("policies", false).data;
const ws: Workspace = { site, edits: {} };
const FILE = "营口市/2023-01-01.jz";
const text = readFileSync(`policies/${FILE}`, "utf8");

describe("workbench analysis", () => {
  it("serves every region, and only the 原文 files the policies name", () => {
    expect(site.regions.map((r) => r.name).sort()).toEqual(["台州市", "威海经济技术开发区", "山东省", "济宁市", "营口市", "阳泉市"].sort());
    const named = site.regions.flatMap((r) => r.versions.map((v) => /^原文\s+(\S+)/m.exec(v.text)?.[1]));
    expect(Object.keys(site.sources).sort()).toEqual([...new Set(named)].sort());
    expect(site.notes).toEqual([]);
  });

  it("a misspelled keyword gives the checker's Chinese diagnostic at its line", () => {
    const v = checkVersion(ws, FILE, text.replace("舍入 四舍五入到分", "舍人 四舍五入到分"));
    expect(v.policy).toBeUndefined();
    const line = text.split("\n").findIndex((l) => l.startsWith("舍入"));
    expect(v.diagnostics.map((d) => [d.range.start.line, d.notes.join()])).toContainEqual([line, "您是否想写「舍入」？"]);
  });

  it("a claim gives what calc gives: 特困人员 住院 10000元 规范转诊 = 10000×70% + (10000 − 7000)×70% = 9100.00", async () => {
    const versions = regionVersions(ws, "营口市").map((v) => v.policy!);
    const [jsonl] = await calcLines(versions, '{"结算日期":"2023-03-01","就诊类型":"住院","身份":"特困人员","个人负担":10000,"规范转诊":"是"}');
    expect(JSON.parse(jsonl!)).toMatchObject({ 救助金额: "9100.00", 适用身份: "特困人员" });
    const [csv] = await calcLines(versions, "结算日期,就诊类型,身份,个人负担\n2023-03-01,住院,低保边缘家庭成员,12000\n");
    // (12000 − 2000 起付线) × 60% = 6000.00
    expect(JSON.parse(csv!)).toMatchObject({ 救助金额: "6000.00" });
    expect(claimsFormat(" [{}]")).toBe("json");
    // one bad record is its own error line, the next still computes
    const lines = await calcLines(versions, '{"结算日期":"2023-03-01","就诊类型":"住院","身份":"特困人员","个人负担":"一万"}\n{"结算日期":"2023-03-01","就诊类型":"住院","身份":"特困人员","个人负担":100}\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!).错误).toMatch(/个人负担/);
    expect(JSON.parse(lines[1]!).救助金额).toBe("70.00");
  });

  it("coverage: 第十一条 is 已编码 and names the rules citing it; an edit that drops a 程序性 line makes it 未覆盖", () => {
    const c = coverageOf(ws, checkVersion(ws, FILE, text));
    const row = (id: string, cov = c) => cov.rows.find((r) => cov.headings[r.heading]!.id === id)!;
    expect(row("第十一条").status).toBe("已编码");
    expect(row("第一条").status).toBe("程序性");
    const edited = coverageOf(ws, checkVersion(ws, FILE, text.replace(/^程序性 第一条.*\n/m, "")));
    expect(row("第一条", edited).status).toBe("未覆盖");
  });

  it("curves bend where the document's 起付线 and 年度限额 put them", () => {
    const policy = checkVersion(ws, FILE, text).policy!;
    const set = curvesOf(policy, undefined, "医疗救助", 0);
    expect(set.cases[0]).toMatch(/住院/);
    const bp = (id: string) => set.curves.find((c) => c.identity === id)!.points!.map((p) => p.x);
    // 特困人员 70%, 2万元: 0.7x = 2000000分 at x = 2857142.86分 → first whole 分 2857143
    expect(bp("特困人员")).toContain(2857143);
    // 低保边缘家庭成员 起付线 2000元 = 200000分; 60% reaches 2万元 at 200000 + 3333333.33 → 3533334
    expect(bp("低保边缘家庭成员")).toEqual(expect.arrayContaining([200000, 3533334]));
    // 因病致贫重病患者 起付线 5000元; 50% reaches 2万元 at 500000 + 4000000 = 4500000
    expect(bp("因病致贫重病患者")).toEqual(expect.arrayContaining([500000, 4500000]));
    expect(set.curves.find((c) => c.identity === "特困人员")!.svg).toContain('data-breakpoints="0,');
  });

  it("the saved version is drawn beside the edited one when they differ", () => {
    const saved = checkVersion(ws, FILE, text).policy!;
    const edited = checkVersion(ws, FILE, text.replace("| 低保边缘家庭成员         | 2000元 |", "| 低保边缘家庭成员         | 1500元 |")).policy!;
    const c = curvesOf(edited, saved, "医疗救助", 0).curves.find((x) => x.identity === "低保边缘家庭成员")!;
    expect(c.points!.map((p) => p.x)).toContain(150000);
    expect(c.saved!.map((p) => p.x)).toContain(200000);
  });

  it("the example table and the 保证 run on the edited text", () => {
    const versions = regionVersions(ws, "营口市").map((v) => v.policy!);
    const ex = examplesOf(ws, "营口市", versions);
    expect(ex.rows.length).toBeGreaterThan(10);
    expect(ex.rows.filter((r) => !r.ok)).toEqual([]);
    // 特困人员's 基本救助 at 60% instead of 70%: the first 案例.csv row (10000×70% = 7000.00) no longer holds
    const edited = text.replace("| 特困人员、孤儿、低保对象 | 0      | 70%  | 2万元    |", "| 特困人员、孤儿、低保对象 | 0      | 60%  | 2万元    |");
    const w2: Workspace = { site, edits: { [FILE]: edited } };
    const bad = examplesOf(w2, "营口市", regionVersions(w2, "营口市").map((v) => v.policy!)).rows.filter((r) => !r.ok);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad[0]).toMatchObject({ expected: "7000.00", computed: "6000.00" });
    const g = guaranteesOf(checkVersion(ws, FILE, text).policy!, 50);
    expect(g.length).toBeGreaterThan(0);
    expect(g.every((x) => x.status === "holds")).toBe(true);
  });
});
