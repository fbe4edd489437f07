import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startClient, type TestClient } from "./_lsp.js";

// The server and a client joined by in-memory pipes: the protocol exactly as an editor speaks it.
let c: TestClient;
let client: TestClient["client"];
beforeAll(async () => {
  c = await startClient();
  client = c.client;
});
afterAll(() => c.dispose());
const waitDiagnostics = (uri: string) => c.nextDiagnostics(uri);

const uri = "file:///tmp/政策/甲市/2024-01-01.jz";
const text = [
  "政策 测试办法",
  "地区 甲市",
  "生效 2024-01-01",
  "身份 低保对象",
  "",
  "救助项目 住院救助",
  "  适用 住院",
  "  基数 个人负担",
  "  | 身份     | 比例 | 年度限额       |",
  "  | 低保对象 | 70%  | 不超过 15000元 |",
  "",
].join("\n");
const open = (u: string, t: string, version = 1) =>
  client.sendNotification("textDocument/didOpen", { textDocument: { uri: u, languageId: "jiuzhu", version, text: t } });

describe("jiuzhu lsp over the protocol", () => {
  it("publishes the check diagnostics as you type, with a quick fix for 您是否想写", async () => {
    const first = waitDiagnostics(uri);
    await open(uri, text);
    const clean = await first;
    expect(clean.filter((d) => d.severity === 1)).toEqual([]);
    const changed = waitDiagnostics(uri);
    await client.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: text.replace("  | 低保对象 |", "  | 低保对像 |") }],
    });
    const diags = await changed;
    const typo = diags.find((d) => d.message.includes("低保对像"));
    expect(typo).toBeDefined();
    expect(typo.range.start).toEqual({ line: 9, character: 4 });
    expect(typo.message).toContain("您是否想写「低保对象」");
    const actions: any[] = await client.sendRequest("textDocument/codeAction", { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } });
    expect(actions[0].edit.changes[uri][0].newText).toBe("低保对象");
    await client.sendNotification("textDocument/didChange", { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
  });

  it("hover shows a declaration and an amount in 元; definition and references find the name", async () => {
    const onName: any = await client.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 9, character: 5 } });
    expect(onName.contents.value).toContain("身份 低保对象");
    const onAmount: any = await client.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 9, character: text.split("\n")[9]!.indexOf("15000元") + 2 } });
    expect(onAmount.contents.value).toBe("金额 15000.00 元");
    const def: any = await client.sendRequest("textDocument/definition", { textDocument: { uri }, position: { line: 9, character: 5 } });
    expect(def).toEqual([{ uri, range: { start: { line: 3, character: 3 }, end: { line: 3, character: 7 } } }]);
    const refs: any[] = await client.sendRequest("textDocument/references", { textDocument: { uri }, position: { line: 3, character: 4 }, context: { includeDeclaration: true } });
    expect(refs.map((r) => r.range.start.line)).toEqual([3, 9]);
  });

  it("completes keywords at a line start by indentation and names after 基数; lists symbols; formats", async () => {
    const items: any[] = await client.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line: 4, character: 0 } });
    const labels = items.map((i) => i.label);
    // a line at the margin begins a statement, an indented one a clause
    expect(labels).toContain("身份");
    expect(labels).toContain("救助项目");
    expect(labels).not.toContain("适用");
    const indented: any[] = await client.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line: 6, character: 2 } });
    expect(indented.map((i) => i.label)).toEqual(expect.arrayContaining(["适用", "基数", "条件", "解释"]));
    expect(indented.map((i) => i.label)).not.toContain("地区");
    const names: any[] = await client.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line: 7, character: 5 } });
    expect(names.map((i) => i.label)).toContain("个人负担");
    const symbols: any[] = await client.sendRequest("textDocument/documentSymbol", { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual(["低保对象", "住院救助"]);
    // the outline shows an item's rows under it
    expect(symbols[1].children.map((r: any) => [r.name, r.range.start.line])).toEqual([["低保对象", 9]]);
    const messy = "file:///tmp/政策/甲市/messy.jz";
    const ready = waitDiagnostics(messy);
    await open(messy, text.replace("身份 低保对象", "身份    低保对象"));
    await ready;
    const edits: any[] = await client.sendRequest("textDocument/formatting", { textDocument: { uri: messy }, options: { tabSize: 2, insertSpaces: true } });
    expect(edits[0].newText).toBe(text);
  });

  it("the largest policy checks clean through the server", async () => {
    const file = join(import.meta.dirname, "../../policies/阳泉市/2020-01-01.jz");
    const u = "file://" + file;
    const ready = waitDiagnostics(u);
    await open(u, readFileSync(file, "utf8"));
    expect((await ready).filter((d) => d.severity === 1)).toEqual([]);
  });

  it("hover on a 依据 shows the cited article from the 原文 document", async () => {
    const file = join(import.meta.dirname, "../../policies/营口市/2023-01-01.jz");
    const u = "file://" + file;
    const lines = readFileSync(file, "utf8").split("\n");
    const line = lines.findIndex((l) => l.startsWith("身份 特困人员"));
    const ready = waitDiagnostics(u);
    await open(u, lines.join("\n"));
    await ready;
    const h: any = await client.sendRequest("textDocument/hover", { textDocument: { uri: u }, position: { line, character: lines[line]!.indexOf("第五条") + 1 } });
    // the seed's 第五条（一） reads “(一) 特困人员；”
    expect(h.contents.value).toContain("特困人员；");
  });
});
