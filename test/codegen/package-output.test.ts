/**
 * `jiuzhu compile -o` output is a package: package.json with an ASCII name, the newest 生效 as
 * version, exports with types and the generated marker; JS + .d.ts only unless --emit-ts; a
 * router index.js that picks the version in force on 结算日期 and carries one ledger across
 * versions of a year, as calc does.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { compilePolicy, writeCompiled } from "../../compiler/compile.js";
import { loadPolicyPaths } from "../../compiler/load.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { validPackageName, versionOf } from "../../compiler/package-output.js";
import type { ValidateResult } from "../../runtime/claims.js";
import { newLedger, type Claim, type Evaluator } from "../../runtime/types.js";

const yingkou = fileURLToPath(new URL("../../policies/营口市/2023-01-01.jz", import.meta.url));

let out = "";
let versions: CheckedPolicy[] = [];

beforeAll(async () => {
  // two versions in one year: the second raises 低保边缘家庭成员's 基本救助 ratio 60% → 80%
  const region = join(mkdtempSync(join(tmpdir(), "jiuzhu-pkg-")), "营口市");
  mkdirSync(region);
  const text = readFileSync(yingkou, "utf8");
  writeFileSync(join(region, "2023-01-01.jz"), text);
  const raised = text
    .replace("生效 2023-01-01", "生效 2023-07-01")
    .replace(/(\| 低保边缘家庭成员 +\| 2000元 +\| )60%/, "$180%");
  expect(raised).not.toBe(text.replace("生效 2023-01-01", "生效 2023-07-01"));
  writeFileSync(join(region, "2023-07-01.jz"), raised);
  const loaded = loadPolicyPaths([region]);
  expect(loaded.diagnostics.filter((d) => d.severity === "错误")).toEqual([]);
  versions = loaded.policies.flatMap((p) => (p.policy ? [p.policy] : []));
  expect(versions).toHaveLength(2);
  const compiled = await Promise.all(versions.map((p) => compilePolicy(p)));
  out = mkdtempSync(join(tmpdir(), "jiuzhu-pkg-out-"));
  await writeCompiled(out, compiled, { name: "yingkou-jiuzhu" });
}, 180_000);

type Router = Evaluator & {
  versionFor(d: string): unknown;
  validate(raw: Record<string, unknown>): ValidateResult;
};

describe("compile output as a package", () => {
  it("package.json: ASCII name, version from the newest 生效, exports with types, marker", () => {
    const pkg = JSON.parse(readFileSync(join(out, "package.json"), "utf8"));
    expect(pkg.name).toBe("yingkou-jiuzhu");
    expect(pkg.version).toBe("2023.7.1");
    expect(pkg.type).toBe("module");
    expect(pkg.exports["."]).toEqual({ types: "./index.d.ts", default: "./index.js" });
    expect(pkg.exports["./营口市-2023-07-01"]).toEqual({ types: "./营口市-2023-07-01.d.ts", default: "./营口市-2023-07-01.js" });
    expect(pkg.jiuzhu).toMatchObject({ generated: true, region: "营口市", versions: ["2023-01-01", "2023-07-01"] });
    expect(pkg.private).toBeUndefined();
  });

  it("ships JS and declarations, no .ts sources by default", () => {
    const all = [...readdirSync(out), ...readdirSync(join(out, "runtime")).map((f) => "runtime/" + f)];
    expect(all.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(all).toContain("index.js");
    expect(all).toContain("index.d.ts");
    expect(all).toContain("runtime/index.d.ts");
  });

  it("the router picks the version by 结算日期 and carries one ledger through the year", async () => {
    const router = (await import(pathToFileURL(join(out, "index.js")).href)) as Router;
    const claimOf = (raw: Record<string, unknown>): Claim => {
      const r = router.validate(raw);
      if (!r.ok) throw new Error(r.错误);
      return r.claim;
    };
    const ledger = newLedger(2023);
    const person = { 人员编号: "P1", 身份: ["低保边缘家庭成员"], 就诊类型: "住院", 个人负担: "5000.00" };
    // 2023-03-01, version 2023-01-01: (5000 − 2000 起付线) × 60% = 1800 (第十一条（一）2)
    const first = router.evaluate("医疗救助", claimOf({ ...person, 编号: "1", 结算日期: "2023-03-01" }), ledger);
    expect(first).toMatchObject({ ok: true, 金额: 180_000 });
    // 2023-08-01, version 2023-07-01 (80%), 起付线 already met this year: 5000 × 80% = 4000
    // (a fresh ledger would give (5000 − 2000) × 80% = 2400; the old version 5000 × 60% = 3000)
    const second = router.evaluate("医疗救助", claimOf({ ...person, 编号: "2", 结算日期: "2023-08-01" }), ledger);
    expect(second).toMatchObject({ ok: true, 金额: 400_000 });
    const before = router.evaluate("医疗救助", claimOf({ ...person, 编号: "3", 结算日期: "2022-12-31" }), newLedger(2022));
    expect(before.ok).toBe(false);
    if (!before.ok) expect(before.错误).toContain("2022-12-31");
  });

  it("validate() checks a raw record as the CLI does: 元 → 分, misspelt keys, unknown columns", async () => {
    const router = (await import(pathToFileURL(join(out, "index.js")).href)) as Router;
    const ok = router.validate({ 编号: "A", 身份: ["低保对象"], 就诊类型: "住院", 结算日期: "2023-03-01", 个人负担: "10000.00", 姓名: "张三" });
    expect(ok).toMatchObject({ ok: true, claim: { 个人负担: 1_000_000 } });
    expect(ok.警告).toEqual(["「姓名」不是本政策的字段，已忽略"]);
    const typo = router.validate({ 编号: "B", 身份: ["低保对象"], 就诊类型: "住院", 结算日期: "2023-03-01", 个人负担: "1", 就医地点: "省外" });
    expect(typo).toMatchObject({ ok: false, 错误: expect.stringContaining("您是否想写「就医地」") });
    const identity = router.validate({ 身份: ["低保"], 结算日期: "2023-03-01" });
    expect(identity.ok).toBe(false);
  });

  it("--emit-ts adds the sources; --ascii-names names modules v<生效>", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jiuzhu-pkg-ts-"));
    const compiled = await Promise.all(versions.map((p) => compilePolicy(p)));
    await writeCompiled(dir, compiled, { name: "yingkou-jiuzhu", emitTs: true, asciiNames: true });
    expect(existsSync(join(dir, "v2023-07-01.ts"))).toBe(true);
    expect(existsSync(join(dir, "v2023-07-01.js"))).toBe(true);
    expect(existsSync(join(dir, "runtime", "types.ts"))).toBe(true);
    expect(readFileSync(join(dir, "index.js"), "utf8")).toContain('from "./v2023-07-01.js"');
  });

  it("npm names: ASCII lower case only; versions without leading zeros", () => {
    expect(validPackageName("yingkou-jiuzhu")).toBe(true);
    expect(validPackageName("@city/yingkou")).toBe(true);
    expect(validPackageName("@x/营口市")).toBe(false);
    expect(validPackageName("Yingkou")).toBe(false);
    expect(versionOf("2023-01-01")).toBe("2023.1.1");
  });
});

/**
 * The package's types as a settlement system's TypeScript sees them (issue 13 §2): a consumer
 * project under strict flags type-checks against the generated .d.ts only (skipLibCheck off),
 * and each mistake the types exist to catch is a `@ts-expect-error` line, so tsc fails
 * ("Unused '@ts-expect-error' directive") if a type loosens and the mistake compiles again.
 */
