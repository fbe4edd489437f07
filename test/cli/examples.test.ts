/**
 * `jiuzhu test` runs a region's officers' example tables (例/*.csv) on both engines beside the
 * 保证: a mismatch is printed with file:line and its trace and exits 1; malformed rows are Chinese
 * errors with their position and do not stop the other rows; GB18030 tables read like UTF-8.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tree } from "../guarantee/_helpers.js";

// 起付线 1000元 a year, 70%, 年度限额 1万元: one person's rows depend on each other
const POLICY = `政策 试点办法
地区 试点市
生效 2023-01-01 依据 第一条
身份 低保对象 依据 第二条
救助项目 住院救助 依据 第三条
  基数 个人负担
  起付线 按年
  | 身份     | 起付线 | 比例 | 年度限额 |
  | 低保对象 | 1000元 | 70%  | 1万元    |
`;

const HEADER = "人员编号,结算日期,身份,个人负担,期望,算式,期望.住院救助,说明";
// hand arithmetic from the table above, written before running:
//   1st (5000 − 1000)×70% = 2800; 2nd, same person, 起付线 used up: min(20000×70%, 10000 − 2800) = 7200;
//   3rd, no 人员编号 (a fresh ledger): 500 < 起付线 → 0
const GOOD = [
  "P1,2023-03-01,低保对象,5000,2800.00,(5000-1000)*70%,2800,第一次住院",
  'P1,2023-04-01,低保对象,20000,7200,"min(20000*70%, 10000-2800)",,同一人第二次：年度限额余额',
  ',2023-05-01,低保对象,500,0,"max(0, 500-1000)*70%",,低于起付线',
];

/** A region folder 试点市 holding POLICY and 例/<name> with `bytes`. */
function region(bytes: string | Buffer, name = "表.csv"): { dir: string; file: string } {
  const root = tree({ "试点市/2023-01-01.jz": POLICY });
  const file = path.join(root, "试点市", "例", name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return { dir: path.join(root, "试点市"), file };
}

const run = (dir: string) => cli("test", dir, "--engine", "interpreter", "--runs", "20", "--seed", "1");

describe("jiuzhu test: example tables", () => {
  it("exit 0 when every row holds on both engines; rows of one 人员编号 share a year ledger", async () => {
    const { dir } = region([HEADER, ...GOOD].join("\n") + "\n");
    const { code, out, err } = await run(dir);
    expect(err).toBe("");
    expect(out).toContain("✓ 试点市：案例 3 条（编译模块和参考解释器各算一遍），全部相符");
    expect(code).toBe(0);
  });

  it("exit 1 on a mismatch, printed with file:line, both engines, the record and the trace", async () => {
    // the 2nd row claims the cap is not shared (14000): wrong by the document
    const bad = 'P1,2023-04-01,低保对象,20000,14000,20000*70%,,忘了年度限额';
    const { dir, file } = region([HEADER, GOOD[0], bad].join("\n") + "\n");
    const { code, out } = await run(dir);
    expect(code).toBe(1);
    expect(out).toContain(`✗ 案例 ${file}:3（编译模块） 忘了年度限额`);
    expect(out).toContain(`✗ 案例 ${file}:3（参考解释器） 忘了年度限额`);
    expect(out).toContain("  期望 14000.00，算得 7200.00");
    expect(out).toContain('  记录（计算器 医疗救助）：{"人员编号":"P1","结算日期":"2023-04-01","身份":"低保对象","个人负担":"20000"}');
    expect(out).toContain("  算式：20000*70%");
    expect(out).toContain("  计算过程：\n    ");
    expect(out).toMatch(/\n {4,}.*住院救助：基数/);
    expect(out).toContain("✗ 试点市：案例 2 条（编译模块和参考解释器各算一遍），2 处不符");
  });

  it("an item's amount, 未规定： and 错误： are checked too", async () => {
    const rows = [
      "P2,2023-03-01,低保对象,5000,2800,(5000-1000)*70%,2000,明细不符",
      ",2023-03-01,低保对象,5000,错误：缺少字段,,,不是错误",
      ",2022-03-01,低保对象,5000,错误：施行期,,,施行期之前",
      ",2023-03-01,低保对象,5000,未规定：,,,不是未规定",
    ];
    const { dir, file } = region([HEADER, ...rows].join("\n") + "\n");
    const { code, out } = await run(dir);
    expect(code).toBe(1);
    expect(out).toContain(`✗ 案例 ${file}:2（编译模块） 明细不符\n  期望.住院救助 2000.00，算得 2800.00`);
    expect(out).toContain(`✗ 案例 ${file}:3（编译模块） 不是错误\n  期望错误（错误：缺少字段），却算得 2800.00`);
    expect(out).not.toContain(`${file}:4`);
    expect(out).toContain(`✗ 案例 ${file}:5（编译模块） 不是未规定\n  期望未规定（未规定：），却算得 2800.00`);
  });

  it("malformed rows are Chinese errors at file:line, exit 1, and the other rows still run", async () => {
    const rows = [
      "P1,2023-03-01,低保对象,5000,两千八,(5000-1000)*70%,,金额写成文字",
      "P1,2023-03-01,低保对象,5000,2800,,,没写算式",
      "P1,2023-03-01,低保对象,5000,2800,5000*70%,,算式与期望不符",
      "P1,2023-03-01,低保对象,5000,2800",
      ",2023-03-01,低保对象,5000,,,,期望空着",
      GOOD[2],
    ];
    const { dir, file } = region([HEADER, ...rows].join("\n") + "\n");
    const { code, out } = await run(dir);
    expect(code).toBe(1);
    const errors = out.split("\n").filter((l) => l.startsWith("✗ 案例表格式错误"));
    expect(errors).toEqual([
      `✗ 案例表格式错误 ${file}:2：「期望」应为金额（元，最多两位小数），而不是「两千八」`,
      `✗ 案例表格式错误 ${file}:3：期望是金额时须在「算式」中写出按文件计算的算式`,
      `✗ 案例表格式错误 ${file}:4：算式「5000*70%」得 3500.00，与期望 2800 不符`,
      `✗ 案例表格式错误 ${file}:5：有 5 列，表头有 8 列`,
      `✗ 案例表格式错误 ${file}:6：「期望」是空的：请写金额，或以「未规定：」「错误：」开头的文字`,
    ]);
    expect(out).toContain("✗ 试点市：案例 1 条（编译模块和参考解释器各算一遍），5 处格式错误");
  });

  it("a column that is no record field nor example column is an error at the header; a near miss is the row's error", async () => {
    const a = region("结算日期,身份,个人负担,期望,算式,备注栏\n2023-03-01,低保对象,5000,2800,(5000-1000)*70%,x\n");
    const r = await run(a.dir);
    expect(r.out).toContain(`✗ 案例表格式错误 ${a.file}:1：列「备注栏」既不是政策的记录字段，也不是案例列`);
    expect(r.code).toBe(1);
    const b = region("结算日期,身份,个人负单,期望,算式\n2023-03-01,低保对象,5000,2800,(5000-1000)*70%\n");
    const s = await run(b.dir);
    expect(s.out).toContain("未知字段「个人负单」，您是否想写「个人负担」？");
    expect(s.code).toBe(1);
  });

  it("a table without 期望, or with a repeated column, is one error at its header", async () => {
    const a = region("结算日期,身份,个人负担\n2023-03-01,低保对象,5000\n");
    expect((await run(a.dir)).out).toContain(`✗ 案例表格式错误 ${a.file}:1：表头缺少「期望」列`);
    const b = region("结算日期,身份,身份,期望,算式\n2023-03-01,低保对象,低保对象,0,0\n");
    const r = await run(b.dir);
    expect(r.out).toContain(`✗ 案例表格式错误 ${b.file}:1：表头「身份」出现了两次，请只保留一列`);
    expect(r.code).toBe(1);
  });

  it("reads a GB18030 table (Excel's CSV on a Chinese system) like UTF-8; other bytes are an error", async () => {
    const text = [HEADER, ...GOOD].join("\r\n") + "\r\n";
    const gb = Buffer.from(new Uint8Array(encodeGb18030(text)));
    const { dir } = region(gb);
    const r = await run(dir);
    expect(r.out).toContain("✓ 试点市：案例 3 条（编译模块和参考解释器各算一遍），全部相符");
    expect(r.code).toBe(0);
    expect(r.err).toContain("不是有效的 UTF-8，按 GB18030（GBK）编码读取");
    const bad = region(Buffer.from([0x41, 0x0a, 0x81, 0x20, 0x0a]));
    const b = await run(bad.dir);
    expect(b.out).toContain(`✗ 案例表格式错误 「${bad.file}」第 1 字节之后有不是 GB18030 编码的内容`);
    expect(b.code).toBe(1);
    const utf16 = region(Buffer.from([0xff, 0xfe, 0x41, 0x00]));
    expect((await run(utf16.dir)).out).toContain(`「${utf16.file}」是 UTF-16 编码，无法读取`);
  });

  it("policies/营口市 passes; the same folder with one table cell edited (2000元 → 2100元) fails on its examples", async () => {
    const real = await run("policies/营口市");
    expect(real.out).toMatch(/^✓ 营口市：案例 \d+ 条（编译模块和参考解释器各算一遍），全部相符$/m);
    expect(real.code).toBe(0);
    const root = mkdtempSync(path.join(tmpdir(), "jiuzhu-examples-"));
    const dir = path.join(root, "营口市");
    cpSync("policies/营口市", dir, { recursive: true });
    const file = path.join(dir, "2023-01-01.jz");
    const text = readFileSync(file, "utf8");
    const edited = text.replace(/(\| 低保边缘家庭成员 +\| )2000元/, "$12100元");
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const mutated = await run(dir);
    expect(mutated.code).toBe(1);
    expect(mutated.out).toMatch(/✗ 案例 .*案例\.csv:\d+（编译模块）/);
    expect(mutated.out).toMatch(/^✗ 营口市：案例 \d+ 条（编译模块和参考解释器各算一遍），\d+ 处不符$/m);
  });

  it("a file in 例/ that is not .csv is noted on stderr and not run", async () => {
    const { dir, file } = region("说明", "说明.txt");
    const r = await run(dir);
    expect(r.err).toContain(`${file}：不是 .csv 案例表，已忽略`);
  });
});

/** GB18030 bytes of `text` (Node has a GB18030 decoder but no encoder): code points looked up by decoding. */
function encodeGb18030(text: string): number[] {
  const decoder = new TextDecoder("gb18030");
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...bytes);
    }
  }
  return out;
}
