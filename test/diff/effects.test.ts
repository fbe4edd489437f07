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

describe("保证 on both sides", () => {
  it("reports the 保证 the revision breaks, with a counterexample", async () => {
    const { guaranteeChanges } = await import("../../compiler/diff/guarantees.js");
    const g = guaranteeChanges(old, neu, { runs: 300, seed: 20240601 });
    // by hand: at a large burden 低保边缘 gets 基本 2万 + 倾斜 1.8万 = 3.8万元; 因病致贫 old 2万 + 1.5万 = 3.5万
    // (holds), new 2万 + 2万 = 4万 > 3.8万 (fails). 倾斜 cap 2万 > the 1.5万 the year 保证 states: fails.
    const byName = new Map(g.map((x) => [x.name, x]));
    expect(byName.get("低保边缘不低于因病致贫")).toMatchObject({ old: "holds", new: "fails" });
    expect(byName.get("低保边缘不低于因病致贫")!.counterexample).toMatch(/最小反例/);
    expect(byName.get("因病致贫倾斜救助全年不超过年度限额")).toMatchObject({ old: "holds", new: "fails" });
    // unchanged outcomes are not listed
    expect(byName.has("不超过个人负担")).toBe(false);
  });
});

describe("witnesses beyond the smallest: largest gain, largest loss, typical", () => {
  it("因病致贫重病患者 规范转诊 (cap 1.5万元 → 2万元): by hand", () => {
    const r = diffPolicies({ policy: old }, { policy: neu }, { witnesses: false });
    const g = r.impact.groups.find((x) => x.identities.join() === "因病致贫重病患者" && x.cases.some((c) => c.includes("规范转诊")) && x.pieces.some((p) => p.deltaTo === null && p.deltaFrom === 500000))!;
    expect(g).toBeDefined();
    // 基本 (x − 5000)×50% capped 2万 (from x = 45000); 倾斜 (x − 20000 − 10000)×50% capped 1.5万 at x = 60000
    // (old) and 2万 at x = 70000 (new). Largest gain +5000元, first reached at 70000元: 35000 → 40000.
    // Typical: the middle of 60000–70000 = 65000元: old 20000 + 15000; new 20000 + (65000−30000)×50% = 37500.
    expect(g.examples).toEqual([
      { kind: "最大增加", burden: 7_000_000, old: 3_500_000, new: 4_000_000 },
      { kind: "典型", burden: 6_500_000, old: 3_500_000, new: 3_750_000 },
    ]);
  });
});

describe("预警 a new identity joins silently", () => {
  it("困境儿童 falls under the two '非 身份 属于 …' 预警 whose text did not change; the explicit one is not repeated", () => {
    const r = diffPolicies({ policy: old }, { policy: neu }, { witnesses: false });
    const joins = r.changes.filter((c) => c.path[1] === "触发身份").map((c) => c.path[0]);
    expect(joins).toEqual(["因病致贫风险居民医保", "因病致贫风险职工医保"]);
  });
});
