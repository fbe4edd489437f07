import { describe, expect, it } from "vitest";
import { CsvParser, parseCsv, type CsvRow } from "../../cli/input/csv.js";

const fields = (rows: CsvRow[]) => rows.map((r) => r.fields);

describe("CSV parser (RFC 4180)", () => {
  it("splits plain rows", () => {
    expect(fields(parseCsv("a,b,c\n1,2,3\n"))).toEqual([["a", "b", "c"], ["1", "2", "3"]]);
  });

  it("keeps commas, escaped quotes and line breaks inside quoted fields", () => {
    const rows = parseCsv('编号,说明\n1,"低保对象、特困人员, 含逗号"\n2,"他说""好"""\n3,"两\n行"\n');
    expect(fields(rows)).toEqual([
      ["编号", "说明"],
      ["1", "低保对象、特困人员, 含逗号"],
      ["2", '他说"好"'],
      ["3", "两\n行"],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4]);
  });

  it("accepts CRLF, lone CR, no final line break, and skips blank lines", () => {
    expect(fields(parseCsv("a,b\r\n1,2\r\n\r\n3,4\r5,6"))).toEqual([["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]]);
  });

  it("strips a BOM and keeps empty fields", () => {
    expect(fields(parseCsv('\uFEFFa,b,c\n,,\n"",x,\n'))).toEqual([["a", "b", "c"], ["", "", ""], ["", "x", ""]]);
  });

  it("gives the same rows whatever the chunking", () => {
    const text = 'a,b\r\n"x,""y""\r\nz",2\r\n3,"4"\r\n';
    const whole = fields(parseCsv(text));
    for (let size = 1; size <= 5; size++) {
      const parser = new CsvParser();
      const out: CsvRow[] = [];
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size), out);
      parser.end(out);
      expect(fields(out)).toEqual(whole);
    }
  });

  it("reports broken quoting on the row instead of throwing", () => {
    const rows = parseCsv('a,b\n"x"y,2\n3,4\n5,"open\n');
    expect(rows[1]!.error).toMatch(/第2行第1列：引号后有多余字符/);
    expect(rows[2]).toEqual({ fields: ["3", "4"], line: 3 });
    expect(rows[3]!.error).toMatch(/第4行第2列：引号未闭合/);
  });
});
