/**
 * Issue 11 "Done when": changing any single amount in a policy's tables makes the region's example
 * tables fail. Every cell of every version of every region is moved up and down by one step
 * (test/golden/mutants.ts) and the region's 例/*.csv run on the mutant with the interpreter, the
 * same checkRegionExamples `jiuzhu test` uses; a mutant no row notices is a cell no example
 * exercises, listed by item, line, identities and column.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { loadPolicyPaths } from "../../compiler/load.js";
import type { Evaluator } from "../../runtime/types.js";
import { checkRegionExamples, findRegionExamples } from "../../cli/examples/index.js";
import { mutantsOf } from "./mutants.js";

const regions = readdirSync("policies").filter((d) => statSync(path.join("policies", d)).isDirectory());

describe("every table cell is exercised by an example", () => {
  for (const region of regions) {
    it(region, async (ctx) => {
      const loaded = loadPolicyPaths([path.join("policies", region)]);
      const policies = loaded.policies.flatMap((p) => (p.policy ? [p.policy] : []));
      const examples = (await findRegionExamples(policies))[0];
      if (examples === undefined) return ctx.skip(); // a 基础政策: its cells are the cities'
      const survivors: string[] = [];
      let count = 0;
      for (const version of examples.versions) {
        for (const mutant of mutantsOf(version)) {
          count++;
          const evaluators = new Map<CheckedPolicy, Evaluator>(examples.versions.map((v) => [v, createInterpreter(v === version ? mutant.policy : v)]));
          const report = checkRegionExamples(examples.versions, examples.tables, [
            { name: "interpreter", evaluatorFor: (p) => evaluators.get(p)! },
          ]);
          if (!report.results.some((r) => r.mismatches.length > 0)) survivors.push(`${version.meta.effective} ${mutant.label}`);
        }
      }
      expect(count).toBeGreaterThan(0);
      expect(survivors, `${count} mutants`).toEqual([]);
    });
  }
});
