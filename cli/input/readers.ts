/**
 * Claim input: JSON (whole file), JSONL and CSV (streamed) → raw records in file order. Only a
 * .json file is read whole (it must parse as a whole); JSONL and CSV keep one chunk in memory, and
 * a broken line becomes one record carrying an error instead of stopping the run.
 */
import { open, stat } from "node:fs/promises";
import { extname } from "node:path";
import { CliError } from "../exit-codes.js";
import { CsvParser, type CsvRow } from "./csv.js";
import { decodeChunks, type TextEncoding } from "./decode.js";
import { duplicateKeyOf, duplicateKeys } from "./json-keys.js";

export type InputFormat = "json" | "jsonl" | "csv";
export const INPUT_FORMATS: readonly InputFormat[] = ["json", "jsonl", "csv"];

/** One input record: its 1-based position and either the object read or why it could not be. */
export interface RawRecord {
  no: number;
  /** the object read; with `error` too when it was read but must not be used (its 编号 names it) */
  value?: Record<string, unknown>;
  error?: string;
}

/** The format from `--format`, else the extension; stdin (`-`) is JSONL unless told. */
/** Whether the claims path's extension names its format (stdin has none). */
export function hasKnownExtension(path: string): boolean {
  return path !== "-" && (INPUT_FORMATS as readonly string[]).includes(extname(path).toLowerCase().slice(1));
}

export function detectFormat(path: string, override?: string): InputFormat {
  if (override !== undefined) {
    if ((INPUT_FORMATS as readonly string[]).includes(override)) return override as InputFormat;
    throw new CliError(`未知的输入格式「${override}」，应为 json、jsonl 或 csv`);
  }
  if (path === "-") return "jsonl";
  const ext = extname(path).toLowerCase().slice(1);
  if ((INPUT_FORMATS as readonly string[]).includes(ext)) return ext as InputFormat;
  throw new CliError(`无法从扩展名判断「${path}」的格式，请用 --input-format json|jsonl|csv 指定`);
}

/**
 * Opens the claims file (or stdin) as text chunks, decoded as `encoding` or as detected
 * (cli/input/decode.ts; `note` receives the GB18030 note); unreadable → CliError (exit 2).
 */
export async function openText(
  path: string,
  stdin: NodeJS.ReadableStream = process.stdin,
  opts: { encoding?: TextEncoding; note?: (message: string) => void } = {},
): Promise<AsyncIterable<string>> {
  const decode = (bytes: AsyncIterable<Uint8Array | string>) =>
    decodeChunks(bytes, { encoding: opts.encoding, name: path === "-" ? "标准输入" : path, note: opts.note ?? (() => {}) });
  if (path === "-") return decode(stdin as AsyncIterable<Uint8Array | string>);
  try {
    if ((await stat(path)).isDirectory()) throw new CliError(`无法读取「${path}」：这是一个文件夹`);
    const handle = await open(path, "r");
    return decode(handle.createReadStream({ highWaterMark: 1 << 16 }));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`无法读取「${path}」：${(e as Error).message}`);
  }
}

/**
 * Records of the given format, in file order, in batches: each batch holds the records completed
 * by one input chunk (a .json file: up to JSON_BATCH records). `calc` handles a batch in a plain
 * loop and awaits only between batches — a promise per record cost more than evaluating it.
 * Memory stays flat: one chunk's records at a time.
 */
export function readBatches(
  chunks: AsyncIterable<string>,
  format: InputFormat,
  name = "输入",
): AsyncGenerator<RawRecord[]> {
  switch (format) {
    case "json":
      return readJson(chunks, name);
    case "jsonl":
      return readJsonl(chunks);
    case "csv":
      return readCsv(chunks);
  }
}

/** Records one at a time (for callers that do real work per record, e.g. `diff --claims`). */
export async function* readRecords(
  chunks: AsyncIterable<string>,
  format: InputFormat,
  name = "输入",
): AsyncGenerator<RawRecord> {
  for await (const batch of readBatches(chunks, format, name)) yield* batch;
}

/** Records per batch from a whole .json file, so output backpressure still applies. */
const JSON_BATCH = 1024;

/** JSON.parse's English message → Chinese, keeping the position it names. */
function jsonError(e: unknown): string {
  const at = /position (\d+)/.exec(String((e as Error)?.message ?? ""));
  return at ? `第${Number(at[1]) + 1}个字符附近有语法错误` : "语法错误或内容不完整";
}

