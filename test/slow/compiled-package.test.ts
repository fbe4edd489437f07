/**
 * A compiled policy as an engineer depends on it: `jiuzhu compile -o out --name yingkou-jiuzhu`,
 * then consumer projects install ./out by path: the README's 在结算系统中使用 program, and three
 * that compute the same claim — an ESM
 * TypeScript project under the strictest flags (noUnusedLocals, exactOptionalPropertyTypes,
 * skipLibCheck off), a CommonJS TypeScript project (loading the ESM package with import()), and a
 * bundle (rolldown, which vitest already brings; a bundler must follow the exports map).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const tsc = path.join(repo, "node_modules", "typescript", "bin", "tsc");
let root = "";

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

// 第十一条（一）（二）: 特困人员 住院 10000, 规范转诊 市域内, no deductible:
// 基本 10000×70% = 7000; 倾斜 (10000−7000)×70% = 2100; total 9100.00 = 910000 分
const CLAIM = `{ 编号: "1", 身份: ["特困人员"], 就诊类型: "住院", 结算日期: "2023-02-10", 个人负担: 分(1000000), 病种: [], 规范转诊: true, 就医地: "市域内", 参保: true, 参保类型: "居民医保" }`;

function consumer(name: string, pkg: object, files: Record<string, string>): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true, ...pkg, dependencies: { "yingkou-jiuzhu": "file:../out" } }));
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  run("npm", ["install", "--no-audit", "--no-fund", "--offline"], dir);
  return dir;
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "jiuzhu-consumers-"));
  run(process.execPath, [path.join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], repo);
  run(process.execPath, [path.join(repo, "bin", "jiuzhu.js"), "compile", "policies/营口市", "-o", path.join(root, "out"), "--name", "yingkou-jiuzhu"], repo);
}, 600_000);

describe("a compiled policy as a dependency", () => {
  it("ESM TypeScript, strictest flags, skipLibCheck off", () => {
    const dir = consumer("esm-strict", { type: "module" }, {
      "tsconfig.json": JSON.stringify({
        compilerOptions: {
          target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true,
          noUnusedLocals: true, noUnusedParameters: true, exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true, skipLibCheck: false, types: [],
        },
        files: ["main.ts"],
      }),
      "main.ts": `import { evaluate, 分 } from "yingkou-jiuzhu";
import { newLedger } from "yingkou-jiuzhu/runtime";
const r = evaluate("医疗救助", ${CLAIM}, newLedger(2023));
console.log(r.ok ? r.金额 : r.错误);
`,
    });
    run(process.execPath, [tsc, "-p", "."], dir);
    expect(run(process.execPath, ["main.js"], dir).trim()).toBe("910000");
  });

  it("the README's 在结算系统中使用 program type-checks under strict flags and prints what the README shows", () => {
    // the section's ```ts block, then the block the README says `node settle.js` prints; the
    // amounts there carry their arithmetic (第十一条（一）（二）) beside them
    const readme = readFileSync(path.join(repo, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## 在结算系统中使用"));
    const program = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
    const after = section.slice(section.indexOf("node settle.js"));
    const printed = /```\n([\s\S]*?)```/.exec(after)![1]!;
    const want = printed.split("\n").map((l) => l.replace(/\s+#.*$/, "").trimEnd()).filter((l) => l !== "");
    expect(want.length).toBeGreaterThan(2);
    const dir = consumer("readme", { type: "module" }, {
      "tsconfig.json": JSON.stringify({
        compilerOptions: {
          target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true,
          noUnusedLocals: true, noUnusedParameters: true, exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true, erasableSyntaxOnly: true, skipLibCheck: false, types: [],
        },
        files: ["settle.ts"],
      }),
      "settle.ts": program.replaceAll('"yingkou-policy', '"yingkou-jiuzhu'),
    });
    run(process.execPath, [tsc, "-p", "."], dir);
    expect(run(process.execPath, ["settle.js"], dir).trim().split("\n")).toEqual(want);
  });

  it("CommonJS TypeScript loads it with import()", () => {
    const dir = consumer("cjs", {}, {
      "tsconfig.json": JSON.stringify({
        compilerOptions: { target: "ES2020", module: "Node16", moduleResolution: "Node16", strict: true, skipLibCheck: false, types: [] },
        files: ["main.ts"],
      }),
      "main.ts": `async function main(): Promise<void> {
  const policy = await import("yingkou-jiuzhu");
  const runtime = await import("yingkou-jiuzhu/runtime");
  const 分 = runtime.分;
  const r = policy.evaluate("医疗救助", ${CLAIM}, runtime.newLedger(2023));
  console.log(r.ok ? r.金额 : r.错误);
}
void main();
`,
    });
    run(process.execPath, [tsc, "-p", "."], dir);
    expect(run(process.execPath, ["main.js"], dir).trim()).toBe("910000");
  });

  it("a bundler follows the exports map into one file that runs", async () => {
    const dir = consumer("bundle", { type: "module" }, {
      "main.js": `import { evaluate, 分 } from "yingkou-jiuzhu";
import { newLedger } from "yingkou-jiuzhu/runtime";
const r = evaluate("医疗救助", ${CLAIM}, newLedger(2023));
console.log(r.ok ? r.金额 : r.错误);
`,
    });
    const { rolldown } = await import("rolldown");
    const bundle = await rolldown({ input: path.join(dir, "main.js"), cwd: dir, platform: "node" });
    await bundle.write({ file: path.join(dir, "bundle.mjs"), format: "esm" });
    await bundle.close();
    expect(run(process.execPath, ["bundle.mjs"], dir).trim()).toBe("910000");
  });

  it("every region's package type-checks as a dependency under the strictest flags", () => {
    // the .d.ts of each region (base policy, several calculators, 身份组, declared fields, 预警)
    // with skipLibCheck off: a generated declaration that strict TypeScript rejects fails here
    const dir = path.join(root, "all-regions");
    mkdirSync(path.join(dir, "node_modules"), { recursive: true });
    const regions = readdirSync(path.join(repo, "policies"));
    const lines: string[] = [];
    regions.forEach((region, i) => {
      const out = path.join(root, `region-${i}`);
      run(process.execPath, [path.join(repo, "bin", "jiuzhu.js"), "compile", path.join("policies", region), "-o", out, "--name", `region-${i}`], repo);
      symlinkSync(out, path.join(dir, "node_modules", `region-${i}`), "dir");
      lines.push(`import * as r${i} from "region-${i}";`, `console.log(r${i}.地区, r${i}.版本表.length);`);
    });
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "all-regions", private: true, type: "module" }));
    writeFileSync(path.join(dir, "main.ts"), lines.join("\n") + "\n");
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        target: "ES2022", module: "nodenext", strict: true, noUnusedLocals: true, exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true, erasableSyntaxOnly: true, verbatimModuleSyntax: true, skipLibCheck: false, types: [],
      },
      files: ["main.ts"],
    }));
    run(process.execPath, [tsc, "-p", "."], dir);
    expect(run(process.execPath, ["main.js"], dir).trim().split("\n").map((l) => l.split(" ")[0])).toEqual(regions);
  });
});
