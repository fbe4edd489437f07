/**
 * Checked policies (IR) of a clean load, cached so a warm `jiuzhu calc` never imports the parser
 * (chevrotain) or the checker: that import and the parse cost ~450 ms, more than the computing.
 *
 * Entry <cacheRoot>/checked/<key>.json, key = sha256(compiler fingerprint, cwd, paths as given).
 * The entry holds the load's file system trace (fs-trace.ts): a hit replays it — re-hashing the
 * files, re-listing the folders — and any difference is a miss, so a new version file, an edited
 * base region (基于) or a newer compiler never serves a stale IR. Only loads without errors and
 * unreadable paths are written. Any failure here is a miss, never an error: callers load fresh.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hasErrors, type Diagnostic } from "./diagnostics.js";
import { replay, type FsTrace } from "./fs-trace.js";
import type { CheckedPolicy } from "./ir.js";
import type { LoadResult } from "./load.js";
import { cacheRoot, hashSources } from "./module-cache.js";

/** Bump when the entry's shape changes. */
const FORMAT = "jiuzhu-checked-1";

interface Entry {
  format: typeof FORMAT;
  reads: FsTrace;
  policies: { file: string; policy?: CheckedPolicy }[];
  /** warnings and hints only: `compile` shows them */
  diagnostics: Diagnostic[];
}

/** A load served from the cache: what loadPolicyPaths would return for the same files. */
export type CachedLoad = Pick<LoadResult, "policies" | "diagnostics" | "sources" | "unreadable">;

const here = path.dirname(fileURLToPath(import.meta.url));

let fingerprint: string | undefined;

/**
 * The sources that turn text into IR — compiler/ (top level), compiler/passes/, grammar/ — as
 * .ts under vitest or .js in dist/, whichever sit next to this file, plus chevrotain's version.
 * compiler/diff/ and compiler/interpreter/ decide a city's floor check (passes/check-floors.ts):
 * a cached "clean" must not outlive a change to them.
 */
export function compilerFingerprint(): string {
  if (fingerprint) return fingerprint;
  const dirs = [here, path.join(here, "passes"), path.join(here, "diff"), path.join(here, "interpreter"), path.join(here, "..", "grammar")];
  const h = hashSources(createHash("sha256").update(FORMAT), dirs);
  h.update(`\0chevrotain ${chevrotainVersion()}`);
  return (fingerprint = h.digest("hex"));
}

function chevrotainVersion(): string {
  try {
    // resolves to .../node_modules/chevrotain/lib/src/api.js without loading it
    let dir = path.dirname(createRequire(import.meta.url).resolve("chevrotain"));
    for (; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
        if (pkg.name === "chevrotain") return String(pkg.version);
      } catch {
        // no package.json here: go up
      }
    }
  } catch {
    // not resolvable: the sources alone decide
  }
  return "?";
}

async function entryPath(paths: string[]): Promise<string> {
  const key = createHash("sha256")
    .update(compilerFingerprint())
    .update(JSON.stringify([process.cwd(), paths]))
    .digest("hex")
    .slice(0, 32);
  return path.join(await cacheRoot(), "checked", key + ".json");
}

/** The cached load of `paths` if nothing it read has changed, else undefined. */
export async function readCheckedCache(paths: string[]): Promise<CachedLoad | undefined> {
  try {
    const entry = JSON.parse(readFileSync(await entryPath(paths), "utf8")) as Entry;
    if (entry.format !== FORMAT || !Array.isArray(entry.policies) || !Array.isArray(entry.diagnostics)) return undefined;
    const sources = replay(entry.reads);
    if (!sources) return undefined;
    return { policies: entry.policies, diagnostics: entry.diagnostics, sources, unreadable: [] };
  } catch {
    return undefined; // missing, unreadable or corrupt: a miss
  }
}

/** Stores a clean load (no errors, nothing unreadable); never throws. */
export async function writeCheckedCache(paths: string[], loaded: LoadResult): Promise<void> {
  if (!loaded.reads || loaded.unreadable.length > 0 || hasErrors(loaded.diagnostics)) return;
  const entry: Entry = { format: FORMAT, reads: loaded.reads, policies: loaded.policies, diagnostics: loaded.diagnostics };
  let tmp: string | undefined;
  try {
    const file = await entryPath(paths);
    mkdirSync(path.dirname(file), { recursive: true });
    // temp file + rename: a reader sees the old entry or the new one, never half of one
    tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, file);
  } catch {
    try {
      if (tmp) rmSync(tmp, { force: true });
    } catch {
      // a stray temp file is harmless
    }
  }
}
