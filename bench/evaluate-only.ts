/**
 * Section 3 of the bench alone (evaluate, compiled vs hand-written, both populations), for quick
 * measurements while tuning generated code: `npx tsc -p tsconfig.build.json && node
 * dist/bench/evaluate-only.js [rounds]`. Agreement is checked first, as in the full bench.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPolicyPaths } from "../compiler/load.js";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import { cacheKey, cacheRoot, loadEvaluator } from "../compiler/module-cache.js";
import { loadCopy } from "./trace-free.js";
import { PERSONS } from "./claims.js";
import { agreement, intoOf, measure, prepareClaims } from "./evaluate-bench.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const POLICY_DIR = "policies/营口市";
const POLICY_FILE = "policies/营口市/2023-01-01.jz";
const CLAIMS = 100_000;

process.chdir(ROOT);
const rounds = Number(process.argv[2] ?? 5);
const policy = loadPolicyPaths([POLICY_DIR]).policies.find((p) => p.file === POLICY_FILE)?.policy;
if (!policy) throw new Error(`${POLICY_FILE} does not load`);
const ev = await loadEvaluator(policy);
// evaluateInto from its own module instance (as in the full bench): no feedback shared with evaluate
const dir = path.join(await cacheRoot(), await cacheKey(policy));
const { file } = JSON.parse(await readFile(path.join(dir, "module.json"), "utf8")) as { file: string };
const tmp = await mkdtemp(path.join(os.tmpdir(), "jiuzhu-evaluate-only-"));
const into = intoOf((await loadCopy(dir, file, false, tmp)).module);
for (const persons of [PERSONS, 500]) {
  const set = prepareClaims(policy, CLAIMS, persons);
  const a = agreement(ev, set);
  if (a.mismatches > 0) throw new Error(`compiled disagrees on ${a.mismatches} claims; ${a.first}`);
  const b = agreement(ev, set, {}, into);
  if (b.mismatches > 0) throw new Error(`evaluateInto disagrees on ${b.mismatches} claims; ${b.first}`);
  const r = measure(
    set,
    [
      { name: "hand", hand: true },
      { name: "compiled", ev, opts: { explain: false } },
      { name: "into", into },
    ],
    rounds,
    300,
  );
  const h = r.get("hand")!.claimsPerSec;
  const c = r.get("compiled")!.claimsPerSec;
  const i = r.get("into")!.claimsPerSec;
  const f = (x: number) => Math.round(x).toLocaleString("en") + "/s";
  console.log(
    `${set.persons.toLocaleString("en")} persons: hand ${f(h)}, evaluate ${f(c)} (${(c / h).toFixed(2)}×), evaluateInto ${f(i)} (${(i / h).toFixed(2)}×)`,
  );
}
await rm(tmp, { recursive: true, force: true });
