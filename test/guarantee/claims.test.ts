/** The claim generator: every record it makes is valid for the policy and in the version's period. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { claimArbitrary, fenText, MAX_AMOUNT } from "../../compiler/guarantee/index.js";
import { loadPolicyPaths } from "../../compiler/load.js";
import { validateClaim } from "../../runtime/claims.js";

const policies = loadPolicyPaths(["policies"]).policies.flatMap((p) => (p.policy && !p.policy.meta.isBase ? [p.policy] : []));

describe("claimArbitrary", () => {
  it("fenText writes exact 元 with two decimals", () => {
    expect([0, 1, 143, 2_000_000, MAX_AMOUNT].map(fenText)).toEqual(["0.00", "0.01", "1.43", "20000.00", "500000.00"]);
  });

  it.each(policies.flatMap((p) => p.calculators.map((c) => [`${p.meta.region} ${c.name}`, p, c] as const)))(
    "%s: records validate, dates lie in the version's period, identities are the policy's",
    (_, policy, calc) => {
      const schema = { fields: policy.fields, identityNames: policy.identityNames, calculatorFields: calc.fields };
      const names = new Set(policy.identities.map((i) => i.name));
      for (const raw of fc.sample(claimArbitrary(policy, calc.fields), { numRuns: 300, seed: 1 })) {
        const v = validateClaim(raw, schema, 1);
        expect(v.ok, JSON.stringify(v)).toBe(true);
        if (!v.ok) continue;
        expect(v.claim.结算日期 >= policy.meta.effective).toBe(true);
        if (policy.meta.expires) expect(v.claim.结算日期 < policy.meta.expires).toBe(true);
        for (const i of v.claim.身份) expect(names.has(i)).toBe(true);
        for (const [k, x] of Object.entries(raw)) if (typeof x === "string" && /^\d+\.\d+$/.test(x)) expect(x, k).toMatch(/\.\d\d$/);
      }
    },
  );

  it("reaches the policy's edges: 营口 2万元 cap ÷ 70% = 28571.43元 comes up", () => {
    const yk = policies.find((p) => p.meta.region === "营口市")!;
    const burdens = fc.sample(claimArbitrary(yk, ["个人负担"]), { numRuns: 3000, seed: 2 }).map((r) => r["个人负担"]);
    expect(burdens).toContain("28571.43");
    expect(burdens).toContain("0.00");
  });
});
