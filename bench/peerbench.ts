/**
 * Section 5 of the bench: the independent workload of ../shared/peerbench (营口 基本+倾斜 over
 * random claims with year-to-date usage, checked exact against a BigInt reference; README there).
 * Its hand-written engine and the jiuzhu engine (this checkout's compiled 营口 module through
 * evaluateInto) run alternately, each in its own process (`bench.mjs` prints one JSON line with
 * the median claims/s of its runs); the ratio is taken per pair and its median and spread shown.
 * When the folder is absent the section prints 未找到 and sets no target.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { log, pairedRatio, rate, spread, table, target } from "./report.js";

const run = promisify(execFile);
const PAIRS = 5;
const CLAIMS = 200_000;

interface PeerResult {
  cpsMedian: number;
  checksumOk: boolean;
}

async function engine(dir: string, id: string, out: string): Promise<PeerResult> {
  const { stdout } = await run(
    process.execPath,
    ["--expose-gc", "bench.mjs", "--engine", id, "--n", String(CLAIMS), "--runs", "5"],
    { cwd: dir, env: { ...process.env, JZ_OUT: out }, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split("\n").pop()!) as PeerResult;
}

/** Rows for the targets table (none when the workload is absent). */
export async function peerbenchSection(root: string, tmp: string): Promise<string[][]> {
  const dir = path.resolve(root, "..", "shared", "peerbench");
  log(`\n## 5. independent workload (${path.relative(root, dir)}): hand-written vs compiled evaluateInto\n`);
  if (!existsSync(path.join(dir, "bench.mjs"))) {
    log(`未找到 ${dir}（独立基准不在此机器上，本节跳过）`);
    return [];
  }
  const out = path.join(tmp, "peerbench-yk");
  await run(process.execPath, ["bin/jiuzhu.js", "compile", "policies/营口市", "-o", out], { cwd: root });
  const hand: number[] = [];
  const jz: number[] = [];
  let exact = true;
  for (let i = 0; i < PAIRS; i++) {
    const h = await engine(dir, "hand", out);
    const j = await engine(dir, "jiuzhu", out);
    hand.push(h.cpsMedian);
    jz.push(j.cpsMedian);
    exact &&= h.checksumOk && j.checksumOk;
  }
  const p = pairedRatio(jz, hand);
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  table(
    ["claims", "hand-written", "compiled (evaluateInto)", "compiled / hand", "exact vs BigInt reference"],
    [[CLAIMS.toLocaleString("en"), rate(med(hand)), rate(med(jz)), spread(p), exact ? "yes" : "NO"]],
  );
  return [
    target("peerbench evaluateInto / hand", spread(p), "≥ 0.8×", p.median >= 0.8),
    target("peerbench totals = BigInt reference", exact ? "exact" : "differ", "exact", exact),
  ];
}
