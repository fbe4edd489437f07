/**
 * A claim's identities decoded once, when it is validated for a policy, instead of by the
 * evaluator on every evaluation: with `ClaimSchema.identityOrder`, validateClaim adds three fields
 *   `$身份位`  the identities held as bits, bit h = the policy's h-th identity (declaration order);
 *   `$身份序`  the identity order those bits refer to (the canonical names joined by 、);
 *   `$身份源`  the 身份 array they were decoded from.
 * A compiled module uses `$身份位` only when `$身份序` is its own order and `$身份源` is still the
 * claim's 身份 array; otherwise (a claim built by hand, copied with another 身份 — `{...claim,
 * 身份: [...]}` —, or validated for another version with other identities) it decodes `身份`
 * itself. Both tests are pointer comparisons. The `$` names cannot be policy field names. Changing
 * the 身份 array in place after validation is not seen: validate again instead.
 */

export const IDENTITY_BITS = "$身份位";
export const IDENTITY_ORDER = "$身份序";
export const IDENTITY_SOURCE = "$身份源";

export interface IdentityCoding {
  /** the order key, internalised: equal keys are then one string, compared by pointer */
  readonly key: string;
  readonly index: ReadonlyMap<string, number>;
}

/** The key a compiled module compares `$身份序` with: canonical names in declaration order. */
export function identityOrderKey(order: readonly string[]): string {
  return order.join("、");
}

/**
 * The coding of an identity order (at most 31 identities, JZ2013). The key goes through a property
 * name, which interns it, so a module's literal key and this one are the same string.
 */
export function identityCoding(order: readonly string[]): IdentityCoding {
  const key = Object.keys({ [identityOrderKey(order)]: 0 })[0]!;
  return { key, index: new Map(order.map((name, h) => [name, h])) };
}

/** Bits of canonical identity names; a name not in the order is left out (not this policy's). */
export function identityBits(names: readonly string[], coding: IdentityCoding): number {
  let bits = 0;
  for (let i = 0; i < names.length; i++) {
    const h = coding.index.get(names[i]!);
    if (h !== undefined) bits |= 1 << h;
  }
  return bits;
}
