/**
 * The checked-policy cache behind `loadCheckedPolicies(…, { cache: true })`: a hit is the fresh
 * load's IR, and anything the load read changing (a file, a folder listing, the 基于 base) is a miss.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { loadCheckedPolicies, type LoadedPolicies } from "../../cli/policies.js";
import { readCheckedCache } from "../../compiler/checked-cache.js";
import { loadPolicyPaths } from "../../compiler/load.js";

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Checks with one warning: 1万元至2万元 is paid by neither segment (JZ4005). */
const GAP = `政策 测试办法
地区 测试市
生效 2023-01-01 依据 第一条
身份 甲 依据 二
救助项目 乙 依据 三
  | 身份 | 比例（0至1万元） | 比例（2万元以上） |
  | 甲   | 70% | 80% |
`;
let cacheDir = "";

beforeEach(() => {
  cacheDir = mkdtempSync(path.join(tmpdir(), "jiuzhu-checked-"));
  process.env["JIUZHU_CACHE_DIR"] = cacheDir;
});

/** A temp policies/ tree with copies of the named real regions. */
function policies(...regions: string[]): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "jiuzhu-checked-tree-")), "policies");
  for (const r of regions) cpSync(path.join(ROOT, "policies", r), path.join(dir, r), { recursive: true });
  return dir;
}

interface Outcome extends Partial<LoadedPolicies> {
  stderr: string;
  error?: Error & { exitCode: number };
}

/** loadCheckedPolicies' result or error, and what it wrote on stderr. */
async function load(paths: string[], cache = true): Promise<Outcome> {
  let stderr = "";
  const io = {
    stdout: new PassThrough(),
    stdin: new PassThrough(),
    stderr: new Writable({ write: (c, _e, done) => void ((stderr += String(c)), done()) }),
  };
  try {
    const r = await loadCheckedPolicies(paths, io, { showWarnings: true, cache });
    return { ...r, stderr };
  } catch (e) {
    return { stderr, error: e as Error & { exitCode: number } };
  }
}

const entries = () => {
  try {
    return readdirSync(path.join(cacheDir, "checked")).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
};

const edit = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(file, "utf8");
  expect(text).toMatch(from);
  writeFileSync(file, text.replace(from, to));
};

