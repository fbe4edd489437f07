/**
 * The canonical layout of a policy file, line by line from the lexer's tokens (pure, no node:):
 * one space between tokens that were separated by whitespace, item bodies indented by two
 * spaces, table pipes aligned by display width (compiler/width.ts), trailing spaces removed,
 * one final newline. Raw texts (依据/解释/文号…), strings and comments are copied verbatim from
 * the original text (not from the normalised tokens), and blank lines stay where they were.
 */
import type { IToken } from "chevrotain";
import { lex } from "../../grammar/lexer.js";
import { normalize } from "../../grammar/normalize.js";
import { displayWidth } from "../width.js";

const INDENT = "  ";

interface Line {
  start: number;
  end: number; // exclusive, before "\n"
  tokens: IToken[];
}

export function layout(text: string): string {
  const lines = splitLines(text);
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (isTableRow(text, lines[i]!)) {
      let j = i;
      while (j < lines.length && isTableRow(text, lines[j]!)) j++;
      out.push(...alignTable(text, lines.slice(i, j)));
      i = j;
    } else {
      out.push(formatLine(text, lines[i]!));
      i++;
    }
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.join("\n") + "\n";
}

function splitLines(text: string): Line[] {
  const tokens = lex(normalize(text)).tokens.filter((t) => t.tokenType.name !== "Newline" && t.tokenType.name !== "RawNewline");
  const lines: Line[] = [];
  let start = 0;
  let k = 0;
  while (start <= text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    const mine: IToken[] = [];
    while (k < tokens.length && tokens[k]!.startOffset < end) mine.push(tokens[k++]!);
    lines.push({ start, end, tokens: mine });
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

const tokenEnd = (t: IToken) => t.startOffset + t.image.length;

function indentOf(text: string, line: Line): string {
  const first = text.slice(line.start, line.end).search(/\S/);
  return first > 0 ? INDENT : "";
}

/** Tokens joined by one space where whitespace separated them; a trailing comment kept verbatim. */
function formatLine(text: string, line: Line): string {
  const raw = text.slice(line.start, line.end);
  if (line.tokens.length === 0) {
    const body = raw.trim();
    return body === "" ? "" : indentOf(text, line) + body; // a comment line
  }
  let s = indentOf(text, line);
  let at = line.tokens[0]!.startOffset;
  for (const t of line.tokens) {
    const gap = text.slice(at, t.startOffset);
    if (gap.trim() !== "") return raw.trimEnd(); // something the lexer skipped that is not space: leave the line alone
    if (gap.length > 0 && s.trim() !== "") s += " ";
    s += text.slice(t.startOffset, tokenEnd(t));
    at = tokenEnd(t);
  }
  const rest = text.slice(at, line.end);
  const comment = rest.trim();
  if (comment !== "") {
    if (!comment.startsWith("#")) return raw.trimEnd();
    s += (rest.length > rest.trimStart().length ? " " : "") + comment;
  }
  return s;
}

function isTableRow(text: string, line: Line): boolean {
  return line.tokens.length === 1 && line.tokens[0]!.tokenType.name === "TableRow";
}

/** Cells of a row written `| a | b |`; undefined when the row is not closed by a pipe. */
function cellsOf(text: string, line: Line): { cells: string[]; comment: string } | undefined {
  const t = line.tokens[0]!;
  const row = text.slice(t.startOffset, tokenEnd(t)).trimEnd();
  if (!row.startsWith("|") || !row.endsWith("|") || row.length < 2) return undefined;
  const comment = text.slice(tokenEnd(t), line.end).trim();
  return { cells: row.slice(1, -1).split("|").map((c) => c.trim()), comment };
}

const isSeparatorCell = (c: string) => /^:?-+:?$/.test(c);

function alignTable(text: string, rows: Line[]): string[] {
  const parsed = rows.map((r) => cellsOf(text, r));
  const n = parsed[0]?.cells.length;
  if (parsed.some((p) => !p || p.cells.length !== n)) return rows.map((r) => formatLine(text, r)); // ragged: leave as written
  const widths: number[] = [];
  for (const p of parsed) p!.cells.forEach((c, i) => {
    if (!isSeparatorCell(c)) widths[i] = Math.max(widths[i] ?? 1, displayWidth(c));
  });
  return parsed.map((p, r) => {
    const body = p!.cells
      .map((c, i) => (isSeparatorCell(c) ? "-".repeat(widths[i] ?? 1) : c + " ".repeat((widths[i] ?? 1) - displayWidth(c))))
      .join(" | ");
    return `${indentOf(text, rows[r]!)}| ${body} |${p!.comment ? " " + p!.comment : ""}`;
  });
}
