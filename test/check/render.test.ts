import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../grammar/index.js";
import { checkPolicy } from "../../compiler/check.js";
import { error, warning } from "../../compiler/diagnostics.js";
import { displayWidth, renderDiagnostics, renderSummary } from "../../compiler/render.js";
import { LineIndex } from "../../compiler/passes/source-lines.js";

/** Golden files are rewritten only when asked: JIUZHU_UPDATE_GOLDEN=1 npx vitest run test/check */
const UPDATE = process.env.JIUZHU_UPDATE_GOLDEN === "1";

function golden(name: string): void {
  const file = `test/check/fixtures/${name}.jz`;
  const text = readFileSync(file, "utf8");
  const parsed = parsePolicy(file, text);
  expect(parsed.diagnostics).toEqual([]);
  const r = checkPolicy(parsed.ast, { source: text });
  const out = `${renderDiagnostics(r.diagnostics, new Map([[file, text]]))}\n${renderSummary(r.diagnostics)}\n`;
  const expectedFile = `test/check/fixtures/${name}.expected.err`;
  if (UPDATE) writeFileSync(expectedFile, out);
  expect(out).toBe(readFileSync(expectedFile, "utf8"));
}

describe("render", () => {
  it("golden: a bad policy renders rustc style with CJK-width carets", () => {
    golden("render");
  });

  it("display width: CJK and full-width are 2 columns, ASCII 1", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("低保对象")).toBe(8);
    expect(displayWidth("（一）：０")).toBe(10);
    expect(displayWidth("〔2022〕")).toBe(8);
    expect(displayWidth("𠀀")).toBe(2); // outside the BMP: one code point, two columns
  });

  it("positions: line and column count characters, not UTF-16 units", () => {
    const idx = new LineIndex("甲\n𠀀乙 丙\r\n丁");
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(5)).toEqual({ line: 2, column: 3 }); // after 𠀀 (2 units) and 乙
    expect(idx.position(9)).toEqual({ line: 3, column: 1 });
    expect(idx.lineText(2)).toBe("𠀀乙 丙");
  });

  it("carets sit under the span after Chinese text, one per display column", () => {
    const text = "政策 甲\n  对象 低保对像\n";
    const start = text.indexOf("低保对像");
    const out = renderDiagnostics(
      [error("JZ2001", "a.jz", { start, end: start + 4 }, "未知身份「低保对像」", ["您是否想写「低保对象」？"])],
      new Map([["a.jz", text]]),
    );
    expect(out).toBe(
      [
        "错误[JZ2001]: 未知身份「低保对像」",
        " --> a.jz:2:6",
        "  |",
        "2 |   对象 低保对像",
        "  |        ^^^^^^^^",
        "  = 提示：您是否想写「低保对象」？",
        "",
      ].join("\n"),
    );
  });

  it("a zero-width span gets one caret; a multi-line span is underlined on its first line", () => {
    const text = "甲乙\n丙丁\n";
    const zero = renderDiagnostics([warning("JZ4005", "a.jz", { start: 1, end: 1 }, "x")], new Map([["a.jz", text]]));
    expect(zero.split("\n")[4]).toBe("  |   ^");
    const multi = renderDiagnostics([error("JZ1002", "a.jz", { start: 1, end: 5 }, "x")], new Map([["a.jz", text]]));
    expect(multi.split("\n")[4]).toBe("  |   ^^");
    expect(multi.split("\n")[0]).toBe("错误[JZ1002]: x");
  });

  it("gutter grows with the line number; unknown files still show the location", () => {
    const text = "\n".repeat(11) + "甲";
    const out = renderDiagnostics([error("JZ2001", "a.jz", { start: 11, end: 12 }, "x")], new Map([["a.jz", text]]));
    expect(out.split("\n").slice(1, 5)).toEqual(["  --> a.jz:12:1", "   |", "12 | 甲", "   | ^^"]);
    expect(renderDiagnostics([error("JZ2001", "b.jz", { start: 0, end: 1 }, "x", ["y"])], new Map())).toBe(
      "错误[JZ2001]: x\n --> b.jz\n = 提示：y\n",
    );
  });

  it("summary", () => {
    const e = error("JZ2001", "a.jz", { start: 0, end: 0 }, "x");
    const w = warning("JZ4005", "a.jz", { start: 0, end: 0 }, "x");
    expect(renderSummary([e, e, w])).toBe("发现 2 个错误，1 个警告");
    expect(renderSummary([w])).toBe("发现 1 个警告");
    expect(renderSummary([])).toBe("未发现问题");
  });
});
