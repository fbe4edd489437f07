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

/** Labels of the mutants of `region` that no row of `tables` notices. */
async function survivors(region: string, keep: (file: string) => boolean = () => true): Promise<{ count: number; survivors: string[] } | undefined> {
  const loaded = loadPolicyPaths([path.join("policies", region)]);
  const policies = loaded.policies.flatMap((p) => (p.policy ? [p.policy] : []));
  const examples = (await findRegionExamples(policies))[0];
  if (examples === undefined) return undefined;
  const tables = examples.tables.filter((t) => keep(t.file));
  const out: string[] = [];
  let count = 0;
  for (const version of examples.versions) {
    for (const mutant of mutantsOf(version)) {
      count++;
      const evaluators = new Map<CheckedPolicy, Evaluator>(examples.versions.map((v) => [v, createInterpreter(v === version ? mutant.policy : v)]));
      const report = checkRegionExamples(examples.versions, tables, [{ name: "interpreter", evaluatorFor: (p) => evaluators.get(p)! }]);
      if (!report.results.some((r) => r.mismatches.length > 0)) out.push(`${version.meta.effective} ${mutant.label}`);
    }
  }
  return { count, survivors: out };
}

describe("the mutation test can fail", () => {
  it("without 营口's 补充.csv, the cells only it exercises survive (倾斜救助 caps, 低保边缘 倾斜 起付线)", async () => {
    const r = (await survivors("营口市", (file) => !file.endsWith("补充.csv")))!;
    expect(r.survivors).toContain("2023-01-01 倾斜救助 第105行「低保边缘家庭成员」起付线 5000元 → 5001元");
    expect(r.survivors).toContain("2023-01-01 倾斜救助 第104行「低保对象」年度限额 20000元 → 19999元");
  });

  it("mutants cover 起付线 (a written 0 beside 2000元 too), ratios, caps and boundaries, not a boundary between equal ratios", () => {
    const yk = loadPolicyPaths(["policies/营口市"]).policies[0]!.policy!;
    const labels = mutantsOf(yk).map((m) => m.label);
    expect(labels).toContain("基本救助 第87行「特困人员、孤儿、低保对象」起付线 0元 → 1元");
    expect(labels).toContain("基本救助 第88行「低保边缘家庭成员」比例[1] 60% → 59%");
    expect(labels).toContain("基本救助 第89行「因病致贫重病患者」年度限额 20000元 → 20001元");
    const tz = loadPolicyPaths(["policies/台州市"]).policies[0]!.policy!;
    const tzLabels = mutantsOf(tz).map((m) => m.label);
    expect(tzLabels).toContain("住院救助 第72行「低保对象」分段界[1] 50000元 → 49999元");
    expect(tzLabels.filter((l) => l.startsWith("住院救助 第71行") && l.includes("分段界"))).toEqual([]);
  });
});

describe("every table cell is exercised by an example", () => {
  for (const region of regions) {
    it(region, async (ctx) => {
      const r = await survivors(region);
      if (r === undefined) return ctx.skip(); // a 基础政策: its cells are the cities'
      expect(r.count).toBeGreaterThan(0);
      expect(r.survivors, `${r.count} mutants`).toEqual([]);
    });
  }
});
