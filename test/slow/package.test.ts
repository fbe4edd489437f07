/**
 * The npm package as a user gets it: `npm pack`, install the tarball into an empty project, run the
 * README's command through `npx jiuzhu`, and type-check and run a TypeScript file importing the
 * library. Slow (a build and an install), so it lives in `npm run test:slow`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const tsc = path.join(repo, "node_modules", "typescript", "bin", "tsc");
let project = "";

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(() => {
  const packDir = mkdtempSync(path.join(os.tmpdir(), "jiuzhu-pack-"));
  run("npm", ["pack", "--pack-destination", packDir], repo);
  const tgz = readdirSync(packDir).find((f) => f.endsWith(".tgz"))!;
  project = mkdtempSync(path.join(os.tmpdir(), "jiuzhu-consumer-"));
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", path.join(packDir, tgz)], project);
}, 600_000);

describe("the packed tarball", () => {
  it("ships no tests, benches or CI files", () => {
    const shipped = run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], repo);
    const files = (JSON.parse(shipped)[0].files as { path: string }[]).map((f) => f.path);
    expect(files.filter((f) => /^(test|bench|\.ci)\//.test(f))).toEqual([]);
    expect(files).toContain("dist/cli/main.js");
    expect(files).toContain("runtime/types.ts");
    expect(files).toContain("LICENSE");
  });

  it("runs the README's calc command through npx", () => {
    let out = "";
    try {
      out = run(
        "npx",
        ["jiuzhu", "calc", "--policy", "node_modules/jiuzhu/policies/营口市", "node_modules/jiuzhu/examples/营口市-2023.jsonl"],
        project,
      );
    } catch (e) {
      // exit 1: the example file carries two records that are errors by design (see README)
      const err = e as { status: number; stdout: string };
      expect(err.status).toBe(1);
      out = err.stdout;
    }
    const first = JSON.parse(out.split("\n")[0]!);
    // 第十一条（一）（二）: 特困 住院 10000, no deductible: 10000×70% + (10000−7000)×70% = 9100
    expect(first).toMatchObject({ 编号: "YK-001", 救助金额: "9100.00" });
  });

  it("type-checks and runs a TypeScript file that imports the library", () => {
    writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          skipLibCheck: false,
          // a Node service has @types/node; borrow the repository's rather than download it
          typeRoots: [path.join(repo, "node_modules", "@types")],
          types: ["node"],
        },
        files: ["use.ts"],
      }),
    );
    writeFileSync(
      path.join(project, "use.ts"),
      `import { loadPolicyPaths, selectVersion, createInterpreter, claimSchema, validateClaim, newLedger, MAIN_CALCULATOR } from "jiuzhu";
import { yuan } from "jiuzhu/runtime";
import { Codes } from "jiuzhu/compiler";
const loaded = loadPolicyPaths(["node_modules/jiuzhu/policies/营口市"]);
const versions = loaded.policies.flatMap((p) => (p.policy ? [p.policy] : []));
const policy = selectVersion(versions, "2023-02-10");
if (!policy) throw new Error("no version");
const calc = policy.calculators.find((c) => c.name === MAIN_CALCULATOR);
if (!calc) throw new Error("no calculator");
const raw = { 身份: ["特困人员"], 就诊类型: "住院", 结算日期: "2023-02-10", 个人负担: "10000.00", 规范转诊: true };
const valid = validateClaim(raw, claimSchema(policy, calc.fields), 1);
if (!valid.ok) throw new Error(valid.错误);
const out = createInterpreter(policy).evaluate(MAIN_CALCULATOR, valid.claim, newLedger(2023));
console.log(out.ok ? out.金额 : out.错误, typeof yuan, typeof Codes);
`,
    );
    run(process.execPath, [tsc, "-p", "."], project);
    const printed = run(process.execPath, ["use.js"], project).trim();
    expect(printed).toBe("910000 function object");
  });
});
