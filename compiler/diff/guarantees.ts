/**
 * 保证 on both sides (issue 16 §2): the diff runs each version's guarantees with the same seed and
 * reports every one whose outcome differs — above all those the new version breaks, with the
 * counterexample `jiuzhu test` would show (a raised cap silently broke a 保证 before).
 */
import { checkPolicyGuarantees, renderResult, type GuaranteeResult } from "../guarantee/index.js";
import type { CheckedPolicy } from "../ir.js";
import { createInterpreter } from "../interpreter/index.js";
import type { GuaranteeChange } from "./types.js";

export interface GuaranteeOptions {
  runs: number;
  seed: number;
}

export function guaranteeChanges(old: CheckedPolicy, neu: CheckedPolicy, opts: GuaranteeOptions): GuaranteeChange[] {
  const run = (p: CheckedPolicy) => new Map(checkPolicyGuarantees(p, createInterpreter(p), opts).map((r) => [r.guarantee.name, r] as const));
  const [o, n] = [run(old), run(neu)];
  const out: GuaranteeChange[] = [];
  for (const name of new Set([...o.keys(), ...n.keys()])) {
    const a: GuaranteeResult | undefined = o.get(name);
    const b: GuaranteeResult | undefined = n.get(name);
    if (a?.status === b?.status) continue;
    const c: GuaranteeChange = { name, text: (b ?? a)!.guarantee.text, old: a?.status ?? null, new: b?.status ?? null };
    if (b?.status === "fails") c.counterexample = renderResult(neu, b);
    out.push(c);
  }
  // the ones the new version breaks first
  return out.sort((x, y) => Number(y.new === "fails") - Number(x.new === "fails"));
}
