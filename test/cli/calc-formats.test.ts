/**
 * `calc --format jsonl|json|csv` (output) and `--input-format` (input): the same records in each
 * output shape, error records included, and the old meaning of `--format` kept only where the
 * input's format cannot come from its extension, with a warning.
 */
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";

const policy = fileURLToPath(new URL("../../policies/营口市", import.meta.url));

// 第十一条（一）（二）: 特困 住院 10000 规范转诊: 10000×70% + (10000−7000)×70% = 9100
const GOOD = `{"编号":"A","身份":["特困人员"],"就诊类型":"住院","结算日期":"2023-02-10","个人负担":"10000.00","规范转诊":true}`;
const BAD = `{"编号":"B","身份":["特困人员"],"就诊类型":"住院","结算日期":"2023-02-10","个人负担":"abc"}`;

async function calc(args: string[], stdin: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const input = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += String(d)));
  stderr.on("data", (d) => (err += String(d)));
  input.end(stdin);
  const code = await main(["calc", "--policy", policy, ...args, "-"], { stdout, stderr, stdin: input });
  return { code, out, err };
}

describe("calc output formats", () => {
  it("jsonl is the default: one line per record", async () => {
    const { code, out } = await calc([], `${GOOD}\n${BAD}\n`);
    expect(code).toBe(1);
    const lines = out.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ 编号: "A", 救助金额: "9100.00" });
    expect(lines[1]).toMatchObject({ 编号: "B", 错误: expect.stringContaining("个人负担") });
  });

  it("--format json prints one array with every record", async () => {
    const { code, out } = await calc(["--format", "json", "--input-format", "jsonl"], `${GOOD}\n${BAD}\n`);
    expect(code).toBe(1);
    const array = JSON.parse(out);
    expect(array).toHaveLength(2);
    expect(array[0]).toMatchObject({ 编号: "A", 救助金额: "9100.00" });
    expect(array[1].错误).toContain("个人负担");
  });

  it("--format json with no records is an empty array", async () => {
    const { out } = await calc(["--format", "json", "--input-format", "jsonl"], "");
    expect(JSON.parse(out)).toEqual([]);
  });

  it("--format csv flattens each record to fixed columns", async () => {
    const { code, out } = await calc(["--format", "csv", "--input-format", "jsonl"], `${GOOD}\n${BAD}\n`);
    expect(code).toBe(1);
    const rows = out.trim().split("\n");
    expect(rows[0]).toBe("编号,金额,适用身份,明细,说明,错误");
    expect(rows[1]).toMatch(/^A,9100\.00,特困人员,基本救助:7000\.00；倾斜救助:2100\.00/);
    expect(rows[2]).toMatch(/^B,,,,,.*个人负担/);
    expect(rows).toHaveLength(3);
  });

  it("--input-format csv reads CSV from stdin; output stays JSONL", async () => {
    const csv = "编号,身份,就诊类型,结算日期,个人负担,规范转诊\nA,特困人员,住院,2023-02-10,10000,是\n";
    const { code, out, err } = await calc(["--input-format", "csv"], csv);
    expect(err).toMatch(/^警告：1 条记录没有人员编号/);
    expect(code).toBe(0);
    expect(JSON.parse(out.trim())).toMatchObject({ 编号: "A", 救助金额: "9100.00" });
  });

  it("--format csv on stdin with no --input-format still reads CSV, with a warning", async () => {
    const csv = "编号,身份,就诊类型,结算日期,个人负担,规范转诊\nA,特困人员,住院,2023-02-10,10000,是\n";
    const { out, err } = await calc(["--format", "csv"], csv);
    expect(err).toContain("--input-format");
    expect(out.trim().split("\n")[1]).toMatch(/^A,9100\.00,/);
  });

  it("an unknown output format exits 2 with a Chinese message", async () => {
    const { code, err } = await calc(["--format", "xml"], GOOD);
    expect(code).toBe(2);
    expect(err).toContain("未知的输出格式「xml」");
  });
});
