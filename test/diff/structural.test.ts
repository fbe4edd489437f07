import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { structuralDiff } from "../../compiler/diff/structural.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { clone, load, REFORMATTED, VARIANT, YINGKOU } from "./_load.js";
import { changeLine } from "../../compiler/diff/report-common.js";

const base = load(YINGKOU);

/** Every table cell that holds a number: [item, row identity, parameter]. */
function cells(p: CheckedPolicy): [string, string, "起付线" | "比例" | "年度限额"][] {
  const out: [string, string, "起付线" | "比例" | "年度限额"][] = [];
  for (const i of p.items)
    for (const [r, row] of Object.entries(i.rows))
      if (row.kind === "params" && row.flat === null) {
        out.push([i.name, r, "起付线"], [i.name, r, "比例"]);
        if (row.annualCap !== null) out.push([i.name, r, "年度限额"]);
      }
  return out;
}

describe("structural diff", () => {
  it("a policy against itself is empty", () => {
    expect(structuralDiff(base, clone(base))).toEqual([]);
  });

  it("a reformatted, reordered, re-commented copy is no change", () => {
    expect(structuralDiff(base, load(REFORMATTED))).toEqual([]);
  });

  it("property: changing one cell's number is reported, naming item, identity and parameter", () => {
    const all = cells(base);
    fc.assert(
      fc.property(fc.nat({ max: all.length - 1 }), fc.integer({ min: 1, max: 5000 }), (k, bump) => {
        const [item, r, param] = all[k]!;
        const p = clone(base);
        const rows = p.items.find((i) => i.name === item)!.rows;
        // the checker shares one row object among the identities of a table row: change only r's
        const row = (rows[r] = clone(rows[r]!));
        if (row.kind !== "params") return;
        if (param === "起付线") row.deductible += bump * 100;
        if (param === "比例") row.segments[0]!.bp = (row.segments[0]!.bp + bump) % 10000; // never back to itself
        if (param === "年度限额") row.annualCap! += bump * 100;
        expect(structuralDiff(p, clone(p))).toEqual([]);
        const changes = structuralDiff(base, p);
        expect(changes).toHaveLength(1);
        const c = changes[0]!;
        expect(c.category).toBe("表格");
        expect(c.path[0]).toBe(item);
        expect(c.path[1]).toBe(r);
        expect(c.path[2]).toBe(param);
        expect(c.behavioural).toBe(true);
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it("names the 营口 2024 variant's changes with old → new and 依据", () => {
    const lines = structuralDiff(base, load(VARIANT)).map(changeLine);
    expect(lines).toEqual([
      "文号：营政办发〔2022〕23号 → 营政办发〔2024〕8号",
      "生效：2023-01-01 → 2024-06-01（依据 旧：第三十三条；新：第三十四条）",
      "特困人员 · 别名：新增 分散供养特困人员（依据 第五条（一））",
      "基本救助 · 低保边缘家庭成员 · 比例：60% → 65%（依据 第十一条（一）1、2、3）",
      "倾斜救助 · 低保边缘家庭成员 · 起付线：5000元 → 4000元（依据 第十一条（二）1、2、3）",
      "倾斜救助 · 因病致贫重病患者 · 年度限额：1.5万元 → 2万元（依据 第十一条（二）1、2、3）",
    ]);
  });

  it("rows changed the same way are merged as the document groups them", () => {
    const p = clone(base);
    for (const r of ["特困人员", "孤儿", "低保对象"]) {
      const row = p.items.find((i) => i.name === "基本救助")!.rows[r]!;
      if (row.kind === "params") row.segments[0]!.bp = 7500;
    }
    expect(structuralDiff(base, p).map(changeLine)).toEqual(["基本救助 · 特困人员、孤儿、低保对象 · 比例：70% → 75%（依据 第十一条（一）1、2、3）"]);
  });

  it("identities, 参照, items, conditions, lists, exclusions added and removed", () => {
    const p = clone(base);
    p.identities = p.identities.filter((i) => i.name !== "孤儿");
    p.identities.find((i) => i.name === "返贫致贫人口")!.treatAs["倾斜救助"] = "特困人员";
    const 倾斜 = p.items.find((i) => i.name === "倾斜救助")!;
    倾斜.conditions = [];
    p.lists[0]!.members.push("精神分裂症");
    p.exclusions = p.exclusions.slice(1);
    p.items = p.items.filter((i) => i.name !== "按床日定额救助");
    const lines = structuralDiff(base, p).map(changeLine);
    expect(lines).toContain("删除身份：孤儿（依据 第五条（二））");
    expect(lines).toContain("返贫致贫人口 · 参照 · 倾斜救助：低保对象 → 特困人员（依据 第五条（五）、第十一条（二））");
    expect(lines).toContain("倾斜救助 · 条件：删除 规范转诊 且 就医地 属于 市域内、省内市外（依据 第十一条（二））");
    expect(lines).toContain("严重精神障碍 · 病种：新增 精神分裂症（依据 第十一条（二）4）");
    expect(lines).toContain("医疗救助 · 不予救助：删除 非 参保（依据 第五条）");
    expect(lines).toContain("删除救助项目：按床日定额救助（依据 第十一条（二）4）");
  });
});
