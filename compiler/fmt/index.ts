/**
 * `jiuzhu fmt`'s pure core: format a policy text, or say why not. A file with syntax errors is
 * left unchanged. The result is accepted only if it parses to the same AST (spans removed): a
 * layout that changed meaning — and so possibly an amount — is never written.
 */
import type { Diagnostic } from "../diagnostics.js";
import { hasErrors } from "../diagnostics.js";
import { parsePolicy } from "../../grammar/index.js";
import { layout } from "./layout.js";

export type FormatResult =
  | { ok: true; text: string; changed: boolean }
  | { ok: false; diagnostics: Diagnostic[] };

export function formatPolicy(file: string, text: string): FormatResult {
  const before = parsePolicy(file, text);
  if (hasErrors(before.diagnostics)) return { ok: false, diagnostics: before.diagnostics };
  const formatted = layout(text);
  if (formatted === text) return { ok: true, text, changed: false };
  const after = parsePolicy(file, formatted);
  if (hasErrors(after.diagnostics) || !sameShape(before.ast, after.ast)) {
    // a layout bug must not change meaning: keep the file as written (tests guard against this)
    return { ok: true, text, changed: false };
  }
  return { ok: true, text: formatted, changed: true };
}

/** The AST with positions removed, for comparing a file with its formatted self. */
export function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 2 && typeof o.start === "number" && typeof o.end === "number") return "span";
    const r: Record<string, unknown> = {};
    for (const k of keys) if (k !== "span" && k !== "file") r[k] = withoutSpans(o[k]);
    return r;
  }
  return value;
}

export function sameShape(a: unknown, b: unknown): boolean {
  const json = (v: unknown) => JSON.stringify(withoutSpans(v), (_k, x) => (typeof x === "bigint" ? `${x}n` : x));
  return json(a) === json(b);
}
