/**
 * Pass 5e: `比例 同 住院救助` (a column taken from another item, so an amendment reaches both).
 * The column is one a row can hold (JZ2007) and is not also in the item's own table (JZ4002); the
 * other item exists (JZ2003) and the references form no loop (JZ5001); every row identity of the
 * item has a row in the other item (JZ4003), following the other's own 同 when it has no table.
 */
import type { ItemDecl } from "../../grammar/ast.js";
import { Codes, error, type Diagnostic, type DiagnosticCode } from "../diagnostics.js";
import { analyzeColumns } from "./columns.js";
import type { Env, PassContext } from "./env.js";
import { rowIdentitiesOf } from "./check-tables.js";
import { SAME_COLUMNS, sameColumnOf, sameRowIdentities } from "./same-as.js";

export function checkSame(ctx: PassContext, env: Env): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (code: DiagnosticCode, span: { start: number; end: number }, msg: string, ...notes: string[]) =>
    out.push(error(code, ctx.file, span, msg, notes));
  for (const d of ctx.ast.declarations) {
    if (d.kind !== "item" || !d.sameAs?.length) continue;
    const own = d.table ? analyzeColumns(d.table).map((c) => sameColumnOf(c.kind)) : [];
    if (!d.table && !d.sameAs.some((s) => s.column.name === "比例" || s.column.name === "定额"))
      err(Codes.MissingColumn, d.name.span, `救助项目「${d.name.name}」没有待遇表，也没有「比例 同 …」或「定额 同 …」`, "写「比例 同 住院救助」，或在项目下写表格");
    const seen = new Set<string>();
    for (const s of d.sameAs) {
      const col = s.column.name;
      if (!(SAME_COLUMNS as readonly string[]).includes(col)) {
        err(Codes.UnknownColumn, s.column.span, `「${col}」不是可以「同」另一项目的列`, `可以写：${SAME_COLUMNS.join("、")}（比例 包括分段比例列）`);
        continue;
      }
      if (seen.has(col) || own.includes(col)) {
        err(Codes.DuplicateColumn, s.column.span, `「${col}」在救助项目「${d.name.name}」中写了两次`, "一列要么写在本项目的表中，要么写「同 …」，不能两者都写");
        continue;
      }
      seen.add(col);
      if (!env.items.has(s.item.name)) {
        err(Codes.UnknownItem, s.item.span, `没有名为「${s.item.name}」的救助项目`, "「同」后面写已声明的救助项目名称");
        continue;
      }
      const loop = cycle(env, d.name.name, s.item.name, col);
      if (loop) {
        err(Codes.ItemCycle, s.span, `「${col} 同」形成循环：${loop.join(" → ")}`, "至少一个项目要在自己的表中写出这一列");
        continue;
      }
      checkRows(d, s.item.name, col, s.span);
    }
  }
  return out;

  function checkRows(d: ItemDecl, from: string, col: string, span: { start: number; end: number }): void {
    const mine = d.table ? rowIdentitiesOf(env, d.table).flat() : sameRowIdentities(env, from);
    const theirs = new Set(sameRowIdentities(env, from));
    for (const id of new Set(mine))
      if (!theirs.has(id))
        err(Codes.MissingRow, span, `救助项目「${from}」没有身份「${id}」的待遇行，「${d.name.name}」的「${col}」无从取得`, `请在「${d.name.name}」的表中写出「${col}」列，或在「${from}」中加「${id}」的行`);
  }
}

/** The loop `item → … → item` through 同 of one column, if following `from` comes back. */
function cycle(env: Env, item: string, from: string, col: string): string[] | undefined {
  const path = [item];
  let cur: string | undefined = from;
  while (cur !== undefined) {
    path.push(cur);
    if (cur === item) return path;
    if (path.indexOf(cur) < path.length - 1) return undefined; // a loop not through `item`: reported there
    cur = env.items.get(cur)?.decl?.sameAs?.find((s) => s.column.name === col)?.item.name;
  }
  return undefined;
}
