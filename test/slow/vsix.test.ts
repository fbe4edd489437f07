/**
 * Issue 17 "done when": `npm run vsix` produces a .vsix holding the grammar and the bundled
 * server, and that bundled server — the file an officer's VS Code runs on its own Node — answers
 * the protocol: a city checked against its base, a hover with the province's floor. (npm ci of
 * editors/vscode needs the registry; the build fails loudly without it.)
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

const root = join(import.meta.dirname, "../..");
const vsix = join(root, "editors/vscode/jiuzhu.vsix");

describe("npm run vsix", () => {
  it("packages the grammar and the server, and the packaged server answers the protocol", async () => {
    execFileSync("npm", ["run", "vsix"], { cwd: root, stdio: "pipe", timeout: 600_000 });
    const files = execFileSync("unzip", ["-Z1", vsix], { encoding: "utf8" }).split("\n");
    expect(files).toEqual(expect.arrayContaining(["extension/syntaxes/jiuzhu.tmLanguage.json", "extension/server/jiuzhu.js", "extension/dist/extension.js", "extension/package.json"]));
    const grammar = JSON.parse(execFileSync("unzip", ["-p", vsix, "extension/syntaxes/jiuzhu.tmLanguage.json"], { encoding: "utf8" }));
    expect(grammar).toEqual(JSON.parse(readFileSync(join(root, "editors/vscode/syntaxes/jiuzhu.tmLanguage.json"), "utf8")));

    // the server file out of the package, run alone (nothing of the repository's node_modules)
    const dir = mkdtempSync(join(tmpdir(), "jiuzhu-vsix-"));
    const server = join(dir, "jiuzhu.js");
    writeFileSync(server, execFileSync("unzip", ["-p", vsix, "extension/server/jiuzhu.js"], { maxBuffer: 64 * 1024 * 1024 }));
    const child = spawn(process.execPath, [server, "--stdio"], { cwd: dir });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    try {
      const file = join(root, "policies/济宁市/2021-01-01.jz");
      const text = readFileSync(file, "utf8");
      const uri = pathToFileURL(file).href;
      const diagnostics = new Promise<any[]>((resolve) => conn.onNotification("textDocument/publishDiagnostics", (p: any) => {
        if (p.uri === uri) resolve(p.diagnostics);
      }));
      conn.listen();
      await conn.sendRequest("initialize", { processId: null, rootUri: null, capabilities: {} });
      await conn.sendNotification("initialized", {});
      await conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "jiuzhu", version: 1, text } });
      expect((await diagnostics).filter((d) => d.severity === 1)).toEqual([]);
      const line = text.split("\n").findIndex((l) => l.startsWith("  | 重点救助对象"));
      const hover: any = await conn.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line, character: 5 } });
      expect(hover.contents.value).toContain("| 比例 | 不低于 70%（下限） |");
    } finally {
      conn.dispose();
      child.kill();
    }
  });
});
