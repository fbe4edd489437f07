/**
 * `字段 X 类型 默认 值`: the checker reads the default by the field's type (JZ3008 when it is not a
 * value of that type), the IR carries it, validation gives it to a record that omits the field,
 * and both engines then compute with it. A field without a default, omitted, is an error only
 * when a rule reaches it, with the same message in both engines.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HEADER, expectClean, expectDiagnostic } from "./helpers.js";
import { claimSchema } from "../../compiler/claim-schema.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { loadEvaluator } from "../../compiler/module-cache.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { validateClaim } from "../../runtime/claims.js";
import { newLedger, type Evaluator, type Outcome } from "../../runtime/types.js";

const field = (decl: string) => `${HEADER}
身份 低保对象 依据 第二条
${decl}

救助项目 基本救助 依据 第三条
  基数 个人负担
  | 身份     | 比例 |
  | 低保对象 | 70%  |
`;

const defaultOf = (decl: string, name: string) => expectClean(field(decl)).fields.find((f) => f.name === name)?.default;

describe("默认: the checker", () => {
  it("reads the default by the field's type", () => {
    expect(defaultOf("字段 本区 布尔 默认 是 依据 第二条", "本区")).toBe(true);
    expect(defaultOf("字段 本区 布尔 默认 否 依据 第二条", "本区")).toBe(false);
    expect(defaultOf("字段 补助 金额 默认 500元 依据 第二条", "补助")).toBe(50000);
    expect(defaultOf("字段 补助 金额 默认 0.5万元 依据 第二条", "补助")).toBe(500000);
    expect(defaultOf("字段 补助 金额 默认 0 依据 第二条", "补助")).toBe(0);
    expect(defaultOf("字段 自付比例 比例 默认 12.5% 依据 第二条", "自付比例")).toBe(1250);
    expect(defaultOf("字段 认定日期 日期 默认 2023-01-01 依据 第二条", "认定日期")).toBe("2023-01-01");
    expect(defaultOf("字段 来源 文本 默认 本区结算 依据 第二条", "来源")).toBe("本区结算");
    expect(defaultOf("字段 来源 文本 默认 「本区 结算」 依据 第二条", "来源")).toBe("本区 结算");
    expect(defaultOf("字段 本区 布尔 依据 第二条", "本区")).toBeUndefined();
  });

  it("默认 is a keyword only as a whole word", () => {
    expect(defaultOf("字段 默认值 布尔 依据 第二条", "默认值")).toBeUndefined();
  });

  for (const [decl, text] of [
    ["字段 本区 布尔 默认 500元 依据 第二条", "500元"],
    ["字段 本区 布尔 默认 对 依据 第二条", "对"],
    ["字段 补助 金额 默认 是 依据 第二条", "是"],
    ["字段 补助 金额 默认 500 依据 第二条", "500"],
    ["字段 补助 金额 默认 0.001元 依据 第二条", "0.001元"],
    ["字段 自付比例 比例 默认 120% 依据 第二条", "120%"],
    ["字段 认定日期 日期 默认 2023-02-30 依据 第二条", "2023-02-30"],
    ["字段 认定日期 日期 默认 是 依据 第二条", "是"],
    ["字段 病名 清单 默认 感冒 依据 第二条", "感冒"],
  ] as const) {
    it(`JZ3008 ${decl}`, () => {
      expectDiagnostic(field(decl), { code: "JZ3008", line: 6, text });
    });
  }
});

/** Validated like the CLI, then evaluated by one engine on a fresh ledger. */
function run(policy: CheckedPolicy, ev: Evaluator, raw: Record<string, unknown>): Outcome {
  const calc = policy.calculators[0]!;
  const v = validateClaim(raw, claimSchema(policy, calc.fields), 1);
  if (!v.ok) return { ok: false, 错误: v.错误 };
  return ev.evaluate(calc.name, v.claim, newLedger(2023));
}

describe("默认: both engines", () => {
  const src = `${HEADER}
身份 低保对象 依据 第二条
字段 本区 布尔 默认 是 依据 第二条
字段 补助 金额 默认 100元 依据 第二条
字段 转诊 布尔 依据 第二条

救助项目 基本救助 依据 第三条
  条件 本区 依据 第三条
  基数 补助
  | 身份     | 比例 |
  | 低保对象 | 70%  |

救助项目 转诊救助 依据 第四条
  条件 个人负担 > 1000元 且 转诊 依据 第四条
  基数 个人负担
  | 身份     | 比例 |
  | 低保对象 | 10%  |
`;
  let policy: CheckedPolicy;
  const engines: [string, Evaluator][] = [];
  beforeAll(async () => {
    policy = expectClean(src);
    engines.push(["compiled", await loadEvaluator(policy)], ["interpreter", createInterpreter(policy)]);
  });
  const claim = { 身份: "低保对象", 结算日期: "2023-05-01" };
  const amountOf = (o: Outcome) => (o.ok ? o.金额 : o.错误);

  it("a record that omits a field with a default takes the default", () => {
    for (const [engine, ev] of engines) {
      // 本区 默认 是, 补助 默认 100元: 基本救助 100 × 70% = 70.00; 个人负担 500 ≤ 1000, so 转诊 is not reached
      expect(amountOf(run(policy, ev, { ...claim, 个人负担: 500 })), engine).toBe(7000);
      // 本区 written 否: the condition fails, 0
      expect(amountOf(run(policy, ev, { ...claim, 个人负担: 500, 本区: "否" })), engine).toBe(0);
      // 补助 written: 300 × 70% = 210.00
      expect(amountOf(run(policy, ev, { ...claim, 个人负担: 500, 补助: 300 })), engine).toBe(21000);
    }
  });

  it("a field without a default is demanded only when a rule reaches it, named with the rule", () => {
    const messages = engines.map(([, ev]) => run(policy, ev, { ...claim, 个人负担: 2000 }));
    for (const o of messages) {
      expect(o.ok).toBe(false);
      if (!o.ok) expect(o.错误).toBe("缺少字段「转诊」：救助项目「转诊救助」的条件「个人负担 > 1000元 且 转诊」需要此字段");
    }
    // 转诊 written: 基本救助 70.00 + 转诊救助 2000 × 10% = 200.00 → 270.00
    for (const [engine, ev] of engines)
      expect(amountOf(run(policy, ev, { ...claim, 个人负担: 2000, 转诊: true })), engine).toBe(27000);
  });

  it("a record without 个人负担 is refused only when a rule reads it", () => {
    for (const [, ev] of engines) {
      const o = run(policy, ev, { ...claim });
      expect(o.ok).toBe(false);
      if (!o.ok) expect(o.错误).toContain("缺少字段「个人负担」：救助项目「转诊救助」");
    }
  });
});
