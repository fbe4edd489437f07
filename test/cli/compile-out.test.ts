/**
 * `jiuzhu compile -o DIR` writes package.json and runtime/ into DIR: it must not do that to a
 * folder someone else owns (issue 9 §6). Allowed: a new folder, an empty one, or one whose
 * package.json carries jiuzhu's mark; --force overrides. Refusals come before compiling.
 */
import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "./_run.js";

const POLICY = "policies/营口市/2023-01-01.jz";

const cli = (...args: string[]) => runCli(args);

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "compile-out-"));

/** A folder as a user's project has it: its own package.json and a runtime/ folder. */
function project(pkg: object): string {
  const dir = tmp();
  writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg));
  mkdirSync(path.join(dir, "runtime"));
  writeFileSync(path.join(dir, "runtime", "mine.js"), "export const mine = 1;\n");
  return dir;
}

describe("jiuzhu compile -o into an existing folder", () => {
  it.each([
    ["a project folder with its own package.json", { name: "settlement", dependencies: {} }],
    ["a package.json whose jiuzhu entry is not the mark", { jiuzhu: { generated: "yes" } }],
  ])("refuses %s: exit 2 in Chinese, nothing written", async (_what, pkg) => {
    const dir = project(pkg);
    const before = readFileSync(path.join(dir, "package.json"), "utf8");
    const r = await cli("compile", POLICY, "-o", dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("不能写入输出目录");
    expect(r.err).toContain("--force");
    expect(r.out).toBe("");
    expect(readFileSync(path.join(dir, "package.json"), "utf8")).toBe(before);
    expect(existsSync(path.join(dir, "runtime", "index.js"))).toBe(false);
  });

  it("refuses a non-empty folder without package.json, and a path that is a file", async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "notes.txt"), "mine\n");
    const a = await cli("compile", POLICY, "-o", dir);
    expect(a.code).toBe(2);
    expect(a.err).toContain("不是空文件夹");
    expect(existsSync(path.join(dir, "package.json"))).toBe(false);
    const b = await cli("compile", POLICY, "-o", path.join(dir, "notes.txt"));
    expect(b.code).toBe(2);
    expect(b.err).toContain("不是文件夹");
  });

  it("writes into an empty folder with the mark, then again into its own output", async () => {
    const dir = tmp();
    const first = await cli("compile", POLICY, "-o", dir);
    expect(first.err).not.toContain("不能写入");
    expect(first.code).toBe(0);
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    expect(pkg.jiuzhu.generated).toBe(true);
    const again = await cli("compile", POLICY, "-o", dir);
    expect(again.err).not.toContain("不能写入");
    expect(again.code).toBe(0);
  });

  it("--force writes into someone else's folder", async () => {
    const dir = project({ name: "settlement" });
    const r = await cli("compile", POLICY, "-o", dir, "--force");
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).jiuzhu.generated).toBe(true);
    expect(existsSync(path.join(dir, "runtime", "index.js"))).toBe(true);
  });
});
