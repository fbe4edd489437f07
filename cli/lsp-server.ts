/**
 * `jiuzhu lsp --stdio`: the language server (vscode-languageserver 11) over the pure language
 * service in compiler/language-service. The node-side pieces are the callbacks the service asks
 * for: `readBase` (the base policy of 基于 from the policies/ folder beside the open file, or its
 * editor buffer when open) and `readSource` (the 原文 document).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TextDocuments, type Connection, TextDocumentSyncKind, DiagnosticSeverity, CodeActionKind, SymbolKind, CompletionItemKind, type DocumentSymbol } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { findSource } from "../compiler/coverage/index.js";
import * as ls from "../compiler/language-service/index.js";

const pathOf = (uri: string) => (uri.startsWith("file:") ? fileURLToPath(uri) : uri);

function readSource(written: string, file: string): ls.PolicyText | undefined {
  try {
    const seed = findSource(file, written);
    return seed ? { file: seed, text: readFileSync(seed, "utf8") } : undefined;
  } catch {
    return undefined;
  }
}

const COMPLETION_KIND: Record<ls.Completion["kind"], CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword, name: CompletionItemKind.Variable, identity: CompletionItemKind.EnumMember,
  field: CompletionItemKind.Field, list: CompletionItemKind.Enum, item: CompletionItemKind.Function,
  column: CompletionItemKind.Property, value: CompletionItemKind.Value,
};

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, ls.Analysis>();
  const openByPath = () => new Map(documents.all().map((d) => [pathOf(d.uri), d]));
  const uriOf = (file: string) => openByPath().get(file)?.uri ?? pathToFileURL(file).href;

  /**
   * The version of policies/<region>/ in force on the city's 生效 (the latest `<YYYY-MM-DD>.jz`
   * not after it, as the loader chooses), read from its editor buffer when it is open.
   */
  const readBase = (region: string, file: string, effective: string | undefined): ls.PolicyText | undefined => {
    try {
      const dir = join(dirname(dirname(file)), region);
      const chosen = ls.chooseVersion(readdirSync(dir), effective);
      if (!chosen) return undefined;
      const path = join(dir, chosen);
      const open = openByPath().get(path);
      return { file: path, text: open ? open.getText() : readFileSync(path, "utf8") };
    } catch {
      return undefined;
    }
  };
  const options: ls.ServiceOptions = { readBase, readSource };

  const analysis = (uri: string) => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const cached = analyses.get(uri);
    // the document is unchanged, and so is its base (the base's buffer may have been edited)
    const base = cached?.ast.header.basedOn ? readBase(cached.ast.header.basedOn.name, cached.file, cached.ast.header.effective?.date.iso) : undefined;
    if (cached && cached.text === doc.getText() && base?.text === cached.base?.text) return cached;
    const a = ls.analyse(pathOf(uri), doc.getText(), options);
    analyses.set(uri, a);
    return a;
  };
  const location = (l: ls.Location) => ({ uri: uriOf(l.file), range: l.range });
  const publish = (uri: string) => {
    const a = analysis(uri);
    if (!a) return;
    void connection.sendDiagnostics({
      uri,
      diagnostics: ls.diagnostics(a).map((d) => ({
        range: d.range,
        severity: d.severity === "error" ? DiagnosticSeverity.Error : d.severity === "warning" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
        code: d.code,
        source: "jiuzhu",
        message: [d.message, ...d.notes].join("\n"),
        data: d.suggestion ? { suggestion: d.suggestion } : undefined,
        relatedInformation: d.related?.map((r) => ({ location: location(r.location), message: r.message })),
      })),
    });
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Full,
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      // not " ": a space in a 解释 must not pop a list up
      completionProvider: { triggerCharacters: ["|"] },
      documentSymbolProvider: true,
      documentFormattingProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: "jiuzhu" },
  }));

  documents.onDidChangeContent(({ document }) => {
    publish(document.uri);
    // a city open beside its base is re-checked when the base changes
    const path = pathOf(document.uri);
    for (const [uri, a] of analyses) if (uri !== document.uri && a.base?.file === path) publish(uri);
  });
  documents.onDidClose(({ document }) => {
    analyses.delete(document.uri);
    // a closed base is read from disk again: its open cities are re-checked against that
    const path = pathOf(document.uri);
    for (const [uri, a] of analyses) if (a.base?.file === path) publish(uri);
  });

  connection.onHover(({ textDocument, position }) => {
    const a = analysis(textDocument.uri);
    const h = a && ls.hover(a, position);
    return h ? { contents: { kind: "markdown", value: h.contents }, range: h.range } : null;
  });
  connection.onDefinition(({ textDocument, position }) => {
    const a = analysis(textDocument.uri);
    return a ? ls.definition(a, position).map((l) => (l.file === a.file ? { uri: textDocument.uri, range: l.range } : location(l))) : null;
  });
  connection.onReferences(({ textDocument, position }) => {
    const a = analysis(textDocument.uri);
    return a ? ls.references(a, position).map((l) => (l.file === a.file ? { uri: textDocument.uri, range: l.range } : location(l))) : [];
  });
  connection.onCompletion(({ textDocument, position }) => {
    const a = analysis(textDocument.uri);
    return a ? ls.completions(a, position).map((c) => ({ label: c.label, detail: c.detail, kind: COMPLETION_KIND[c.kind] })) : [];
  });
  connection.onDocumentSymbol(({ textDocument }) => {
    const a = analysis(textDocument.uri);
    const kind = (detail: string) => (detail === "表格行" ? SymbolKind.EnumMember : detail === "救助项目" ? SymbolKind.Function : detail === "字段" ? SymbolKind.Field : SymbolKind.Class);
    const symbol = (s: ls.SymbolInfo): DocumentSymbol => ({ ...s, kind: kind(s.detail), children: s.children?.map(symbol) });
    return a ? ls.documentSymbols(a).map(symbol) : [];
  });
  connection.onDocumentFormatting(({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    const text = doc.getText();
    const formatted = ls.format(pathOf(textDocument.uri), text);
    return formatted === undefined ? [] : [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, newText: formatted }];
  });
  connection.onCodeAction(({ textDocument, range, context }) => {
    const a = analysis(textDocument.uri);
    if (!a) return [];
    return ls.codeActions(a, range).map((act) => ({
      title: act.title,
      kind: CodeActionKind.QuickFix,
      // the client's own diagnostic object when it sent it, so the editor links the fix to it
      diagnostics: context.diagnostics.filter((d) => d.code === act.diagnostic.code && d.range.start.line === act.diagnostic.range.start.line && d.range.start.character === act.diagnostic.range.start.character),
      isPreferred: true,
      edit: { changes: { [textDocument.uri]: [act.edit] } },
    }));
  });

  documents.listen(connection);
  connection.listen();
}
