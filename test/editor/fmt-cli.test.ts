import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";

async function cli(args: string[], input = "") {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  stdin.end(input);
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += String(d)));
  stderr.on("data", (d) => (err += String(d)));
  const code = await main(args, { stdout, stderr, stdin });
  return { code, out, err };
}

const messy = "政策  测试\n地区 甲市\n身份   低保对象\n";
const tidy = "政策 测试\n地区 甲市\n身份 低保对象\n";

describe("jiuzhu fmt", () => {
  it("fmt - reads stdin and writes the formatted text to stdout", async () => {
    const r = await cli(["fmt", "-"], messy);
    expect(r.code).toBe(0);
    expect(r.out).toBe(tidy);
  });

  it("--check lists files that would change (exit 1), rewrites nothing; then fmt rewrites in place (exit 0)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jz-fmt-"));
    mkdirSync(join(dir, "甲市"));
    const a = join(dir, "甲市", "a.jz");
    const b = join(dir, "甲市", "b.jz");
    writeFileSync(a, messy);
    writeFileSync(b, tidy);
    const check = await cli(["fmt", "--check", dir]);
    expect(check.code).toBe(1);
    expect(check.out).toBe(a + "\n");
    expect(readFileSync(a, "utf8")).toBe(messy);
    expect((await cli(["fmt", dir])).code).toBe(0);
    expect(readFileSync(a, "utf8")).toBe(tidy);
    const again = await cli(["fmt", "--check", dir]);
    expect(again.code).toBe(0);
    expect(again.out).toBe("");
  });

  it("a file that does not parse is left unchanged, diagnostics on stderr, exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jz-fmt-"));
    const bad = join(dir, "bad.jz");
    writeFileSync(bad, "身份  ？？\n");
    const r = await cli(["fmt", "--check", bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("错误");
    expect((await cli(["fmt", bad])).code).toBe(2);
    expect(readFileSync(bad, "utf8")).toBe("身份  ？？\n");
  });
});
