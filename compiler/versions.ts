/**
 * Picking the version of a region in force on a date. Kept apart from the loader (load.ts) so
 * that `jiuzhu calc` can pick versions of already-checked policies without importing the parser.
 */
import type { CheckedPolicy } from "./ir.js";

/** The version in force on `isoDate`: 生效 ≤ date < 失效 (the latest 生效 if several). */
export function selectVersion(policies: CheckedPolicy[], isoDate: string): CheckedPolicy | undefined {
  let best: CheckedPolicy | undefined;
  for (const p of policies) {
    const { effective, expires } = p.meta;
    if (effective <= isoDate && (expires === null || isoDate < expires) && (!best || effective > best.meta.effective))
      best = p;
  }
  return best;
}
