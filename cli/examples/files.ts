/**
 * Finding and reading example tables: a region folder's `例/*.csv`, for every region folder
 * whose versions were loaded. Bytes are UTF-8 or GB18030 (what Excel writes on a Chinese system).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { parseExampleTable, type ExampleTable } from "./table.js";

export const CASES_FOLDER = "例";

export interface RegionExamples {
  /** the region folder, as the policies' file paths spell it */
  dir: string;
  versions: CheckedPolicy[];
  tables: ExampleTable[];
  /** entries of 例/ that are not tables, and unreadable files */
  notes: string[];
}

/**
 * TODO(issue 9 §2): reuse cli/input/decode.ts (the input engineer's detector) once it is on main;
 * until then strict UTF-8, else strict GB18030, else an error — never a guess that garbles 身份.
 */
export function decodeTable(bytes: Uint8Array, file: string): { text: string } | { error: string } {
  for (const encoding of ["utf-8", "gb18030"]) {
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
    } catch {
      // try the next encoding
    }
  }
  return { error: `${file}：不是 UTF-8 或 GB18030 编码的文本，请在表格软件中另存为「CSV UTF-8」` };
}

/** The example tables of every (non-基础) region among `policies`, region by region. */
export function findRegionExamples(policies: readonly CheckedPolicy[]): RegionExamples[] {
  const byDir = new Map<string, CheckedPolicy[]>();
  for (const p of policies) {
    if (p.meta.isBase) continue;
    const dir = path.dirname(p.meta.file);
    byDir.set(dir, [...(byDir.get(dir) ?? []), p]);
  }
  const regions: RegionExamples[] = [];
  for (const [dir, versions] of byDir) {
    const folder = path.join(dir, CASES_FOLDER);
    let names: string[];
    try {
      if (!statSync(folder).isDirectory()) continue;
      names = readdirSync(folder).sort();
    } catch {
      continue; // no 例/ folder: nothing to run (the README checklist asks for one)
    }
    const region: RegionExamples = { dir, versions, tables: [], notes: [] };
    for (const name of names) {
      const file = path.join(folder, name);
      if (!/\.csv$/i.test(name)) {
        region.notes.push(`${file}：不是 .csv 案例表，已忽略`);
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file);
      } catch (e) {
        region.tables.push({ file, rows: [], errors: [`${file}：无法读取：${(e as Error).message}`] });
        continue;
      }
      const decoded = decodeTable(bytes, file);
      region.tables.push("error" in decoded ? { file, rows: [], errors: [decoded.error] } : parseExampleTable(decoded.text, file));
    }
    regions.push(region);
  }
  return regions;
}
