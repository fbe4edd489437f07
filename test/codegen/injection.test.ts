/**
 * No text of a policy can inject code: every name, citation, note and condition text of the
 * fixture gets quotes, backticks, `${…}`, comment terminators, </script>, newlines and U+2028/9;
 * the module must still type-check and compute exactly what the plain one computes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { yingkou } from "./fixtures/yingkou.js";
import { claim, compileAndLoad, type Loaded } from "./fixtures/load.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import ts from "typescript";
import { newLedger, type Claim, type Outcome } from "../../runtime/types.js";

const EVIL =
  "\"'`${process.exit(1)}*/ /* </script><!-- \n\r\u2028\u2029\\ `); process.exit(2); //\u202e";

function evilize(p: CheckedPolicy): { policy: CheckedPolicy; rename: Map<string, string> } {
  const names = [
    ...p.identities.map((h) => h.name),
    ...p.identities.flatMap((h) => h.aliases),
    ...p.items.map((i) => i.name),
    ...p.capGroups.map((g) => g.name),
    ...p.warnings.map((w) => w.name),
    ...p.lists.map((l) => l.name),
    "资助参保",
    "个人缴费",
  ];
  const rename = new Map(names.map((n) => [n, n + EVIL] as const));
  const appended = new Set([
    "citation",
    "text",
    "baseText",
    "name",
    "docNumber",
    "region",
    "file",
    "effectiveCitation",
  ]);
  const walk = (v: unknown, key = ""): unknown => {
    if (typeof v === "string") {
      if (rename.has(v)) return rename.get(v);
      return appended.has(key) && !rename.has(v) && key !== "name" ? v + EVIL : v;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, key === "notes" ? "text" : ""));
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [rename.get(k) ?? k, walk(x, k)]),
      );
    }
    return v;
  };
  const policy = walk(p) as CheckedPolicy;
  policy.meta.name = p.meta.name + EVIL;
  return { policy, rename };
}

/** Identifiers, template literals and the raw code text (comments dropped) of a module. */
function tokens(code: string) {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, code);
  const identifiers = new Set<string>();
  let templates = 0;
  let raw = "";
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
    if (k === ts.SyntaxKind.Identifier) identifiers.add(scanner.getTokenText());
    if (k === ts.SyntaxKind.NoSubstitutionTemplateLiteral || k === ts.SyntaxKind.TemplateHead)
      templates++;
    raw += scanner.getTokenText() + " ";
  }
  return { identifiers: [...identifiers].sort(), templates, code: raw };
}

let plain: Loaded;
let evil: Loaded;
let rename: Map<string, string>;
beforeAll(async () => {
  const e = evilize(yingkou());
  rename = e.rename;
  [plain, evil] = await Promise.all([compileAndLoad(yingkou()), compileAndLoad(e.policy)]);
});

/** The numbers of an outcome, with names mapped back, so the two modules can be compared. */
function shape(o: Outcome, back: (s: string) => string) {
  if (!o.ok) return { error: true };
  return {
    金额: o.金额,
    明细: o.明细.map((l) => l.金额),
    适用身份: o.适用身份 && back(o.适用身份),
    其他身份: o.其他身份.map((x) => [back(x.身份), x.金额]),
    预警: o.预警?.map((w) => w.年度累计),
  };
}

describe("injection safety", () => {
  it("the evil policy compiles, type-checks and keeps the texts only inside strings and comments", () => {
    expect(evil.compiled.diagnostics).toEqual([]);
    const text = evil.compiled.ts;
    expect(text).not.toMatch(/[\u2028\u2029\u202e]/);
    // outside comments: no `</script>`, no backtick, no new identifier (process, exit, …)
    const plainTokens = tokens(plain.compiled.ts);
    const evilTokens = tokens(text);
    // the only new identifier: the indexed name used instead of 计算<unsafe name>
    expect(evilTokens.identifiers.filter((i) => !plainTokens.identifiers.includes(i))).toEqual([
      "calculator1",
    ]);
    expect(evilTokens.templates).toBe(0);
    expect(evilTokens.code).not.toContain("</script>");
    expect(evil.compiled.baseName).not.toMatch(/[/\\]/);
  });

  it("computes exactly what the plain module computes", () => {
    const back = (s: string) => [...rename].find(([, e]) => e === s)?.[0] ?? s;
    const ids = [
      "特困人员",
      "孤儿",
      "低保对象",
      "低保边缘家庭成员",
      "其他特殊困难人员",
      "因病致贫重病患者",
    ];
    let seed = 7;
    const rand = (n: number) => (
      (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0),
      (seed >>> 8) % n
    );
    let paid = 0;
    let lp = newLedger(2023);
    let le = newLedger(2023);
    for (let i = 0; i < 300; i++) {
      if (i % 5 === 0) {
        // a new person every 5 claims, so caps are not all used up
        expect(Object.values(le.used)).toEqual(Object.values(lp.used));
        [lp, le] = [newLedger(2023), newLedger(2023)];
      }
      const held = ids.filter(() => rand(3) === 0);
      const fields: Partial<Claim> & Record<string, unknown> = {
        身份: held,
        就诊类型: (["住院", "门诊慢特病", "普通门诊"] as const)[rand(3)],
        个人负担: rand(5) === 0 ? rand(100) : rand(12_000_000),
        规范转诊: rand(2) === 0,
        就医地: (["市域内", "省内市外", "省外"] as const)[rand(3)],
        参保: rand(10) !== 0,
        申请日期: "2022-12-01",
        结算日期: `2023-${String(1 + Math.floor(i / 30)).padStart(2, "0")}-15`,
      };
      const c = claim(fields);
      const ce = claim({ ...fields, 身份: held.map((h) => rename.get(h)!) });
      const want = plain.module.evaluate("医疗救助", c, lp);
      expect(shape(evil.module.evaluate("医疗救助", ce, le), back)).toEqual(shape(want, back));
      if (want.ok && want.金额 > 0) paid++;
      const pay = rand(50_000);
      expect(
        shape(
          evil.module.evaluate(
            "资助参保" + EVIL,
            claim({ 身份: ce.身份, ["个人缴费" + EVIL]: pay }),
            newLedger(2023),
          ),
          back,
        ),
      ).toEqual(
        shape(
          plain.module.evaluate(
            "资助参保",
            claim({ 身份: c.身份, 个人缴费: pay }),
            newLedger(2023),
          ),
          back,
        ),
      );
    }
    expect(paid).toBeGreaterThan(30);
  });
});
