/**
 * The language service every editor front end uses (the `jiuzhu lsp` server, the browser
 * workbench): pure functions from a document's text to diagnostics, symbols, hovers,
 * definitions, completions and edits. No `node:` imports, here or in anything it imports (a test
 * walks the import graph): anything outside the document — the base policy of 基于, the 原文
 * document — comes in through the callbacks of `ServiceOptions`, so a browser can bundle it.
 * Positions are LSP-style: 0-based line, UTF-16 character. The API is described in
 * compiler/README.md ("The language service").
 */
import { formatPolicy } from "../fmt/index.js";

export { analyse, clearBaseCache, type Analysis, type PolicyText, type ServiceOptions } from "./analysis.js";
export { baseFolder, chooseVersion, readBaseFromTexts } from "./bases.js";
export { codeActions, diagnostics, type CodeAction, type ServiceDiagnostic } from "./actions.js";
export { completions, type Completion } from "./completion.js";
export { hover, type Hover } from "./hover.js";
export { lineAt, offsetAt, positionAt, wordAt, type Location, type Position, type Range } from "./positions.js";
export { definition, documentSymbols, references, visibleDeclarations as declarations, type Decl, type SymbolInfo } from "./symbols.js";

/** Formatting: the whole document in `jiuzhu fmt` layout, or undefined when it does not parse or is already formatted. */
export function format(file: string, text: string): string | undefined {
  const r = formatPolicy(file, text);
  return r.ok && r.changed ? r.text : undefined;
}
