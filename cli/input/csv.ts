/**
 * Streaming RFC 4180 parser: feed text chunks, get complete rows. Quoted fields may hold commas,
 * `""` escapes and line breaks; rows end with CRLF, LF or CR. A malformed row is reported on the
 * row (never thrown) so one bad line becomes one bad record and the rest are still read.
 */

export interface CsvRow {
  fields: string[];
  /** 1-based physical line where the row starts */
  line: number;
  /** set when the quoting of the row is broken */
  error?: string;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
/** Characters an open quote may span before it is taken for a stray quote (documented in README). */
const OPEN_QUOTE_LIMIT = 1 << 16;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** just read a quote inside a quoted field: `""`, a separator, or an error follows */
  QuoteInQuoted,
}

export class CsvParser {
  private state = State.FieldStart;
  private field = "";
  private fieldQuoted = false;
  private row: string[] = [];
  private line = 1;
  private rowLine = 1;
  private rowError: string | undefined;
  private first = true;
  /** a CR ended the last row; a LF right after it belongs to the same line break */
  private skipLF = false;
  /** the raw text after the open quote of the current quoted field, to re-read if it never closes */
  private quotedRaw = "";
  /** line and column of that quote */
  private quoteLine = 1;
  private quoteColumn = 1;

  /** Parses `chunk`, appending every row it completes to `out`. */
  push(chunk: string, out: CsvRow[]): void {
    // a quote left open for 64 KiB gives up: its line is one error and the text after it is re-read
    for (let rest: string | undefined = this.parse(chunk, out); rest !== undefined; ) rest = this.parse(rest, out);
  }

  /** push(): returns the text to read again when an open quote was given up on, else undefined. */
  private parse(chunk: string, out: CsvRow[]): string | undefined {
    let i = 0;
    const n = chunk.length;
    if (this.first && n > 0) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1; // BOM written by Excel
    }
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (this.skipLF) {
        this.skipLF = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.fieldQuoted = true;
            this.quotedRaw = "";
            this.quoteLine = this.line;
            this.quoteColumn = this.row.length + 1;
            i++;
          } else {
            this.state = State.Unquoted;
          }
          break;
        case State.Unquoted: {
          let j = i;
          while (j < n) {
            const d = chunk.charCodeAt(j);
            if (d === COMMA || d === LF || d === CR) break;
            j++;
          }
          this.field += chunk.slice(i, j);
          i = j;
          if (j < n) i = this.separator(chunk.charCodeAt(j), j, out);
          break;
        }
        case State.Quoted: {
          const q = chunk.indexOf('"', i);
          const end = q === -1 ? n : q;
          const text = chunk.slice(i, end);
          this.field += text;
          this.quotedRaw += q === -1 ? text : text + '"';
          this.line += countLines(text);
          if (this.quotedRaw.length > OPEN_QUOTE_LIMIT) {
            return this.giveUpQuote(out, "64 KiB 内仍未闭合") + chunk.slice(q === -1 ? n : q + 1);
          }
          if (q === -1) {
            i = n;
          } else {
            this.state = State.QuoteInQuoted;
            i = q + 1;
          }
          break;
        }
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            this.quotedRaw += '"';
            this.state = State.Quoted;
            i++;
          } else if (c === COMMA || c === LF || c === CR) {
            i = this.separator(c, i, out);
          } else {
            // RFC 4180 allows nothing between a closing quote and the separator
            this.rowError ??= `第${this.rowLine}行第${this.row.length + 1}列：引号后有多余字符`;
            this.state = State.Unquoted;
          }
          break;
      }
    }
    return undefined;
  }

  /** Flushes the last row when the input does not end with a line break. */
  end(out: CsvRow[]): void {
    // a quote still open at the end: its line is one error, the lines after it are read again
    while (this.state === State.Quoted) this.push(this.giveUpQuote(out, "到文件末尾仍未闭合"), out);
    if (this.state !== State.FieldStart || this.row.length > 0) {
      this.endField();
      this.endRow(out);
    }
  }

  /** Handles a comma or line break at `at`; returns the next index. */
  private separator(c: number, at: number, out: CsvRow[]): number {
    this.endField();
    if (c === COMMA) return at + 1;
    this.endRow(out);
    this.line++;
    this.rowLine = this.line;
    if (c === CR) this.skipLF = true;
    return at + 1;
  }

  /**
   * Gives up on the open quote: the row so far becomes one error at the quote's line, reading
   * restarts at the next line. Returns the text after that line, to be parsed again.
   */
  private giveUpQuote(out: CsvRow[], why: string): string {
    const raw = this.quotedRaw;
    out.push({
      fields: [...this.row, this.field],
      line: this.quoteLine,
      error: `第${this.quoteLine}行第${this.quoteColumn}列：引号未闭合（${why}），该行记为错误，从下一行继续读取`,
    });
    this.row = [];
    this.field = "";
    this.rowError = undefined;
    this.fieldQuoted = false;
    this.state = State.FieldStart;
    this.quotedRaw = "";
    this.line = this.quoteLine + 1;
    this.rowLine = this.line;
    const lf = raw.indexOf("\n");
    const cr = raw.indexOf("\r");
    const k = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
    if (k === -1) return "";
    return raw.slice(raw.charCodeAt(k) === CR && raw.charCodeAt(k + 1) === LF ? k + 2 : k + 1);
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = "";
    this.state = State.FieldStart;
  }

  private endRow(out: CsvRow[]): void {
    const row = this.row;
    // an empty line is no row at all (but `""` on its own line is a row with one empty field)
    const blank = row.length === 1 && row[0] === "" && !this.fieldQuoted && !this.rowError;
    if (!blank) out.push(this.rowError ? { fields: row, line: this.rowLine, error: this.rowError } : { fields: row, line: this.rowLine });
    this.row = [];
    this.rowError = undefined;
    this.fieldQuoted = false;
  }
}

function countLines(text: string): number {
  let lines = 0;
  for (let k = text.indexOf("\n"); k !== -1; k = text.indexOf("\n", k + 1)) lines++;
  return lines;
}

/** Parses a whole CSV text (tests and small inputs). */
export function parseCsv(text: string): CsvRow[] {
  const parser = new CsvParser();
  const out: CsvRow[] = [];
  parser.push(text, out);
  parser.end(out);
  return out;
}
