/**
 * Every region's officers' example tables (policies/<地区>/例/*.csv, hand-computed from the
 * document with the 算式 beside each amount) on BOTH engines, through the same code `jiuzhu test`
 * uses (cli/examples). A region folder without tables fails here: the README's 新增地区 checklist.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { loadPolicyPaths } from "../../compiler/load.js";
import { loadEvaluator } from "../../compiler/module-cache.js";
import type { Evaluator } from "../../runtime/types.js";
import { checkRegionExamples, findRegionExamples, renderMismatch, type RegionExamples } from "../../cli/examples/index.js";
import type { Claim } from "../../runtime/types.js";
import { ALWAYS_KEPT, evaluateReading } from "../fields-read.js";

const regions = readdirSync("policies").filter((d) => statSync(path.join("policies", d)).isDirectory());

for (const region of regions) {
  describe(`例 ${region}`, () => {
    let examples: RegionExamples | undefined;
    const compiled = new Map<CheckedPolicy, Evaluator>();
    const interpreted = new Map<CheckedPolicy, Evaluator>();

    beforeAll(async () => {
      const loaded = loadPolicyPaths([path.join("policies", region)]);
      expect(loaded.diagnostics.filter((d) => d.severity === "错误")).toEqual([]);
      const policies = loaded.policies.flatMap((p) => (p.policy ? [p.policy] : []));
      examples = (await findRegionExamples(policies))[0];
      for (const p of examples?.versions ?? []) {
        compiled.set(p, await loadEvaluator(p));
        interpreted.set(p, createInterpreter(p));
      }
    });

    it("every row of 例/*.csv gives what the document says, on both engines", (ctx) => {
      if (examples === undefined) {
        // a 基础政策 cannot compute alone: its cells are exercised through the cities based on it
        ctx.skip();
        return;
      }
      const report = checkRegionExamples(examples.versions, examples.tables, [
        { name: "compiled", evaluatorFor: (p) => compiled.get(p)! },
        { name: "interpreter", evaluatorFor: (p) => interpreted.get(p)! },
      ]);
      expect(examples.notes).toEqual([]);
      expect(report.errors).toEqual([]);
      expect(report.results.filter((r) => r.mismatches.length > 0).map(renderMismatch)).toEqual([]);
      expect(report.rows, "at least 20 hand-computed examples").toBeGreaterThanOrEqual(20);
    });

    // issue 9 §1 / issue 11 §3: a row carries only the fields its claim's evaluation reads (the
    // interpreter reads a field only when a rule reaches it), so the tables show what each case needs
    it("every row that computes is in its minimal form: each field given is read", (ctx) => {
      if (examples === undefined) return ctx.skip();
      const reads = new Map<Claim, Set<string>>();
      const report = checkRegionExamples(examples.versions, examples.tables, [
        {
          name: "interpreter",
          evaluatorFor: (p) => ({
            evaluate: (calculator, claim, ledger, options) => {
              const { outcome, read } = evaluateReading(interpreted.get(p)!, calculator, claim, ledger, options);
              reads.set(claim, read);
              return outcome;
            },
          }),
        },
      ]);
      const padded: string[] = [];
      for (const r of report.results) {
        const read = r.claim && reads.get(r.claim);
        if (!r.outcome.ok || read === undefined) continue;
        const unread = Object.keys(r.row.record).filter((k) => r.row.record[k] !== "" && !read.has(k) && !ALWAYS_KEPT.includes(k));
        if (unread.length > 0) padded.push(`${r.row.where}：${unread.join("、")}`);
      }
      expect(padded).toEqual([]);
    });
  });
}
