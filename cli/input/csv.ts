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

  /** Parses `chunk`, appending every row it completes to `out`. */
  push(chunk: string, out: CsvRow[]): void {
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
          this.line += countLines(text);
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
  }

  /** Flushes the last row when the input does not end with a line break. */
  end(out: CsvRow[]): void {
    if (this.state === State.Quoted) {
      this.rowError ??= `第${this.rowLine}行第${this.row.length + 1}列：引号未闭合`;
    }
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
