import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parsePolicy } from "../../grammar/index.js";
import { fullWidth, SAMPLE, spans } from "./helpers.js";

/** Parse, and check the invariants every result must satisfy whatever the input. */
function check(text: string) {
  const r = parsePolicy("x.jz", text);
  for (const d of r.diagnostics) expect(d.code, d.message).not.toBe("JZ9001");
  for (const s of spans({ ast: r.ast, diagnostics: r.diagnostics })) {
    if (!(0 <= s.start && s.start <= s.end && s.end <= text.length)) {
      throw new Error(`bad span ${s.path} ${s.start}-${s.end} in ${JSON.stringify(text)}`);
    }
  }
  return r;
}

const PIECES = [
  "救助项目", "身份", "依据", "条件", "且", "或", "非", "属于", "（", "）", "(", ")", "|", "｜", "---", "\n", " ",
  "2万元", "70%", "0", "12个月", "2023-01-01", "「", "」", "#", "：", "、", "；", "不低于", "未规定", "的", "甲",
  "清单", "含", "预警", "当", "保证", ">=", "-", "+", "在", "前", "内", "比例（0至2万元）", "政策", "文号", "￥", ".",
];

describe("never throws", () => {
  it("on random text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => void check(s)), { numRuns: 300 });
  });
  it("on random sequences of language pieces", () => {
    const arb = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((a) => a.join(""));
    fc.assert(fc.property(arb, (s) => void check(s)), { numRuns: 500 });
  });
  it("on every truncation of the sample policy", () => {
    const started = performance.now();
    for (let i = 0; i <= SAMPLE.length; i++) check(SAMPLE.slice(0, i));
    expect(performance.now() - started).toBeLessThan(30_000);
  });
  it("on the sample with random lines deleted or duplicated", () => {
    const lines = SAMPLE.split("\n");
    const arb = fc.array(fc.nat({ max: lines.length - 1 }), { maxLength: 40 });
    fc.assert(fc.property(arb, (idx) => void check(idx.map((i) => lines[i]).join("\n"))), { numRuns: 200 });
  });
  it("on non-string input (a JS caller's mistake)", () => {
    expect(() => parsePolicy("x", undefined as unknown as string)).not.toThrow();
  });
});

describe("spans", () => {
  it("of the sample are valid and non-empty for names", () => {
    const r = check(SAMPLE);
    expect(r.diagnostics).toEqual([]);
    expect([...spans(r.ast)].length).toBeGreaterThan(200);
    for (const d of r.ast.declarations) {
      if ("name" in d) expect(SAMPLE.slice(d.name.span.start, d.name.span.end)).toBe(d.name.name);
    }
  });
});

describe("full-width and half-width are the same", () => {
  /** Equal ASTs modulo raw texts (citations, notes, 文号, the title keep what was written). */
  const strip = (v: unknown): string =>
    JSON.stringify(v, function (this: Record<string, unknown>, k, x) {
      if (typeof x === "bigint") return `${x}n`;
      const rawHolder = this.kind === undefined || this.kind === "解释" || this.kind === "备注";
      if (k === "text" && rawHolder) return undefined;
      return x;
    });
  it("the sample and its full-width twin give equal ASTs", () => {
    const twin = fullWidth(SAMPLE);
    expect(twin).not.toBe(SAMPLE);
    expect(twin.length).toBe(SAMPLE.length);
    const a = check(SAMPLE);
    const b = check(twin);
    expect(b.diagnostics).toEqual([]);
    const title = (r: typeof a) => ({ ...r.ast, header: { ...r.ast.header, name: r.ast.header.name?.span } });
    expect(strip(title(b))).toBe(strip(title(a)));
  });
  it("raw texts come from the original text", () => {
    const r = check("身份 甲 依据 第十一条（一）\n");
    expect(r.ast.declarations[0]?.citation?.text).toBe("第十一条（一）");
  });
});

describe("line endings", () => {
  it("CRLF files parse like LF files", () => {
    const lf = check(SAMPLE);
    const crlf = check(SAMPLE.replace(/\n/g, "\r\n"));
    expect(crlf.diagnostics).toEqual([]);
    const shape = (r: typeof lf) => JSON.stringify(r.ast.declarations, (k, v) => (k === "span" || k === "start" || k === "end" ? undefined : typeof v === "bigint" ? `${v}` : v));
    expect(shape(crlf)).toBe(shape(lf));
  });
});

describe("performance", () => {
  it("parses a large file quickly", () => {
    const big = Array.from({ length: 40 }, () => SAMPLE).join("\n");
    const started = performance.now();
    check(big);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
  it("long lines and pathological repetition stay linear", () => {
    const started = performance.now();
    check(`清单 x\n${"甲、".repeat(20_000)}\n`);
    check(`依据 ${"x".repeat(100_000)}`);
    check(`| ${"a |".repeat(10_000)}\n`);
    check("a".repeat(100_000));
    check(" ".repeat(100_000) + "#");
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
