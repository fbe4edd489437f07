/**
 * The calc output contract: one compact JSON line per record, keys in the contract's order,
 * amounts as decimal strings with two places. Also the buffered, backpressure-aware line writer
 * that keeps a million-claim run in flat memory.
 */
import type { Fen, Outcome } from "../runtime/types.js";

/** 分 → "6600.00", from the integer digits (no float division). */
export function formatFen(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`金额不是整数分：${fen}`);
  const sign = fen < 0 ? "-" : "";
  const digits = String(Math.abs(fen)).padStart(3, "0");
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * The line for a computed record; `resultField` is the calculator's amount name (救助金额 …).
 * Built as text rather than through an object + JSON.stringify: it runs once per claim and was
 * the largest cost of `calc` after parsing. Same bytes as JSON.stringify of the object.
 */
export function outcomeLine(id: string, resultField: string, outcome: Outcome & { ok: true }): string {
  const amountKey = q(resultField);
  let s = `{"编号":${q(id)},${amountKey}:"${formatFen(outcome.金额)}","明细":[`;
  const lines = outcome.明细;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (i > 0) s += ",";
    s += `{"项目":${q(l.项目)},"金额":"${formatFen(l.金额)}","依据":${q(l.依据)}`;
    s += l.说明 === undefined ? "}" : `,"说明":${q(l.说明)}}`;
  }
  s += "]";
  if (outcome.适用身份 !== undefined) s += `,"适用身份":${q(outcome.适用身份)}`;
  s += `,"其他身份":[`;
  for (let i = 0; i < outcome.其他身份.length; i++) {
    const o = outcome.其他身份[i]!;
    s += `${i > 0 ? "," : ""}{"身份":${q(o.身份)},${amountKey}:"${formatFen(o.金额)}"}`;
  }
  s += "]";
  const warnings = outcome.预警;
  if (warnings !== undefined && warnings.length > 0) {
    s += `,"预警":[`;
    for (let i = 0; i < warnings.length; i++) {
      const w = warnings[i]!;
      s += `${i > 0 ? "," : ""}{"名称":${q(w.名称)},"年度累计个人负担":"${formatFen(w.年度累计个人负担)}","依据":${q(w.依据)}}`;
    }
    s += "]";
  }
  if (outcome.计算过程 !== undefined) s += `,"计算过程":${JSON.stringify(outcome.计算过程)}`;
  return s + "}";
}

/** A JSON string literal (escapes quotes, control characters, lone surrogates). */
const q = (text: string): string => JSON.stringify(text);

/** The line for a record that could not be computed. */
export function errorLine(id: string, message: string): string {
  return JSON.stringify({ 编号: id, 错误: message });
}

/**
 * Joins lines into ~64 KB writes and waits for 'drain' when the stream's buffer is full, so a slow
 * reader of stdout slows the run down instead of filling memory.
 */
export class LineWriter {
  private buffer = "";

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly flushAt = 1 << 14,
  ) {}

  /** Returns a promise only when the caller must wait (keeps the hot loop synchronous). */
  write(line: string): Promise<void> | undefined {
    this.buffer += line + "\n";
    return this.buffer.length >= this.flushAt ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.buffer === "") return;
    const chunk = this.buffer;
    this.buffer = "";
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve) => this.stream.once("drain", resolve));
    }
  }
}
