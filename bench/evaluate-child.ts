/**
 * One evaluate measurement in a fresh process (bench/evaluate-fork.ts starts it): the claims are
 * regenerated from the seed, the module is imported, and one variant is timed alone. Each variant
 * in its own process means no variant's type feedback, optimised code or garbage lands in
 * another's measurement (in one process, the allocating variants' GC work and the shared
 * runtime's polymorphic feedback skewed the others by ±25%).
 * Usage: node evaluate-child.js <ir.json> <variant> <module.js|-> <persons> <claims> <rounds> <roundMs>
 * Prints one JSON line: { claimsPerSec, checksum }.
 * Variant "pair" takes two modules joined by "|" and times evaluateInto of both in alternating
 * rounds in this one process (same claims in memory, same machine moment): it prints the second's
 * claims/s over the first's as claimsPerSec. For differences smaller than the noise between
 * processes (the trace when off).
 */
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { CheckedPolicy } from "../compiler/ir.js";
import type { Evaluator } from "../runtime/types.js";
import { intoOf, ledgerMaker, measure, prepareClaims } from "./evaluate-bench.js";

export type Variant = "hand" | "into" | "evaluate" | "explain" | "pair";

const [irFile, variant, moduleFile, persons, claims, rounds, roundMs] = process.argv.slice(2);
const policy = JSON.parse(await readFile(irFile!, "utf8")) as CheckedPolicy;
const set = prepareClaims(policy, Number(claims), Number(persons));
const v = variant as Variant;
if (v === "pair") {
  const [a, b] = await Promise.all(moduleFile!.split("|").map((f) => import(pathToFileURL(f).href)));
  const r = measure(
    set,
    [
      { name: "a", into: intoOf(a), ledger: ledgerMaker(a) },
      { name: "b", into: intoOf(b), ledger: ledgerMaker(b) },
    ],
    Number(rounds),
    Number(roundMs),
  );
  const rel = r.get("b")!.claimsPerSec / r.get("a")!.claimsPerSec;
  process.stdout.write(JSON.stringify({ claimsPerSec: rel, checksum: r.get("a")!.checksum }) + "\n");
  process.exit(0);
}
const mod = moduleFile === "-" ? undefined : ((await import(pathToFileURL(moduleFile!).href)) as Evaluator);
const spec =
  v === "hand"
    ? { name: v, hand: true }
    : v === "into"
      ? { name: v, into: intoOf(mod), ledger: ledgerMaker(mod) }
      : { name: v, ev: mod!, opts: { explain: v === "explain" }, ledger: ledgerMaker(mod) };
const r = measure(set, [spec], Number(rounds), Number(roundMs)).get(v)!;
process.stdout.write(JSON.stringify(r) + "\n");
