/** Shared helpers for the grammar tests. */
import { readFileSync } from "node:fs";
import { parsePolicy } from "../../grammar/index.js";
import type { Declaration } from "../../grammar/ast.js";

export const SAMPLE = readFileSync(new URL("./fixtures/sample.jz", import.meta.url), "utf8");

/** Parse and require no diagnostics. */
export function parseOk(text: string) {
  const r = parsePolicy("t.jz", text);
  if (r.diagnostics.length > 0) throw new Error(JSON.stringify(r.diagnostics, null, 1));
  return r.ast;
}

/** The single declaration of `text`. */
export function decl<K extends Declaration["kind"]>(text: string, kind: K): Extract<Declaration, { kind: K }> {
  const ds = parseOk(text).declarations;
  if (ds.length !== 1 || ds[0]!.kind !== kind) throw new Error(`expected one ${kind}: ${JSON.stringify(ds.map((d) => d.kind))}`);
  return ds[0] as Extract<Declaration, { kind: K }>;
}

export function codes(text: string): string[] {
  return parsePolicy("t.jz", text).diagnostics.map((d) => d.code);
}

/** Every {start,end} in a value, with the path to it. */
export function* spans(v: unknown, path = "$"): Generator<{ path: string; start: number; end: number }> {
  if (v === null || typeof v !== "object") return;
  const o = v as Record<string, unknown>;
  if (typeof o.start === "number" && typeof o.end === "number") yield { path, start: o.start, end: o.end };
  for (const [k, x] of Object.entries(o)) yield* spans(x, `${path}.${k}`);
}

/** Rewrite the ASCII forms the normaliser folds into their full-width twins. */
export function fullWidth(text: string): string {
  const map: Record<string, string> = {
    ",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "%": "％", "|": "｜", "#": "＃", "-": "－",
    "+": "＋", "<": "＜", ">": "＞", "=": "＝", "!": "！", " ": "\u3000", ".": "．",
  };
  return [...text]
    .map((c) => (c >= "0" && c <= "9" ? String.fromCharCode(c.charCodeAt(0) - 0x30 + 0xff10) : (map[c] ?? c)))
    .join("");
}
