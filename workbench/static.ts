/**
 * The page's files: the bundle `npm run build` wrote to dist/workbench/static/, or (in a checkout
 * that has esbuild but no fresh build) one made now into a temporary folder.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildPage, builtDir } from "./build.js";
import { readSite } from "./site.js";

export async function staticDir(): Promise<string> {
  const dir = builtDir();
  if (existsSync(path.join(dir, "app.js")) && existsSync(path.join(dir, "worker.js"))) return dir;
  try {
    return (await buildPage(mkdtempSync(path.join(os.tmpdir(), "jiuzhu-workbench-")))).dir;
  } catch (e) {
    throw new Error(`工作台页面尚未构建，且无法现场构建（${(e as Error).message}）：请运行 npm run build`);
  }
}

/**
 * `jiuzhu workbench --export <dir>`: the page, site.json with the chosen policies, their example
 * tables and 原文 texts — everything a static host needs; 保存 is off there (下载 .jz instead).
 */
export async function exportSite(target: string, out: string): Promise<{ files: string[] }> {
  const site = readSite(target, false);
  const from = await staticDir();
  mkdirSync(out, { recursive: true });
  const files = ["index.html", "app.js", "worker.js", "style.css"];
  for (const f of files) cpSync(path.join(from, f), path.join(out, f));
  writeFileSync(path.join(out, "site.json"), JSON.stringify(site.data));
  return { files: [...files, "site.json"] };
}
