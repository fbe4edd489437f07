/** Loading real policy files for diff tests (the checker must accept them). */
import { loadPolicyPaths } from "../../compiler/load.js";
import type { CheckedPolicy } from "../../compiler/ir.js";

export const YINGKOU = "policies/营口市/2023-01-01.jz";
export const VARIANT = "test/diff/fixtures/营口市/2024-06-01.jz";
export const REFORMATTED = "test/diff/fixtures/reformatted/2023-01-01.jz";

export function load(file: string): CheckedPolicy {
  const r = loadPolicyPaths([file]);
  const p = r.policies.find((x) => x.policy)?.policy;
  if (!p) throw new Error(`${file} does not check: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return p;
}

/** A deep copy, so mutations in a test never leak into another. */
export const clone = <T>(x: T): T => structuredClone(x);
