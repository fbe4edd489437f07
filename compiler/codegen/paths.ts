/**
 * Where the runtime sources are, from either layout: compiler/codegen/x.ts (sources, vitest) or
 * dist/compiler/codegen/x.js (built). No heavy imports: module-cache uses this on a cache hit.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The package root: the nearest ancestor holding runtime/types.ts. */
export function packageRoot(): string {
  for (let dir = here; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "runtime", "types.ts"))) return dir;
    if (path.dirname(dir) === dir)
      throw new Error("jiuzhu: runtime/types.ts not found above " + here);
  }
}

/** runtime/ with its .ts sources. */
export function runtimeSourceDir(): string {
  return path.join(packageRoot(), "runtime");
}

/** The folder of the codegen sources (or their built .js), for the module cache fingerprint. */
export function codegenDir(): string {
  return here;
}

/** Runtime source files shipped with compiled modules (tests excluded). */
export function isRuntimeSource(name: string): boolean {
  return name.endsWith(".ts") && !name.endsWith(".d.ts") && !name.endsWith(".test.ts");
}
