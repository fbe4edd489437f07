/**
 * The module cache: compile once (type-checked), then load from node_modules/.cache-like storage
 * without the compiler. Uses a temp JIUZHU_CACHE_DIR so runs do not share state.
 */
import { readFileSync, existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { yingkou } from "./fixtures/yingkou.js";
import { claim } from "./fixtures/load.js";
import { newLedger } from "../../runtime/types.js";

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "jiuzhu-cache-test-"));
  process.env.JIUZHU_CACHE_DIR = cacheDir;
});

describe("loadEvaluator", () => {
  it("compiles on a miss, loads from the cache on a hit, keyed by the IR", async () => {
    const { loadEvaluator, cacheKey } = await import("../../compiler/module-cache.js");
    const policy = yingkou();
    const first = await loadEvaluator(policy);
    const key = await cacheKey(policy);
    expect(existsSync(path.join(cacheDir, key, "module.json"))).toBe(true);
    expect(existsSync(path.join(cacheDir, key, "runtime", "index.js"))).toBe(true);

    const t0 = performance.now();
    const again = await loadEvaluator(policy);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(again.module).toBe(first.module); // same file URL: Node's module cache

    const c = claim({ 身份: ["特困人员"], 就诊类型: "住院", 个人负担: 100_000 });
    const o = again.evaluate("医疗救助", c, newLedger(2023));
    expect(o.ok && o.金额).toBe(70_000); // 1000元 × 70%

    const changed = yingkou();
    changed.meta.docNumber += "（修订）";
    expect(await cacheKey(changed)).not.toBe(key);
  });

  it("imports neither ts-morph, typescript, prettier nor compile.ts statically", () => {
    // walk the static imports from module-cache.ts: the hit path must stay light
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)";/gms)) {
        const spec = m[1]!;
        if (/^import\s+type\s/.test(m[0])) continue;
        expect(spec).not.toMatch(/^(ts-morph|typescript|prettier)$|compile\.js$|codegen\/generate/);
        if (spec.startsWith("."))
          walk(path.resolve(path.dirname(file), spec.replace(/\.js$/, ".ts")));
      }
    };
    walk(path.resolve("compiler/module-cache.ts"));
    expect(seen.size).toBeGreaterThan(2);
  });
});
