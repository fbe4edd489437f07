/**
 * A warm `jiuzhu calc` must not import the parser (chevrotain, grammar/) or the checker: that
 * costs more start-up than the computing. Checked twice: the static import graph of calc, and a
 * child process on a private build whose module loads are logged by a resolve hook.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const HEAVY = /\/grammar\/|chevrotain|\/compiler\/(load|check|render)\.[jt]s$|\/compiler\/passes\//;

/** Files reachable from `start` through static, non-type imports (bare packages as themselves). */
function staticGraph(start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.startsWith("/")) return; // a package
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^;]*?\sfrom\s+)?["']([^"']+)["']/gm)) {
      const spec = m[1]!;
      if (spec.startsWith("node:")) continue;
      visit(spec.startsWith(".") ? path.resolve(path.dirname(file), spec).replace(/\.js$/, ".ts") : spec);
    }
  };
  visit(path.join(ROOT, start));
  return seen;
}

describe("calc's static imports", () => {
  it("reach neither the parser nor the checker (they load on a cache miss only)", () => {
    const graph = [...staticGraph("cli/main.ts"), ...staticGraph("cli/commands/calc.ts")];
    expect(graph).toContain(path.join(ROOT, "cli", "policies.ts"));
    expect(graph.filter((f) => HEAVY.test(f))).toEqual([]);
    // the cache itself is light too
    expect([...staticGraph("compiler/checked-cache.ts")].filter((f) => HEAVY.test(f))).toEqual([]);
  });
});

describe("a cache hit in a real process", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "jiuzhu-lazy-"));
    // a private build: the e2e tests rebuild dist/ in parallel
    execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json", "--outDir", path.join(dir, "dist")], {
      cwd: ROOT,
      stdio: "pipe",
    });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    writeFileSync(
      path.join(dir, "hooks.mjs"),
      `import { appendFileSync } from "node:fs";
export async function resolve(spec, ctx, next) {
  const r = await next(spec, ctx);
  appendFileSync(process.env.LOAD_LOG, r.url + "\\n");
  return r;
}\n`,
    );
    writeFileSync(path.join(dir, "register.mjs"), `import { register } from "node:module";\nregister("./hooks.mjs", import.meta.url);\n`);
    writeFileSync(
      path.join(dir, "load.mjs"),
      `import { loadCheckedPolicies } from ${JSON.stringify(pathToFileURL(path.join(dir, "dist", "cli", "policies.js")).href)};
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
const r = await loadCheckedPolicies([process.argv[2]], io, { showWarnings: false, cache: true });
console.log(JSON.stringify(r.policies.map((p) => p.policy.meta.region)));\n`,
    );
  });

  /** Loads policies/济宁市 (基于 山东省) in a child; the module URLs it resolved. */
  function run(log: string): string[] {
    const r = spawnSync(process.execPath, ["--import", path.join(dir, "register.mjs"), path.join(dir, "load.mjs"), "policies/济宁市"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, JIUZHU_CACHE_DIR: path.join(dir, "cache"), LOAD_LOG: path.join(dir, log) },
    });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe(JSON.stringify(["济宁市"]));
    expect(existsSync(path.join(dir, log))).toBe(true);
    return readFileSync(path.join(dir, log), "utf8").split("\n").map((u) => decodeURIComponent(u));
  }

  it("the miss loads the parser; the hit loads the cache and no parser, checker or renderer", () => {
    const miss = run("miss.log");
    expect(miss.some((u) => u.endsWith("/dist/grammar/parser.js"))).toBe(true); // the log works
    expect(miss.some((u) => u.includes("chevrotain"))).toBe(true);
    const hit = run("hit.log");
    expect(hit.some((u) => u.endsWith("/dist/compiler/checked-cache.js"))).toBe(true);
    expect(hit.filter((u) => HEAVY.test(u))).toEqual([]);
  });
});
