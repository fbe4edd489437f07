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

/** The line for a computed record; `resultField` is the calculator's amount name (救助金额 …). */
export function outcomeLine(id: string, resultField: string, outcome: Outcome & { ok: true }): string {
  const out: Record<string, unknown> = { 编号: id };
  out[resultField] = formatFen(outcome.金额);
  out["明细"] = outcome.明细.map((l) =>
    l.说明 === undefined
      ? { 项目: l.项目, 金额: formatFen(l.金额), 依据: l.依据 }
      : { 项目: l.项目, 金额: formatFen(l.金额), 依据: l.依据, 说明: l.说明 },
  );
  if (outcome.适用身份 !== undefined) out["适用身份"] = outcome.适用身份;
  out["其他身份"] = outcome.其他身份.map((o) => ({ 身份: o.身份, [resultField]: formatFen(o.金额) }));
  if (outcome.预警 !== undefined && outcome.预警.length > 0) {
    out["预警"] = outcome.预警.map((w) => ({
      名称: w.名称,
      年度累计个人负担: formatFen(w.年度累计个人负担),
      依据: w.依据,
    }));
  }
  if (outcome.计算过程 !== undefined) out["计算过程"] = outcome.计算过程;
  return JSON.stringify(out);
}

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
    private readonly flushAt = 1 << 16,
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
