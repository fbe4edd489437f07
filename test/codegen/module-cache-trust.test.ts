/**
 * Issue 9 §4: a cached module is used only as written. Edits, truncation and a module.json naming
 * a foreign file are misses (rebuild, one warning); the cache root is per user, 0700, owner
 * checked, never the shared temp folder; an unusable root computes without caching, one warning.
 * Tests run as root: an unwritable root is a path under a regular file (ENOTDIR), not chmod.
 */
import { chownSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setCacheWarningSink } from "../../compiler/cache-warnings.js";
import { cacheKey, cacheRoot, loadEvaluator } from "../../compiler/module-cache.js";
import { newLedger } from "../../runtime/types.js";
import { claim } from "./fixtures/load.js";
import { yingkou } from "./fixtures/yingkou.js";

let warnings: string[] = [];
const saved = { ...process.env };
beforeEach(() => {
  warnings = [];
  setCacheWarningSink((line) => void warnings.push(line));
  process.env.JIUZHU_CACHE_DIR = mkdtempSync(path.join(os.tmpdir(), "jiuzhu-trust-"));
});
afterEach(() => {
  for (const k of ["JIUZHU_CACHE_DIR", "XDG_CACHE_HOME", "HOME"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

/** 特困人员 住院, 个人负担 10000元: 基本救助 10000元 × 70% = 7000.00 (cap 20000元 not reached);
 *  大额补充 starts above its 10000元 起付线, so 0.00. Total 700000 分. */
async function pays(ev: { evaluate: Awaited<ReturnType<typeof loadEvaluator>>["evaluate"] }): Promise<number | undefined> {
  const o = ev.evaluate("医疗救助", claim({ 身份: ["特困人员"], 就诊类型: "住院", 个人负担: 1_000_000 }), newLedger(2023));
  return o.ok ? o.金额 : undefined;
}

async function entryDir(): Promise<string> {
  return path.join((await cacheRoot())!, await cacheKey(yingkou()));
}

describe("a cached module is trusted only as written", () => {
  it("a hand-edited module (99.7% instead of 70%: 9970.00) is rebuilt and pays 7000.00, one warning", async () => {
    expect(await pays(await loadEvaluator(yingkou()))).toBe(700_000);
    const dir = await entryDir();
    const js = path.join(dir, "营口市-2023-01-01.js");
    const text = readFileSync(js, "utf8");
    const edited = text.replaceAll("比例: 7000 /* 70% */", "比例: 9970 /* 70% */");
    expect(edited).not.toBe(text);
    writeFileSync(js, edited);

    expect(await pays(await loadEvaluator(yingkou()))).toBe(700_000); // was 997_000: 10000元 × 99.7%
    expect(readFileSync(js, "utf8")).toBe(text);
    expect(warnings).toEqual([expect.stringMatching(/已被修改或损坏.*重新编译/)]);
    expect(await pays(await loadEvaluator(yingkou()))).toBe(700_000);
    expect(warnings).toHaveLength(1); // the rebuilt entry is a clean hit
  });

  it("a truncated runtime file is a miss and a rebuild, not an internal error on every run", async () => {
    await loadEvaluator(yingkou());
    const rt = path.join(await entryDir(), "runtime", "index.js");
    writeFileSync(rt, readFileSync(rt, "utf8").slice(0, 100));
    expect(await pays(await loadEvaluator(yingkou()))).toBe(700_000);
    expect(warnings).toEqual([expect.stringContaining("runtime/index.js")]);
  });

  it.each([
    ["names a file outside the folder", (m: { manifest: { file: string } }) => void (m.manifest.file = "../../evil.js")],
    ["is truncated", undefined],
  ])("a module.json that %s is a miss", async (_, tamper) => {
    await loadEvaluator(yingkou());
    const file = path.join(await entryDir(), "module.json");
    const text = readFileSync(file, "utf8");
    if (tamper) {
      const m = JSON.parse(text) as { manifest: { file: string } };
      tamper(m);
      writeFileSync(file, JSON.stringify(m));
    } else writeFileSync(file, text.slice(0, text.length / 2));
    writeFileSync(path.join(await cacheRoot() as string, "..", "evil.js"), "export const evaluator = { evaluate: () => ({ ok: true, 金额: 1 }) };");
    expect(await pays(await loadEvaluator(yingkou()))).toBe(700_000);
    expect(warnings).toEqual([expect.stringContaining("module.json")]);
  });
});

describe("where the cache lives", () => {
  it("an unwritable $JIUZHU_CACHE_DIR (under a regular file) computes without caching, one warning", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "jiuzhu-notdir-")), "plain");
    writeFileSync(file, "");
    process.env.JIUZHU_CACHE_DIR = path.join(file, "cache");
    expect(await pays(await loadEvaluator(yingkou()))).toBe(700_000);
    expect(await pays(await loadEvaluator(yingkou()))).toBe(700_000);
    expect(warnings).toEqual([expect.stringMatching(/无法使用缓存文件夹.*照常计算/)]);
  });

  it("a folder owned by another user is not used", async () => {
    const dir = process.env.JIUZHU_CACHE_DIR!;
    chownSync(dir, 4242, 4242);
    expect(await cacheRoot()).toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining("属于另一用户")]);
  });

  it("the default is per user ($XDG_CACHE_HOME, created 0700), never the shared temp folder", async () => {
    delete process.env.JIUZHU_CACHE_DIR;
    const home = mkdtempSync(path.join(os.tmpdir(), "jiuzhu-home-"));
    const cwd = process.cwd();
    process.chdir(home); // no node_modules here
    try {
      process.env.XDG_CACHE_HOME = path.join(home, "xdg");
      expect(await cacheRoot()).toBe(path.join(home, "xdg", "jiuzhu"));
      expect(statSync(path.join(home, "xdg", "jiuzhu")).mode & 0o777).toBe(0o700);
      delete process.env.XDG_CACHE_HOME;
      process.env.HOME = home;
      expect(await cacheRoot()).toBe(path.join(home, ".cache", "jiuzhu"));
      expect(statSync(path.join(home, ".cache", "jiuzhu")).mode & 0o777).toBe(0o700);
    } finally {
      process.chdir(cwd);
    }
  });

  it("an existing folder of ours that others could write is made 0700", async () => {
    const dir = path.join(process.env.JIUZHU_CACHE_DIR!, "open");
    mkdirSync(dir, { mode: 0o777 });
    process.env.JIUZHU_CACHE_DIR = dir;
    expect(await cacheRoot()).toBe(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
