// The VS Code client: starts the jiuzhu language server. By default the server bundled in the
// .vsix (server/jiuzhu.js) on VS Code's own Node, so an officer installs only the .vsix; the
// setting `jiuzhu.server.path` may point at a project's own `jiuzhu` (run as `<path> lsp --stdio`).
const path = require("node:path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverOptions(context) {
  const custom = vscode.workspace.getConfiguration("jiuzhu").get("server.path");
  if (custom) return { command: custom, args: ["lsp", "--stdio"] };
  const module = context.asAbsolutePath(path.join("server", "jiuzhu.js"));
  return { module, args: ["lsp", "--stdio"], transport: TransportKind.stdio };
}

async function activate(context) {
  client = new LanguageClient("jiuzhu", "九柱政策语言", serverOptions(context), {
    documentSelector: [{ scheme: "file", language: "jiuzhu" }, { scheme: "untitled", language: "jiuzhu" }],
  });
  await client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverOptions };
