/**
 * The library entry point (`import … from "jiuzhu"`): load and check policy files, compile them to
 * TypeScript modules, evaluate claims with the reference interpreter or a compiled module, and
 * diff two versions. The CLI (`jiuzhu …`) is built on exactly these functions.
 *
 * Subpaths: `jiuzhu/runtime` is the small runtime compiled modules import (money, dates, ledger);
 * `jiuzhu/compiler` exposes the compiler's internals for tools (passes, diagnostics, rendering).
 */
export { loadPolicyPaths, selectVersion, type LoadResult } from "./compiler/load.js";
export { checkPolicy, type CheckOptions, type CheckResult } from "./compiler/check.js";
export { compilePolicy, writeCompiled, type CompiledPolicy } from "./compiler/compile.js";
export { loadEvaluator } from "./compiler/module-cache.js";
export { createInterpreter } from "./compiler/interpreter/index.js";
export { renderDiagnostics, renderSummary } from "./compiler/render.js";
export type { Diagnostic } from "./compiler/diagnostics.js";
export type { CheckedPolicy } from "./compiler/ir.js";
export { MAIN_CALCULATOR } from "./compiler/ir.js";
export { diffPolicies } from "./compiler/diff/index.js";
export { claimSchema } from "./compiler/claim-schema.js";
export { validateClaim, type ClaimSchema, type ClaimResult } from "./runtime/claims.js";
export {
  newLedger,
  type Claim,
  type Evaluator,
  type EvaluateOptions,
  type Outcome,
  type PersonLedger,
} from "./runtime/types.js";
