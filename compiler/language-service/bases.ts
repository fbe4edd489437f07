/**
 * Finding the base policy of `基于 <region>` without a file system: the rules the loader uses
 * (compiler/load.ts) as pure functions over paths, for hosts that build `readBase` — the server
 * over the disk and open buffers, the browser workbench over a bundle of texts.
 *
 * The base of `policies/济宁市/2021-01-01.jz` is `policies/山东省/<version>.jz`, the version being
 * the latest `<YYYY-MM-DD>.jz` whose date is not after the citing policy's 生效.
 */
import type { PolicyText, ServiceOptions } from "./analysis.js";

const VERSION = /^\d{4}-\d{2}-\d{2}\.jz$/;

/** Of a folder's file names, the version in force on `effective` (the latest when undefined). */
export function chooseVersion(names: readonly string[], effective: string | undefined): string | undefined {
  return names.filter((n) => VERSION.test(n) && (!effective || n.slice(0, 10) <= effective)).sort().at(-1);
}

/** The folder of `region` beside the citing file's region folder (either separator). */
export function baseFolder(file: string, region: string): string {
  const sep = file.includes("\\") && !file.includes("/") ? "\\" : "/";
  const parts = file.split(/[\\/]/);
  return [...parts.slice(0, -2), region].join(sep);
}

/**
 * A `readBase` over texts the host has in hand, keyed by path (`policies/山东省/2020-12-24.jz`):
 * a bundle, or the editor's open buffers. Paths use the same separator as the citing file's.
 */
export function readBaseFromTexts(texts: ReadonlyMap<string, string> | Readonly<Record<string, string>>): NonNullable<ServiceOptions["readBase"]> {
  const get = (k: string) => (texts instanceof Map ? texts.get(k) : (texts as Record<string, string>)[k]);
  const keys = () => (texts instanceof Map ? [...texts.keys()] : Object.keys(texts));
  return (region, file, effective): PolicyText | undefined => {
    const folder = baseFolder(file, region);
    const names = keys().filter((k) => k.startsWith(folder) && /^[\\/][^\\/]+$/.test(k.slice(folder.length))).map((k) => k.slice(folder.length + 1));
    const chosen = chooseVersion(names, effective);
    if (!chosen) return undefined;
    const path = `${folder}${file.includes("\\") && !file.includes("/") ? "\\" : "/"}${chosen}`;
    const text = get(path);
    return text === undefined ? undefined : { file: path, text };
  };
}
