/**
 * Issue 9 §1 as a property: a field is needed only when the claim's evaluation reaches it. For a
 * random claim of every policy, the fields its evaluation does not read (noted by the lazily
 * reading interpreter, test/fields-read.ts) are dropped — all at once, and each on its own — the
 * record is validated again as the CLI would (runtime/claims.ts), and both engines must give the
 * same outcome as on the full claim. On the old code validation refused such records (it demanded
 * every field the calculator reads); an engine that needed a field it never uses would break it too.
 */
import { expect, it } from "vitest";
import fc from "fast-check";
import { loadEvaluator } from "../../compiler/module-cache.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { claimArb } from "../properties/arbitraries.js";
import { allPolicies, comparable, computable, freshLedger, label } from "../properties/harness.js";
import { runs } from "../properties/config.js";
import { ALWAYS_KEPT, evaluateReading } from "../fields-read.js";
import type { Claim } from "../../runtime/types.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { claimSchema } from "../../compiler/claim-schema.js";
import { validateClaim } from "../../runtime/claims.js";
import { formatFen } from "../../cli/output.js";

/**
 * The claim as a record again, without `names`: amounts back in 元, ratios in %, internal `$` keys
 * left out (they are validation's output, not record fields).
 */
function recordWithout(policy: CheckedPolicy, claim: Claim, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(claim)) {
    if (k.startsWith("$") || names.includes(k)) continue;
    const kind = policy.fields.find((f) => f.name === k)?.type.kind;
    out[k] = kind === "金额" ? formatFen(v as number) : kind === "比例" ? `${(v as number) / 100}%` : v;
  }
  return out;
}

/** One schema per policy and calculator: validation prepares each schema once. */
const schemas = new Map<string, ReturnType<typeof claimSchema>>();

function revalidate(policy: CheckedPolicy, calculator: string, raw: Record<string, unknown>): Claim {
  const key = `${label(policy)} ${calculator}`;
  let schema = schemas.get(key);
  if (schema === undefined) {
    const calc = policy.calculators.find((c) => c.name === calculator)!;
    schemas.set(key, (schema = claimSchema(policy, calc.fields)));
  }
  const r = validateClaim(raw, schema, 1);
  if (!r.ok) throw new Error(`记录被拒：${r.错误} ${JSON.stringify(raw)}`);
  return r.claim;
}

for (const policy of computable(allPolicies())) {
  it(`dropping fields the evaluation does not read changes nothing: ${label(policy)}`, async () => {
    const compiled = await loadEvaluator(policy);
    const interpreter = createInterpreter(policy);
    let dropped = 0;
    fc.assert(
      fc.property(claimArb(policy, { dropOptional: true }), (g) => {
        const { outcome, read } = evaluateReading(interpreter, g.calculator, g.claim, freshLedger(g));
        const want = comparable(outcome);
        const unread = Object.keys(g.claim).filter((k) => !k.startsWith("$") && !read.has(k) && !ALWAYS_KEPT.includes(k));
        dropped += unread.length;
        for (const names of [unread, ...unread.map((n) => [n])]) {
          const claim = revalidate(policy, g.calculator, recordWithout(policy, g.claim, names));
          for (const [engine, ev] of [["compiled", compiled], ["interpreter", interpreter]] as const) {
            const got = comparable(ev.evaluate(g.calculator, claim, freshLedger(g)));
            expect(got, `${engine} without ${names.join("、")}`).toEqual(want);
          }
        }
      }),
      { ...runs(1), numRuns: 100 },
    );
    expect(dropped, "the property dropped some fields").toBeGreaterThan(0);
  });
}
