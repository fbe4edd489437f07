import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import fc from "fast-check";
import { errorLine, formatFen, IntoLines, LineWriter, outcomeLine, quote } from "../../cli/output.js";
import { newOutcomeInto, type OutcomeInto } from "../../runtime/into.js";
import type { Outcome } from "../../runtime/types.js";

describe("formatFen", () => {
  it("writes 分 as 元 with two places", () => {
    expect(formatFen(660000)).toBe("6600.00");
    expect(formatFen(0)).toBe("0.00");
    expect(formatFen(5)).toBe("0.05");
    expect(formatFen(99)).toBe("0.99");
    expect(formatFen(100)).toBe("1.00");
    expect(formatFen(123456789)).toBe("1234567.89");
    expect(formatFen(999999999999)).toBe("9999999999.99");
    expect(formatFen(-150)).toBe("-1.50");
    expect(formatFen(-5)).toBe("-0.05");
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe("90071992547409.91");
    expect(formatFen(-Number.MAX_SAFE_INTEGER)).toBe("-90071992547409.91");
  });
  it("agrees with the digit-slicing definition on any safe integer", () => {
    const bySlicing = (fen: number) => {
      const digits = String(Math.abs(fen)).padStart(3, "0");
      return `${fen < 0 ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
    };
    fc.assert(fc.property(fc.maxSafeInteger(), (fen) => formatFen(fen) === bySlicing(fen)), { numRuns: 5000 });
    for (let fen = -1000; fen <= 1000; fen++) expect(formatFen(fen)).toBe(bySlicing(fen));
  });
  it("refuses a non-integer (a bug upstream, never rounded away)", () => {
    expect(() => formatFen(1.5)).toThrow();
  });
});

describe("output lines", () => {
  it("follows the contract's field order and names the calculator's amount field", () => {
    const line = outcomeLine("7", "资助金额", {
      ok: true,
      金额: 660000,
      明细: [
        { 项目: "基本救助", 金额: 600000, 依据: "第十一条（一）" },
        { 项目: "倾斜救助", 金额: 60000, 依据: "第十一条（二）", 说明: "已达年度限额" },
      ],
      适用身份: "低保对象",
      其他身份: [{ 身份: "特困人员", 金额: 500 }],
      预警: [{ 名称: "因病返贫风险", 统计字段: "个人负担", 年度累计: 500000, 依据: "第十六条" }],
      计算过程: ["一步"],
    });
    expect(line).toBe(
      JSON.stringify({
        编号: "7",
        资助金额: "6600.00",
        明细: [
          { 项目: "基本救助", 金额: "6000.00", 依据: "第十一条（一）" },
          { 项目: "倾斜救助", 金额: "600.00", 依据: "第十一条（二）", 说明: "已达年度限额" },
        ],
        适用身份: "低保对象",
        其他身份: [{ 身份: "特困人员", 资助金额: "5.00" }],
        预警: [{ 名称: "因病返贫风险", 年度累计个人负担: "5000.00", 依据: "第十六条" }],
        计算过程: ["一步"],
      }),
    );
    expect(Object.keys(JSON.parse(line))).toEqual(["编号", "资助金额", "明细", "适用身份", "其他身份", "预警", "计算过程"]);
  });

  it("omits 适用身份 when no identity won and 预警 when none fired", () => {
    const line = JSON.parse(outcomeLine("1", "救助金额", { ok: true, 金额: 0, 明细: [], 其他身份: [], 预警: [] }));
    expect(line).toEqual({ 编号: "1", 救助金额: "0.00", 明细: [], 其他身份: [] });
  });

  it("writes errors as 编号 + 错误", () => {
    expect(JSON.parse(errorLine("3", "缺少字段「个人负担」"))).toEqual({ 编号: "3", 错误: "缺少字段「个人负担」" });
    for (const [id, message] of [["3", "缺少字段「个人负担」"], ['a"\\\n\uD800', "第2行\u2028\u0000"]]) {
      expect(errorLine(id!, message!)).toBe(JSON.stringify({ 编号: id, 错误: message }));
    }
  });
});

describe("LineWriter", () => {
  it("batches lines and waits for drain when the stream is full", async () => {
    const stream = new PassThrough({ highWaterMark: 16 });
    const writer = new LineWriter(stream, 32);
    const received: string[] = [];
    let waited = 0;
    const reading = (async () => {
      for await (const chunk of stream) received.push(String(chunk));
    })();
    for (let i = 0; i < 100; i++) {
      const p = writer.write(`line ${i}`);
      if (p) {
        waited++;
        await p;
      }
    }
    await writer.flush();
    stream.end();
    await reading;
    expect(received.join("").split("\n").slice(0, -1)).toEqual(Array.from({ length: 100 }, (_, i) => `line ${i}`));
    expect(waited).toBeGreaterThan(0);
  });
});

describe("outcomeLine escaping", () => {
  it("produces exactly JSON.stringify's bytes for awkward text", () => {
    const nasty = 'a"b\\c\n\u2028</script>${x}`';
    const line = outcomeLine(nasty, "救助金额", {
      ok: true,
      金额: 1,
      明细: [{ 项目: nasty, 金额: 1, 依据: nasty, 说明: nasty }],
      适用身份: nasty,
      其他身份: [{ 身份: nasty, 金额: 2 }, { 身份: "x", 金额: 3 }],
      预警: [{ 名称: nasty, 统计字段: "个人负担", 年度累计: 4, 依据: nasty }, { 名称: "y", 统计字段: "医疗费用", 年度累计: 5, 依据: "" }],
      计算过程: [nasty],
    });
    expect(line).toBe(
      JSON.stringify({
        编号: nasty,
        救助金额: "0.01",
        明细: [{ 项目: nasty, 金额: "0.01", 依据: nasty, 说明: nasty }],
        适用身份: nasty,
        其他身份: [{ 身份: nasty, 救助金额: "0.02" }, { 身份: "x", 救助金额: "0.03" }],
        预警: [{ 名称: nasty, 年度累计个人负担: "0.04", 依据: nasty }, { 名称: "y", 年度累计医疗费用: "0.05", 依据: "" }],
        计算过程: [nasty],
      }),
    );
  });
});

describe("quote", () => {
  it("gives JSON.stringify's bytes for every UTF-16 code unit, alone and among text", () => {
    const differing: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `编号${ch}`, `${ch}x${ch}`]) if (quote(text) !== JSON.stringify(text)) differing.push(c);
    }
    expect(differing).toEqual([]);
  });

  it("keeps surrogate pairs, escapes lone surrogates, and leaves U+2028/U+2029 as JSON.stringify does", () => {
    for (const text of ["😀", "a\uD83D", "\uDE00b", "\uDE00\uD83D", "\u2028\u2029", "", "C0000001", 'a"b\\c\u007f']) {
      expect(quote(text)).toBe(JSON.stringify(text));
    }
  });

  it("agrees with JSON.stringify on random text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => quote(s) === JSON.stringify(s)), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => quote(s) === JSON.stringify(s)), { numRuns: 1000 });
  });
});

