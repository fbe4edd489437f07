// The server bundled into the .vsix (server/jiuzhu.js): only `jiuzhu lsp --stdio`, so the bundle
// carries the parser, checker and language service, not the code generator.
import { lspCommand } from "../../../cli/commands/lsp.js";

void lspCommand();
