/**
 * The calc output contract: one compact JSON line per record, keys in the contract's order,
 * amounts as decimal strings with two places. Also the buffered, backpressure-aware line writer
 * that keeps a million-claim run in flat memory.
 */
import type { OutcomeInto } from "../runtime/into.js";
import { outputError } from "./output-errors.js";
import type { Fen, Outcome } from "../runtime/types.js";

/**
 * 分 → "6600.00". `%` and the division of an exact multiple of 100 are exact for safe integers
 * (a float `fen / 100` is not), and this avoids the padStart/slice strings of digit slicing.
 */
export function formatFen(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`金额不是整数分：${fen}`);
  const abs = fen < 0 ? -fen : fen;
  const cents = abs % 100;
  const yuan = (abs - cents) / 100;
  return (fen < 0 ? "-" : "") + yuan + (cents < 10 ? ".0" : ".") + cents;
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
      s += `${i > 0 ? "," : ""}{"名称":${q(w.名称)},${q("年度累计" + w.统计字段)}:"${formatFen(w.年度累计)}","依据":${q(w.依据)}}`;
    }
    s += "]";
  }
  if (outcome.计算过程 !== undefined) s += `,"计算过程":${JSON.stringify(outcome.计算过程)}`;
  return s + "}";
}

/**
 * A JSON string literal, the same bytes as JSON.stringify: text with no quote, backslash,
 * control character or surrogate (JSON.stringify escapes lone ones) needs no escaping, so it is
 * wrapped directly — faster than JSON.stringify for the short texts of a line. U+2028/U+2029 are
 * left as they are, as JSON.stringify does.
 */
export function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;
const q = quote;

/**
 * Memoised pieces of a line for the policy's recurring texts (item names, 依据, 说明, identity
 * names): each is quoted once instead of once per claim. Bounded, so texts that vary per claim
 * cannot grow it; past the bound they are simply built each time.
 */
class Pieces {
  private readonly map = new Map<string, string>();
  constructor(
    private readonly make: (text: string) => string,
    private readonly limit = 2048,
  ) {}
  get(text: string): string {
    let piece = this.map.get(text);
    if (piece === undefined) {
      piece = this.make(text);
      if (this.map.size < this.limit) this.map.set(text, piece);
    }
    return piece;
  }
}

/**
 * Formats lines straight from a reused OutcomeInto (runtime/into.ts) — the same bytes as
 * `outcomeLine` of the equivalent Outcome without 计算过程 — with the constant parts memoised.
 * One per calc run; `amountField` is the calculator's amount name (救助金额 …).
 */
export class IntoLines {
  private readonly item = new Pieces((name) => `{"项目":${q(name)},"金额":"`);
  private readonly cite = new Pieces((cite) => `","依据":${q(cite)}`);
  private readonly note = new Pieces((note) => `,"说明":${q(note)}}`);
  private readonly identity = new Pieces((name) => `,"适用身份":${q(name)}`);
  private readonly other = new Pieces((name) => `{"身份":${q(name)},`);
  /** keyed by 统计字段 (a field name: no NUL), a NUL, then 名称 (any text) */
  private readonly warning = new Pieces((key) => {
    const cut = key.indexOf("\u0000");
    return `{"名称":${q(key.slice(cut + 1))},${q("年度累计" + key.slice(0, cut))}:"`;
  });
  private readonly amount = new Pieces((field) => `${q(field)}:"`);

  line(id: string, amountField: string, o: OutcomeInto): string {
    const amount = this.amount.get(amountField);
    let s = `{"编号":${q(id)},${amount}${formatFen(o.金额)}","明细":[`;
    for (let i = 0; i < o.项目数; i++) {
      const note = o.说明[i];
      s +=
        (i > 0 ? "," : "") +
        this.item.get(o.项目[i]!) +
        formatFen(o.项目金额[i]!) +
        this.cite.get(o.依据[i]!) +
        (note === undefined ? "}" : this.note.get(note));
    }
    s += o.适用身份 === undefined ? "]" : "]" + this.identity.get(o.适用身份);
    s += `,"其他身份":[`;
    for (let i = 0; i < o.其他数; i++) {
      s += (i > 0 ? "," : "") + this.other.get(o.其他身份[i]!) + amount + formatFen(o.其他金额[i]!) + `"}`;
    }
    if (o.预警数 === 0) return s + "]}";
    s += `],"预警":[`;
    for (let i = 0; i < o.预警数; i++) {
      s +=
        (i > 0 ? "," : "") +
        this.warning.get(o.预警字段[i]! + "\u0000" + o.预警名称[i]!) +
        formatFen(o.预警累计[i]!) +
        this.cite.get(o.预警依据[i]!) +
        "}";
    }
    return s + "]}";
  }
}

/** The line for a record that could not be computed: JSON.stringify({ 编号, 错误 })'s bytes. */
export function errorLine(id: string, message: string): string {
  return `{"编号":${q(id)},"错误":${q(message)}}`;
}

/**
 * Joins lines into ~64 KB writes and waits for 'drain' when the stream's buffer is full, so a slow
 * reader of stdout slows the run down instead of filling memory.
 */
export class LineWriter {
  private buffer = "";
  /** an error the stream reported (e.g. EPIPE, ENOSPC on a pipe or file): the next write throws it */
  private failed: unknown;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly flushAt = 1 << 16,
  ) {
    stream.on("error", (e) => (this.failed ??= e));
  }

  /** Returns a promise only when the caller must wait (keeps the hot loop synchronous). */
  write(line: string): Promise<void> | undefined {
    this.buffer += line + "\n";
    return this.buffer.length >= this.flushAt ? this.send() : undefined;
  }

  async flush(): Promise<void> {
    await this.send();
  }

  /** Hands the buffer to the stream; a promise only when its buffer is full (wait for 'drain'). */
  private send(): Promise<void> | undefined {
    if (this.buffer === "") return undefined;
    const chunk = this.buffer;
    this.buffer = "";
    if (this.failed !== undefined) throw outputError(this.failed);
    let ok: boolean;
    try {
      ok = this.stream.write(chunk); // a file or device stdout writes synchronously and throws here
    } catch (e) {
      throw outputError(e);
    }
    if (ok) return undefined;
    return new Promise<void>((resolve, reject) => {
      // a stream that fails while we wait for 'drain' would otherwise never resolve
      const onError = (e: unknown) => reject(outputError(e));
      this.stream.once("error", onError);
      this.stream.once("drain", () => {
        this.stream.removeListener("error", onError);
        resolve();
      });
    });
  }
}
