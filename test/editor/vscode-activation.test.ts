import Module, { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// VS Code cannot be downloaded here: the extension is activated against stub `vscode` and
// `vscode-languageclient/node` modules that record what it asks for.
const started: { id: string; server: any; client: any }[] = [];
let setting = "";
const stubs: Record<string, unknown> = {
  vscode: { workspace: { getConfiguration: (section: string) => ({ get: (k: string) => (section === "jiuzhu" && k === "server.path" ? setting : undefined) }) } },
  "vscode-languageclient/node": {
    TransportKind: { stdio: 0 },
    LanguageClient: class {
      constructor(id: string, _name: string, server: any, client: any) {
        started.push({ id, server, client });
      }
      start() { return Promise.resolve(); }
      stop() { return Promise.resolve(); }
    },
  },
};
const M = Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown };
const load = M._load;
M._load = (req: string, ...rest: unknown[]) => (req in stubs ? stubs[req] : load(req, ...rest));
afterAll(() => (M._load = load));

const require = createRequire(import.meta.url);
const extension = require("../../editors/vscode/extension.js");
const context = { subscriptions: [] as unknown[], asAbsolutePath: (p: string) => join("/ext", p) };

describe("VS Code extension activation", () => {
  it("starts the bundled server with lsp --stdio for jiuzhu documents", async () => {
    await extension.activate(context);
    expect(started[0]!.id).toBe("jiuzhu");
    expect(started[0]!.server).toMatchObject({ module: join("/ext", "server", "jiuzhu.js"), args: ["lsp", "--stdio"] });
    expect(started[0]!.client.documentSelector[0].language).toBe("jiuzhu");
    expect(context.subscriptions.length).toBe(1);
  });

  it("jiuzhu.server.path points at a project's own jiuzhu", () => {
    setting = "/project/node_modules/.bin/jiuzhu";
    expect(extension.serverOptions(context)).toEqual({ command: setting, args: ["lsp", "--stdio"] });
  });
});
