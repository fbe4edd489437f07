/**
 * An officer's example table (policies/<地区>/例/*.csv) → example rows. A row is one claim in the
 * columns `calc` reads, plus what the document says it must give:
 *   期望            an amount in 元 (`7000`, `7000.00`), or text starting `未规定：` / `错误：`
 *   算式            the hand arithmetic for an amount (compiler/arith.ts), required with an amount
 *   计算器          optional, default 医疗救助
 *   期望适用身份    optional, the identity that must win
 *   期望.<项目>     optional, an item's amount
 *   期望其他身份.<身份>  optional, what another held identity would have been paid
 *   期望预警        optional, names of 预警 that must fire (、-separated), or 无: none may fire
 *   说明 / 依据     optional, for the reader; shown with a mismatch
 * Every other column is a record field. A malformed row is a Chinese message with file:line and
 * never stops the other rows.
 */
import { MAIN_CALCULATOR } from "../../compiler/ir.js";
import { evaluateArithmetic, toYuanString } from "../../compiler/arith.js";
import { parseCsv } from "../input/csv.js";

export type Expectation =
  | { kind: "amount"; fen: number }
  | { kind: "未规定" | "错误"; text: string };

export interface ExampleRow {
  /** `policies/营口市/例/住院.csv:12` */
  where: string;
  calculator: string;
  /** the claim record as calc reads the row (strings; an empty cell is a field not given) */
  record: Record<string, string>;
  expect: Expectation;
  formula?: string;
  identity?: string;
  items: Record<string, number>;
  others: Record<string, number>;
  warnings: string[];
  /** 期望预警 无: the claim must raise no 预警 at all */
  noWarnings?: boolean;
  note?: string;
}

export interface ExampleTable {
  file: string;
  rows: ExampleRow[];
  /** malformed rows and headers, each `file:line：…` */
  errors: string[];
}

const ITEM_PREFIX = "期望.";
const OTHER_PREFIX = "期望其他身份.";
const PLAIN = new Set(["期望", "算式", "计算器", "期望适用身份", "期望预警", "说明", "依据"]);

/** Whether a header names an example column rather than a record field. */
export function isExampleColumn(name: string): boolean {
  return PLAIN.has(name) || name.startsWith(ITEM_PREFIX) || name.startsWith(OTHER_PREFIX);
}

/** `7000`, `7000.5`, `7000.00`, `7,000.00`, optionally `元` → 分; anything else undefined. */
export function parseYuan(text: string): number | undefined {
  const m = /^(\d+)(?:\.(\d{1,2}))?元?$/.exec(text.replace(/[,，]/g, "").trim());
  if (!m) return undefined;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return Number.isSafeInteger(fen) ? fen : undefined;
}

export function parseExampleTable(text: string, file: string): ExampleTable {
  const table: ExampleTable = { file, rows: [], errors: [] };
  const rows = parseCsv(text);
  const head = rows[0];
  if (!head) {
    table.errors.push(`${file}：案例表是空的，第1行应为表头（记录字段和「期望」「算式」等列）`);
    return table;
  }
  const header = head.fields.map((h) => h.trim());
  const at = (line: number) => `${file}:${line}`;
  const seen = new Set<string>();
  for (const [k, h] of header.entries()) {
    if (h === "") table.errors.push(`${at(head.line)}：第${k + 1}列表头是空的，请写上字段名或删去该列`);
    else if (seen.has(h)) table.errors.push(`${at(head.line)}：表头「${h}」出现了两次，请只保留一列`);
    seen.add(h);
  }
  if (!header.includes("期望")) table.errors.push(`${at(head.line)}：表头缺少「期望」列：每行须写出文件规定的救助金额`);
  if (table.errors.length > 0) return table;

  for (const row of rows.slice(1)) {
    const where = at(row.line);
    if (row.error) {
      table.errors.push(`${where}：${row.error}`);
      continue;
    }
    if (row.fields.length !== header.length) {
      table.errors.push(`${where}：有 ${row.fields.length} 列，表头有 ${header.length} 列`);
      continue;
    }
    const cells = new Map(header.map((h, k) => [h, row.fields[k]!.trim()]));
    const problems: string[] = [];
    const amount = (column: string, text: string): number => {
      const fen = parseYuan(text);
      if (fen === undefined) problems.push(`「${column}」应为金额（元，最多两位小数），而不是「${text}」`);
      return fen ?? 0;
    };

    const want = cells.get("期望") ?? "";
    let expect: Expectation;
    if (want.startsWith("未规定：") || want.startsWith("未规定:")) expect = { kind: "未规定", text: want.slice(4).trim() };
    else if (want.startsWith("错误：") || want.startsWith("错误:")) expect = { kind: "错误", text: want.slice(3).trim() };
    else if (want === "") {
      problems.push("「期望」是空的：请写金额，或以「未规定：」「错误：」开头的文字");
      expect = { kind: "amount", fen: 0 };
    } else expect = { kind: "amount", fen: amount("期望", want) };

    const formula = cells.get("算式") || undefined;
    if (expect.kind === "amount" && parseYuan(want) !== undefined) {
      if (formula === undefined) problems.push("期望是金额时须在「算式」中写出按文件计算的算式");
      else {
        try {
          const value = toYuanString(evaluateArithmetic(formula));
          if (parseYuan(value) !== expect.fen) problems.push(`算式「${formula}」得 ${value}，与期望 ${want} 不符`);
        } catch (e) {
          problems.push((e as Error).message);
        }
      }
    }

    const example: ExampleRow = {
      where,
      calculator: cells.get("计算器") || MAIN_CALCULATOR,
      record: {},
      expect,
      items: {},
      others: {},
      warnings: (cells.get("期望预警") ?? "").split(/[、,，]/).map((s) => s.trim()).filter(Boolean),
    };
    if (example.warnings.includes("无")) {
      if (example.warnings.length > 1) problems.push("「期望预警」写「无」时不能再写预警名称");
      example.warnings = [];
      example.noWarnings = true;
    }
    if (formula !== undefined) example.formula = formula;
    const identity = cells.get("期望适用身份");
    if (identity) example.identity = identity;
    const say = cells.get("说明");
    const basis = cells.get("依据");
    const note = say && basis ? `${say}（${basis}）` : say || basis;
    if (note) example.note = note;
    for (const [h, v] of cells) {
      // record cells go as calc reads a CSV: an empty cell is a field not given (an empty list)
      if (!isExampleColumn(h)) example.record[h] = v;
      else if (v === "") continue;
      else if (h.startsWith(ITEM_PREFIX)) example.items[h.slice(ITEM_PREFIX.length)] = amount(h, v);
      else if (h.startsWith(OTHER_PREFIX)) example.others[h.slice(OTHER_PREFIX.length)] = amount(h, v);
    }
    if (problems.length > 0) table.errors.push(...problems.map((p) => `${where}：${p}`));
    else table.rows.push(example);
  }
  return table;
}
