/**
 * Sections 3, 4 and 5 of the bench alone (evaluate, compiled vs hand-written, both populations, and
 * the trace), for quick measurements while tuning generated code: `npx tsc -p
 * tsconfig.build.json && node dist/bench/evaluate-only.js`. Same code as in `npm run bench`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPolicyPaths } from "../compiler/load.js";
import { evaluateSections } from "./evaluate-section.js";
import { peerbenchSection } from "./peerbench.js";
import { table } from "./report.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const POLICY_FILE = "policies/营口市/2023-01-01.jz";

process.chdir(ROOT);
const policy = loadPolicyPaths(["policies/营口市"]).policies.find((p) => p.file === POLICY_FILE)?.policy;
if (!policy) throw new Error(`${POLICY_FILE} does not load`);
const tmp = await mkdtemp(path.join(os.tmpdir(), "jiuzhu-evaluate-only-"));
try {
  const rows = [...(await evaluateSections(policy, tmp)), ...(await peerbenchSection(ROOT, tmp))];
  console.log();
  table(["measure", "result", "target", ""], rows);
} finally {
  await rm(tmp, { recursive: true, force: true });
}
