/**
 * 分段 按年 与 <项目> 共用: one year segment position for two items (台州: 特殊病种门诊 按住院标准, so
 * the 5万 threshold counts 住院 and 门诊慢特病 together). Checker errors, and both engines on a
 * hand-computed sequence: 住院 40000 then 门诊慢特病 20000 at 60% to 5万 and 80% above.
 * 住院: 40000*60% = 24000. 门诊: (50000 − 40000)*60% + (60000 − 50000)*80% = 6000 + 8000 = 14000
 * (without sharing it would be 20000*60% = 12000).
 */
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../grammar/index.js";
import { checkPolicy } from "../../compiler/check.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { loadEvaluator } from "../../compiler/module-cache.js";
import { validateClaim } from "../../runtime/claims.js";
import { newLedger } from "../../runtime/types.js";
import { MAIN_CALCULATOR, type CheckedPolicy } from "../../compiler/ir.js";
import { HEADER } from "./helpers.js";

const policy = (share: string) => `${HEADER}
身份 低保对象 依据 第二条

救助项目 住院救助 依据 第三条
  适用 住院
  分段 按年
  | 身份     | 比例（0至5万元） | 比例（5万元以上） |
  | 低保对象 | 60%             | 80%              |

救助项目 门诊救助 依据 第三条
  适用 门诊慢特病
  ${share}
  | 身份     | 比例（0至5万元） | 比例（5万元以上） |
  | 低保对象 | 60%             | 80%              |
`;
const check = (src: string) => checkPolicy(parsePolicy("x.jz", src).ast, { source: src });

describe("分段 按年 与 <项目> 共用", () => {
  it("both engines count one position for both items", async () => {
    const r = check(policy("分段 按年 与 住院救助 共用"));
    expect(r.diagnostics.filter((d) => d.severity === "错误")).toEqual([]);
    const p = r.policy as CheckedPolicy;
    expect(p.items.find((i) => i.name === "门诊救助")!.segmentShare).toBe("住院救助");
    const calc = p.calculators.find((k) => k.name === MAIN_CALCULATOR)!;
    for (const e of [createInterpreter(p), await loadEvaluator(p)]) {
      const ledger = newLedger(2023);
      const pay = (就诊类型: string, 个人负担: number, 结算日期: string) => {
        const v = validateClaim({ 就诊类型, 个人负担, 结算日期, 身份: ["低保对象"] }, { fields: p.fields, identityNames: p.identityNames, calculatorFields: calc.fields }, 1);
        if (!v.ok) throw new Error(v.错误);
        const o = e.evaluate(MAIN_CALCULATOR, v.claim, ledger, {});
        if (!o.ok) throw new Error(o.错误);
        return o.金额;
      };
      expect(pay("住院", 40000, "2023-03-01")).toBe(2_400_000); // 40000*60%
      expect(pay("门诊慢特病", 20000, "2023-04-01")).toBe(1_400_000); // 10000*60% + 10000*80%
    }
  });

  it("errors: unknown item (JZ2003), 按次 (JZ4017), itself (JZ4017), a partner not itself 按年 or on another basis (JZ4017)", () => {
    const codes = (line: string, src = policy(line)) => check(src).diagnostics.filter((d) => d.severity === "错误").map((d) => d.code);
    expect(codes("分段 按年 与 住院 共用")).toEqual(["JZ2003"]);
    expect(codes("分段 按次 与 住院救助 共用")).toEqual(["JZ4017"]);
    expect(codes("分段 按年 与 门诊救助 共用")).toEqual(["JZ4017"]); // itself
    // a partner counting its thresholds before the deductible moves the position by a different amount
    expect(codes("x", policy("分段 按年 与 住院救助 共用").replace("  适用 住院\n  分段 按年\n", "  适用 住院\n  分段 按年 起付线前\n"))).toEqual(["JZ4017"]);
    expect(codes("x", policy("分段 按年 起付线前 与 住院救助 共用").replace("  适用 住院\n  分段 按年\n", "  适用 住院\n  分段 按年 起付线前\n"))).toEqual([]);
    expect(codes("x", policy("分段 按年 与 住院救助 共用").replace("  适用 住院\n  分段 按年\n", "  适用 住院\n"))).toEqual(["JZ4017"]);
  });
});
