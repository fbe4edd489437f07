/**
 * The five policies use the new forms where they say the document more directly; each rewrite
 * must keep the parameters the old tables spelled out (the golden cases keep the amounts).
 */
import { describe, expect, it } from "vitest";
import { loadPolicyPaths } from "../../compiler/load.js";
import type { CheckedPolicy } from "../../compiler/ir.js";

const load = (region: string): CheckedPolicy => {
  const r = loadPolicyPaths([`policies/${region}`]);
  const p = r.policies[0]?.policy;
  if (!p) throw new Error(JSON.stringify(r.diagnostics.slice(0, 3)));
  return p;
};

const segs = (p: CheckedPolicy, item: string, id: string) => {
  const row = p.items.find((i) => i.name === item)!.rows[id]!;
  return row.kind === "params" ? { d: row.deductible, s: row.segments } : "未规定";
};

describe("台州市: 提高 5个百分点, 特殊病种门诊 同 住院救助", () => {
  const p = load("台州市");
  it("住院救助: the old | 比例（0至5万元） | 比例（5万元以上） | values, written 提高 5个百分点", () => {
    const at = (lo: number, hi: number) => [
      { from: 0, to: 5_000_000, bp: lo },
      { from: 5_000_000, to: null, bp: hi },
    ];
    expect(segs(p, "住院救助", "特困供养人员")).toEqual({ d: 0, s: at(10000, 10000) });
    expect(segs(p, "住院救助", "低保对象")).toEqual({ d: 0, s: at(7000, 7500) });
    expect(segs(p, "住院救助", "低保边缘对象")).toEqual({ d: 0, s: at(6000, 6500) });
    expect(segs(p, "住院救助", "因病致贫对象")).toEqual({ d: 0, s: at(5000, 5500) });
    expect(segs(p, "住院救助", "其他特殊困难人员")).toBe("未规定");
  });
  it("特殊病种门诊救助 has exactly 住院救助's ratios and deductibles, and no caps of its own", () => {
    const hosp = p.items.find((i) => i.name === "住院救助")!;
    const out = p.items.find((i) => i.name === "特殊病种门诊救助")!;
    expect(Object.keys(out.rows).sort()).toEqual(Object.keys(hosp.rows).sort());
    for (const id of Object.keys(hosp.rows)) {
      expect(segs(p, "特殊病种门诊救助", id)).toEqual(segs(p, "住院救助", id));
      const r = out.rows[id]!;
      if (r.kind === "params") expect([r.annualCap, r.perClaimCap, r.flat]).toEqual([null, null, null]);
    }
  });
});
