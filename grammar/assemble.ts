/**
 * Lines → PolicyAst: header lines fill the header, declaration heads open a block, and the clause
 * lines, table rows and list entries below a head are attached to it. A line out of place is a
 * JZ1002; a head line that failed to parse opens a "broken" block that silently absorbs its
 * clauses, so one mistake does not cascade into many.
 */
import type { IToken } from "chevrotain";
import type { Declaration, ItemDecl, PolicyAst, Span } from "./ast.js";
import { Codes, error } from "../compiler/diagnostics.js";
import type { LineAst } from "./lines.js";
import { suggestionNote } from "./messages.js";
import { buildTable } from "./table.js";
import { join, type Ctx } from "./to-ast.js";

export interface ParsedLine {
  line: LineAst | undefined;
  /** the parser already reported an error on this line */
  hadError: boolean;
  span: Span;
}

const CLAUSE_KEYWORD: Record<string, string> = {
  in: "属于", applies: "适用", targets: "对象", condition: "条件", base: "基数", bound: "不超过",
  deductible: "起付线", segments: "分段", same: "同", times: "次数", counts: "统计", when: "当", basis: "依据",
};

export function assemble(lines: ParsedLine[], ctx: Ctx): PolicyAst {
  const ast: PolicyAst = { file: ctx.file, header: {}, declarations: [], notes: [] };
  let current: Declaration | "broken" | undefined;
  let rows: IToken[] = [];

  const close = () => {
    if (current && current !== "broken" && (current.kind === "item" || current.kind === "capGroup") && rows.length > 0) {
      current.table = buildTable(rows, ctx);
    }
    rows = [];
    current = undefined;
  };
  const misplaced = (span: Span, message: string, notes: string[] = []) =>
    ctx.diagnostics.push(error(Codes.SyntaxError, ctx.file, span, message, notes));

  for (const { line, hadError, span } of lines) {
    if (!line) {
      if (hadError) {
        close();
        current = "broken";
      }
      continue;
    }
    if (line.kind === "decl") {
      close();
      ast.declarations.push(line.decl);
      current = line.decl;
      continue;
    }
    if (header(ast, line, misplaced)) {
      close();
      continue;
    }
    if (current === "broken") continue;
    // A misspelled statement keyword (救助项木 …) parses as bare names with an error: treat it as
    // a broken head, so the clauses and table under it are not reported again one by one.
    if (hadError && line.kind === "entries" && current?.kind !== "list") {
      close();
      current = "broken";
      continue;
    }
    const block = current;
    const attached = attach(block, line, rows, ast);
    if (attached && block) block.span = join(block.span, line.span);
    // a line the parser already complained about is not reported again for being out of place
    if (attached || hadError) continue;
    if (line.kind === "entries") {
      const word = line.first?.image ?? "";
      const message = `此处应为语句关键字（如「救助项目」「身份」「条件」），但看到了「${word}」`;
      misplaced(span, message, suggestionNote(word));
    } else if (line.kind === "basis") {
      misplaced(line.span, block ? "此声明已有「依据」" : "「依据」应写在所依据的声明同一行或其下一行");
    } else if (line.kind === "counts" || line.kind === "when") {
      misplaced(line.span, `「${CLAUSE_KEYWORD[line.kind]}」只能写在「预警」之下`);
    } else if (line.kind === "in") {
      misplaced(line.span, "「属于」只能写在「救助项目」或「不予救助」之下");
    } else if (line.kind === "tableRow") {
      misplaced(line.span, "表格只能写在「救助项目」或「限额组」之下");
    } else {
      misplaced(line.span, `「${CLAUSE_KEYWORD[line.kind] ?? line.kind}」只能写在「救助项目」之下`);
    }
  }
  close();
  return ast;
}

