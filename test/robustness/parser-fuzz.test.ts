/**
 * Issue 4 (4): parse AND check never throw on damaged real policies, every diagnostic is well
 * formed (code, Chinese message, span inside the text, file set), rendering never throws, and each
 * run is fast (< 2 s; the whole sample well under a minute). `npm test` samples; `npm run
 * test:deep` (JIUZHU_DEEP=1) checks every truncation point of every policy and 3,000 mutated
 * texts per policy. The grammar's own fuzz (test/grammar/robustness.test.ts) covers the parser alone on
 * a synthetic sample; this one runs the checker too, on the documents officers actually wrote.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { renderDiagnostics } from "../../compiler/render.js";
import { DEEP, diagnosticProblems, parseAndCheck, realPolicies, timed, type RealPolicy } from "./helpers.js";
import { applyAll, mutations } from "./mutate.js";

const POLICIES = realPolicies();
/**
 * A guard against super-linear blow-ups (which take minutes), not a speed measurement: the margin
 * lets it pass on a loaded 2-core machine (one case took 3.4 s under load, 0.3 s alone).
 */
const LIMIT_MS = 15_000;
/** per policy: mutated texts, truncation points (deep: all of them), rendered samples */
const RUNS = DEEP ? 3_000 : 250;
const TRUNCATIONS = DEEP ? Infinity : 100;

/** Parse+check `text` as `p.file`; throws with the reason when an invariant fails. */
function verify(p: RealPolicy, text: string, render = false): void {
  const [{ parsed, checked }, ms] = timed(() => parseAndCheck(p.file, text));
  const all = [...parsed.diagnostics, ...checked.diagnostics];
  // the loader checks only texts that parse: on a broken AST the checker's diagnostics must be
  // well formed, but may name the empty placeholders the parser's recovery left
  const placeholders = parsed.diagnostics.some((d) => d.severity === "错误");
  const problems = [
    ...diagnosticProblems(parsed.diagnostics, p.file, text),
    ...diagnosticProblems(checked.diagnostics, p.file, text, { placeholders }),
  ];
  if (ms > LIMIT_MS) problems.push(`took ${Math.round(ms)} ms`);
  if (render) {
    const out = renderDiagnostics(all, new Map([[p.file, text]]));
    for (const d of all) if (!out.includes(d.code)) problems.push(`render lost ${d.code}`);
  }
  if (problems.length > 0) throw new Error(problems.join("\n"));
}

describe.each(POLICIES.map((p) => [p.file, p] as const))("%s", (_, p) => {
  it("is clean as written (the baseline the mutations damage)", () => {
    const { parsed, checked } = parseAndCheck(p.file, p.text);
    expect([...parsed.diagnostics, ...checked.diagnostics].filter((d) => d.severity === "错误")).toEqual([]);
  });

  it(`survives ${RUNS} random mutations (tokens/lines deleted, duplicated, swapped; Unicode; widths; truncation)`, () => {
    fc.assert(
      fc.property(mutations, fc.boolean(), (ms, render) => verify(p, applyAll(p.text, ms), render)),
      { numRuns: RUNS },
    );
  });

  it(DEEP ? "survives truncation at every position" : `survives truncation at ${TRUNCATIONS} positions`, () => {
    const n = p.text.length;
    const step = Number.isFinite(TRUNCATIONS) ? Math.max(1, Math.floor(n / TRUNCATIONS)) : 1;
    // a random phase, so successive `npm test` runs cover different points
    const phase = Math.floor(Math.random() * step);
    for (let i = phase; i <= n; i += step) {
      try {
        verify(p, p.text.slice(0, i), i % 7 === 0);
      } catch (e) {
        throw new Error(`truncated at ${i} (…${JSON.stringify(p.text.slice(Math.max(0, i - 30), i))}): ${(e as Error).message}`);
      }
    }
  });
});

/** `text` with a `条件 <cond>` line added to its first 救助项目. */
function withCondition(text: string, cond: string): string {
  const at = text.search(/^救助项目 .*$/m);
  const eol = text.indexOf("\n", at);
  return text.slice(0, eol + 1) + `  条件 ${cond} 依据 第一条\n` + text.slice(eol + 1);
}

describe("pathological inputs stay fast and well diagnosed", () => {
  const yk = POLICIES.find((p) => p.region === "营口市") ?? POLICIES[0]!;
  const cases: [string, string][] = [
    ["500 nested （ closed", withCondition(yk.text, "（".repeat(500) + "规范转诊" + "）".repeat(500))],
    ["500 nested （ never closed", withCondition(yk.text, "（".repeat(500) + "规范转诊")],
    ["5,000 且 in one condition", withCondition(yk.text, Array(5_001).fill("规范转诊").join(" 且 "))],
    ["5,000 或 and 且 alternating", withCondition(yk.text, Array.from({ length: 5_001 }, (_, i) => (i % 2 ? "参保" : "规范转诊")).join(" 或 ").replace(/或 参保/g, "且 参保"))],
    ["5,000 非", withCondition(yk.text, "非 ".repeat(5_000) + "规范转诊")],
    ["5,000 dangling 且", withCondition(yk.text, "规范转诊" + " 且".repeat(5_000))],
    ["5,000 - in a 基数", yk.text.replace("基数 个人负担 - 基本救助", "基数 个人负担" + " - 基本救助".repeat(5_000))],
    ["20,000 nested （ in a 基数", yk.text.replace(/基数 个人负担\n/, `基数 ${"（".repeat(20_000)}个人负担\n`)],
    ["a table row with 5,000 cells", yk.text.replace(/(\| 身份 +\|)/, "$1" + " 70% |".repeat(5_000))],
    ["5,000 identities in one row", yk.text.replace(/\| 特困人员、/, "| " + "特困人员、".repeat(5_000))],
    ["the document 100 times", Array(100).fill(yk.text).join("\n")],
  ];
  it.each(cases)("%s", (_, text) => {
    const [, ms] = timed(() => verify(yk, text));
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it("a condition at the operator limit (200) checks clean; one more is a syntax error, not a crash", () => {
    const at = (n: number) => parseAndCheck(yk.file, withCondition(yk.text, Array(n + 1).fill("规范转诊").join(" 且 ")));
    const ok = at(200);
    expect([...ok.parsed.diagnostics, ...ok.checked.diagnostics]).toEqual([]);
    expect(at(201).parsed.diagnostics.map((d) => [d.code, d.message])).toEqual([[
      "JZ1002", "一行中的运算过多（超过 200 个「且」「或」「+」「-」），请拆成多行「条件」",
    ]]);
  });

  // Every diagnostic prints its source line: on a very long line the code frame is clipped around
  // the span, so 5,000 bad cells in one table row do not render to O(N × line) text.
  it("rendering many diagnostics on one long line stays small", () => {
    const text = cases.find(([n]) => n.includes("5,000 cells"))![1];
    const { parsed, checked } = parseAndCheck(yk.file, text);
    const out = renderDiagnostics([...parsed.diagnostics, ...checked.diagnostics], new Map([[yk.file, text]]));
    expect(out.length).toBeLessThan(10_000_000);
  });
});
