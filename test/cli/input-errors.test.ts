/**
 * Issue 9 §2 through the CLI (in process, 营口市, reference interpreter): input that used to be
 * misread silently is now an error line, a refused file or a note on stderr. Amounts by hand from
 * policies/营口市/2023-01-01.jz: a 特困人员 住院 claim of 个人负担 10000.00 gets 基本救助
 * 10000 × 70% = 7000.00 and no 倾斜救助 (needs 规范转诊); 就医地 省外 without 规范转诊 is 不予救助
 * (第二十二条): 0.00.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../cli/main.js";

const dir = mkdtempSync(join(tmpdir(), "jiuzhu-input-"));
const policy = join("policies", "营口市");

async function calc(file: string, content: string | Buffer, ...extra: string[]) {
  const path = join(dir, file);
  writeFileSync(path, content);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += String(d)));
  stderr.on("data", (d) => (err += String(d)));
  const code = await main(["calc", "--engine", "interpreter", "--policy", policy, ...extra, path], {
    stdout,
    stderr,
    stdin: new PassThrough(),
  });
  const lines = out.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, string>);
  return { code, lines, err };
}

const claim = (extra: Record<string, unknown>) =>
  JSON.stringify({ 人员编号: "P1", 身份: ["特困人员"], 就诊类型: "住院", 结算日期: "2023-03-01", 个人负担: "10000", ...extra });

describe("misspelled, padded and unknown keys", () => {
  it("就医地点 is an error with the suggestion (was: ignored, 7000.00 paid)", async () => {
    const r = await calc("near.jsonl", claim({ 编号: "A1", 就医地点: "省外" }) + "\n");
    expect(r.code).toBe(1);
    expect(r.lines[0]!["错误"]).toContain("您是否想写「就医地」？");
  });

  it("a padded or full-width key is its field, with one note on stderr", async () => {
    const r = await calc("pad.jsonl", claim({ 编号: "A1", "就医地 ": "省外" }) + "\n" + claim({ 编号: "A2", 人员编号: "P2", "就医地 ": "省外" }) + "\n");
    expect(r.lines.map((l) => l["救助金额"])).toEqual(["0.00", "0.00"]); // 不予救助
    expect(r.code).toBe(0);
    expect(r.err.match(/列「就医地 」按字段「就医地」读取/g)?.length).toBe(1);
  });

  it("other columns are listed once as ignored; --ignore-column silences them; the exit code stays 0", async () => {
    const text = claim({ 编号: "A1", 姓名: "张三" }) + "\n" + claim({ 编号: "A2", 人员编号: "P2", 姓名: "李四" }) + "\n";
    const r = await calc("extra.jsonl", text);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => l["救助金额"])).toEqual(["7000.00", "7000.00"]);
    expect(r.err.match(/已忽略：姓名（2 条）/g)?.length).toBe(1);
    const quiet = await calc("extra2.jsonl", text, "--ignore-column", "姓名");
    expect(quiet.err).toBe("");
  });
});

describe("duplicates and numeric IDs", () => {
  it("a duplicate JSON key is an error for that record (was: the last one won)", async () => {
    const line = claim({ 编号: "A1", 就医地: "省外" }).replace(/}$/, ',"就医地":"市域内"}');
    const r = await calc("dup.jsonl", line + "\n" + claim({ 编号: "A2", 人员编号: "P2" }) + "\n");
    expect(r.lines[0]!["错误"]).toContain("字段「就医地」写了两次");
    expect(r.lines[1]!["救助金额"]).toBe("7000.00");
    const whole = await calc("dup.json", `[${line}]`);
    expect(whole.lines[0]!["错误"]).toContain("字段「就医地」写了两次");
  });

  it("a duplicate CSV column refuses the file", async () => {
    const r = await calc("dup.csv", "编号,人员编号,身份,就诊类型,结算日期,个人负担,身份\nA1,P1,特困人员,住院,2023-03-01,10000,低保对象\n");
    expect(r.code).toBe(2);
    expect(r.err).toContain("「身份」出现了两次（第3列和第7列）");
  });

  it("人员编号 beyond 2^53 as a JSON number is an error, not a merged ledger", async () => {
    const text =
      `{"编号":"A1","人员编号":110101199001011234,"身份":["特困人员"],"就诊类型":"住院","结算日期":"2023-03-01","个人负担":"10000"}\n` +
      `{"编号":"A2","人员编号":110101199001011235,"身份":["特困人员"],"就诊类型":"住院","结算日期":"2023-03-02","个人负担":"10000"}\n`;
    const r = await calc("big.jsonl", text);
    expect(r.lines.map((l) => l["错误"])).toEqual([expect.stringContaining("请写成文本"), expect.stringContaining("请写成文本")]);
  });

  it("records without 人员编号 are counted in one warning", async () => {
    const r = await calc("noperson.jsonl", claim({ 编号: "A1", 人员编号: "" }) + "\n" + claim({ 编号: "A2", 人员编号: undefined }) + "\n");
    expect(r.code).toBe(0);
    expect(r.err).toContain("警告：2 条记录没有人员编号");
  });
});

describe("encodings", () => {
  const csv = "编号,人员编号,身份,就诊类型,结算日期,个人负担\nA1,P1,特困人员,住院,2023-03-01,10000\n";
  // GB18030 bytes of the CSV: Node has no GB encoder, so the characters are spelled out
  const gbBytes = Buffer.concat(
    [...csv].map((ch) => (ch.charCodeAt(0) < 0x80 ? Buffer.from(ch) : Buffer.from(GB[ch]!, "hex"))),
  );

  it("a GB18030 CSV is read with a note (was: 缺少字段「身份」 on every row)", async () => {
    const r = await calc("gb.csv", gbBytes);
    expect(r.lines[0]!["救助金额"]).toBe("7000.00");
    expect(r.err).toContain("按 GB18030");
    const forced = await calc("gb2.csv", gbBytes, "--encoding", "utf-8");
    expect(forced.code).toBe(2);
    expect(forced.err).toContain("--encoding gb18030");
  });

  it("UTF-16 is refused with a message saying so", async () => {
    const r = await calc("u16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, "utf16le")]));
    expect(r.code).toBe(2);
    expect(r.err).toContain("UTF-16");
  });
});

/** GB18030 codes of the characters above (GB2312 area, the same in GBK). */
const GB: Record<string, string> = {
  编: "b1e0", 号: "bac5", 人: "c8cb", 员: "d4b1", 身: "c9ed", 份: "b7dd", 就: "becd", 诊: "d5ef",
  类: "c0e0", 型: "d0cd", 结: "bde1", 算: "cbe3", 日: "c8d5", 期: "c6da", 个: "b8f6", 负: "b8ba",
  担: "b5a3", 特: "ccd8", 困: "c0a7", 住: "d7a1", 院: "d4ba",
};

describe("what the header check says", () => {
  it("a header of unknown columns only: names them and points at --encoding", async () => {
    const r = await calc("latin.csv", "bianhao,shenfen\nA1,x\n");
    expect(r.code).toBe(1);
    expect(r.err).toContain("已忽略：bianhao（1 条）、shenfen（1 条）");
    expect(r.err).toContain("--encoding");
  });

  it("an unknown command gets a suggestion in Chinese", async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = "";
    stderr.on("data", (d) => (err += String(d)));
    expect(await main(["calk"], { stdout, stderr, stdin: new PassThrough() })).toBe(2);
    expect(err).toContain("未知命令「calk」，您是否想写「calc」？");
  });
});
