/**
 * A runnable evaluator for a policy without running the type-checker on every `jiuzhu calc`.
 * Key = sha256(IR JSON + RUNTIME_VERSION + the runtime and codegen sources); the compiled output
 * folder lives in node_modules/.cache/jiuzhu/<key>/ (else the OS temp dir). On a hit nothing
 * heavy is loaded: compile.ts (ts-morph, prettier, typescript) is imported only on a miss.
 */
import { createHash, type Hash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { CheckedPolicy } from "./ir.js";
import type { Fault } from "./compile.js";
import type { Evaluator } from "../runtime/types.js";
import { RUNTIME_VERSION } from "../runtime/index.js";
import { codegenDir, runtimeSourceDir } from "./codegen/paths.js";

export type LoadedEvaluator = Evaluator & { module: unknown };

interface CompiledModule {
  evaluator: Evaluator;
}

/** The cache root: $JIUZHU_CACHE_DIR, else ./node_modules/.cache/jiuzhu, else the temp dir. */
export async function cacheRoot(): Promise<string> {
  const candidates = [
    process.env.JIUZHU_CACHE_DIR,
    existsSync(path.join(process.cwd(), "node_modules"))
      ? path.join(process.cwd(), "node_modules", ".cache", "jiuzhu")
      : undefined,
    path.join(os.tmpdir(), "jiuzhu-cache"),
  ];
  for (const dir of candidates) {
    if (!dir) continue;
    try {
      await mkdir(dir, { recursive: true });
      return dir;
    } catch {
      // not writable: try the next one
    }
  }
  throw new Error("jiuzhu: no writable cache directory");
}

/**
 * Feeds the source files (.ts or .js, not .d.ts or tests) of `dirs` into `h`, each named with its
 * folder: the fingerprint of a piece of the tool, for cache keys (here and checked-cache.ts).
 */
export function hashSources(h: Hash, dirs: readonly string[]): Hash {
  for (const dir of dirs) {
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(ts|js)$/.test(name) || /\.(d|test)\.ts$/.test(name)) continue;
      h.update(`\0${path.basename(dir)}/${name}\0`).update(readFileSync(path.join(dir, name)));
    }
  }
  return h;
}

let fingerprint: string | undefined;

/** Contents of the sources that decide what a compiled module looks like. */
function toolFingerprint(): string {
  fingerprint ??= hashSources(createHash("sha256").update(RUNTIME_VERSION), [runtimeSourceDir(), codegenDir()]).digest("hex");
  return fingerprint;
}

/** Faults (testing only) are part of the key, so a faulty module never stands in for a real one. */
export async function cacheKey(policy: CheckedPolicy, faults: readonly Fault[] = []): Promise<string> {
  const h = createHash("sha256").update(toolFingerprint()).update(JSON.stringify(policy));
  if (faults.length > 0) h.update("\0faults:" + [...new Set(faults)].sort().join(","));
  return h.digest("hex").slice(0, 32);
}

/** The evaluator of a checked policy, compiling (and type-checking) it only on a cache miss. */
export async function loadEvaluator(
  policy: CheckedPolicy,
  options: { faults?: readonly Fault[] } = {},
): Promise<LoadedEvaluator> {
  const faults = options.faults ?? [];
  const root = await cacheRoot();
  const dir = path.join(root, await cacheKey(policy, faults));
  const entry = path.join(dir, "module.json");
  if (!existsSync(entry)) await build(policy, root, dir, faults);
  const { file } = JSON.parse(await readFile(entry, "utf8")) as { file: string };
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as CompiledModule;
  return { evaluate: mod.evaluator.evaluate, module: mod };
}

/** Compile into a fresh temp folder, then rename into place: readers never see half a folder. */
async function build(
  policy: CheckedPolicy,
  root: string,
  dir: string,
  faults: readonly Fault[],
): Promise<void> {
  const { compilePolicy, writeCompiled } = await import("./compile.js");
  const result = await compilePolicy(policy, { faults });
  if (result.js === "") {
    const lines = result.diagnostics.flatMap((d) => [`${d.code} ${d.message}`, ...d.notes]);
    throw new Error(`jiuzhu: 无法编译 ${policy.meta.file}\n${lines.join("\n")}`);
  }
  const tmp = await mkdtemp(path.join(root, ".tmp-"));
  try {
    await writeCompiled(tmp, [result]);
    await writeFile(
      path.join(tmp, "module.json"),
      JSON.stringify({ file: result.baseName + ".js" }) + "\n",
    );
    await rename(tmp, dir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    // another process won the race: its folder is as good as ours
    if (!existsSync(path.join(dir, "module.json"))) throw e;
  }
}
