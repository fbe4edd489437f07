/**
 * Bundles the workbench page with esbuild: app.js (the page, CodeMirror 6) and worker.js (parser,
 * checker, coverage, calc loop, reference interpreter, 保证 and the diff's curves), beside
 * index.html and style.css. `npm run build` writes it to dist/workbench/static/, so `jiuzhu
 * workbench` needs no bundler at run time. A few compiler and CLI modules that the page uses
 * import node: modules for functions the page never calls (reading files, git): those imports are
 * aliased to a shim that throws, so the bundle contains no node: import (checked below).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The page sources: workbench/page/ beside this file, or from dist/workbench/ the repository's. */
export function pageDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const dir of [path.join(here, "page"), path.join(here, "..", "..", "workbench", "page")])
    if (existsSync(path.join(dir, "main.ts"))) return dir;
  throw new Error("找不到工作台页面源文件（workbench/page/main.ts）");
}

/** Where `npm run build` puts the bundle: dist/workbench/static/ (beside the compiled build.js). */
export function builtDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.join(here, "static");
}

const NODE_MODULES = ["node:fs", "node:fs/promises", "node:path", "node:child_process", "node:crypto", "node:buffer"];

export interface BuildResult {
  dir: string;
  /** bytes of each output file */
  sizes: Record<string, number>;
}

export async function buildPage(out: string, options: { minify?: boolean } = {}): Promise<BuildResult> {
  const { build } = await import("esbuild");
  const src = pageDir();
  mkdirSync(out, { recursive: true });
  const shim = path.join(src, "node-shim.ts");
  await build({
    entryPoints: { app: path.join(src, "main.ts"), worker: path.join(src, "worker.ts") },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir: out,
    minify: options.minify ?? true,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
    alias: Object.fromEntries(NODE_MODULES.map((m) => [m, shim])),
  });
  for (const f of ["index.html", "style.css"]) copyFileSync(path.join(src, f), path.join(out, f));
  const sizes: Record<string, number> = {};
  for (const f of ["index.html", "style.css", "app.js", "worker.js"]) {
    sizes[f] = statSync(path.join(out, f)).size;
    if (f.endsWith(".js") && /\bfrom\s*["']node:|import\(["']node:|require\(["']node:/.test(readFileSync(path.join(out, f), "utf8")))
      throw new Error(`工作台的 ${f} 含有 node: 模块导入：浏览器中无法运行`);
  }
  return { dir: out, sizes };
}

// `node dist/workbench/build.js`: the build step of `npm run build`
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const r = await buildPage(builtDir());
  const total = Object.values(r.sizes).reduce((a, b) => a + b, 0);
  process.stdout.write(`工作台页面 → ${r.dir}（${(total / 1024).toFixed(0)} KB）\n`);
}
