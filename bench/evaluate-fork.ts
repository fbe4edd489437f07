/**
 * Runs evaluate measurements in child processes (bench/evaluate-child.ts), `repeats` processes per
 * variant, alternating between the variants so that drift on a shared machine hits all alike,
 * and reports each variant's median claims/s over its processes.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Variant } from "./evaluate-child.js";
import type { Rate } from "./evaluate-bench.js";

const run = promisify(execFile);
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), "evaluate-child.js");

export interface ForkVariant {
  /** the name the result is reported under */
  name: string;
  variant: Variant;
  /** the compiled module to import (not used by "hand") */
  module?: string;
}

export interface ForkOptions {
  irFile: string;
  persons: number;
  claims: number;
  repeats: number;
  rounds: number;
  roundMs: number;
}

async function child(v: ForkVariant, o: ForkOptions): Promise<Rate> {
  const args = [CHILD, o.irFile, v.variant, v.module ?? "-", o.persons, o.claims, o.rounds, o.roundMs];
  const { stdout } = await run(process.execPath, args.map(String), { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as Rate;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** A variant's median claims/s and each process's claims/s in the order they ran. */
export type ForkRate = Rate & { runs: number[] };

/** Median claims/s per variant; throws if a variant's checksum differs between its processes. */
export async function forkMeasure(variants: ForkVariant[], o: ForkOptions): Promise<Map<string, ForkRate>> {
  const rates = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  const sums = new Map<string, number>();
  for (let i = 0; i < o.repeats; i++) {
    for (const v of variants) {
      const r = await child(v, o);
      rates.get(v.name)!.push(r.claimsPerSec);
      if (sums.has(v.name) && sums.get(v.name) !== r.checksum)
        throw new Error(`${v.name}: checksum differs between processes`);
      sums.set(v.name, r.checksum);
    }
  }
  return new Map(
    variants.map((v) => [
      v.name,
      { claimsPerSec: median(rates.get(v.name)!), checksum: sums.get(v.name)!, runs: rates.get(v.name)! },
    ]),
  );
}
