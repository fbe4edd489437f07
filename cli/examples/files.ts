/**
 * Finding and reading example tables: a region folder's `例/*.csv`, for every region folder
 * whose versions were loaded. Bytes are UTF-8 or GB18030 (what Excel writes on a Chinese system).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { CliError } from "../exit-codes.js";
import { decodeChunks } from "../input/decode.js";
import { parseExampleTable, type ExampleTable } from "./table.js";

export const CASES_FOLDER = "例";

export interface RegionExamples {
  /** the region folder, as the policies' file paths spell it */
  dir: string;
  versions: CheckedPolicy[];
  tables: ExampleTable[];
  /** entries of 例/ that are neither tables nor .md notes, and encodings guessed */
  notes: string[];
}

/**
 * Bytes → text with the input engineer's decoder (cli/input/decode.ts), as `calc` reads a claims
 * file: UTF-8 (BOM or valid), else GB18030 with a note; UTF-16 and undecodable bytes are an error
 * for this table only.
 */
export async function decodeTable(bytes: Uint8Array, file: string): Promise<{ text: string; note?: string } | { error: string }> {
  let note: string | undefined;
  try {
    let text = "";
    async function* one() {
      yield bytes;
    }
    for await (const part of decodeChunks(one(), { name: file, note: (m) => (note = m) })) text += part;
    return note === undefined ? { text } : { text, note };
  } catch (e) {
    if (e instanceof CliError) return { error: e.message };
    throw e;
  }
}

/** The example tables of every (non-基础) region among `policies`, region by region. */
export async function findRegionExamples(policies: readonly CheckedPolicy[]): Promise<RegionExamples[]> {
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
      if (/\.md$/i.test(name)) continue; // notes beside the tables (the parameters used by hand)
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
      const decoded = await decodeTable(bytes, file);
      if ("error" in decoded) {
        region.tables.push({ file, rows: [], errors: [decoded.error] });
        continue;
      }
      if (decoded.note !== undefined) region.notes.push(decoded.note);
      region.tables.push(parseExampleTable(decoded.text, file));
    }
    regions.push(region);
  }
  return regions;
}
