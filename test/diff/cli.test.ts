/**
 * `jiuzhu diff` end to end: side specs (file, folder@day, git REV:path), exit codes, and golden
 * reports in the three formats. Refresh goldens explicitly: JIUZHU_UPDATE_GOLDEN=1 npx vitest run test/diff
 */
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runDiff } from "./_run.js";
import { REFORMATTED, YINGKOU } from "./_load.js";

const OLD = "test/diff/fixtures/营口市@2023-06-01";
const NEW = "test/diff/fixtures/营口市@2024-06-01";

function golden(name: string, text: string): void {
  const file = `test/diff/golden/${name}`;
  if (process.env.JIUZHU_UPDATE_GOLDEN) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, "utf8"));
}

describe("jiuzhu diff", () => {
  it("golden text report for the 营口 2024 variant; exit 1 when they differ", async () => {
    const r = await runDiff(OLD, NEW);
    expect(r.err).toBe("");
    expect(r.code).toBe(1);
    golden("营口市-2024.txt", r.out);
  });

  it("golden markdown report with claims data", async () => {
    const r = await runDiff(OLD, NEW, { format: "markdown", claims: "test/diff/fixtures/claims.jsonl" });
    expect(r.code).toBe(1);
    golden("营口市-2024.md", r.out);
  });

  it("golden json report", async () => {
    const r = await runDiff(OLD, NEW, { format: "json" });
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out);
    expect(data.equal).toBe(false);
    expect(data.new.effective).toBe("2024-06-01");
    golden("营口市-2024.json", r.out);
  });

  it("exit 0 for a reformatted copy, and says the versions are the same", async () => {
    const r = await runDiff(YINGKOU, REFORMATTED);
    expect(r.code).toBe(0);
    expect(r.out).toContain("两个版本语义相同");
  });

  it("reads a side from git without a checkout", async () => {
    const r = await runDiff(`HEAD:${YINGKOU}`, "HEAD:policies/营口市@2023-06-01", { format: "json" });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  });

  it.each([
    ["an unreadable file", "test/diff/fixtures/none.jz", YINGKOU, {}, "无法读取"],
    ["a folder of several versions without a day", "test/diff/fixtures/营口市", YINGKOU, {}, "请写明日期"],
    ["a day no version is in force", "test/diff/fixtures/营口市@2020-01-01", YINGKOU, {}, "没有施行中的版本"],
    ["a policy that does not check", "test/diff/fixtures/broken/2023-01-01.jz", YINGKOU, {}, "未通过检查"],
    ["an unknown git revision", "no-such-rev:policies/营口市/2023-01-01.jz", YINGKOU, {}, "无法从 git 读取"],
    ["a bad format", YINGKOU, YINGKOU, { format: "pdf" }, "未知的输出格式"],
    ["an unreadable claims file", YINGKOU, YINGKOU, { claims: "test/diff/fixtures/none.jsonl" }, "无法读取"],
    ["--failures without --claims", YINGKOU, YINGKOU, { failures: "/tmp/x.jsonl" }, "--failures 需要同时给出 --claims"],
  ])("exit 2 for %s", async (_what, a, b, opts, message) => {
    const r = await runDiff(a, b, opts);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe("");
  });

  it("refuses a git revision starting with - before git sees it (git show --output would write a file)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "diff-rev-"));
    const planted = path.join(dir, "GITPWN:x.jz");
    const r = await runDiff(`--output=${path.join(dir, "GITPWN")}:x.jz`, YINGKOU);
    expect(r.code).toBe(2);
    expect(r.err).toContain("不能以「-」开头");
    expect(existsSync(planted)).toBe(false);
  });

  it.each([
    ["an option-like revision after a valid one", "HEAD --output=x:policies/营口市/2023-01-01.jz", "不是本仓库中的提交"],
    ["a revision naming no commit (a tree)", "HEAD^{tree}:policies/营口市/2023-01-01.jz", "不是本仓库中的提交"],
    ["a file side on a day that does not exist", "test/diff/fixtures/营口市@2023-02-30", "日期 2023-02-30 不存在"],
    ["a git side on a day that does not exist", "HEAD:policies/营口市@2023-02-30", "日期 2023-02-30 不存在"],
    ["a git folder without a day", "HEAD:policies/营口市", "请加上日期"],
    ["a git folder with a trailing slash and no day", "HEAD:policies/营口市/", "HEAD:policies/营口市@2023-01-01"],
  ])("exit 2 in Chinese for %s", async (_what, spec, message) => {
    const r = await runDiff(spec, YINGKOU);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe("");
  });

  it("a real leap day is accepted on both kinds of side", async () => {
    const r = await runDiff("HEAD:policies/营口市@2024-02-29", "test/diff/fixtures/营口市@2024-02-29", { format: "json" });
    expect(r.err).toBe("");
    expect([0, 1]).toContain(r.code);
  });

  it("the compiled engine gives the same population report as the interpreter", async () => {
    const opts = { claims: "test/diff/fixtures/claims.jsonl", format: "json" };
    const [a, b] = [await runDiff(OLD, NEW, { ...opts, engine: "compiled" }), await runDiff(OLD, NEW, opts)];
    expect(a.err).toBe("");
    expect(JSON.parse(a.out).population).toEqual(JSON.parse(b.out).population);
  }, 120_000);

  it("reads claims from stdin", async () => {
    const claims = readFileSync("test/diff/fixtures/claims.jsonl", "utf8");
    const r = await runDiff(OLD, NEW, { claims: "-" }, claims);
    expect(r.out).toContain("共 9 条记录，金额变化 3 条");
  });

  // 济宁 against variants of its 住院救助 ratio (fixtures/<variant>/济宁市 beside a copy of 山东省).
  const JINING = "policies/济宁市/2021-01-01.jz";

  it("a 济宁 variant below the provincial floor does not check: exit 2 citing the province", async () => {
    const r = await runDiff(JINING, "test/diff/fixtures/floor/济宁市/2021-01-01.jz");
    expect(r.code).toBe(2);
    expect(r.err).toContain("JZ4009");
    expect(r.err).toContain("低于基础政策的下限 70%");
    expect(r.err).toContain("依据 二、三是");
  });

  it("a 济宁 variant that raises 70% to 75%: exact impact up to where the 1万元 cap binds", async () => {
    const r = await runDiff(JINING, "test/diff/fixtures/raise/济宁市/2021-01-01.jz");
    expect(r.code).toBe(1);
    expect(r.out).toContain("住院救助 · 低保对象、特困人员 · 比例：70% → 75%（依据 一、二是）");
    // by hand: the gain is 5% of the burden until 75% reaches the cap at 10000/75% = 13333.33元
    // (gain 666.67元); it then shrinks by 0.70 per 元 until 70% reaches the cap at 10000/70% =
    // 14285.71元; the provincial 再救助 (base = burden − 住院救助, 5000元 deductible) does not
    // start below 15000元, so it changes nothing in between.
    expect(r.out).toContain("个人负担 0–13333.33元 多付 0–666.67元");
    expect(r.out).toContain("13333.34–14285.71元 多付 666.66–0元");
  });
});
