/**
 * `calc --format jsonl|json|csv`: the same result lines in the shape the receiving system reads.
 * jsonl (default) is the contract of cli/output.ts, one line per record as computed; json wraps
 * those lines in one array; csv flattens each line to fixed columns, one row per record, so a
 * spreadsheet or a settlement import sees every record, error lines included.
 */
import { CliError } from "./exit-codes.js";

export const OUTPUT_FORMATS = ["jsonl", "json", "csv"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function outputFormat(value: string | undefined): OutputFormat {
  if (value === undefined) return "jsonl";
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new CliError(`未知的输出格式「${value}」，应为 jsonl、json 或 csv`);
}

/** Fixed CSV columns; 明细 lists `项目:金额` pairs, 说明 lists the items' notes, both joined by `；`. */
const CSV_COLUMNS = ["编号", "金额", "适用身份", "明细", "说明", "错误"] as const;

export interface LineSink {
  write(line: string): Promise<void> | undefined | void;
  /** the last line(s) to write, without the final newline; "" when none */
  end(): string;
}

/** Wraps the line writer: each computed JSON line goes out in `format`. */
export function formatSink(
  format: OutputFormat,
  write: (text: string) => Promise<void> | undefined | void,
): LineSink {
  if (format === "jsonl") return { write, end: () => "" };
  if (format === "json") {
    // one line behind, so the last element gets no comma: `[`, `{…},`, …, `{…}`, `]`
    let pending: string | undefined;
    return {
      write(line) {
        const previous = pending;
        pending = line;
        return write(previous === undefined ? "[" : previous + ",");
      },
      end: () => (pending === undefined ? "[]" : pending + "\n]"),
    };
  }
  let header = false;
  return {
    write(line) {
      const row = csvRow(JSON.parse(line) as Record<string, unknown>);
      const text = (header ? "" : CSV_COLUMNS.join(",") + "\n") + row;
      header = true;
      return write(text);
    },
    end: () => (header ? "" : CSV_COLUMNS.join(",")),
  };
}

/** One record's line as a CSV row (the line writer adds the newline). */
function csvRow(line: Record<string, unknown>): string {
  // the amount key is the calculator's result name (救助金额, 资助金额 …): the first string after 编号
  const amountKey = Object.keys(line).find((k) => k !== "编号" && k !== "错误" && typeof line[k] === "string" && k !== "适用身份");
  const items = Array.isArray(line.明细) ? (line.明细 as Record<string, string>[]) : [];
  const cells = [
    String(line.编号 ?? ""),
    amountKey === undefined ? "" : String(line[amountKey]),
    String(line.适用身份 ?? ""),
    items.map((i) => `${i.项目}:${i.金额}`).join("；"),
    items.filter((i) => i.说明 !== undefined).map((i) => `${i.项目}：${i.说明}`).join("；"),
    String(line.错误 ?? ""),
  ];
  return cells.map(csvCell).join(",");
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
