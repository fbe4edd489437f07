/**
 * `jiuzhu/compiler`: the compiler's stages one by one, for tools that need more than the top-level
 * entry point (an editor, a CI check, a report generator). Each stage is a pure function of its
 * input; diagnostics are data and rendered in one place (render.ts).
 */
export { parsePolicy, KEYWORDS, normalize, type ParseResult } from "../grammar/index.js";
export { checkPolicy, type CheckOptions, type CheckResult } from "./check.js";
export { loadPolicyPaths, selectVersion, type LoadResult } from "./load.js";
export { compilePolicy, writeCompiled, runtimeOutput, type CompiledPolicy } from "./compile.js";
export { loadEvaluator } from "./module-cache.js";
export { createInterpreter } from "./interpreter/index.js";
export {
  Codes,
  hasErrors,
  sortDiagnostics,
  type Diagnostic,
  type DiagnosticCode,
  type Severity,
} from "./diagnostics.js";
export { renderDiagnostic, renderDiagnostics, renderSummary } from "./render.js";
export type { CheckedPolicy } from "./ir.js";
export { MAIN_CALCULATOR } from "./ir.js";
export { coverPaths, coverFile, CoverageError, type CoverageRun } from "./coverage/index.js";
export * as diff from "./diff/index.js";
