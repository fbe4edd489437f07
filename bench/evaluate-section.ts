/**
 * Sections 3 and 4 of the bench: the evaluate function alone, compiled vs hand-written, on two
 * populations of persons (the calc run's 20,000, where most claims open a new ledger-year, and
 * 500, where ledgers fill up and stay in cache), then what the trace costs. Agreement with the
 * hand-written function is checked here, claim by claim; the timing runs each variant in its own
 * processes (bench/evaluate-fork.ts), median over REPEATS processes.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { CheckedPolicy } from "../compiler/ir.js";
import { cacheKey, cacheRoot, loadEvaluator } from "../compiler/module-cache.js";
import type { Evaluator } from "../runtime/types.js";
import { PERSONS } from "./claims.js";
import { agreement, intoOf, prepareClaims, type EvaluateInto } from "./evaluate-bench.js";
import { forkMeasure, type ForkVariant } from "./evaluate-fork.js";
import { log, pairedRatio, rate, ratio, spread, table, target } from "./report.js";
import { loadCopy } from "./trace-free.js";

const CLAIMS = 100_000;
const POPULATIONS = [PERSONS, 500];
const REPEATS = 5;

function mustAgree(
  name: string,
  ev: Evaluator,
  set: ReturnType<typeof prepareClaims>,
  explain = false,
  into?: EvaluateInto,
) {
  const a = agreement(ev, set, { explain }, into);
  if (a.mismatches > 0)
    throw new Error(`${name} disagrees with the hand-written function on ${a.mismatches} claims; ${a.first}`);
}

/** Runs both sections; returns rows for the targets table. */
export async function evaluateSections(policy: CheckedPolicy, tmp: string): Promise<string[][]> {
  const ev = await loadEvaluator(policy);
  const root = await cacheRoot();
  if (root === undefined) throw new Error("bench: the module cache is not usable (see the warning above)");
  const dir = path.join(root, await cacheKey(policy));
  const { file } = (JSON.parse(await readFile(path.join(dir, "module.json"), "utf8")) as { manifest: { file: string } }).manifest;
  const moduleFile = path.join(dir, file);
  const noTrace = await loadCopy(dir, file, true, tmp);
  const into = intoOf(ev.module);
  const irFile = path.join(tmp, "policy.ir.json");
  await writeFile(irFile, JSON.stringify(policy));

  const rows: string[][] = [];
  const out: string[][] = [];
  let trace: { off: number; on: number } | undefined;
  for (const persons of POPULATIONS) {
    const set = prepareClaims(policy, CLAIMS, persons);
    mustAgree("compiled", ev, set);
    mustAgree("compiled evaluateInto", ev, set, false, into);
    mustAgree("compiled (explain on)", ev, set, true);
    mustAgree("compiled without trace code", noTrace.evaluator, set);
    const last = persons === POPULATIONS[POPULATIONS.length - 1];
    // the evaluate function timed: evaluateInto (the same information as the Outcome, written
    // into one reused result object, as the hand-written function does); evaluate is shown too
    const variants: ForkVariant[] = [
      { name: "hand", variant: "hand" },
      { name: "compiled", variant: "into", module: moduleFile },
      { name: "outcome", variant: "evaluate", module: moduleFile },
      ...(last ? [{ name: "notrace", variant: "into" as const, module: noTrace.file }] : []),
    ];
    const opts = { irFile, persons, claims: CLAIMS, rounds: 5, roundMs: 300 };
    const r = await forkMeasure(variants, { ...opts, repeats: REPEATS });
    if (last) r.set("explain", (await forkMeasure([{ name: "explain", variant: "explain", module: moduleFile }], { ...opts, repeats: 1 })).get("explain")!);
    // the trace priced on evaluateInto (evaluate's allocation and GC are noise beside it), with and
    // without the trace code timed in the same processes: "pair" reports without / with
    if (last) r.set("pair", (await forkMeasure([{ name: "pair", variant: "pair", module: moduleFile + "|" + noTrace.file }], { ...opts, rounds: 9, repeats: REPEATS })).get("pair")!);
    const cps = (k: string) => r.get(k)!.claimsPerSec;
    // the ratio per repeat (hand and compiled ran one after the other), its median and spread
    const pair = pairedRatio(r.get("compiled")!.runs, r.get("hand")!.runs);
    const who = `${set.persons.toLocaleString("en")} persons`;
    out.push([who, rate(cps("hand")), rate(cps("compiled")), spread(pair)]);
    out.push([who + ", evaluate (allocating the Outcome)", "", rate(cps("outcome")), ratio(cps("outcome") / cps("hand"))]);
    rows.push(target(`evaluateInto / hand-written, ${who}`, spread(pair), "≥ 0.8×", pair.median >= 0.8));
    if (last) {
      trace = { off: 1 - 1 / cps("pair"), on: cps("outcome") / cps("explain") };
      out.push([who + `, evaluateInto with its ${noTrace.removed} trace statements removed`, "", rate(cps("notrace")), ratio(cps("notrace") / cps("hand"))]);
      out.push([who + ", explain on", "", rate(cps("explain")), ratio(cps("explain") / cps("hand"))]);
    }
  }
  log(
    `\n## 3. evaluate alone (no I/O), ${CLAIMS.toLocaleString("en")} claims, claims per CPU-second; each variant timed in its own processes (median of ${REPEATS} processes, each the median of 5 rounds); compiled = evaluateInto (one reused result object, like the hand-written function), evaluate (a fresh Outcome per claim) below it; both agree with the hand-written function on every claim (total, items, winner, others)\n`,
  );
  table(["claims over", "hand-written", "compiled", "compiled / hand"], out);
  const cost = (trace!.off * 100).toFixed(1);
  log(
    `\n## 4. trace: evaluateInto with the trace code present but off vs the same module with it removed (both in the same processes, alternating rounds; median of ${REPEATS} processes): ${trace!.off > 0 ? cost + "% slower" : `no measurable cost (${cost}%, within the noise)`}; explain on takes ${trace!.on.toFixed(1)}× the time of evaluate with explain off`,
  );
  rows.push(target("trace cost when not asked", (trace!.off * 100).toFixed(1) + "%", "≤ 5%", trace!.off <= 0.05));
  return rows;
}
