/**
 * Issue 9 §3/§4 through the command line: files named explicitly load alone (two drafts with the
 * same 生效 side by side are not an overlap), and an unusable cache is one warning on stderr.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./_run.js";

/** 特困人员 住院 个人负担 10000元: 基本救助 10000 × 70% = 7000.00 (营口市 第十一条（一）1). */
const A1 = `{"编号":"A1","人员编号":"P1","身份":["特困人员"],"就诊类型":"住院","结算日期":"2023-03-01","个人负担":10000}\n`;

const cli = runCli;

const saved = process.env.JIUZHU_CACHE_DIR;
let drafts = "";
beforeEach(() => {
  process.env.JIUZHU_CACHE_DIR = mkdtempSync(path.join(tmpdir(), "jiuzhu-files-cli-cache-"));
  drafts = mkdtempSync(path.join(tmpdir(), "jiuzhu-drafts-"));
  // two drafts of the same version side by side: in a region folder they would overlap (JZ5006)
  copyFileSync("policies/营口市/2023-01-01.jz", path.join(drafts, "草案.jz"));
  copyFileSync("policies/营口市/2023-01-01.jz", path.join(drafts, "草案二.jz"));
});
afterEach(() => {
  if (saved === undefined) delete process.env.JIUZHU_CACHE_DIR;
  else process.env.JIUZHU_CACHE_DIR = saved;
});

describe("files named on the command line", () => {
  it("calc --policy 草案.jz loads that file alone and pays 7000.00", async () => {
    const r = await cli(["calc", "--policy", path.join(drafts, "草案.jz"), "-"], A1);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ 编号: "A1", 救助金额: "7000.00" });
  });

  it("check and diff of two drafts with the same 生效 in one folder: no overlap between them", async () => {
    expect((await cli(["check", path.join(drafts, "草案.jz"), path.join(drafts, "草案二.jz")])).code).toBe(0);
    const d = await cli(["diff", path.join(drafts, "草案.jz"), path.join(drafts, "草案二.jz")]);
    expect(d.err).not.toContain("JZ5006");
    expect(d.code).toBe(0);
  });
});

describe("an unusable cache", () => {
  it("calc computes without caching, with one warning on the command's stderr", async () => {
    const plain = path.join(drafts, "plain");
    writeFileSync(plain, "");
    process.env.JIUZHU_CACHE_DIR = path.join(plain, "cache");
    const r = await cli(["calc", "--policy", "policies/营口市", "-"], A1);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ 救助金额: "7000.00" });
    expect(r.err.trim().split("\n")).toEqual([expect.stringMatching(/^警告：无法使用缓存文件夹.*照常计算/)]);
  });
});
