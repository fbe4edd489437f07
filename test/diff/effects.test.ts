/** Issue 16 §2: changes that cannot move money say so and why; the others keep 影响金额 是. */
import { describe, expect, it } from "vitest";
import { diffPolicies } from "../../compiler/diff/index.js";
import { clone, load, YINGKOU } from "./_load.js";

const old = load(YINGKOU);
const neu = load("test/diff/fixtures/营口市-2024.jz");
const find = (r: ReturnType<typeof diffPolicies>, item: string, row: string, param: string) =>
  r.changes.find((c) => c.path[0] === item && c.path[1] === row && c.path[2] === param)!;

describe("changes linked to their effects", () => {
  const r = diffPolicies({ policy: old }, { policy: neu }, { witnesses: false });

  it("70% split into 70%/70%: cannot move money, the ratios are the same", () => {
    expect(find(r, "倾斜救助", "特困人员、孤儿、低保对象", "分段").effect).toMatch(/^不能改变金额：各段比例都是 70%/);
  });

  it("50%→60% above 5万元 under a 2万元 cap: 5万元×50% = 2.5万元 ≥ 2万元, the cap is reached first", () => {
    expect(find(r, "倾斜救助", "因病致贫重病患者", "分段").effect).toMatch(/5万元以上部分的比例不起作用.*5万元×50%≥2万元/);
  });

  it("the cap change itself and the deductible moves money: no effect note", () => {
    expect(find(r, "倾斜救助", "因病致贫重病患者", "年度限额").effect).toBeUndefined();
    expect(find(r, "基本救助", "低保边缘家庭成员", "起付线").effect).toBeUndefined();
  });

  it("with a 3万元 cap the 5万元 segment is reachable (2.5万元 < 3万元): no effect note", () => {
    const n = clone(neu);
    const row = n.items.find((i) => i.name === "倾斜救助")!.rows["因病致贫重病患者"]!;
    if (row.kind !== "params") throw new Error("row");
    row.annualCap = 3_000_000;
    const r2 = diffPolicies({ policy: old }, { policy: n }, { witnesses: false });
    expect(find(r2, "倾斜救助", "因病致贫重病患者", "分段").effect).toBeUndefined();
  });
});
