import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { detectFormat, openText, readBatches, readRecords, type InputFormat, type RawRecord } from "../../cli/input/readers.js";
import { CliError } from "../../cli/exit-codes.js";

async function* chunked(text: string, size = 3): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function all(text: string, format: InputFormat): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of readRecords(chunked(text), format)) out.push(r);
  return out;
}

describe("readers", () => {
  it("reads a JSON object or array; a non-object element is one bad record", async () => {
    expect(await all('{"编号":"a"}', "json")).toEqual([{ no: 1, value: { 编号: "a" } }]);
    expect(await all('\uFEFF[{"a":1}, 5, {"b":2}]', "json")).toEqual([
      { no: 1, value: { a: 1 } },
      { no: 2, error: "第2条记录不是 JSON 对象" },
      { no: 3, value: { b: 2 } },
    ]);
  });

  it("fails a broken .json as a whole (exit 2)", async () => {
    await expect(all('[{"a":1},', "json")).rejects.toBeInstanceOf(CliError);
  });

  it("reads JSONL line by line: blank lines skipped, a broken line is one error record", async () => {
    const recs = await all('{"a":1}\r\n\n  \n{"a":2\n[1]\n{"a":3}', "jsonl");
    expect(recs.map((r) => r.no)).toEqual([1, 2, 3, 4]);
    expect(recs[0]).toEqual({ no: 1, value: { a: 1 } });
    expect(recs[1]!.error).toMatch(/^第4行不是有效的 JSON：/);
    expect(recs[2]!.error).toBe("第5行不是 JSON 对象");
    expect(recs[3]).toEqual({ no: 4, value: { a: 3 } });
  });

  it("reads JSONL the same however the input is cut into chunks (BOM, CRLF, partial last line)", async () => {
    const text = '\uFEFF{"a":1}\r\n\r\n{"b":"x\\ny"}\n \t\n{"c":2\r\n[3]\n{"d":"长"}\r\n{"e":4}\r';
    const want: RawRecord[] = [
      { no: 1, value: { a: 1 } },
      { no: 2, value: { b: "x\ny" } },
      { no: 3, error: expect.stringMatching(/^第5行不是有效的 JSON：/) as unknown as string },
      { no: 4, error: "第6行不是 JSON 对象" },
      { no: 5, value: { d: "长" } },
      { no: 6, value: { e: 4 } },
    ];
    for (let size = 1; size <= text.length; size++) {
      const out: RawRecord[] = [];
      for await (const r of readRecords(chunked(text, size), "jsonl")) out.push(r);
      expect(out, `chunks of ${size}`).toEqual(want);
    }
  });

  it("yields one batch per chunk, with the records that chunk completed", async () => {
    const lines = Array.from({ length: 10 }, (_, i) => `{"n":${i}}`);
    const batches: number[][] = [];
    for await (const b of readBatches(chunked(lines.join("\n") + "\n", 20), "jsonl")) {
      batches.push(b.map((r) => r.value!["n"] as number));
    }
    expect(batches.flat()).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.every((b) => b.length > 0)).toBe(true);
    // a whole .json file comes in bounded batches too
    const many = JSON.stringify(Array.from({ length: 2500 }, (_, i) => ({ n: i })));
    const sizes: number[] = [];
    for await (const b of readBatches(chunked(many, 4096), "json")) sizes.push(b.length);
    expect(sizes).toEqual([1024, 1024, 452]);
  });

  it("reads CSV the same however the input is cut into chunks", async () => {
    const text = '\uFEFF编号,备注\r\n1,"a,""b""\r\nc"\r\n\r\n2,x\r3,y,z\n4,"q"w\n5,';
    const whole: RawRecord[] = [];
    for await (const r of readRecords(chunked(text, text.length), "csv")) whole.push(r);
    expect(whole).toEqual([
      { no: 1, value: { 编号: "1", 备注: 'a,"b"\r\nc' } },
      { no: 2, value: { 编号: "2", 备注: "x" } },
      { no: 3, error: "CSV 第6行有 3 列，表头有 2 列" },
      { no: 4, error: "CSV 第7行第2列：引号后有多余字符" },
      { no: 5, value: { 编号: "5", 备注: "" } },
    ]);
    for (let size = 1; size < text.length; size++) {
      const out: RawRecord[] = [];
      for await (const r of readRecords(chunked(text, size), "csv")) out.push(r);
      expect(out, `chunks of ${size}`).toEqual(whole);
    }
  });

  it("reads CSV by header; a row with the wrong width is one error record", async () => {
    const recs = await all('编号,身份,个人负担\n1,"低保对象、特困人员",10000\n2,x\n3,"a, b","5"\n', "csv");
    expect(recs).toEqual([
      { no: 1, value: { 编号: "1", 身份: "低保对象、特困人员", 个人负担: "10000" } },
      { no: 2, error: "CSV 第3行有 2 列，表头有 3 列" },
      { no: 3, value: { 编号: "3", 身份: "a, b", 个人负担: "5" } },
    ]);
  });

  it("picks the format from --format, the extension, or JSONL for stdin", () => {
    expect(detectFormat("a.JSONL")).toBe("jsonl");
    expect(detectFormat("a.csv")).toBe("csv");
    expect(detectFormat("-")).toBe("jsonl");
    expect(detectFormat("-", "csv")).toBe("csv");
    expect(() => detectFormat("a.txt")).toThrow(CliError);
    expect(() => detectFormat("a.csv", "xml")).toThrow(/未知的输入格式「xml」/);
  });

  it("reports an unreadable file or a folder as a CliError", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jiuzhu-"));
    await expect(openText(join(dir, "missing.jsonl"))).rejects.toThrow(/无法读取/);
    await expect(openText(dir)).rejects.toThrow(/文件夹/);
    writeFileSync(join(dir, "ok.jsonl"), '{"a":1}\n');
    const out: RawRecord[] = [];
    for await (const r of readRecords(await openText(join(dir, "ok.jsonl")), "jsonl")) out.push(r);
    expect(out).toEqual([{ no: 1, value: { a: 1 } }]);
  });
});
