import { describe, expect, it } from "vitest";
import { HEADER, check, expectClean, expectDiagnostic } from "./helpers.js";

const item = (header: string, row: string): string => `${HEADER}
身份 甲 依据 二
救助项目 乙 依据 三
  | 身份 | ${header} |
  | 甲   | ${row} |
`;

describe("check-segments", () => {
  it("contiguous segments are fine and lower sorted", () => {
    const p = expectClean(item("比例（2万元以上） | 比例（0至2万元）", "80% | 70%"));
    const row = p.items[0]!.rows["甲"]!;
    expect(row).toMatchObject({
      kind: "params",
      segments: [
        { from: 0, to: 2000000, bp: 7000 },
        { from: 2000000, to: null, bp: 8000 },
      ],
    });
  });

  it("JZ4004 overlapping segments", () => {
    const d = expectDiagnostic(item("比例（0至3万元） | 比例（2万元以上）", "70% | 80%"), {
      code: "JZ4004",
      line: 7,
      col: 22,
    });
    expect(d.notes[0]).toContain("2万元至3万元");
  });

  it("a single 比例 next to segments fills the parts they leave (issue 10 §2), no JZ4004", () => {
    const r = check(item("比例 | 比例（2万元以上）", "70% | 80%"));
    expect(r.diagnostics.filter((d) => d.code === "JZ4004" || d.code === "JZ4005")).toEqual([]);
    const row = r.policy!.items[0]!.rows[Object.keys(r.policy!.items[0]!.rows)[0]!]!;
    expect(row.kind === "params" && row.segments).toEqual([
      { from: 0, to: 2000000, bp: 7000 },
      { from: 2000000, to: null, bp: 8000 },
    ]);
  });

  it("JZ4005 a segment after an open-ended one is unreachable", () => {
    expectDiagnostic(item("比例（1万元以上） | 比例（2万元以上）", "70% | 80%"), { code: "JZ4005", line: 7, col: 22 });
  });

  it("JZ4005 a segment whose start is not below its end", () => {
    expectDiagnostic(item("比例（3万元至2万元）", "70%"), { code: "JZ4005", line: 7, col: 10 });
  });

  it("JZ4005 a gap between segments is a warning and the policy still compiles", () => {
    const d = expectDiagnostic(item("比例（0至1万元） | 比例（2万元以上）", "70% | 80%"), {
      code: "JZ4005",
      severity: "警告",
      note: "1万元至2万元",
    });
    expect(d.severity).toBe("警告");
  });
});
