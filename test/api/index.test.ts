/**
 * The library entry point (`import … from "jiuzhu"`) exposes what the README lists, and those
 * functions compute a claim end to end: load → check → interpreter, and compile → module.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as jiuzhu from "../../index.js";
import * as compiler from "../../compiler/index.js";

const policyDir = fileURLToPath(new URL("../../policies/营口市", import.meta.url));

describe("library entry point", () => {
  it("exports the functions the README names", () => {
    for (const name of [
      "loadPolicyPaths",
      "selectVersion",
      "checkPolicy",
      "compilePolicy",
      "writeCompiled",
      "loadEvaluator",
      "createInterpreter",
      "renderDiagnostics",
      "diffPolicies",
      "newLedger",
      "validateClaim",
      "claimSchema",
    ]) {
      expect(typeof (jiuzhu as Record<string, unknown>)[name], name).toBe("function");
    }
    expect(typeof compiler.parsePolicy).toBe("function");
    expect(typeof compiler.diff.structuralDiff).toBe("function");
  });

  it("loads 营口市 and computes a 特困人员 stay with the interpreter and the compiled module", async () => {
    const loaded = jiuzhu.loadPolicyPaths([policyDir]);
    expect(loaded.diagnostics.filter((d) => d.severity === "错误")).toEqual([]);
    const versions = loaded.policies.flatMap((p) => (p.policy ? [p.policy] : []));
    const policy = jiuzhu.selectVersion(versions, "2023-02-10");
    expect(policy).toBeDefined();
    // 第十一条（一）（二）: 特困 no deductible; 基本 10000×70% = 7000; 倾斜 (10000−7000)×70% = 2100
    const raw = { 身份: ["特困人员"], 就诊类型: "住院", 结算日期: "2023-02-10", 个人负担: "10000.00", 规范转诊: true };
    const calc = policy!.calculators.find((c) => c.name === jiuzhu.MAIN_CALCULATOR)!;
    const valid = jiuzhu.validateClaim(raw, jiuzhu.claimSchema(policy!, calc.fields), 1);
    expect(valid.ok).toBe(true);
    if (!valid.ok) return;
    const claim = valid.claim;
    for (const evaluator of [jiuzhu.createInterpreter(policy!), await jiuzhu.loadEvaluator(policy!)]) {
      const out = evaluator.evaluate(jiuzhu.MAIN_CALCULATOR, claim, jiuzhu.newLedger(2023));
      expect(out.ok).toBe(true);
      if (out.ok) expect(out.金额).toBe(910_000);
    }
  });
});
