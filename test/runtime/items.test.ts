import { describe, expect, it } from "vitest";
import { deductible, roomLeft, rowOf, type ItemTable, type Row } from "../../runtime/items.js";
import { RecordError } from "../../runtime/trace.js";
import { commitYear, usedOf } from "../../runtime/ledger.js";
import { newLedger } from "../../runtime/types.js";

const row: Row = {
  起付线: 200_000,
  分段: [{ 起: 0, 止: null, 比例: 6000 }],
  定额: null,
  单次限额: null,
  年度限额: 2_000_000,
  依据: "",
  行: 1,
};
const table: ItemTable = {
  name: "基本救助",
  rows: [row, { 未规定: true, 依据: "第十条", 行: 2 }, null],
  rowIdentity: ["低保边缘家庭成员", "建档立卡", "孤儿"],
  applies: [true, true, false],
  cites: ["", "第十条", "第九条"],
};

describe("item helpers", () => {
  it("deductible takes what is left of the year's 起付线, never more than the base", () => {
    expect(deductible(200_000, 0, 150_000)).toBe(150_000);
    expect(deductible(200_000, 150_000, 150_000)).toBe(50_000);
    expect(deductible(200_000, 250_000, 150_000)).toBe(0);
    expect(deductible(0, 0, 150_000)).toBe(0);
  });

  it("roomLeft is never negative (a ledger can be past this row's cap after an identity change)", () => {
    expect(roomLeft(1_800_000, 2_000_000)).toBe(0);
    expect(roomLeft(2_000_000, 500_000)).toBe(1_500_000);
  });

  it("rowOf: the row, null when missing, RecordError when 未规定", () => {
    expect(rowOf(table, 0)).toBe(row);
    expect(rowOf(table, 2)).toBeNull();
    expect(() => rowOf(table, 1)).toThrow(RecordError);
    expect(() => rowOf(table, 1)).toThrow(
      "未规定：基本救助 · 建档立卡 的待遇本文件未规定（依据 第十条）",
    );
  });
});

describe("ledger helpers", () => {
  it("reads 0 for another year and rolls over on commit, keeping lifetime", () => {
    const l = newLedger(2023);
    l.used["限额:基本救助"] = 5;
    l.lifetime["次数:大病关怀"] = 1;
    expect(usedOf(l, l.year === 2023, "限额:基本救助")).toBe(5);
    expect(usedOf(l, l.year === 2024, "限额:基本救助")).toBe(0);
    const used = commitYear(l, 2024, "2024-01-02");
    expect(used).toEqual({});
    expect(l).toEqual({
      year: 2024,
      lastDate: "2024-01-02",
      used: {},
      lifetime: { "次数:大病关怀": 1 },
    });
  });
});
