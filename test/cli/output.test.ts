import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { errorLine, formatFen, LineWriter, outcomeLine } from "../../cli/output.js";

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
      预警: [{ 名称: "因病返贫风险", 年度累计个人负担: 500000, 依据: "第十六条" }],
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
      预警: [{ 名称: nasty, 年度累计个人负担: 4, 依据: nasty }, { 名称: "y", 年度累计个人负担: 5, 依据: "" }],
      计算过程: [nasty],
    });
    expect(line).toBe(
      JSON.stringify({
        编号: nasty,
        救助金额: "0.01",
        明细: [{ 项目: nasty, 金额: "0.01", 依据: nasty, 说明: nasty }],
        适用身份: nasty,
        其他身份: [{ 身份: nasty, 救助金额: "0.02" }, { 身份: "x", 救助金额: "0.03" }],
        预警: [{ 名称: nasty, 年度累计个人负担: "0.04", 依据: nasty }, { 名称: "y", 年度累计个人负担: "0.05", 依据: "" }],
        计算过程: [nasty],
      }),
    );
  });
});
