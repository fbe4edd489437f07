import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { detectFormat, openText, readRecords, type InputFormat, type RawRecord } from "../../cli/input/readers.js";
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
