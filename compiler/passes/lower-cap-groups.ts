/**
 * 限额组 → CapGroupIR. `年度限额 X` gives one cap for all; a `| 身份 | 年度限额 |` table gives a
 * cap per canonical identity (groups expanded, 无 = null). Runs after check-cap-groups, so the
 * table has its shape and every cell is an amount or 无.
 */
import type { CapGroupDecl } from "../../grammar/ast.js";
import type { CapGroupIR, Fen, Source } from "../ir.js";
import { analyzeColumns } from "./columns.js";
import { expandIdentities, type Env } from "./env.js";

export function lowerCapGroup(env: Env, d: CapGroupDecl, source: Source, notes: string[]): CapGroupIR {
  const common = { name: d.name.name, members: d.members.map((m) => m.name), source, notes };
  if (!d.table) {
    const cap = d.annualCap?.kind === "amount" ? Number(d.annualCap.fen) : 0;
    return { ...common, annualCap: cap };
  }
  const capCol = analyzeColumns(d.table).findIndex((c) => c.kind === "年度限额");
  const byIdentity: Record<string, Fen | null> = {};
  for (const row of d.table.rows) {
    const first = row.cells[0];
    const cell = row.cells[capCol];
    if (first?.kind !== "identities" || !cell) continue;
    const cap = cell.kind === "value" && cell.value.kind === "amount" ? Number(cell.value.fen) : null;
    for (const id of expandIdentities(env, first.names.map((n) => n.name))) byIdentity[id] = cap;
  }
  return { ...common, annualCap: null, byIdentity };
}