describe("IntoLines", () => {
  /** An OutcomeInto holding the given Outcome, with stale entries past the counts. */
  function into(o: Outcome & { ok: true }): OutcomeInto {
    const r = newOutcomeInto();
    Object.assign(r, { ok: true, 错误: "", 金额: o.金额, 适用身份: o.适用身份 });
    const stale = ["旧", "旧"];
    r.项目 = [...o.明细.map((l) => l.项目), ...stale];
    r.项目金额.push(...o.明细.map((l) => l.金额), 1, 2);
    r.依据 = [...o.明细.map((l) => l.依据), ...stale];
    r.说明.push(...o.明细.map((l) => l.说明), ...stale);
    r.项目数 = o.明细.length;
    r.其他身份.push(...o.其他身份.map((x) => x.身份), ...stale);
    r.其他金额.push(...o.其他身份.map((x) => x.金额), 3, 4);
    r.其他数 = o.其他身份.length;
    const w = o.预警 ?? [];
    r.预警名称.push(...w.map((x) => x.名称), ...stale);
    r.预警字段.push(...w.map((x) => x.统计字段), ...stale);
    r.预警累计.push(...w.map((x) => x.年度累计), 5, 6);
    r.预警依据.push(...w.map((x) => x.依据), ...stale);
    r.预警数 = w.length;
    return r;
  }

  it("writes the bytes outcomeLine writes, for awkward text and every optional part", () => {
    const nasty = 'a"b\\c\n\u2028\uD800</script>${x}`';
    const lines = new IntoLines();
    const cases: (Outcome & { ok: true })[] = [
      { ok: true, 金额: 0, 明细: [], 其他身份: [] },
      {
        ok: true,
        金额: 123456,
        明细: [
          { 项目: nasty, 金额: 5, 依据: nasty, 说明: nasty },
          { 项目: "倾斜救助", 金额: -150, 依据: "第十一条（二）" },
        ],
        适用身份: nasty,
        其他身份: [{ 身份: nasty, 金额: 2 }, { 身份: "特困人员", 金额: 999999999999 }],
        预警: [{ 名称: nasty, 统计字段: "个人负担", 年度累计: 4, 依据: nasty }, { 名称: "y", 统计字段: "医疗费用", 年度累计: 500000, 依据: "" }],
      },
    ];
    for (let round = 0; round < 2; round++) {
      // the second round uses the memoised pieces
      for (const c of cases) {
        for (const [id, field] of [[nasty, "救助金额"], ["C0000001", "资助金额"], ["", nasty]] as const) {
          expect(lines.line(id, field, into(c))).toBe(outcomeLine(id, field, c));
        }
      }
    }
  });
});
