/** `jiuzhu lsp --stdio`: the language server on stdin/stdout (editors start it this way). */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "../lsp-server.js";

export function lspCommand(): Promise<number> {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection);
  // runs until the editor closes the connection; the process exits then
  return new Promise(() => {});
}