describe("checked-policy cache", () => {
  it("a hit is the fresh load's IR and sources (济宁市 composed on 山东省)", async () => {
    const dir = policies("济宁市", "山东省");
    const paths = [path.join(dir, "济宁市")];
    expect(await readCheckedCache(paths)).toBeUndefined();
    const first = await load(paths);
    expect(first.error).toBeUndefined();
    expect(entries()).toHaveLength(1);
    const hit = await readCheckedCache(paths);
    const fresh = loadPolicyPaths(paths);
    expect(hit).toBeDefined();
    expect(hit!.policies).toEqual(fresh.policies);
    // same JSON, so the compiled-module cache (keyed by the IR's JSON) finds the same module
    expect(JSON.stringify(hit!.policies)).toBe(JSON.stringify(fresh.policies));
    expect(hit!.sources).toEqual(fresh.sources);
    expect(hit!.sources.size).toBe(2); // the base's text too
    const second = await load(paths);
    expect(second).toEqual(first);
    expect(second.policies![0]!.policy.meta.basedOn).toBe("山东省");
  });

  it("a load with warnings is stored, and a hit shows the same warnings (showWarnings)", async () => {
    const dir = policies();
    mkdirSync(path.join(dir, "测试市"), { recursive: true });
    writeFileSync(path.join(dir, "测试市", "2023-01-01.jz"), GAP);
    const paths = [dir];
    const uncached = await load(paths, false);
    expect(uncached.stderr).toContain("警告[JZ4005]");
    await load(paths);
    expect(await readCheckedCache(paths)).toBeDefined();
    expect(await load(paths)).toEqual(uncached);
  });

  it("editing a version file is a miss, and the next load stores the new IR", async () => {
    const dir = policies("营口市");
    const paths = [path.join(dir, "营口市")];
    await load(paths);
    const file = path.join(dir, "营口市", readdirSync(path.join(dir, "营口市"))[0]!);
    edit(file, /^政策 .*$/m, "政策 改过的办法");
    expect(await readCheckedCache(paths)).toBeUndefined();
    const again = await load(paths);
    expect(again.policies![0]!.policy.meta.name).toBe("改过的办法");
    expect((await readCheckedCache(paths))!.policies[0]!.policy!.meta.name).toBe("改过的办法");
  });

  it("a new version file in the folder is a miss", async () => {
    const dir = policies("营口市");
    const region = path.join(dir, "营口市");
    await load([region]);
    const [name] = readdirSync(region);
    const text = readFileSync(path.join(region, name!), "utf8");
    writeFileSync(path.join(region, "2030-01-01.jz"), text.replace(/^生效 \S+/m, "生效 2030-01-01"));
    expect(await readCheckedCache([region])).toBeUndefined();
    const again = await load([region]);
    expect(again.error).toBeUndefined();
    expect(again.policies!.map((p) => path.basename(p.file))).toEqual([name, "2030-01-01.jz"]);
  });

  it("editing the 基于 base region is a miss for the city", async () => {
    const dir = policies("济宁市", "山东省");
    const paths = [path.join(dir, "济宁市")];
    await load(paths);
    const province = path.join(dir, "山东省", readdirSync(path.join(dir, "山东省"))[0]!);
    writeFileSync(province, readFileSync(province, "utf8") + "\n");
    expect(await readCheckedCache(paths)).toBeUndefined();
    // a new file in the base folder too
    await load(paths);
    expect(await readCheckedCache(paths)).toBeDefined();
    writeFileSync(path.join(dir, "山东省", "说明.jz"), "");
    expect(await readCheckedCache(paths)).toBeUndefined();
  });

  it("a policy with an error is never stored, and fails exactly as without the cache", async () => {
    const dir = policies("营口市");
    const region = path.join(dir, "营口市");
    await load([region]);
    const file = path.join(region, readdirSync(region)[0]!);
    writeFileSync(file, readFileSync(file, "utf8") + "\n身份 ？？\n");
    const cached = await load([region]);
    const plain = await load([region], false);
    expect(cached.error?.exitCode).toBe(2);
    expect(cached.error?.message).toContain("政策未通过检查");
    expect(cached).toEqual(plain);
    expect(cached.stderr).toContain("错误[");
    expect(await readCheckedCache([region])).toBeUndefined();
    // a fresh cache dir: the failing load writes nothing at all
    process.env["JIUZHU_CACHE_DIR"] = cacheDir = mkdtempSync(path.join(tmpdir(), "jiuzhu-checked-"));
    await load([region]);
    expect(entries()).toEqual([]);
  });

  it("an unreadable path is never stored", async () => {
    const missing = path.join(policies("营口市"), "不存在");
    const r = await load([missing]);
    expect(r.error?.message).toContain("无法读取");
    expect(entries()).toEqual([]);
  });

  it("a corrupt or truncated entry is a miss, and is replaced", async () => {
    const paths = [policies("营口市")];
    const good = await load(paths);
    const [entry] = entries();
    const file = path.join(cacheDir, "checked", entry!);
    const text = readFileSync(file, "utf8");
    for (const bad of ["", "{", "null", "[]", text.slice(0, text.length / 2), JSON.stringify({ ...JSON.parse(text), entry: "{}" })]) {
      writeFileSync(file, bad);
      expect(await readCheckedCache(paths)).toBeUndefined();
      expect(await load(paths)).toEqual(good);
      expect(await readCheckedCache(paths)).toBeDefined();
    }
  });
});

describe("checked-policy cache entries are trusted only as this checker wrote them", () => {
  it("a hand-edited IR (70% → 99.7%) is a miss with one warning; the checker's IR is used and stored", async () => {
    const { setCacheWarningSink } = await import("../../compiler/cache-warnings.js");
    const warnings: string[] = [];
    const previous = setCacheWarningSink((l) => void warnings.push(l));
    try {
      const paths = [policies("营口市")];
      const good = await load(paths);
      const file = path.join(cacheDir, "checked", entries()[0]!);
      const sealed = JSON.parse(readFileSync(file, "utf8")) as { entry: string };
      expect(sealed.entry).toContain('"bp":7000');
      writeFileSync(file, JSON.stringify({ ...sealed, entry: sealed.entry.replaceAll('"bp":7000', '"bp":9970') }));
      expect(await readCheckedCache(paths)).toBeUndefined();
      expect(warnings).toEqual([expect.stringContaining("已被修改或损坏")]);
      expect(await load(paths)).toEqual(good);
      expect(JSON.stringify(await readCheckedCache(paths))).not.toContain('"bp":9970');
    } finally {
      setCacheWarningSink(previous);
    }
  });

  it("an entry sealed by another compiler is a miss", async () => {
    const paths = [policies("营口市")];
    await load(paths);
    const file = path.join(cacheDir, "checked", entries()[0]!);
    const sealed = JSON.parse(readFileSync(file, "utf8")) as { compiler: string };
    writeFileSync(file, JSON.stringify({ ...sealed, compiler: "0".repeat(64) }));
    expect(await readCheckedCache(paths)).toBeUndefined();
  });

  it("an unusable cache folder (under a regular file) still loads, stores nothing", async () => {
    const plain = path.join(cacheDir, "plain");
    writeFileSync(plain, "");
    process.env["JIUZHU_CACHE_DIR"] = path.join(plain, "cache");
    const r = await load([policies("营口市")]);
    expect(r.error).toBeUndefined();
    expect(r.policies).toHaveLength(1);
  });
});
