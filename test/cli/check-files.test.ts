/** Issue 9 §3 through `jiuzhu check`: an empty folder is exit 2 (like calc), a FIFO never hangs. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { checkCommand } from "../../cli/commands/check.js";

async function check(...paths: string[]) {
  const stderr = new PassThrough();
  let err = "";
  stderr.on("data", (d) => (err += String(d)));
  const code = await checkCommand(paths, { stdout: new PassThrough(), stderr, stdin: new PassThrough() });
  return { code, err };
}

describe("jiuzhu check and files", () => {
  it("an empty folder exits 2 and says there is no policy (was 0: a clean check of nothing)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jiuzhu-empty-"));
    mkdirSync(path.join(dir, "某市"));
    const r = await check(path.join(dir, "某市"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("中没有政策文件");
  });

  it("a FIFO named on the command line is refused with exit 2 (was: check hung)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jiuzhu-fifo-"));
    execFileSync("mkfifo", [path.join(dir, "a.jz")]);
    const r = await check(path.join(dir, "a.jz"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("不是普通文件");
  });

  it("2024-01-01.JZ beside a version is exit 1 with JZ5008", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jiuzhu-upper-"));
    execFileSync("cp", ["-r", "policies/营口市", dir]);
    execFileSync("cp", [path.join(dir, "营口市", "2023-01-01.jz"), path.join(dir, "营口市", "2024-01-01.JZ")]);
    const r = await check(path.join(dir, "营口市"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("JZ5008");
  });
});
