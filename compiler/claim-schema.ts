/**
 * The record schema validateClaim (runtime/claims.ts) checks a claim against, for one policy
 * version and the fields a calculator (or a 保证) reads. One place, so calc, diff, the 保证 runner
 * and the bench validate alike, identities decoded for the policy's order included.
 */
import type { ClaimSchema } from "../runtime/claims.js";
import type { CheckedPolicy } from "./ir.js";

export function claimSchema(policy: CheckedPolicy, calculatorFields: readonly string[]): ClaimSchema {
  return {
    fields: policy.fields,
    identityNames: policy.identityNames,
    calculatorFields,
    identityOrder: policy.identities.map((h) => h.name),
    groups: policy.groups,
  };
}
