/**
 * A jiuzhu language server and a client joined by in-memory pipes: the protocol exactly as an
 * editor speaks it, with no editor. Shared by the LSP tests.
 */
import { PassThrough } from "node:stream";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import { createConnection } from "vscode-languageserver/node";
import { startServer } from "../../cli/lsp-server.js";

export interface TestClient {
  client: MessageConnection;
  /** the next diagnostics published for `uri` (call before the notification that causes them) */
  nextDiagnostics(uri: string): Promise<any[]>;
  open(uri: string, text: string): Promise<any[]>;
  change(uri: string, text: string): Promise<any[]>;
  request<T = any>(method: string, params: object): Promise<T>;
  dispose(): void;
}

export async function startClient(): Promise<TestClient> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)));
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const waiting = new Map<string, (d: any[]) => void>();
  client.onNotification("textDocument/publishDiagnostics", (p: { uri: string; diagnostics: any[] }) => {
    const resolve = waiting.get(p.uri);
    waiting.delete(p.uri);
    resolve?.(p.diagnostics);
  });
  client.listen();
  await client.sendRequest("initialize", { processId: null, rootUri: null, capabilities: {} });
  await client.sendNotification("initialized", {});
  const versions = new Map<string, number>();
  const nextDiagnostics = (uri: string) => new Promise<any[]>((r) => waiting.set(uri, r));
  return {
    client,
    nextDiagnostics,
    async open(uri, text) {
      const d = nextDiagnostics(uri);
      versions.set(uri, 1);
      await client.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "jiuzhu", version: 1, text } });
      return d;
    },
    async change(uri, text) {
      const d = nextDiagnostics(uri);
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      await client.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
      return d;
    },
    request: (method, params) => client.sendRequest(method, params) as Promise<any>,
    dispose: () => client.dispose(),
  };
}

/** Apply LSP text edits (single-line or not) to a text. */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lines = text.split("\n");
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}
