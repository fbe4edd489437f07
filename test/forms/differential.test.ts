/**
 * Compiled module ≡ reference interpreter on random people of 4–8 claims (shared ledgers, years,
 * identities) for the 试点市 fixture, which uses every form of issue 10 §2: 限额组 by identity,
 * 分段 按年 起付线前, 提高 N个百分点, 比例/起付线 同, 较小值.
 */
import { expect, it } from "vitest";
import fc from "fast-check";
import { loadPolicyPaths } from "../../compiler/load.js";
import { loadEvaluator } from "../../compiler/module-cache.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { runs } from "../properties/config.js";
import { differential, MIN_CLAIMS_PER_PERSON } from "../properties/props-diff.js";

it("compiled ≡ interpreter: 试点市 (every new form)", async () => {
  const r = loadPolicyPaths(["test/forms/policies/试点市"]);
  const policy = r.policies[0]?.policy;
  expect(r.diagnostics.filter((d) => d.severity === "错误")).toEqual([]);
  const compiled = await loadEvaluator(policy!);
  const counter = { claims: 0 };
  const people = Math.ceil(3000 / MIN_CLAIMS_PER_PERSON);
  fc.assert(differential(createInterpreter(policy!), counter)({ policy: policy!, ev: compiled }), { ...runs(1), numRuns: people });
  expect(counter.claims).toBeGreaterThanOrEqual(3000);
});
