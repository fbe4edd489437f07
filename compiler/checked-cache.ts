/**
 * Checked policies (IR) of a clean load, cached so a warm `jiuzhu calc` never imports the parser
 * (chevrotain) or the checker: that import and the parse cost ~450 ms, more than the computing.
 *
 * Entry <cacheRoot>/checked/<key>.json, key = sha256(compiler fingerprint, cwd, paths as given).
 * The entry holds the load's file system trace (fs-trace.ts): a hit replays it — re-hashing the
 * files, re-listing the folders — and any difference is a miss, so a new version file, an edited
 * base region (基于) or a newer compiler never serves a stale IR. Only loads without errors and
 * unreadable paths are written. Any failure here is a miss, never an error: callers load fresh.
 *
 * The IR decides amounts and a hit skips the checker, so an entry is accepted only as this
 * compiler's checker wrote it: the file holds the entry's text and sha256(compiler fingerprint,
 * text). A hand-edited, truncated or foreign entry is a miss with one warning, and the fresh load
 * (parser and checker) replaces it.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cacheWarning } from "./cache-warnings.js";
import { hasErrors, type Diagnostic } from "./diagnostics.js";
import { replay, type FsTrace } from "./fs-trace.js";
import type { CheckedPolicy } from "./ir.js";
import type { LoadResult } from "./load.js";
import { cacheRoot, hashSources } from "./module-cache.js";

/** Bump when the entry's shape changes. */
const FORMAT = "jiuzhu-checked-2";

/** What is on disk: the Entry as text, sealed with this compiler's fingerprint. */
interface Sealed {
  format: typeof FORMAT;
  compiler: string;
  digest: string;
  entry: string;
}

const seal = (compiler: string, text: string): string =>
  createHash("sha256").update(`${FORMAT}\0${compiler}\0`).update(text).digest("hex");

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

/** The entry's file, or undefined when there is no usable cache folder (cacheRoot warned). */
async function entryPath(paths: string[]): Promise<string | undefined> {
  const key = createHash("sha256")
    .update(compilerFingerprint())
    .update(JSON.stringify([process.cwd(), paths]))
    .digest("hex")
    .slice(0, 32);
  const root = await cacheRoot();
  return root === undefined ? undefined : path.join(root, "checked", key + ".json");
}

/** The cached load of `paths` if it is as this checker wrote it and nothing it read has changed. */
export async function readCheckedCache(paths: string[]): Promise<CachedLoad | undefined> {
  let file: string | undefined;
  let text: string;
  try {
    file = await entryPath(paths);
    if (file === undefined) return undefined;
    text = readFileSync(file, "utf8");
  } catch {
    return undefined; // no entry yet: an ordinary miss
  }
  const entry = unseal(text);
  if (typeof entry === "string") {
    cacheWarning(`checked:${file}`, `缓存的检查结果 ${file} ${entry}，已丢弃，重新检查政策`);
    return undefined;
  }
  try {
    const sources = replay(entry.reads);
    if (!sources) return undefined; // a policy file changed: an ordinary miss
    return { policies: entry.policies, diagnostics: entry.diagnostics, sources, unreadable: [] };
  } catch {
    return undefined;
  }
}

/** The entry if its seal is this compiler's and matches its text, else why not. */
function unseal(text: string): Entry | string {
  let sealed: Sealed;
  try {
    sealed = JSON.parse(text) as Sealed;
  } catch {
    return "不完整或已损坏";
  }
  if (sealed?.format !== FORMAT || sealed.compiler !== compilerFingerprint()) return "不是本版本的检查器写入的";
  if (typeof sealed.entry !== "string" || sealed.digest !== seal(sealed.compiler, sealed.entry)) return "已被修改或损坏（校验值不符）";
  try {
    const entry = JSON.parse(sealed.entry) as Entry;
    if (entry.format === FORMAT && Array.isArray(entry.policies) && Array.isArray(entry.diagnostics) && entry.reads) return entry;
  } catch {
    // falls through: sealed but unreadable cannot happen unless the checker wrote garbage
  }
  return "的内容无法读取";
}

/** Stores a clean load (no errors, nothing unreadable); never throws. */
export async function writeCheckedCache(paths: string[], loaded: LoadResult): Promise<void> {
  if (!loaded.reads || loaded.unreadable.length > 0 || hasErrors(loaded.diagnostics)) return;
  const entry: Entry = { format: FORMAT, reads: loaded.reads, policies: loaded.policies, diagnostics: loaded.diagnostics };
  let tmp: string | undefined;
  try {
    const file = await entryPath(paths);
    if (file === undefined) return;
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // temp file + rename: a reader sees the old entry or the new one, never half of one
    tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    const text = JSON.stringify(entry);
    const compiler = compilerFingerprint();
    const sealed: Sealed = { format: FORMAT, compiler, digest: seal(compiler, text), entry: text };
    writeFileSync(tmp, JSON.stringify(sealed));
    renameSync(tmp, file);
  } catch (e) {
    cacheWarning("checked-write", `无法写入检查结果缓存（${(e as Error).message}），下次仍会重新检查`);
    try {
      if (tmp) rmSync(tmp, { force: true });
    } catch {
      // a stray temp file is harmless
    }
  }
}
