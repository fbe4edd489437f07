/**
 * Issue 9 §6: a declared field named like an Object member (`isPrototypeOf`, `constructor`,
 * `toString`) and omitted from a record is missing — not the function Object.prototype lends every
 * object. Validation, generated code and the interpreter all read own properties only.
 * On the old code validation called the inherited function "不是有效的是/否值" and the compiled
 * module computed on `c["constructor"]` (the Object function) for a claim given to evaluate().
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HEADER, expectClean } from "../check/helpers.js";
import { claimSchema } from "../../compiler/claim-schema.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { loadEvaluator } from "../../compiler/module-cache.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { validateClaim } from "../../runtime/claims.js";
import { newLedger, type Claim, type Evaluator, type Outcome } from "../../runtime/types.js";

const src = `${HEADER}
身份 低保对象 依据 第二条
字段 isPrototypeOf 布尔 依据 第二条
字段 constructor 金额 依据 第二条
清单 原因表 依据 第二条
  交通肇事、其他
字段 toString 文本 取值 原因表 依据 第二条

救助项目 甲 依据 第三条
  条件 isPrototypeOf 依据 第三条
  基数 个人负担
  | 身份     | 比例 |
  | 低保对象 | 70%  |

救助项目 乙 依据 第四条
  条件 toString 属于 交通肇事 依据 第四条
  基数 constructor
  | 身份     | 比例 |
  | 低保对象 | 10%  |
`;

describe("fields named like Object members", () => {
  let policy: CheckedPolicy;
  const engines: [string, Evaluator][] = [];
  beforeAll(async () => {
    policy = expectClean(src);
    engines.push(["compiled", await loadEvaluator(policy)], ["interpreter", createInterpreter(policy)]);
  });
  const validate = (raw: Record<string, unknown>) =>
    validateClaim(raw, claimSchema(policy, policy.calculators[0]!.fields), 1);
  const evaluate = (ev: Evaluator, claim: Claim): Outcome => ev.evaluate(policy.calculators[0]!.name, claim, newLedger(2023));

  it("validation takes an omitted isPrototypeOf for missing, not for the inherited function", () => {
    const v = validate({ 身份: "低保对象", 结算日期: "2023-05-01", 个人负担: 1000 });
    expect(v.ok, v.ok ? "" : v.错误).toBe(true);
    if (v.ok) {
      expect(Object.hasOwn(v.claim, "isPrototypeOf")).toBe(false);
      expect(Object.hasOwn(v.claim, "constructor")).toBe(false);
    }
  });

  it("both engines report the omitted field where a rule reaches it", () => {
    const v = validate({ 身份: "低保对象", 结算日期: "2023-05-01", 个人负担: 1000 });
    if (!v.ok) throw new Error(v.错误);
    for (const [engine, ev] of engines) {
      const o = evaluate(ev, v.claim);
      expect(o.ok, engine).toBe(false);
      if (!o.ok) expect(o.错误, engine).toBe("缺少字段「isPrototypeOf」：救助项目「甲」的条件「isPrototypeOf」需要此字段");
    }
  });

  it("an omitted text field named toString is in no set; an omitted amount named constructor is missing", () => {
    // isPrototypeOf 是: 甲 = 1000 × 70% = 700.00; toString absent → 乙's condition is false, constructor not read
    const v = validate({ 身份: "低保对象", 结算日期: "2023-05-01", 个人负担: 1000, isPrototypeOf: "是" });
    if (!v.ok) throw new Error(v.错误);
    for (const [engine, ev] of engines) {
      const o = evaluate(ev, v.claim);
      expect(o.ok && o.金额, engine).toBe(70000);
    }
    // 交通肇事 reaches 乙's 基数 constructor, which the record omits
    const w = validate({ 身份: "低保对象", 结算日期: "2023-05-01", 个人负担: 1000, isPrototypeOf: "是", toString: "交通肇事" });
    if (!w.ok) throw new Error(w.错误);
    for (const [engine, ev] of engines) {
      const o = evaluate(ev, w.claim);
      expect(o.ok, engine).toBe(false);
      if (!o.ok) expect(o.错误, engine).toContain("缺少字段「constructor」：救助项目「乙」的基数");
    }
  });
});
