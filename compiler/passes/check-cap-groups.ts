/**
 * Pass 5c: 限额组 caps. A group has exactly one of `年度限额 X` (one cap for all) and a
 * `| 身份 | 年度限额 |` table (JZ4013); the table holds amounts or 无, each identity once (JZ4001),
 * and a row for every identity a member item applies to, directly or through the identity it
 * 参照 for that item (JZ4014): a person must never fall through to "no cap" by omission, which
 * is how three disjoint groups overpaid a person holding two identities.
 */
import type { CapGroupDecl, Span, Table } from "../../grammar/ast.js";
import { Codes, error, type Diagnostic, type DiagnosticCode } from "../diagnostics.js";
import { analyzeColumns } from "./columns.js";
import { expandIdentities, isUnspecifiedIdentity, itemIdentities, type Env, type PassContext } from "./env.js";
import { referenceTable, rowIdentity } from "./references.js";

export function checkCapGroups(ctx: PassContext, env: Env): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (code: DiagnosticCode, span: Span, msg: string, ...notes: string[]) =>
    out.push(error(code, ctx.file, span, msg, notes));
  const refs = referenceTable(env);
  for (const d of ctx.ast.declarations) {
    if (d.kind !== "capGroup") continue;
    const g = d.name.name;
    if (!d.annualCap && !d.table) {
      err(
        Codes.CapGroupCaps,
        d.name.span,
        `限额组「${g}」没有年度限额`,
        `写「限额组 ${g} 年度限额 5万元 包括 …」，或在下面按身份写表：| 身份 | 年度限额 |`,
      );
      continue;
    }
    if (d.annualCap && d.table) {
      err(
        Codes.CapGroupCaps,
        d.table.span,
        `限额组「${g}」既写了「年度限额 ${d.annualCap.text}」又写了按身份的限额表`,
        "所有身份同一限额时只写「年度限额 X」；按身份不同时删去它，只留表格",
      );
      continue;
    }
    if (d.table) checkTable(d, d.table);
  }
  return out;

  function checkTable(d: CapGroupDecl, table: Table): void {
    const cols = analyzeColumns(table);
    const shapeOk =
      cols[0]?.kind === "身份" &&
      cols.some((c) => c.kind === "年度限额") &&
      cols.every((c, i) => (i === 0 ? c.kind === "身份" : c.kind === "年度限额" || c.kind === "依据")) &&
      cols.filter((c) => c.kind === "年度限额").length === 1;
    if (!shapeOk) {
      err(
        Codes.CapGroupCaps,
        table.span,
        `限额组「${d.name.name}」的表只能有「身份」「年度限额」（和「依据」）三列`,
        "表头写：| 身份 | 年度限额 |，每个身份一行；不设限额的写「无」",
      );
      return;
    }
    const capCol = cols.findIndex((c) => c.kind === "年度限额");
    const covered = new Map<string, Span>();
    for (const row of table.rows) {
      if (row.cells.length !== cols.length) {
        err(Codes.RowWidth, row.span, `这一行有 ${row.cells.length} 格，表头有 ${cols.length} 列`, "每一行的格数必须与表头相同");
        continue;
      }
      const cell = row.cells[capCol]!;
      const amount = cell.kind === "value" && cell.value.kind !== "ratio";
      if (!amount && cell.kind !== "none")
        err(
          Codes.CapGroupCaps,
          cell.span,
          "限额组的「年度限额」格只能写金额或「无」",
          cell.kind === "unspecified"
            ? "文件未规定的身份，请在各救助项目的表中写「未规定」，这里写「无」"
            : "例如：6万元；不设限额写「无」",
        );
      const first = row.cells[0];
      if (first?.kind !== "identities") continue;
      for (const n of first.names)
        for (const id of expandIdentities(env, [n.name])) {
          if (covered.has(id))
            err(Codes.DuplicateRow, n.span, `身份「${id}」在限额组「${d.name.name}」的表中出现了两次`, "每个身份只能有一个限额");
          else covered.set(id, n.span);
        }
    }
    for (const m of d.members) {
      const item = env.items.get(m.name);
      if (!item) continue;
      for (const h of itemIdentities(env, item)) {
        if (isUnspecifiedIdentity(env, h) || covered.has(h)) continue;
        const r = rowIdentity(env, refs, h, item.name);
        if (covered.has(r)) continue;
        const via = r === h ? "" : `（或它在「${item.name}」中参照的「${r}」）`;
        err(
          Codes.MissingCapRow,
          m.span,
          `限额组「${d.name.name}」的表没有身份「${h}」${via}的年度限额，而「${item.name}」适用于它`,
          `请在表中加一行：| ${h} | … |；不设限额写「无」`,
        );
      }
    }
  }
}