/** Attach a clause line to the open block; false when it does not belong there. */
function attach(block: Declaration | undefined, line: LineAst, rows: IToken[], ast: PolicyAst): boolean {
  switch (line.kind) {
    case "note":
      if (block && "notes" in block) block.notes.push(line.note);
      else ast.notes.push(line.note);
      return true;
    case "basis":
      if (!block || block.citation) return false;
      block.citation = line.citation;
      return true;
    case "entries":
      if (block?.kind !== "list") return false;
      block.entries.push(...line.entries);
      return true;
    case "counts":
      if (block?.kind !== "warning") return false;
      block.countVisitTypes.push(...line.names);
      return true;
    case "when":
      if (block?.kind !== "warning") return false;
      block.when = block.when
        ? { kind: "and", left: block.when, right: line.cond, span: join(block.when.span, line.cond.span) }
        : line.cond;
      return true;
    case "in":
      if (block?.kind !== "item" && block?.kind !== "exclusion") return false;
      block.calculator = line.name;
      return true;
    case "tableRow":
      if (block?.kind !== "capGroup") break;
      rows.push(line.row);
      return true;
    case "condition":
      if (block?.kind === "identity" && !block.condition) {
        block.condition = line.cond;
        return true;
      }
  }
  return block?.kind === "item" && itemClause(block, line, rows);
}

function itemClause(item: ItemDecl, line: LineAst, rows: IToken[]): boolean {
  switch (line.kind) {
    case "applies":
      item.visitTypes.push(...line.names);
      return true;
    case "targets":
      item.identities.push(...line.names);
      return true;
    case "condition":
      item.conditions.push({ cond: line.cond, ...(line.citation ? { citation: line.citation } : {}) });
      return true;
    case "base":
      item.base = line.expr;
      return true;
    case "bound":
      item.bound = line.expr;
      return true;
    case "deductible":
      item.deductiblePeriod = { period: line.period, span: line.span };
      return true;
    case "segments":
      if (line.period) item.segmentPeriod = { period: line.period, span: line.span };
      if (line.basis) item.segmentBasis = { basis: line.basis, span: line.span };
      if (line.shareWith) item.segmentShare = line.shareWith;
      return true;
    case "times":
      item.oncePerPerson = line.span;
      return true;
    case "same":
      (item.sameAs ??= []).push({ column: line.column, item: line.item, span: line.span });
      return true;
    case "tableRow":
      rows.push(line.row);
      return true;
    default:
      return false;
  }
}

type Report = (span: Span, message: string) => void;

/** Header lines; returns false for anything else. A repeated header line is reported. */
function header(ast: PolicyAst, line: LineAst, report: Report): boolean {
  const h = ast.header;
  const once = (key: keyof typeof h, word: string, set: () => void) => {
    if (h[key] !== undefined) report(line.span, `「${word}」重复：一个文件只能写一次`);
    else set();
  };
  switch (line.kind) {
    case "policy":
      once("name", "政策", () => (h.name = line.name));
      return true;
    case "region":
      once("region", "地区", () => (h.region = line.name));
      return true;
    case "docNumber":
      once("docNumber", "文号", () => (h.docNumber = { text: line.text, span: line.span }));
      return true;
    case "effective":
    case "expires": {
      const v = { date: line.date, ...(line.citation ? { citation: line.citation } : {}) };
      const word = line.kind === "effective" ? "生效" : "失效";
      once(line.kind, word, () => (h[line.kind as "effective" | "expires"] = v));
      return true;
    }
    case "source":
      once("source", "原文", () => (h.source = { text: line.text, span: line.span }));
      return true;
    case "procedural":
      // may be split over several lines
      h.procedural = [...(h.procedural ?? []), ...line.items];
      return true;
    case "basedOn":
      once("basedOn", "基于", () => (h.basedOn = line.name));
      return true;
    case "isBase":
      once("isBase", "基础政策", () => (h.isBase = line.span));
      return true;
    case "rounding":
      once("rounding", "舍入", () => (h.rounding = { mode: "half-up-fen", span: line.span }));
      return true;
    default:
      return false;
  }
}
