/**
 * Issue 4 (5): generated-code safety, from policy TEXT. test/codegen/injection.test.ts edits the
 * IR of one fixture; here every real policy is rewritten as text (names quoted with quotes,
 * backticks, `${…}`, comment ends (star-slash), </script>, U+2028/9, CR and 10,000 characters; the same appended to every
 * raw text), so the lexer, parser, checker, 基于 composition, codegen, prettier and the type-check
 * all carry the hostile strings. The module must type-check, hand the texts back exactly, compute
 * what the plain policy computes (traces and ledgers included, names mapped back), and no
 * `globalThis.__pwned = 1` hidden in the texts may ever run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { loadPolicyPaths } from "../../compiler/load.js";
import { compilePolicy, writeCompiled, type CompiledPolicy } from "../../compiler/compile.js";
import { loadEvaluator } from "../../compiler/module-cache.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { validateClaim } from "../../runtime/claims.js";
import { newLedger, type Claim, type Evaluator, type Outcome, type PersonLedger } from "../../runtime/types.js";
import type { Diagnostic } from "../../compiler/diagnostics.js";
import { parsePolicy } from "../../grammar/index.js";
import { checkPolicy } from "../../compiler/check.js";
import { computableRegions, DEEP, firstVersion, POLICIES } from "./helpers.js";
import { back, declaredNames, hostileNames, hostileText, LONG, mapStrings, NAME_EVIL, RAW_EVIL } from "./hostile.js";
import { record } from "./records.js";

declare global {
  // eslint-disable-next-line no-var
  var __pwned: unknown;
}

const CLAIMS = DEEP ? 2_000 : 150;

/** `policies/…/x.jz:28` in a message: the hostile copy lives elsewhere and its CRs shift line numbers. */
const place = (s: string) => s.replace(/[^\s（(]*\.jz:\d+/g, "<源>");

/** Writes the hostile text of `region` (and of the region it is 基于) under `root`/policies, loads it. */
function loadHostile(region: string, rename: Map<string, string>, root: string) {
  // only the version files: a region folder also holds 例/ (the example tables)
  const versions = (r: string) => readdirSync(join(POLICIES, r)).filter((f) => f.endsWith(".jz"));
  const regions = [region, ...new Set(versions(region).flatMap((f) => /^基于\s+(\S+)/m.exec(readFileSync(join(POLICIES, region, f), "utf8"))?.[1] ?? []))];
  for (const r of regions) {
    mkdirSync(join(root, "policies", r), { recursive: true });
    for (const f of versions(r)) {
      writeFileSync(join(root, "policies", r, f), hostileText(readFileSync(join(POLICIES, r, f), "utf8"), rename));
    }
  }
  return loadPolicyPaths([join(root, "policies", region)]);
}

async function importModule(dir: string, compiled: CompiledPolicy): Promise<Evaluator & Record<string, unknown>> {
  await writeCompiled(dir, [compiled]);
  return (await import(pathToFileURL(join(dir, compiled.baseName + ".js")).href)) as Evaluator & Record<string, unknown>;
}

/** Claims for every calculator, several per person (so ledgers carry), as raw records. */
function claims(p: CheckedPolicy): { calculator: string; raw: Record<string, unknown>; person: number }[] {
  return p.calculators.flatMap((c) =>
    fc.sample(record(p, { calculator: c.name, badRate: 0 }), { seed: 42, numRuns: CLAIMS }).map((g, i) => ({ calculator: c.name, raw: g.raw, person: i % 10 })),
  );
}

/**
 * Runs the claims through `ev` in date order with one ledger per person and calculator; `name`
 * maps a plain name to the evaluated policy's (identity, list member, field, calculator).
 */
function evaluateAll(ev: Evaluator, policy: CheckedPolicy, list: ReturnType<typeof claims>, name: (s: string) => string) {
  const ledgers = new Map<string, PersonLedger>();
  const sorted = [...list].sort((a, b) => String(a.raw["结算日期"]).localeCompare(String(b.raw["结算日期"])));
  return sorted.map(({ calculator, raw, person }, i) => {
    const calc = name(calculator);
    const fields = policy.calculators.find((c) => c.name === calc)?.fields ?? [];
    const v = validateClaim(mapStrings(raw, name) as Record<string, unknown>, { fields: policy.fields, identityNames: policy.identityNames, calculatorFields: fields }, i + 1);
    if (!v.ok) return { invalid: v.错误 };
    const key = `${calculator}/${person}`;
    const year = Number(v.claim.结算日期.slice(0, 4));
    const ledger = ledgers.get(key)?.year === year ? ledgers.get(key)! : newLedger(year);
    ledgers.set(key, ledger);
    return { outcome: ev.evaluate(calc, v.claim as Claim, ledger, { explain: true }), ledger: structuredClone(ledger) };
  });
}

beforeAll(() => {
  delete globalThis.__pwned;
});
afterAll(() => {
  expect(globalThis.__pwned).toBeUndefined();
});

describe.each(computableRegions().map((r) => [r.region, r] as const))("hostile %s", (_, region) => {
  let plain: CheckedPolicy;
  let hostile: CheckedPolicy;
  let rename: Map<string, string>;
  let compiled: CompiledPolicy;
  let mod: Evaluator & Record<string, unknown>;
  beforeAll(async () => {
    plain = firstVersion(region);
    rename = hostileNames(declaredNames(plain));
    const root = mkdtempSync(join(tmpdir(), "jiuzhu-hostile-"));
    const loaded = loadHostile(region.region, rename, root);
    expect(loaded.diagnostics.filter((d) => d.severity === "错误").map((d) => `${d.code} ${d.message}`)).toEqual([]);
    hostile = loaded.policies[0]!.policy!;
    compiled = await compilePolicy(hostile);
    expect(compiled.diagnostics.map((d) => [d.message, ...d.notes].join("\n").slice(0, 2000))).toEqual([]);
    mod = await importModule(join(root, "out"), compiled);
  }, 120_000);

  it("keeps every hostile text, byte for byte, in the IR and in the module's data", () => {
    expect(hostile.meta.name).toBe(plain.meta.name + RAW_EVIL + LONG);
    expect(hostile.identities.map((h) => h.name)).toEqual(plain.identities.map((h) => rename.get(h.name)));
    expect(hostile.items.map((i) => i.source.citation)).toEqual(plain.items.map((i) => (i.source.citation ? i.source.citation + RAW_EVIL : "")));
    const meta = mod["元数据"] as Record<string, unknown>;
    expect(meta["名称"]).toBe(hostile.meta.name);
    expect(meta["文号"]).toBe(hostile.meta.docNumber);
    expect(mod["身份名表"]).toEqual(hostile.identityNames);
    expect(Object.keys(mod["参数表"] as object)).toEqual(hostile.items.map((i) => i.name));
    expect(Object.keys(hostile.identityNames).some((n) => n.endsWith(NAME_EVIL + LONG))).toBe(true);
  });

  it("emits no raw separator or bidi control, no template literal, nothing that ends an HTML <script>", () => {
    expect(compiled.dts).not.toMatch(/[\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    for (const code of [compiled.ts, compiled.js]) {
      expect(code).not.toMatch(/[\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      // comments included: a module inlined in a page must not close its <script> element
      expect(code).not.toMatch(/<\/script|<!--/i);
      const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, code);
      for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
        expect(k === ts.SyntaxKind.NoSubstitutionTemplateLiteral || k === ts.SyntaxKind.TemplateHead).toBe(false);
      }
    }
  });

  it(`computes what the plain policy computes on ${CLAIMS} claims per calculator (outcomes, traces, ledgers)`, async () => {
    const list = claims(plain);
    const toHostile = (s: string) => rename.get(s) ?? s;
    const same = (s: string) => s;
    const plainCompiled = await loadEvaluator(plain);
    const want = evaluateAll(plainCompiled, plain, list, same);
    const got = evaluateAll(mod, hostile, list, toHostile);
    expect(want.filter((w) => "invalid" in w)).toEqual([]);
    expect(mapStrings(got, (s) => place(back(s, rename)))).toEqual(mapStrings(want, place));
    // and the checker's IR means the same: the interpreter agrees on the hostile policy too
    const interpreted = evaluateAll(createInterpreter(hostile), hostile, list, toHostile);
    const plainInterpreted = evaluateAll(createInterpreter(plain), plain, list, same);
    expect(mapStrings(interpreted, (s) => place(back(s, rename)))).toEqual(mapStrings(plainInterpreted, place));
    expect(globalThis.__pwned).toBeUndefined();
  });
});

/** A small policy around one name, compiled, imported and run on one claim that reaches every line. */
type Tiny = { diagnostics: Diagnostic[] } | { outcome: Outcome; interpreted: Outcome };

async function runTiny(name: string, where: "capGroup" | "identity" | "item"): Promise<Tiny> {
  const id = where === "identity" ? name : "甲";
  const item = where === "item" ? name : "住院救助";
  const group = where === "capGroup" ? name : "合计";
  const text = [
    "政策 测试", "地区 测试市", "生效 2023-01-01 依据 第一条",
    `身份 「${id}」 依据 第二条`,
    `救助项目 「${item}」 依据 第三条`, "  适用 住院", "  基数 个人负担",
    "  | 身份 | 比例 | 年度限额 |", `  | 「${id}」 | 70% | 2万元 |`,
    `限额组 「${group}」 年度限额 1万元 包括 「${item}」 依据 第四条`,
  ].join("\n");
  const parsed = parsePolicy("t.jz", text);
  const checked = checkPolicy(parsed.ast, { source: text });
  if (!checked.policy) return { diagnostics: [...parsed.diagnostics, ...checked.diagnostics] };
  const compiled = await compilePolicy(checked.policy);
  expect(compiled.diagnostics).toEqual([]);
  const mod = await importModule(mkdtempSync(join(tmpdir(), "jiuzhu-tiny-")), compiled);
  const claim = { 编号: "1", 身份: [id], 就诊类型: "住院", 结算日期: "2023-03-01", 个人负担: 5_000_000, 病种: [], 规范转诊: false, 就医地: "市域内", 参保: true, 参保类型: "居民医保" } as Claim;
  return {
    outcome: mod.evaluate("医疗救助", claim, newLedger(2023)),
    interpreted: createInterpreter(checked.policy).evaluate("医疗救助", claim, newLedger(2023)),
  };
}

describe("names built to break out of generated code", () => {
  // regression: a 限额组 name was put inside a /* … */ comment with only JSON escaping, so `*/`
  // ended the comment and the rest of the name ran (it type-checked: `as any` is strict-clean)
  it.each([
    "*/ + ((globalThis as any).__pwned = 1) /*",
    "*/ + ((globalThis as any).__pwned = 1) + /*",
    '"]; (globalThis as any).__pwned = 1; //',
    "${(globalThis as any).__pwned = 1}",
  ])("限额组 「%s」 runs nothing and caps at 1万元", async (name) => {
    const r = await runTiny(name, "capGroup");
    expect(globalThis.__pwned).toBeUndefined();
    expect(r).toMatchObject({ outcome: { ok: true, 金额: 1_000_000 }, interpreted: { ok: true, 金额: 1_000_000 } });
  });

  // names that are Object.prototype keys: as a key of a plain object, __proto__ sets the
  // prototype instead of an entry. Accepting them is fine only if they then work.
  it.each([
    ["constructor", "identity"],
    ["toString", "identity"],
    ["hasOwnProperty", "item"],
    ["valueOf", "item"],
    ["constructor", "capGroup"],
  ] as const)("%s as a %s name works like any other name", async (name, where) => {
    const r = await runTiny(name, where);
    expect(r).toMatchObject({ outcome: { ok: true, 金额: 1_000_000 }, interpreted: { ok: true, 金额: 1_000_000 } });
  });

  // An identity or item named __proto__ would be assigned to a plain object's prototype and
  // vanish from the IR; the checker refuses the name (JZ2012).
  it.each([["identity"], ["item"], ["capGroup"]] as const)("__proto__ as a %s name is rejected or works", async (where) => {
    const r = await runTiny("__proto__", where);
    if ("diagnostics" in r) expect(r.diagnostics.some((d) => d.severity === "错误" && d.message.includes("__proto__"))).toBe(true);
    else expect(r).toMatchObject({ outcome: { ok: true, 金额: 1_000_000 }, interpreted: { ok: true, 金额: 1_000_000 } });
  });
});
