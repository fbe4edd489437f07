/**
 * `npm run bench`: the Performance section of the core issue, on the 营口 policy.
 *   1. compile time of one policy by stage;
 *   2. `jiuzhu calc` vs a hand-written program of the same rules (bench/handwritten-calc.ts) on
 *      100,000 and 1,000,000 generated claims, JSONL in and out, wall time and peak RSS, both
 *      under --max-old-space-size=64 (a heap that grew with the claims would die, not swell);
 *   3. the evaluate function alone, compiled vs hand-written, after checking they agree;
 *   4. the trace: explain off vs on, and vs the module with its trace statements removed;
 *   5. the independent workload of ../shared/peerbench (未找到 when absent), hand vs compiled.
 * Claims are generated with a seeded PRNG into a temp dir (deleted at the end).
 */
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPolicyPaths } from "../compiler/load.js";
import { writeClaims, PERSONS } from "./claims.js";
import { compileStages, STAGES } from "./compile-stages.js";
import { benchEditor } from "./editor.js";
import { benchWorkbench } from "./workbench.js";
import { evaluateSections } from "./evaluate-section.js";
import { peerbenchSection } from "./peerbench.js";
import { runNode, type RunStats } from "./proc.js";
import { log, ms, ratio, table, target } from "./report.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const POLICY_DIR = "policies/营口市";
const POLICY_FILE = "policies/营口市/2023-01-01.jz";
const SIZES = [100_000, 1_000_000];
const HEAP = "--max-old-space-size=64";

/** Lines that differ between two JSONL files (streamed, so 1M lines stay cheap). */
async function differingLines(a: string, b: string): Promise<{ count: number; lines: number }> {
  // the hand-written program spells out the policy's texts: a policy edit shows up here first
  const open = (f: string) =>
    createInterface({ input: createReadStream(f), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const [ra, rb] = [open(a), open(b)];
  let count = 0;
  let lines = 0;
  for (;;) {
    const [x, y] = await Promise.all([ra.next(), rb.next()]);
    if (x.done && y.done) return { count, lines };
    lines++;
    if (x.done || y.done || x.value !== y.value) {
      if (count++ === 0) log(`first differing line ${lines}:\n  calc: ${x.value}\n  hand: ${y.value}`);
    }
  }
}

async function compileSection(): Promise<void> {
  const { cold, warm } = await compileStages(POLICY_FILE);
  log("\n## 1. Compile time of one policy, by stage (cold = first in process; warm = median of 5)\n");
  const total = (t: Record<string, number>) => STAGES.reduce((s, k) => s + t[k]!, 0);
  table(
    ["", ...STAGES, "total"],
    [
      ["cold", ...STAGES.map((s) => ms(cold[s])), ms(total(cold))],
      ["warm", ...STAGES.map((s) => ms(warm[s])), ms(total(warm))],
    ],
  );
}

interface CalcResult {
  n: number;
  calc: RunStats;
  hand: RunStats;
  diff: number;
}

async function calcSection(tmp: string): Promise<CalcResult[]> {
  const calc = (file: string, out: string, heap = [HEAP]) =>
    runNode(heap, ["bin/jiuzhu.js", "calc", "--policy", POLICY_DIR, file], out, ROOT);
  const hand = (file: string, out: string) =>
    runNode([HEAP], ["dist/bench/handwritten-calc.js", file, out], path.join(tmp, "stdout"), ROOT);
  // 100 claims: fills the module cache, then shows each program's fixed start-up cost
  const small = path.join(tmp, "small.jsonl");
  await writeClaims(small, 100);
  await calc(small, path.join(tmp, "small.calc"), []); // a cache miss type-checks: more heap
  const rows: string[][] = [];
  const results: CalcResult[] = [];
  const startC = await calc(small, path.join(tmp, "small.calc"));
  const startH = await hand(small, path.join(tmp, "small.hand"));
  rows.push(["100 (start-up)", "", ms(startC.wallMs), ms(startH.wallMs), ratio(startC.wallMs / startH.wallMs), startC.peakRssMb.toFixed(0) + " MB", startH.peakRssMb.toFixed(0) + " MB", ""]);
  for (const n of SIZES) {
    const file = path.join(tmp, `claims-${n}.jsonl`);
    const bytes = await writeClaims(file, n);
    const [outH, outC] = [path.join(tmp, `hand-${n}.jsonl`), path.join(tmp, `calc-${n}.jsonl`)];
    const h = await hand(file, outH);
    const c = await calc(file, outC);
    const { count, lines } = await differingLines(outC, outH);
    if (lines !== n) throw new Error(`expected ${n} output lines, got ${lines}`);
    results.push({ n, calc: c, hand: h, diff: count });
    rows.push([
      n.toLocaleString("en"),
      (bytes / 2 ** 20).toFixed(0) + " MB",
      ms(c.wallMs),
      ms(h.wallMs),
      ratio(c.wallMs / h.wallMs),
      c.peakRssMb.toFixed(0) + " MB",
      h.peakRssMb.toFixed(0) + " MB",
      String(count),
    ]);
    await rm(file);
    await rm(outH);
    await rm(outC);
  }
  log(
    `\n## 2. calc vs hand-written program (JSONL in → JSONL file out; ${PERSONS.toLocaleString("en")} persons over 2023–2024; both under node ${HEAP}; peak RSS by ${startC.rssBy})\n`,
  );
  table(
    ["claims", "input", "calc wall", "hand wall", "ratio", "calc peak RSS", "hand peak RSS", "lines differing"],
    rows,
  );
  return results;
}

async function main(): Promise<void> {
  const started = performance.now();
  process.chdir(ROOT);
  const policy = loadPolicyPaths([POLICY_DIR]).policies.find((p) => p.file === POLICY_FILE)?.policy;
  if (!policy) throw new Error(`${POLICY_FILE} does not load`);
  log(`jiuzhu bench — ${POLICY_FILE}, node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}`);

  await compileSection();
  benchEditor();
  await benchWorkbench();
  const tmp = await mkdtemp(path.join(os.tmpdir(), "jiuzhu-bench-"));
  try {
    const results = await calcSection(tmp);
    const evalRows = await evaluateSections(policy, tmp);
    const peerRows = await peerbenchSection(ROOT, tmp);

    const rows = results.map((x) => {
      const r = x.calc.wallMs / x.hand.wallMs;
      return target(`calc wall time, ${x.n.toLocaleString("en")} claims`, ratio(r) + " hand-written", "≤ 1.5×", r <= 1.5);
    });
    rows.push(...evalRows, ...peerRows);
    const [small, big] = results;
    const growth = big!.calc.peakRssMb / small!.calc.peakRssMb - 1;
    const exited = results.every((x) => x.calc.code === 0 && x.hand.code === 0);
    // flat = both sizes run to the end under the 64 MB heap cap; RSS (code, buffers) is shown too
    rows.push(target("calc memory, 100k → 1M claims", `completes with heap ≤ 64 MB; peak RSS ${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)}%`, "flat", exited));
    const same = results.every((x) => x.diff === 0);
    rows.push(target("calc output = hand-written output", same ? "identical" : "differs", "identical", same));
    log("\n## Targets\n");
    table(["measure", "result", "target", ""], rows);
    log(`\nbench took ${ms(performance.now() - started)}`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