describe("the package's types, seen by a strict TypeScript consumer", () => {
  const tsc = fileURLToPath(new URL("../../node_modules/typescript/bin/tsc", import.meta.url));
  const claim = `编号: "1", 人员编号: "P1", 就诊类型: "住院", 结算日期: "2023-03-01", 病种: [], 规范转诊: true, 就医地: "市域内", 参保: true, 参保类型: "居民医保"`;
  const consumer = `import { evaluate, newLedger, validate, versionFor, 元, 分, type 输入表, type 身份, type 结果表 } from "yingkou-jiuzhu";
import * as july from "yingkou-jiuzhu/营口市-2023-07-01";

const ledger = newLedger(2023);
const ids = ["低保边缘家庭成员"] as const; // a read-only list is accepted
const claim: 输入表["医疗救助"] = { ${claim}, 身份: ids, 个人负担: 元("5000.00") };
const r: 结果表["医疗救助"] = evaluate("医疗救助", claim, ledger);
if (r.ok) {
  const who: 身份 | undefined = r.适用身份; // the identity union, not string
  const items: readonly ("基本救助" | "倾斜救助" | "按床日定额救助")[] = r.明细.map((l) => l.项目);
  console.log(r.金额, who, items.join(","));
  // @ts-expect-error 明细 is read-only
  r.明细.push(r.明细[0]!);
}

// @ts-expect-error a misspelled field (个人付担) is a compile error: no index signature
evaluate("医疗救助", { ${claim}, 身份: ["低保对象"], 个人付担: 元("5000.00") }, newLedger(2023));
// @ts-expect-error an identity the policy does not list
evaluate("医疗救助", { ${claim}, 身份: ["低保"] }, newLedger(2023));
// @ts-expect-error 元 as a plain number: 个人负担 is a branded 分
evaluate("医疗救助", { ${claim}, 身份: ["低保对象"], 个人负担: 5000 }, newLedger(2023));
// @ts-expect-error a calculator the policy does not have
evaluate("医疗", { ${claim}, 身份: ["低保对象"] }, newLedger(2023));
// @ts-expect-error 就医地 has a default that validate fills: a claim built by hand must say it
evaluate("医疗救助", { 编号: "1", 身份: ["低保对象"], 结算日期: "2023-03-01", 病种: [], 规范转诊: true, 参保: true, 参保类型: "居民医保" }, newLedger(2023));
// @ts-expect-error a field of another calculator (个人缴费 is 资助参保's)
evaluate("医疗救助", { ${claim}, 身份: ["低保对象"], 个人缴费: 分(100) }, newLedger(2023));
const fen: 分 = 分(500000);
// @ts-expect-error a number is not a 分 without 分() or 元()
const notFen: 分 = 500000;
void [fen, notFen];

// aliases are identity names too; validate's record goes to any calculator unchanged
evaluate("资助参保", { 编号: "2", 身份: ["城乡低保对象"], 结算日期: "2023-03-01", 参保类型: "居民医保", 个人缴费: 分(38000) }, newLedger(2023));
const v = validate({ 编号: "3", 身份: ["低保对象"], 结算日期: "2023-03-01", 个人负担: "100.00" });
if (v.ok) evaluate("资助参保", v.claim, newLedger(2023));
const m = versionFor("2023-08-01");
if (m) m.evaluate("医疗救助", claim, newLedger(2023));
july.evaluate("医疗救助", claim, newLedger(2023));
`;

  it("misspelled fields, wrong identities, 元 for 分 are compile errors; the right use compiles and runs", () => {
    const dir = mkdtempSync(join(tmpdir(), "jiuzhu-pkg-types-"));
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(out, join(dir, "node_modules", "yingkou-jiuzhu"), "dir");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true,
          noUnusedLocals: true, noUnusedParameters: true, exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true, erasableSyntaxOnly: true, verbatimModuleSyntax: true,
          skipLibCheck: false, types: [], outDir: "out",
        },
        files: ["main.ts"],
      }),
    );
    writeFileSync(join(dir, "main.ts"), consumer);
    let errors = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", "."], { cwd: dir, encoding: "utf8", stdio: "pipe" });
    } catch (e) {
      errors = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(errors).toBe("");
    // 2023-03-01, version 2023-01-01, 低保边缘家庭成员 住院 5000: (5000 − 2000 起付线) × 60% = 1800.00
    // (第十一条（一）2), 倾斜救助 is not theirs and 按床日 not applicable: 0
    const printed = execFileSync(process.execPath, [join("out", "main.js")], { cwd: dir, encoding: "utf8" });
    expect(printed.trim()).toBe("180000 低保边缘家庭成员 基本救助,倾斜救助,按床日定额救助");
  }, 60_000);
});
