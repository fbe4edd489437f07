/**
 * Identities decoded at validation (runtime/identity-coding.ts): a compiled module uses $身份位 only
 * when $身份序 is its own identity order and $身份源 is still the claim's 身份, and then computes
 * exactly what it computes by decoding 身份 itself. Bits decoded for another order (another
 * version's identities) or for a 身份 the claim no longer has must be ignored.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicyPaths } from "../../compiler/load.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { validateClaim, type ClaimSchema } from "../../runtime/claims.js";
import { identityCoding, identityOrderKey } from "../../runtime/identity-coding.js";
import { newLedger, type Claim, type Outcome, type PersonLedger } from "../../runtime/types.js";
import { generateClaims } from "../../bench/claims.js";
import { compileAndLoad, type Loaded } from "./fixtures/load.js";

let policy: CheckedPolicy;
let L: Loaded;
let plain: ClaimSchema;
let order: string[];
beforeAll(async () => {
  policy = loadPolicyPaths(["policies/营口市"]).policies[0]!.policy!;
  L = await compileAndLoad(policy);
  const calc = policy.calculators.find((c) => c.name === "医疗救助")!;
  plain = { fields: policy.fields, identityNames: policy.identityNames, calculatorFields: calc.fields };
  order = policy.identities.map((h) => h.name);
});

function validated(raw: Record<string, unknown>, schema: ClaimSchema, no: number): Claim {
  const r = validateClaim(raw, schema, no);
  if (!r.ok) throw new Error(r.错误);
  return r.claim;
}

/** Every claim under each schema, one ledger per person per schema; the outcomes in order. */
function run(schemas: ClaimSchema[]): Outcome[][] {
  const raws = [...generateClaims(3000, 7, 300)];
  return schemas.map((schema) => {
    const ledgers = new Map<string, PersonLedger>();
    return raws.map((raw, i) => {
      const claim = validated(raw, schema, i + 1);
      const person = raw["人员编号"] as string;
      const year = Number(claim.结算日期.slice(0, 4));
      let ledger = ledgers.get(person);
      if (ledger === undefined || ledger.year !== year) ledgers.set(person, (ledger = newLedger(year)));
      return L.module.evaluate("医疗救助", claim, ledger);
    });
  });
}

describe("decoded identities", () => {
  it("validation adds $身份位 (bits in declaration order) and $身份序 only when asked", () => {
    const raw = { 身份: ["低保边缘对象", "特困供养人员"], 就诊类型: "住院", 结算日期: "2023-03-01", 个人负担: "100" };
    const with_ = validated(raw, { ...plain, identityOrder: order }, 1);
    // 特困人员 is identity 0, 低保边缘家庭成员 identity 3 (the aliases are canonicalised first)
    expect(with_["$身份位"]).toBe(0b1001);
    expect(with_["$身份序"]).toBe(identityOrderKey(order));
    expect(with_["$身份源"]).toBe(with_.身份);
    expect("$身份位" in validated(raw, plain, 1)).toBe(false);
  });

  it("a module computes the same with the decoded bits as without them (3000 claims, 300 persons)", () => {
    const [decoding, decoded] = run([plain, { ...plain, identityOrder: order }]);
    expect(decoded).toEqual(decoding);
    // the claims did reach the decoded path: some hold two identities, and 其他身份 shows them
    expect(decoded!.some((o) => o.ok && o.其他身份.length > 0)).toBe(true);
  });

  it("a copy with another 身份 array is decoded again, not read from the stale bits", () => {
    // what the 就高不重复 property does: evaluate one claim under each single identity it holds
    const raw = { 身份: ["特困人员", "低保边缘家庭成员"], 就诊类型: "住院", 结算日期: "2023-03-01", 个人负担: "30000" };
    const claim = validated(raw, { ...plain, identityOrder: order }, 1);
    for (const only of ["特困人员", "低保边缘家庭成员"]) {
      const copy = { ...claim, 身份: [only] };
      const fresh = validated({ ...raw, 身份: [only] }, plain, 1);
      const got = L.module.evaluate("医疗救助", copy, newLedger(2023));
      expect(got).toEqual(L.module.evaluate("医疗救助", fresh, newLedger(2023)));
      expect(got.ok && got.适用身份).toBe(only);
    }
  });

  it("bits decoded for another identity order are ignored, not misread", () => {
    // the same identities in another order (as another version might declare them): the bits
    // would name other identities; a module that trusted them regardless would pay other rows
    const reversed = [...order].reverse();
    const [decoding, foreign] = run([plain, { ...plain, identityOrder: reversed }]);
    expect(foreign).toEqual(decoding);
    expect(identityCoding(reversed).key).not.toBe(identityCoding(order).key);
  });
});
