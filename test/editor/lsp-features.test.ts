/**
 * The editor features of issue 17 driven through the protocol: hover on table rows and on
 * `基于`, definition and references into the base policy (another file), completion by context,
 * a quick fix for every diagnostic that says 您是否想写「…」, and a city re-checked when its
 * base is edited. The policies are the real ones (济宁市 基于 山东省) where composition matters.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEdits, startClient, type TestClient } from "./_lsp.js";

let c: TestClient;
beforeAll(async () => void (c = await startClient()));
afterAll(() => c.dispose());

const policies = join(import.meta.dirname, "../../policies");
const jiningFile = join(policies, "济宁市/2021-01-01.jz");
const shandongFile = join(policies, "山东省/2020-12-24.jz");
const jining = pathToFileURL(jiningFile).href;
const shandong = pathToFileURL(shandongFile).href;
const jiningText = readFileSync(jiningFile, "utf8");
const shandongText = readFileSync(shandongFile, "utf8");
const lineOf = (text: string, start: string) => text.split("\n").findIndex((l) => l.startsWith(start));
const at = (text: string, start: string, word: string) => {
  const line = lineOf(text, start);
  return { line, character: text.split("\n")[line]!.indexOf(word) + 1 };
};

describe("a city and its base policy (济宁市 基于 山东省)", () => {
  let opened: any[];
  beforeAll(async () => void (opened = await c.open(jining, jiningText)));

  it("checks the city against the base read beside it", () => {
    expect(opened.filter((d) => d.severity === 1)).toEqual([]);
  });

  it("hover on a city row shows its cells in 元 and the province's floor for that row", async () => {
    const h = await c.request("textDocument/hover", { textDocument: { uri: jining }, position: at(jiningText, "  | 重点救助对象", "重点救助对象") });
    const v: string = h.contents.value;
    // 济宁 一、二是: 不设起付线, 70%, 1万元 = 10000.00 元
    expect(v).toContain("**住院救助** · 重点救助对象");
    expect(v).toContain("| 年度限额 | 1万元（10000.00 元） |");
    // 山东 二、三是 (line 82 of the province's file): 不超过 0, 不低于 70%, 不低于 1万元
    expect(v).toContain(`基础政策「山东省」住院救助 · 重点救助对象（第${lineOf(shandongText, "  | 重点救助对象") + 1}行）`);
    expect(v).toContain("| 起付线 | 不超过 0（上限） |");
    expect(v).toContain("| 比例 | 不低于 70%（下限） |");
    expect(v).toContain("| 年度限额 | 不低于 1万元（10000.00 元，下限） |");
    // the identity's declaration is the province's 身份组
    expect(v).toContain("**身份组** 重点救助对象（山东省 第");
  });

  it("hover on an identity shows its declaration (in the base) and the rows naming it", async () => {
    const h = await c.request("textDocument/hover", { textDocument: { uri: jining }, position: at(jiningText, "保证 特困全额资助", "特困人员") });
    const v: string = h.contents.value;
    expect(v).toContain(`**身份** 特困人员（山东省 第${lineOf(shandongText, "身份 特困人员") + 1}行）`);
    // 济宁 一、一是: 特困人员 100% of 个人缴费; 山东 二、二是: 不低于 100%
    expect(v).toContain(`- 参保补贴（济宁市 第${lineOf(jiningText, "  | 特困人员") + 1}行）：比例 100%`);
    expect(v).toContain(`- 参保补贴（山东省 第${lineOf(shandongText, "  | 特困人员") + 1}行）：比例 不低于 100%（下限）`);
  });

  it("hover on a 依据 cell of a table shows the article; definition opens it in the 原文 document", async () => {
    const row = lineOf(jiningText, "  | 重点救助对象");
    const position = { line: row, character: jiningText.split("\n")[row]!.indexOf("一、二是") + 1 };
    const h = await c.request("textDocument/hover", { textDocument: { uri: jining }, position });
    // 济宁 通知 一、二是: “…不设救助起付线，给予70%的救助，一个年度内救助限额为1万元…”
    expect(h.contents.value).toContain("给予70%的救助，一个年度内救助限额为1万元");
    const defs: any[] = await c.request("textDocument/definition", { textDocument: { uri: jining }, position });
    expect(defs.length).toBe(1);
    expect(decodeURIComponent(defs[0].uri)).toMatch(/shared\/seeds\/003_3e9b5d00cf198418\.txt$/);
    const seed = readFileSync(new URL(defs[0].uri), "utf8").split(/\r?\n/);
    expect(seed[defs[0].range.start.line]).toMatch(/^二是严格落实医疗救助政策。/);
  });

  it("hover on 基于's region names the base policy", async () => {
    const h = await c.request("textDocument/hover", { textDocument: { uri: jining }, position: at(jiningText, "基于 山东省", "山东省") });
    expect(h.contents.value).toContain("鲁医保发〔2020〕79号");
    expect(h.contents.value).toContain("再救助");
  });

  it("definition of a name the city takes from the base opens the base file", async () => {
    const defs: any[] = await c.request("textDocument/definition", { textDocument: { uri: jining }, position: at(jiningText, "  | 重点救助对象", "重点救助对象") });
    expect(defs).toEqual([{ uri: shandong, range: { start: { line: lineOf(shandongText, "身份组 重点救助对象"), character: 4 }, end: { line: lineOf(shandongText, "身份组 重点救助对象"), character: 10 } } }]);
    // an item the city replaces row by row: the city's declaration, then the province's
    const item: any[] = await c.request("textDocument/definition", { textDocument: { uri: jining }, position: at(jiningText, "救助项目 住院救助", "住院救助") });
    expect(item.map((d) => [d.uri, d.range.start.line])).toEqual([
      [jining, lineOf(jiningText, "救助项目 住院救助")],
      [shandong, lineOf(shandongText, "救助项目 住院救助")],
    ]);
  });

  it("references reach the base file and skip comments and 解释", async () => {
    const refs: any[] = await c.request("textDocument/references", { textDocument: { uri: jining }, position: at(jiningText, "  | 特困人员", "特困人员"), context: { includeDeclaration: true } });
    const lines = (uri: string) => refs.filter((r) => r.uri === uri).map((r) => r.range.start.line);
    // 济宁: the 参保补贴 row, the 原有政策 row, two 保证 lines; not line 4's comment nor the 解释 lines
    expect(lines(jining)).toEqual([
      lineOf(jiningText, "  | 特困人员"),
      lineOf(jiningText, "  | 特困人员、低保对象"),
      lineOf(jiningText, "保证 特困不低于低保"),
      lineOf(jiningText, "保证 特困全额资助"),
    ]);
    // 山东: its declaration (with the alias 特困供养人员 on the same line) and the 身份组
    expect(lines(shandong)).toContain(lineOf(shandongText, "身份 特困人员 别名"));
    expect(lines(shandong)).toContain(lineOf(shandongText, "身份组 重点救助对象"));
  });

  it("completion in a row's 身份 column offers identities and 身份组, the base's included", async () => {
    const uri = pathToFileURL(join(policies, "济宁市/编辑中.jz")).href;
    const text = jiningText.replace("  | 重点救助对象                     |", "  | ");
    await c.open(uri, text);
    const items: any[] = await c.request("textDocument/completion", { textDocument: { uri }, position: { line: lineOf(text, "  | 不设") >= 0 ? lineOf(text, "  | 不设") : lineOf(text, "  |  "), character: 4 } });
    const byLabel = new Map(items.map((i) => [i.label, i]));
    expect(byLabel.get("重点救助对象")?.detail).toBe("身份组（山东省）");
    expect(byLabel.has("低保对象")).toBe(true);
    expect(byLabel.has("不低于")).toBe(false);
    expect(byLabel.has("救助项目")).toBe(false);
  });

  it("editing the base re-checks the open city: a floor raised to 80% fails the city's 70%", async () => {
    // opening the base re-publishes the city (unchanged): wait for that before editing
    const reopened = c.nextDiagnostics(jining);
    await c.open(shandong, shandongText);
    expect((await reopened).filter((d) => d.severity === 1)).toEqual([]);
    const city = c.nextDiagnostics(jining);
    await c.change(shandong, shandongText.replace("| 不低于 70% | 不低于 1万元 |", "| 不低于 80% | 不低于 1万元 |"));
    const diags = await city;
    const below = diags.find((d) => d.code === "JZ4009");
    expect([below?.severity, below?.range.start.line]).toEqual([1, lineOf(jiningText, "  | 重点救助对象")]);
    // the related location is the province's row with the floor (下限见 <file> 第 N 行)
    expect(below.relatedInformation.map((r: any) => [r.location.uri, r.location.range.start.line])).toEqual([[shandong, lineOf(shandongText, "  | 重点救助对象")]]);
    const back = c.nextDiagnostics(jining);
    await c.change(shandong, shandongText);
    expect((await back).filter((d) => d.severity === 1)).toEqual([]);
    // edited again, then closed unsaved: the city is checked against the file on disk again
    const raised = c.nextDiagnostics(jining);
    await c.change(shandong, shandongText.replace("| 不低于 70% | 不低于 1万元 |", "| 不低于 80% | 不低于 1万元 |"));
    expect((await raised).some((d) => d.code === "JZ4009")).toBe(true);
    const closed = c.nextDiagnostics(jining);
    await c.client.sendNotification("textDocument/didClose", { textDocument: { uri: shandong } });
    expect((await closed).filter((d) => d.severity === 1)).toEqual([]);
  });
});

const fixture = [
  "政策 测试办法",
  "地区 甲市",
  "生效 2024-01-01",
  "身份 低保对象",
  "身份 特困人员",
  "身份组 重点救助对象 包括 低保对象、特困人员",
  "字段 本市户籍 布尔 默认 是",
  "清单 病种表",
  "  恶性肿瘤",
  "",
  "救助项目 住院救助",
  "  适用 住院",
  "  基数 个人负担",
  "  条件 本市户籍",
  "  条件 病种 属于 病种表",
  "  | 身份         | 比例 | 年度限额       |",
  "  | 重点救助对象 | 70%  | 不超过 15000元 |",
  "",
].join("\n");
const fixtureUri = "file:///tmp/政策/甲市/2024-01-01.jz";

describe("completion by context", () => {
  beforeAll(async () => {
    const diags = await c.open(fixtureUri, fixture);
    expect(diags.filter((d) => d.severity === 1)).toEqual([]);
  });
  const complete = async (line: number, character: number) =>
    ((await c.request("textDocument/completion", { textDocument: { uri: fixtureUri }, position: { line, character } })) as any[]).map((i) => i.label);
  const line = (start: string) => fixture.split("\n").findIndex((l) => l.startsWith(start));

  it("a table's header row: column names", async () => {
    const labels = await complete(line("  | 身份 "), 4);
    expect(labels).toEqual(expect.arrayContaining(["身份", "比例", "起付线", "年度限额", "单次限额", "定额", "依据"]));
    expect(labels).not.toContain("低保对象");
  });

  it("a body row's first cell: identities and 身份组; later cells: cell words", async () => {
    expect((await complete(line("  | 重点救助对象"), 4)).sort()).toEqual(["低保对象", "特困人员", "重点救助对象"].sort());
    expect(await complete(line("  | 重点救助对象"), fixture.split("\n")[line("  | 重点救助对象")]!.indexOf("70%"))).toContain("不低于");
  });

  it("a condition: fields (declared and the standard record's) and 清单; after 属于 the 清单 first", async () => {
    const labels = await complete(line("  条件 本市户籍"), 5);
    expect(labels.slice(0, 3)).toEqual(["本市户籍", "编号", "人员编号"]);
    expect(labels).toContain("个人负担");
    expect(labels).toContain("病种表");
    expect(labels).not.toContain("救助项目");
    const afterBelongs = await complete(line("  条件 病种 属于"), fixture.split("\n")[line("  条件 病种 属于")]!.length - 3);
    expect(afterBelongs.slice(0, 2)).toEqual(["病种表", "恶性肿瘤"]);
  });

  it("nothing in a comment or after 解释/依据 (the officer's own words)", async () => {
    const uri = "file:///tmp/政策/甲市/prose.jz";
    const text = fixture.replace("  适用 住院", "  适用 住院 # 住\n  解释 住院 ");
    await c.open(uri, text);
    const lines = text.split("\n");
    const ask = async (start: string) => {
      const line = lines.findIndex((l) => l.startsWith(start));
      return (await c.request("textDocument/completion", { textDocument: { uri }, position: { line, character: lines[line]!.length } })) as any[];
    };
    expect(await ask("  适用 住院 #")).toEqual([]);
    expect(await ask("  解释 住院")).toEqual([]);
    expect(await ask("政策 ")).toEqual([]);
  });

  it("after 适用: visit types; after 基数: fields and items", async () => {
    expect(await complete(line("  适用"), 5)).toEqual(["住院", "门诊慢特病", "普通门诊"]);
    const base = await complete(line("  基数"), 5);
    expect(base).toContain("个人负担");
    expect(base).toContain("住院救助");
  });
});

describe("a quick fix for every diagnostic that says 您是否想写「…」", () => {
  // each typo, and the diagnostic that reports it; applying the offered fix gives a clean file
  const typos: [string, string, string][] = [
    ["an identity in a table row (JZ2001)", "  | 重点救助对象 |", "  | 重点救助对像 |"],
    ["a member of a 身份组 (JZ2001)", "包括 低保对象、", "包括 低保对像、"],
    ["a field in a condition (JZ2002)", "  条件 本市户籍", "  条件 本市户集"],
    ["a 清单 after 属于 (JZ2004)", "属于 病种表", "属于 病种标"],
    ["a visit type after 适用 (JZ2008)", "  适用 住院", "  适用 住完"],
    ["a column name (JZ2007)", "| 比例 |", "| 比列 |"],
    ["a field in 基数 (JZ2005)", "  基数 个人负担", "  基数 个人负单"],
    // the parser reports a misspelled line-start keyword at the word after it: the fix must
    // still replace the keyword (an earlier server replaced 重点救助对象 with 身份组)
    ["a keyword at a line start (JZ1002)", "身份组 重点救助对象", "身分组 重点救助对象"],
  ];
  it.each(typos)("%s", async (_what, right, wrong) => {
    const uri = `file:///tmp/政策/甲市/typo-${encodeURIComponent(wrong)}.jz`;
    const text = fixture.replace(right, wrong);
    expect(text).not.toBe(fixture);
    const diags = await c.open(uri, text);
    const withFix = diags.filter((d) => d.message.includes("您是否想写"));
    expect(withFix.length).toBeGreaterThan(0);
    const actions: any[] = await c.request("textDocument/codeAction", { textDocument: { uri }, range: withFix[0].range, context: { diagnostics: withFix } });
    expect(actions.length).toBeGreaterThan(0);
    expect(actions[0].diagnostics.length).toBe(1);
    const fixed = applyEdits(text, actions[0].edit.changes[uri]);
    expect(fixed).toBe(fixture);
    expect((await c.change(uri, fixed)).filter((d) => d.severity === 1)).toEqual([]);
  });
});

describe("a quick fix for a keyword written without spaces", () => {
  it("「规范转诊且本市户籍」 becomes 规范转诊 且 本市户籍", async () => {
    const uri = "file:///tmp/政策/甲市/spaces.jz";
    const right = fixture.replace("  条件 本市户籍", "  条件 规范转诊 且 本市户籍");
    const text = fixture.replace("  条件 本市户籍", "  条件 规范转诊且本市户籍");
    expect((await c.open("file:///tmp/政策/甲市/spaces-right.jz", right)).filter((d) => d.severity === 1)).toEqual([]);
    const diags = await c.open(uri, text);
    const hint = diags.find((d) => d.message.includes("规范转诊且本市户籍"));
    expect(hint.message).toContain("关键字两侧须有空格");
    const actions: any[] = await c.request("textDocument/codeAction", { textDocument: { uri }, range: hint.range, context: { diagnostics: [hint] } });
    expect(actions.map((x) => x.title)).toEqual(["在关键字两侧加空格：规范转诊 且 本市户籍"]);
    expect(applyEdits(text, actions[0].edit.changes[uri])).toBe(right);
  });
});