async function* readJson(chunks: AsyncIterable<string>, name: string): AsyncGenerator<RawRecord[]> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch (e) {
    throw new CliError(`「${name}」不是有效的 JSON：${jsonError(e)}`);
  }
  const items: unknown[] = Array.isArray(data) ? data : [data];
  const dups = duplicateKeys(text);
  for (let from = 0; from < items.length; from += JSON_BATCH) {
    const batch: RawRecord[] = [];
    for (let i = from; i < Math.min(from + JSON_BATCH, items.length); i++) {
      const no = i + 1;
      const item = items[i];
      const dup = dups.get(i);
      batch.push(
        !isObject(item)
          ? { no, error: `第${no}条记录不是 JSON 对象` }
          : dup === undefined
            ? { no, value: item }
            : { no, value: item, error: `第${no}条记录字段「${dup}」写了两次` },
      );
    }
    yield batch;
  }
}

/**
 * JSONL: lines split inside each chunk (only the partial last line is carried over and joined to
 * the next chunk), blank lines skipped, CRLF accepted, a broken line one error record.
 */
async function* readJsonl(chunks: AsyncIterable<string>): AsyncGenerator<RawRecord[]> {
  let no = 0;
  let line = 0;
  let rest = "";
  let first = true;
  const take = (text: string, batch: RawRecord[]): void => {
    line++;
    if (text.charCodeAt(0) !== 123 && text.trim() === "") return; // blank lines are spacing
    no++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      batch.push({ no, error: `第${line}行不是有效的 JSON：${jsonError(e)}` });
      return;
    }
    if (!isObject(value)) {
      batch.push({ no, error: `第${line}行不是 JSON 对象` });
      return;
    }
    const dup = duplicateKeyOf(text, value);
    batch.push(dup === undefined ? { no, value } : { no, value, error: `第${line}行字段「${dup}」写了两次` });
  };
  for await (let chunk of chunks) {
    if (first && chunk.length > 0) {
      first = false;
      chunk = stripBom(chunk);
    }
    const batch: RawRecord[] = [];
    let start = 0;
    let nl = chunk.indexOf("\n");
    if (nl !== -1 && rest !== "") {
      // the line begun in an earlier chunk: join only it, never the whole chunk
      take(withoutCr(rest + chunk.slice(0, nl)), batch);
      rest = "";
      start = nl + 1;
      nl = chunk.indexOf("\n", start);
    }
    for (; nl !== -1; nl = chunk.indexOf("\n", start)) {
      const end = nl > start && chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      take(chunk.slice(start, end), batch);
      start = nl + 1;
    }
    rest += chunk.slice(start);
    if (batch.length > 0) yield batch;
  }
  if (rest !== "") {
    const batch: RawRecord[] = [];
    take(withoutCr(rest), batch);
    if (batch.length > 0) yield batch;
  }
}

function withoutCr(text: string): string {
  return text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
}

async function* readCsv(chunks: AsyncIterable<string>): AsyncGenerator<RawRecord[]> {
  const parser = new CsvParser();
  let header: string[] | undefined;
  let no = 0;
  const rows: CsvRow[] = [];
  const toRecords = (): RawRecord[] => {
    const batch: RawRecord[] = [];
    for (const row of rows) {
      if (header === undefined) {
        header = row.fields.map((h) => h.trim());
        checkHeader(header, row.line);
        continue;
      }
      no++;
      if (row.error) {
        batch.push({ no, error: `CSV ${row.error}` });
      } else if (row.fields.length !== header.length) {
        batch.push({ no, error: `CSV 第${row.line}行有 ${row.fields.length} 列，表头有 ${header.length} 列` });
      } else {
        const value: Record<string, unknown> = {};
        for (let k = 0; k < header.length; k++) value[header[k]!] = row.fields[k];
        batch.push({ no, value });
      }
    }
    rows.length = 0;
    return batch;
  };
  for await (const chunk of chunks) {
    parser.push(chunk, rows);
    const batch = toRecords();
    if (batch.length > 0) yield batch;
  }
  parser.end(rows);
  const batch = toRecords();
  if (batch.length > 0) yield batch;
}

/** A column named twice would let the last one win: the file is refused (exit 2). */
function checkHeader(header: readonly string[], line: number): void {
  const seen = new Map<string, number>();
  header.forEach((name, k) => {
    const first = seen.get(name);
    if (first !== undefined) {
      throw new CliError(`CSV 第${line}行表头中「${name}」出现了两次（第${first + 1}列和第${k + 1}列），请删去或改名其一`);
    }
    seen.set(name, k);
  });
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
