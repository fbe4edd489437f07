/**
 * Reading what the workbench serves (Node side): the region folders asked for (a policies folder
 * means every region in it), the base regions they are 基于, their 例/*.csv tables and only the 原文
 * documents the policies name. Paths in the site data are relative to the policies folder, which
 * is the one folder 保存 may write into.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { parsePolicy } from "../grammar/index.js";
import { findSource } from "../compiler/coverage/index.js";
import type { SiteData, SiteFile, SiteRegion } from "./site-data.js";

export interface Served {
  /** the policies folder: every served file lies directly under one of its region folders */
  root: string;
  data: SiteData;
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
const hasPolicies = (dir: string) => readdirSync(dir).some((n) => n.endsWith(".jz"));

/**
 * `target`: a policies folder (every region) or one region folder (policies/营口市). Throws a
 * Chinese message when it is neither.
 */
export function readSite(target: string, canSave: boolean): Served {
  const abs = path.resolve(target);
  if (!isDir(abs)) throw new Error(`找不到文件夹「${target}」：请给出 policies/ 或 policies/<地区>`);
  const regionAsked = hasPolicies(abs);
  const root = regionAsked ? path.dirname(abs) : abs;
  const wanted = regionAsked
    ? [path.basename(abs)]
    : readdirSync(abs).filter((n) => isDir(path.join(abs, n)) && hasPolicies(path.join(abs, n))).sort();
  if (wanted.length === 0) throw new Error(`「${target}」中没有政策文件（.jz）：请给出 policies/ 或 policies/<地区>`);
  const notes: string[] = [];
  const regions: SiteRegion[] = [];
  const sources: Record<string, string> = {};
  const add = (name: string): void => {
    if (regions.some((r) => r.name === name)) return;
    const dir = path.join(root, name);
    if (!isDir(dir)) return void notes.push(`找不到基础政策文件夹「${name}」`);
    const versions: SiteFile[] = readdirSync(dir)
      .filter((n) => n.endsWith(".jz"))
      .sort()
      .map((n) => ({ file: `${name}/${n}`, text: readFileSync(path.join(dir, n), "utf8") }));
    const examplesDir = path.join(dir, "例");
    const examples: SiteFile[] = isDir(examplesDir)
      ? readdirSync(examplesDir)
          .filter((n) => /\.csv$/i.test(n))
          .sort()
          .map((n) => ({ file: `${name}/例/${n}`, text: new TextDecoder().decode(readFileSync(path.join(examplesDir, n))) }))
      : [];
    regions.push({ name, versions, examples });
    for (const v of versions) {
      const header = parsePolicy(v.file, v.text).ast.header;
      const written = header.source?.text;
      if (written !== undefined && sources[written] === undefined) {
        const found = findSource(path.join(root, v.file), written);
        if (found) sources[written] = readFileSync(found, "utf8");
        else notes.push(`${v.file}：找不到原文「${written}」`);
      }
      if (header.basedOn) add(header.basedOn.name);
    }
  };
  for (const name of wanted) add(name);
  return { root, data: { regions, sources, canSave, notes } };
}

/**
 * The file 保存 may write for a site path, or why not: only a policy version the site serves,
 * resolved inside the policies folder (no `..`, no absolute path, no symlink leading out).
 */
export function savePath(served: Served, file: unknown): string | { error: string } {
  if (typeof file !== "string" || file === "") return { error: "缺少文件名" };
  const known = served.data.regions.some((r) => r.versions.some((v) => v.file === file));
  const target = path.resolve(served.root, file);
  const rel = path.relative(served.root, target);
  if (!known || rel.startsWith("..") || path.isAbsolute(rel) || !file.endsWith(".jz") || file.includes("\\"))
    return { error: `只能保存本工作台打开的政策文件，「${file}」不是` };
  try {
    const real = path.relative(realpathSync(served.root), realpathSync(target));
    if (real.startsWith("..") || path.isAbsolute(real)) return { error: `「${file}」指向政策文件夹之外，不能保存` };
  } catch {
    return { error: `无法读取「${file}」` };
  }
  return target;
}
