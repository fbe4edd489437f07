/**
 * `jiuzhu compile -o` output is a package: package.json with an ASCII name, the newest 生效 as
 * version, exports with types and the generated marker; JS + .d.ts only unless --emit-ts; a
 * router index.js that picks the version in force on 结算日期 and carries one ledger across
 * versions of a year, as calc does.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
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
