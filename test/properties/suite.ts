/** The properties of the suite, in one list: properties.test.ts runs them, README names them. */
import type { PropertyOf } from "./harness.js";
import { bounds, boundsChangingIdentities, caps, ledger } from "./props-sequence.js";
import { determinism, maxIdentity, monotonic, splitting } from "./props-claim.js";
import { money } from "./props-money.js";

/** name, property, runs per policy (npm test; ×10 in deep mode) */
export const PROPERTIES: [string, PropertyOf, number][] = [
  ["bounds: 0 ≤ item ≤ base, 个人负担 items ≤ 个人负担", bounds, 300],
  ["bounds across identity changes within a year", boundsChangingIdentities, 300],
  ["caps: per claim, per year, cap groups, 每人一次", caps, 300],
  ["ledger: never negative, charged with what was paid", ledger, 300],
  ["monotonic in 个人负担", monotonic, 300],
  ["就高不重复: the best single identity", maxIdentity, 300],
  ["splitting a+b within 1分 per claim", splitting, 300],
  ["determinism", determinism, 200],
  ["money: whole 分, printed with two decimals, exact §5 amounts", money, 400],
];

/**
 * Properties that FAIL on a policy because of a finding in the policy text (the engines agree and
 * follow docs/语义.md). The suite asserts they still fail — with a counterexample — so that the
 * fix shows up as a test to update rather than going unnoticed.
 */
export const KNOWN_FINDINGS: { region: string; property: string; symptom: string; why: string }[] = [
  // 威海经济技术开发区 once paid the same 元 twice when a person's identity changed within a year
  // (普通住院救助 and 重特大疾病住院救助 kept separate 按年 segment positions). Fixed by encoding
  // them as the two segments of one item; golden case "同一人年内由低收入救助对象变为低保对象".
];
