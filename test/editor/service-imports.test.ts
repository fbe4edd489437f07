/**
 * The language service must bundle for a browser (the workbench): no `node:` module and no
 * Node-only package anywhere in its import graph. The graph is walked from the source text, so a
 * new import of fs/path in any module it reaches fails here before a bundler would.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const NODE_ONLY = /^(node:|fs$|path$|os$|url$|child_process$|worker_threads$|module$|crypto$|vscode-languageserver(?:\/node)?$|vscode-jsonrpc\/node$|better-sqlite3$|ts-morph$|prettier|commander$)/;

/** Every static, side-effect and dynamic import and require of a module's source. */
export function importsOf(src: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?\bfrom\s+["']([^"']+)["']/gms)) out.push({ spec: m[3]!, typeOnly: !!m[2] });
  for (const m of src.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) out.push({ spec: m[1]!, typeOnly: false });
  for (const m of src.matchAll(/\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g)) out.push({ spec: m[1]!, typeOnly: false });
  return out;
}

describe("the language service is bundlable for a browser", () => {
  it("imports nothing from node: (nor a Node-only package) in itself or the modules it reaches", () => {
    const seen = new Set<string>();
    const offenders: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const { spec, typeOnly } of importsOf(readFileSync(file, "utf8"))) {
        if (typeOnly) continue;
        if (NODE_ONLY.test(spec)) offenders.push(`${file} → ${spec}`);
        else if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      }
    };
    visit(join(import.meta.dirname, "../../compiler/language-service/index.ts"));
    expect(offenders).toEqual([]);
    // it does reach the parser, the checker and the formatter
    const reached = [...seen].map((f) => f.slice(f.indexOf("/compiler/") >= 0 ? f.lastIndexOf("/compiler/") : f.lastIndexOf("/grammar/")));
    expect(reached).toEqual(expect.arrayContaining(["/compiler/check.ts", "/compiler/fmt/index.ts", "/grammar/index.ts"]));
  });

  it("the scanner sees each form of import (else the test above proves nothing)", () => {
    const src = [
      'import { a } from "node:fs";',
      'import type { B } from "./b.js";',
      'export { c } from "./c.js";',
      'import "./side.js";',
      'const d = await import("node:path");',
      'const e = require("os");',
      "import {\n  f,\n  g,\n} from \"./multi.js\";",
    ].join("\n");
    expect(importsOf(src)).toEqual([
      { spec: "node:fs", typeOnly: false },
      { spec: "./b.js", typeOnly: true },
      { spec: "./c.js", typeOnly: false },
      { spec: "./multi.js", typeOnly: false },
      { spec: "./side.js", typeOnly: false },
      { spec: "node:path", typeOnly: false },
      { spec: "os", typeOnly: false },
    ]);
  });
});
