/**
 * 营口 第十一条（二）4: 按床日定额 REPLACES fee-based assistance for a 严重精神障碍 stay of
 * 特困人员、孤儿、低保对象 (and 返贫致贫人口, 参照 低保对象). The document gives no 定额, so the shipped
 * policy answers 未规定; here the 未规定 cell is replaced by a made-up 定额 of 100元 so the
 * composition is visible: the stay must pay exactly the 定额, not 定额 + 基本救助 + 倾斜救助.
 * Hand arithmetic: 个人负担 10000, 规范转诊, 低保对象. Fee-based would be 10000*70% + (10000 − 7000 − 3000)*70%
 * = 7000; the replacement pays 100 (定额) + 0 + 0 = 100. Both engines.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../grammar/index.js";
import { checkPolicy } from "../../compiler/check.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { loadEvaluator } from "../../compiler/module-cache.js";
import { validateClaim } from "../../runtime/claims.js";
import { newLedger, type Evaluator } from "../../runtime/types.js";
import { MAIN_CALCULATOR, type CheckedPolicy } from "../../compiler/ir.js";

const FILE = "policies/营口市/2023-01-01.jz";
// the row as `jiuzhu fmt` lays it out (any spacing would do: the replacement keeps it)
const ROW = /\| 特困人员、孤儿、低保对象 +\| 未规定 \|/;

function withFlat(): CheckedPolicy {
  const text = readFileSync(FILE, "utf8");
  expect(text).toMatch(ROW);
  const src = text.replace(ROW, "| 特困人员、孤儿、低保对象 | 100元  |");
  const r = checkPolicy(parsePolicy(FILE, src).ast, { source: src });
  if (!r.policy) throw new Error(JSON.stringify(r.diagnostics.slice(0, 3)));
  return r.policy;
}

const run = (p: CheckedPolicy, e: Evaluator, claim: Record<string, unknown>) => {
  const calc = p.calculators.find((k) => k.name === MAIN_CALCULATOR)!;
  const v = validateClaim(claim, { fields: p.fields, identityNames: p.identityNames, calculatorFields: calc.fields }, 1);
  if (!v.ok) throw new Error(v.错误);
  const o = e.evaluate(MAIN_CALCULATOR, v.claim, newLedger(2023), {});
  if (!o.ok) throw new Error(o.错误);
  return { total: o.金额, lines: Object.fromEntries(o.明细.map((l) => [l.项目, l.金额])) };
};

describe("营口 按床日定额 replaces fee-based assistance (第十一条（二）4)", () => {
  const claim = (ids: string[], 病种: string[]) => ({
    就诊类型: "住院", 结算日期: "2023-03-01", 身份: ids, 个人负担: 10000, 规范转诊: true, 病种,
  });
  it("a 低保对象 / 返贫致贫人口 stay pays the 定额 only; without the 病种 it is fee-based (7000)", async () => {
    const p = withFlat();
    for (const e of [createInterpreter(p), await loadEvaluator(p)]) {
      for (const id of ["低保对象", "返贫致贫人口"])
        expect(run(p, e, claim([id], ["严重精神障碍"]))).toEqual({
          total: 10000, // 100元 定额 = 10000 分
          lines: { 基本救助: 0, 倾斜救助: 0, 按床日定额救助: 10000 },
        });
      expect(run(p, e, claim(["低保对象"], [])).total).toBe(700000); // 10000*70% + max(0, 3000 − 3000)*70% = 7000元
    }
  });
});
