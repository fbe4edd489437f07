/**
 * The ONE place where a UTF-16 offset becomes a line and column. Lowering (Source.line), notes
 * ("首次声明在第 3 行") and the renderer all go through here so they can never disagree.
 */

export interface Position {
  /** 1-based line */
  line: number;
  /** 1-based column counted in characters (code points), not UTF-16 units */
  column: number;
}

export class LineIndex {
  /** offset of the first character of each line */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      // "\r\n" counts once: the line starts after "\n"; a lone "\r" also ends a line.
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    const column = [...this.text.slice(this.starts[lo]!, o)].length + 1;
    return { line: lo + 1, column };
  }

  line(offset: number): number {
    return this.position(offset).line;
  }

  /** The text of a 1-based line without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const next = this.starts[line];
    const end = next === undefined ? this.text.length : next;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, "");
  }

  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }
}

/** Used when the checker was not given the source text: every line is reported as 0. */
export const NO_LINES = {
  line: (_offset: number) => 0,
} as const;

export type Lines = Pick<LineIndex, "line">;
