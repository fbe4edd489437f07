/**
 * Pass 5a: item tables. Each item has a table (JZ4006) with a 比例, segment or 定额 column
 * (JZ4007, JZ4011), no repeated column (JZ4002), rows as wide as the header (JZ4008), no empty
 * value cell (JZ4012), each identity in one row only, also through groups (JZ4001), and a row for
 * every identity the item applies to, after 参照 (JZ4003): a claim must never fall through to an
 * accidental 0. A row of 未规定 is an explicit answer and counts.
 */
import type { ItemDecl, Table } from "../../grammar/ast.js";
import { Codes, error, type Diagnostic } from "../diagnostics.js";
import { analyzeColumns, columnValueType } from "./columns.js";
import { expandIdentities, isUnspecifiedIdentity, itemIdentities, type Env, type PassContext } from "./env.js";
import { referenceTable, rowIdentity } from "./references.js";
import { sameRowIdentities, takesRate } from "./same-as.js";

export function checkTables(ctx: PassContext, env: Env): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (
    code: Parameters<typeof error>[0],
    span: { start: number; end: number },
    msg: string,
    ...notes: string[]
  ): void => {
    out.push(error(code, ctx.file, span, msg, notes));
  };
  const refs = referenceTable(env);
  for (const item of env.items.values()) {
    const d = item.decl;
    if (d && !d.table && !item.base && !d.sameAs?.length) {
      err(
        Codes.MissingTable,
        d.name.span,
        `救助项目「${d.name.name}」没有待遇表`,
        "在救助项目下写表格，例如：| 身份 | 起付线 | 比例 | 年度限额 |",
      );
      continue;
    }
    if (d?.table) checkTable(d, d.table);
    const rows = new Set<string>(Object.keys(item.base?.rows ?? {}));
    if (d?.table) for (const ids of rowIdentitiesOf(env, d.table)) ids.forEach((i) => rows.add(i));
    // no table, rows from the item it takes 比例 from (同): check-same checks that item's rows
    if (d && !d.table && d.sameAs?.length) sameRowIdentities(env, item.name).forEach((i) => rows.add(i));
    for (const h of itemIdentities(env, item)) {
      if (isUnspecifiedIdentity(env, h)) continue;
      const r = rowIdentity(env, refs, h, item.name);
      if (rows.has(r)) continue;
      const span = d?.name.span ?? env.identities.get(h)?.decl?.name.span;
      if (!span) continue;
      const via = r === h ? "" : `（「${h}」参照「${r}」）`;
      err(
        Codes.MissingRow,
        span,
        `救助项目「${item.name}」没有身份「${r}」的待遇行${via}`,
        `请在表中加一行：| ${r} | … |；文件没有规定的写：| ${r} | 未规定 | … |`,
        "或用「对象」写明本项目适用哪些身份",
      );
    }
  }
  return out;

  function checkTable(d: ItemDecl, table: Table): void {
    const cols = analyzeColumns(table);
    if (cols[0]?.kind !== "身份")
      err(
        Codes.MissingColumn,
        (cols[0]?.header ?? table).span,
        "待遇表的第一列必须是「身份」",
        "表头例如：| 身份 | 起付线 | 比例 | 年度限额 |",
      );
    const seen = new Map<string, number>();
    for (const c of cols) {
      if (c.kind === "unknown") continue;
      const first = seen.get(c.key);
      if (first !== undefined)
        err(
          Codes.DuplicateColumn,
          c.header.span,
          `列「${c.key}」重复`,
          `第 ${first + 1} 列已经是「${c.key}」，请删除其中一列`,
        );
      else seen.set(c.key, c.index);
    }
    const taken = takesRate(env, d.name.name);
    const rate = cols.some((c) => c.kind === "比例" || c.kind === "分段") || taken.rate;
    const flat = cols.some((c) => c.kind === "定额") || taken.flat;
    if (!rate && !flat)
      err(
        Codes.MissingColumn,
        d.name.span,
        `救助项目「${d.name.name}」的待遇表没有「比例」或「定额」列`,
        "按比例救助写「比例」列（分段写「比例（0至2万元）」等）；按固定金额救助写「定额」列",
      );
    if (rate && flat)
      err(
        Codes.ConflictingColumns,
        d.name.span,
        `救助项目「${d.name.name}」同时有比例列和「定额」列`,
        "一个救助项目要么按比例、要么按定额；两种待遇请分成两个救助项目",
      );

    const firstRow = new Map<string, { line: number; via: string }>();
    for (const row of table.rows) {
      if (row.cells.length !== cols.length) {
        err(
          Codes.RowWidth,
          row.span,
          `这一行有 ${row.cells.length} 格，表头有 ${cols.length} 列`,
          "每一行的格数必须与表头相同；没有规定的格写「未规定」",
        );
        continue;
      }
      row.cells.forEach((cell, i) => {
        if (cell.kind === "empty" && columnValueType(cols[i]!.kind))
          err(
            Codes.EmptyCell,
            cell.span,
            `「${cols[i]!.key}」列的单元格为空`,
            "没有规定请写「未规定」；没有起付线或限额请写「无」",
          );
      });
      const first = row.cells[0];
      if (first?.kind !== "identities") continue;
      for (const n of first.names) {
        for (const id of expandIdentities(env, [n.name])) {
          const prev = firstRow.get(id);
          const via = n.name === id ? "" : `（通过「${n.name}」）`;
          if (prev)
            err(
              Codes.DuplicateRow,
              n.span,
              `身份「${id}」${via}在表中出现了两次`,
              `${prev.line > 0 ? `第 ${prev.line} 行` : "前面的行"}已有「${id}」${prev.via}；每个身份只能有一行待遇`,
            );
          else firstRow.set(id, { line: ctx.lines.line(row.span.start), via });
        }
      }
    }
  }
}

/** The canonical identities of each table row (groups expanded, aliases resolved). */
export function rowIdentitiesOf(env: Env, table: Table): string[][] {
  return table.rows.map((row) => {
    const first = row.cells[0];
    return first?.kind === "identities"
      ? expandIdentities(
          env,
          first.names.map((n) => n.name),
        )
      : [];
  });
}
