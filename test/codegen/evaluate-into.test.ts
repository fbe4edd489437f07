/**
 * evaluateInto (runtime/into.ts) must carry exactly what evaluate's Outcome carries (without
 * 计算过程) and update the ledger the same way, while reusing one result object.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicyPaths } from "../../compiler/load.js";
import { intoOf, prepareClaims, type EvaluateInto } from "../../bench/evaluate-bench.js";
import { compileAndLoad, type Loaded } from "./fixtures/load.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { newLedger, type Claim, type Outcome } from "../../runtime/types.js";
import { newOutcomeInto, type OutcomeInto } from "../../runtime/into.js";

let policy: CheckedPolicy;
let L: Loaded;
let into: EvaluateInto;
beforeAll(async () => {
  policy = loadPolicyPaths(["policies/营口市"]).policies[0]!.policy!;
  L = await compileAndLoad(policy);
  into = intoOf(L.module);
});

/** The Outcome an OutcomeInto stands for (same keys, same order as evaluate's). */
function asOutcome(o: OutcomeInto): Outcome {
  if (!o.ok) return { ok: false, 错误: o.错误 };
  const 明细 = Array.from({ length: o.项目数 }, (_, i) =>
    o.说明[i] === undefined
      ? { 项目: o.项目[i]!, 金额: o.项目金额[i]!, 依据: o.依据[i]! }
      : { 项目: o.项目[i]!, 金额: o.项目金额[i]!, 依据: o.依据[i]!, 说明: o.说明[i]! },
  );
  const 其他身份 = Array.from({ length: o.其他数 }, (_, i) => ({ 身份: o.其他身份[i]!, 金额: o.其他金额[i]! }));
  const out: Outcome = { ok: true, 金额: o.金额, 明细, 其他身份 };
  if (o.适用身份 !== undefined) out.适用身份 = o.适用身份;
  if (o.预警跳过数 > 0) out.预警跳过 = o.预警跳过.slice(0, o.预警跳过数);
  if (o.预警数 > 0)
    out.预警 = Array.from({ length: o.预警数 }, (_, i) => ({
      名称: o.预警名称[i]!,
      统计字段: o.预警字段[i]!,
      年度累计: o.预警累计[i]!,
      依据: o.预警依据[i]!,
    }));
  return out;
}

describe("evaluateInto", () => {
  it("gives what evaluate gives, claim by claim, and the same ledgers", () => {
    for (const persons of [50, 2000]) {
      const set = prepareClaims(policy, 3000, persons);
      const a = Array.from({ length: set.persons }, () => newLedger(2023));
      const b = Array.from({ length: set.persons }, () => newLedger(2023));
      const out = newOutcomeInto();
      for (let i = 0; i < set.claims.length; i++) {
        for (const calc of ["医疗救助", "资助参保"]) {
          const c = set.claims[i]!;
          const want = L.module.evaluate(calc, c, a[set.who[i]!]!);
          into(calc, c, b[set.who[i]!]!, out);
          expect(JSON.stringify(asOutcome(out))).toBe(JSON.stringify(want));
        }
      }
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    }
  });

  it("reports errors (missing field, unknown calculator) and leaves the ledger untouched", () => {
    const set = prepareClaims(policy, 200, 10);
    const c = set.claims.find((x) => x.就诊类型 === "住院")!;
    const broken: Claim = { ...c };
    delete broken.个人负担;
    const ledger = newLedger(2023);
    const out = newOutcomeInto();
    into("医疗救助", broken, ledger, out);
    expect(asOutcome(out)).toEqual(L.module.evaluate("医疗救助", broken, newLedger(2023)));
    expect(out.ok).toBe(false);
    expect(ledger).toEqual(newLedger(2023));
    into("没有", c, ledger, out);
    expect(out).toMatchObject({ ok: false, 错误: "本政策没有计算器「没有」" });
  });
});
