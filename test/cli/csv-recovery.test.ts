/**
 * Issue 9 §2: one unbalanced CSV quote used to swallow every following row into one error. Now a
 * quote still open at the end of the file, or after 64 KiB, makes the opening quote's line one
 * error and reading resumes at the next line.
 */
import { describe, expect, it } from "vitest";
import { CsvParser, parseCsv } from "../../cli/input/csv.js";

describe("an unbalanced quote", () => {
  it("at the end of the file: its line is one error, the following rows are read", () => {
    const rows = parseCsv('a,b\n1,"x\n2,y\n3,z\n');
    expect(rows.map((r) => [r.line, r.fields, r.error !== undefined])).toEqual([
      [1, ["a", "b"], false],
      [2, ["1", "x\n2,y\n3,z\n"], true],
      [3, ["2", "y"], false],
      [4, ["3", "z"], false],
    ]);
    expect(rows[1]!.error).toContain("第2行第2列：引号未闭合");
  });

  it("a closed quoted field with line breaks is still one row", () => {
    const rows = parseCsv('a,b\n"q\nw",2\n3,4\n');
    expect(rows.map((r) => r.fields)).toEqual([["a", "b"], ["q\nw", "2"], ["3", "4"]]);
    expect(rows.every((r) => r.error === undefined)).toBe(true);
  });

  it("CRLF lines and escaped quotes inside the open field are re-read exactly", () => {
    const rows = parseCsv('a,b\r\n1,"x""\r\n2,y\r\n3,z');
    expect(rows.slice(2).map((r) => [r.line, r.fields, r.error])).toEqual([
      [3, ["2", "y"], undefined],
      [4, ["3", "z"], undefined],
    ]);
  });

  it("after 64 KiB, even in the middle of a stream, the open quote gives up and reading resumes", () => {
    const parser = new CsvParser();
    const out: ReturnType<typeof parseCsv> = [];
    const filler = `${"x".repeat(100)}\n`.repeat(700); // 70,700 characters, no quote
    parser.push('a,b\n1,"open\n', out);
    parser.push(filler, out);
    parser.push("2,ok\n", out);
    parser.end(out);
    const bad = out.filter((r) => r.error !== undefined);
    expect(bad.map((r) => r.line)).toEqual([2]);
    expect(bad[0]!.error).toContain("64 KiB");
    expect(out.at(-1)).toEqual({ fields: ["2", "ok"], line: 703 });
    expect(out.filter((r) => r.fields[0] === "x".repeat(100)).length).toBe(700);
  });
});
