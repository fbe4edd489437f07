/**
 * Display width in terminal / monospace-editor columns, the one measure used by diagnostics
 * (carets), CLI help columns, bench tables and `jiuzhu fmt` table alignment.
 *
 * Unicode East Asian Width from get-east-asian-width (kept up to date with each Unicode release,
 * instead of three hand-copied range tables that disagreed): W and F count 2; ambiguous ones
 * (“ ” × ① …) count 1, as in the terminals and editor fonts officers use.
 */
import { eastAsianWidth } from "get-east-asian-width";

const NARROW_AMBIGUOUS = { ambiguousAsWide: false } as const;

/** Columns one code point takes. */
export function charWidth(codePoint: number): number {
  return eastAsianWidth(codePoint, NARROW_AMBIGUOUS);
}

/** Columns a string takes (ANSI colour escapes take none). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s.includes("\x1b") ? s.replace(/\x1b\[[0-9;]*m/g, "") : s) w += charWidth(ch.codePointAt(0)!);
  return w;
}
