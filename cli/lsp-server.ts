/**
 * `jiuzhu lsp --stdio`: the language server (vscode-languageserver 11) over the pure language
 * service in compiler/language-service. The only node-side piece is `resolveBase`, which reads
 * the base policy of 基于 from the policies/ folder beside the open file.
 */
import { dirname, join } from "node:path";
import { TextDocuments, type Connection, TextDocumentSyncKind, DiagnosticSeverity, CodeActionKind, SymbolKind, CompletionItemKind } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { findSource } from "../compiler/coverage/index.js";
import { loadPolicyPaths } from "../compiler/load.js";
import * as ls from "../compiler/language-service/index.js";

function resolveBase(region: string, file: string) {
  try {
    const policiesRoot = dirname(dirname(file));
    const loaded = loadPolicyPaths([join(policiesRoot, region)]);
    return loaded.policies.find((p) => p.policy)?.policy;
  } catch {
    return undefined;
  }
}

function readSource(written: string, file: string): string | undefined {
  try {
    const seed = findSource(file, written);
    return seed ? readFileSync(seed, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

const pathOf = (uri: string) => (uri.startsWith("file:") ? fileURLToPath(uri) : uri);

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, ls.Analysis>();
  const analysis = (uri: string) => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const cached = analyses.get(uri);
    if (cached && cached.text === doc.getText()) return cached;
    const a = ls.analyse(pathOf(uri), doc.getText(), { resolveBase, readSource });
    analyses.set(uri, a);
    return a;
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Full,
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      completionProvider: {},
      documentSymbolProvider: true,
      documentFormattingProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: "jiuzhu" },
  }));

  documents.onDidChangeContent(({ document }) => {
    const a = analysis(document.uri);
    if (!a) return;
    void connection.sendDiagnostics({
      uri: document.uri,
      diagnostics: ls.diagnostics(a).map((d) => ({
        range: d.range,
        severity: d.severity === "error" ? DiagnosticSeverity.Error : d.severity === "warning" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
        code: d.code,
        source: "jiuzhu",
        message: [d.message, ...d.notes].join("\n"),
        data: d.suggestion ? { suggestion: d.suggestion } : undefined,
      })),
    });
  });
  documents.onDidClose(({ document }) => analyses.delete(document.uri));

  connection.onHover(({ textDocument, position }) => {
    const a = analysis(textDocument.uri);
    const h = a && ls.hover(a, position);
    return h ? { contents: { kind: "markdown", value: h.contents }, range: h.range } : null;
  });
  connection.onDefinition(({ textDocument, position }) => {
    const a = analysis(textDocument.uri);
    const r = a && ls.definition(a, position);
    return r ? { uri: textDocument.uri, range: r } : null;
  });
  connection.onReferences(({ textDocument, position }) => {
    const a = analysis(textDocument.uri);
    return a ? ls.references(a, position).map((range) => ({ uri: textDocument.uri, range })) : [];
  });
  connection.onCompletion(({ textDocument, position }) => {
    const a = analysis(textDocument.uri);
    return a
      ? ls.completions(a, position).map((c) => ({ label: c.label, detail: c.detail, kind: c.kind === "keyword" ? CompletionItemKind.Keyword : CompletionItemKind.Variable }))
      : [];
  });
  connection.onDocumentSymbol(({ textDocument }) => {
    const a = analysis(textDocument.uri);
    return a ? ls.documentSymbols(a).map((s) => ({ ...s, kind: SymbolKind.Class })) : [];
  });
  connection.onDocumentFormatting(({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    const text = doc.getText();
    const formatted = ls.format(pathOf(textDocument.uri), text);
    return formatted === undefined ? [] : [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, newText: formatted }];
  });
  connection.onCodeAction(({ textDocument, context }) =>
    context.diagnostics.flatMap((d) => {
      const suggestion = (d.data as { suggestion?: string } | undefined)?.suggestion;
      if (!suggestion) return [];
      return [{
        title: `改为「${suggestion}」`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: { changes: { [textDocument.uri]: [{ range: d.range, newText: suggestion }] } },
      }];
    }),
  );

  documents.listen(connection);
  connection.listen();
}
