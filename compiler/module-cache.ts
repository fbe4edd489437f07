/**
 * A runnable evaluator for a policy without running the type-checker on every `jiuzhu calc`.
 * Key = sha256(IR JSON + RUNTIME_VERSION + the runtime and codegen sources); the compiled output
 * folder lives in <cacheRoot>/<key>/. On a hit nothing heavy is loaded: compile.ts (ts-morph,
 * prettier, typescript) is imported only on a miss.
 *
 * A cached module decides amounts, so it is trusted only as written: module.json records the
 * sha256 of every file of the folder (and of itself), and a hit re-hashes them. An edited,
 * truncated or extra file, or a module.json naming a file outside its manifest, is a miss: the
 * folder is rebuilt, with one warning. The digests catch corruption and edits, not a hostile
 * writer: that is what the per-user, owner-checked 0700 cache folder is for (cacheRoot).
 */
import { createHash, type Hash } from "node:crypto";
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { CheckedPolicy } from "./ir.js";
import type { Fault } from "./compile.js";
import type { Evaluator } from "../runtime/types.js";
import { RUNTIME_VERSION } from "../runtime/index.js";
import { codegenDir, runtimeSourceDir } from "./codegen/paths.js";
import { cacheWarning } from "./cache-warnings.js";

export type LoadedEvaluator = Evaluator & { module: unknown };

interface CompiledModule {
  evaluator: Evaluator;
}

/**
 * The cache root, private to this user: $JIUZHU_CACHE_DIR if set (and nothing else), else
 * ./node_modules/.cache/jiuzhu, else $XDG_CACHE_HOME/jiuzhu, else ~/.cache/jiuzhu — never a shared
 * temp folder, where another user's planted entry would run as you. The folder is created 0700,
 * must belong to this user and be writable; undefined (compute without caching, one warning) if
 * no candidate is.
 */
export async function cacheRoot(): Promise<string | undefined> {
  const override = process.env.JIUZHU_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME;
  const candidates = override
    ? [override]
    : [
        existsSync(path.join(process.cwd(), "node_modules")) ? path.join(process.cwd(), "node_modules", ".cache", "jiuzhu") : undefined,
        xdg && path.isAbsolute(xdg) ? path.join(xdg, "jiuzhu") : undefined,
        path.join(os.homedir(), ".cache", "jiuzhu"),
      ];
  const problems: string[] = [];
  for (const dir of candidates) {
    if (!dir) continue;
    const problem = privateFolder(dir);
    if (problem === undefined) return dir;
    problems.push(`${dir}：${problem}`);
  }
  cacheWarning("root", `无法使用缓存文件夹（${problems.join("；")}），本次不使用缓存，照常计算（会慢一些）`);
  return undefined;
}

/** Why `dir` cannot be this user's cache folder, or undefined once it is (created 0700). */
function privateFolder(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    if (!st.isDirectory()) return "不是文件夹";
    const uid = process.getuid?.();
    if (uid !== undefined && st.uid !== uid) return `属于另一用户（uid ${st.uid}），不能信任其中的内容`;
    if (uid !== undefined && (st.mode & 0o077) !== 0) chmodSync(dir, 0o700); // ours: make it private
    accessSync(dir, constants.W_OK);
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOTDIR" ? "路径中有一段是文件而不是文件夹" : code === "EACCES" || code === "EROFS" ? "没有写权限" : String((e as Error).message ?? e);
  }
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
  // the entry's format is in the key: entries of an older jiuzhu are never looked at (no warning)
  const h = createHash("sha256").update(MODULE_FORMAT).update(toolFingerprint()).update(JSON.stringify(policy));
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
  if (root === undefined) return withoutCache(policy, faults);
  const key = await cacheKey(policy, faults);
  const dir = path.join(root, key);
  let entry = verifiedEntry(dir, key);
  if (typeof entry === "string") {
    if (existsSync(dir)) cacheWarning(`module:${dir}`, `缓存的编译结果 ${dir} ${entry}，已丢弃并重新编译`);
    try {
      await build(policy, root, dir, faults);
    } catch (e) {
      if (e instanceof CompileFailed) throw e;
      cacheWarning("module-write", `无法写入缓存文件夹 ${root}（${(e as Error).message}），本次不使用缓存`);
      return withoutCache(policy, faults);
    }
    entry = verifiedEntry(dir, key);
    // another process replaced it between our write and our read: do not trust either copy
    if (typeof entry === "string") return withoutCache(policy, faults);
  }
  return importModule(dir, entry);
}

/** The manifest module.json holds: the entry file and the sha256 of every file of the folder. */
interface Manifest {
  format: typeof MODULE_FORMAT;
  key: string;
  file: string;
  files: [string, string][];
}

const MODULE_FORMAT = "jiuzhu-module-2";
const sha256 = (b: string | Buffer): string => createHash("sha256").update(b).digest("hex");

/** The manifest if every file of `dir` is exactly as written, else why not (a miss). */
function verifiedEntry(dir: string, key: string): Manifest | string {
  let sealed: { manifest: Manifest; seal: string };
  try {
    sealed = JSON.parse(readFileSync(path.join(dir, "module.json"), "utf8")) as typeof sealed;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? "不存在" : "的 module.json 无法读取或不完整";
  }
  const m = sealed?.manifest;
  if (typeof sealed?.seal !== "string" || sealed.seal !== sha256(JSON.stringify(m ?? null))) return "的 module.json 与其校验值不符";
  if (m.format !== MODULE_FORMAT || m.key !== key || !Array.isArray(m.files)) return "不是本版本写入的";
  const want = new Map(m.files);
  if (!/^[^/\\]+\.js$/.test(m.file) || !want.has(m.file)) return "的 module.json 指向清单之外的文件";
  const found = filesOf(dir);
  if (found === undefined || found.length !== want.size) return "中的文件与清单不符";
  for (const rel of found) {
    const digest = want.get(rel);
    if (digest === undefined) return `中有清单之外的文件 ${rel}`;
    if (sha256(readFileSync(path.join(dir, rel))) !== digest) return `中的 ${rel} 已被修改或损坏（校验值不符）`;
  }
  return m;
}

/** Relative paths of the regular files under `dir` but module.json; undefined if anything else is there. */
function filesOf(dir: string, rel = ""): string[] | undefined {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      const inner = filesOf(dir, p);
      if (!inner) return undefined;
      out.push(...inner);
    } else if (e.isFile()) {
      if (p !== "module.json") out.push(p);
    } else return undefined; // a symlink or device could point anywhere
  }
  return out.sort();
}

/** The content digest is part of the URL: Node's module cache never serves an older file's module. */
async function importModule(dir: string, m: Manifest): Promise<LoadedEvaluator> {
  const digest = new Map(m.files).get(m.file)!;
  const mod = (await import(`${pathToFileURL(path.join(dir, m.file)).href}?sha256=${digest.slice(0, 16)}`)) as CompiledModule;
  return { evaluate: mod.evaluator.evaluate, module: mod };
}

/** A policy that does not compile: an error of the policy, not of the cache. */
class CompileFailed extends Error {}

async function compiled(policy: CheckedPolicy, faults: readonly Fault[]) {
  const { compilePolicy, writeCompiled } = await import("./compile.js");
  const result = await compilePolicy(policy, { faults });
  if (result.js === "") {
    const lines = result.diagnostics.flatMap((d) => [`${d.code} ${d.message}`, ...d.notes]);
    throw new CompileFailed(`jiuzhu: 无法编译 ${policy.meta.file}\n${lines.join("\n")}`);
  }
  return { result, writeCompiled };
}

/** Writes the compiled module and its sealed manifest into `into`. */
async function writeEntry(policy: CheckedPolicy, faults: readonly Fault[], into: string, key: string): Promise<void> {
  const { result, writeCompiled } = await compiled(policy, faults);
  await writeCompiled(into, [result]);
  const files = (filesOf(into) ?? []).map((rel): [string, string] => [rel, sha256(readFileSync(path.join(into, rel)))]);
  const manifest: Manifest = { format: MODULE_FORMAT, key, file: result.baseName + ".js", files };
  await writeFile(path.join(into, "module.json"), JSON.stringify({ manifest, seal: sha256(JSON.stringify(manifest)) }) + "\n");
}

/** Compile into a fresh temp folder, then rename into place: readers never see half a folder. */
async function build(policy: CheckedPolicy, root: string, dir: string, faults: readonly Fault[]): Promise<void> {
  const tmp = await mkdtemp(path.join(root, ".tmp-"));
  try {
    await writeEntry(policy, faults, tmp, path.basename(dir));
    await rm(dir, { recursive: true, force: true }); // a bad entry (verified before) is replaced
    await rename(tmp, dir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    // another process won the race: its folder is verified before use like any other
    if (e instanceof CompileFailed || !existsSync(path.join(dir, "module.json"))) throw e;
  }
}

/** No usable cache: compile into a private temp folder (mkdtemp: 0700), import, remove it. */
async function withoutCache(policy: CheckedPolicy, faults: readonly Fault[]): Promise<LoadedEvaluator> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "jiuzhu-nocache-"));
  try {
    const key = await cacheKey(policy, faults);
    await writeEntry(policy, faults, tmp, key);
    const m = verifiedEntry(tmp, key);
    if (typeof m === "string") throw new Error(`编译结果 ${tmp} ${m}`);
    return await importModule(tmp, m);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
