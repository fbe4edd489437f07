/**
 * Pass 5d: `提高 N个百分点` cells. The document says "超过3万元的部分…提高10个百分点": a raise of
 * the row's own ratio on one segment. So a raise belongs in a segment column (比例（3万元以上）)
 * of a table that has a 比例 column (JZ4016), and the raised ratio is at most 100% (JZ3002).
 */
import { Codes, error, type Diagnostic } from "../diagnostics.js";
import { analyzeColumns } from "./columns.js";
import type { PassContext } from "./env.js";

export function checkRaise(ctx: PassContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of ctx.ast.declarations) {
    if (d.kind !== "item" || !d.table) continue;
    const cols = analyzeColumns(d.table);
    const ratioCol = cols.findIndex((c) => c.kind === "比例");
    for (const row of d.table.rows) {
      row.cells.forEach((cell, i) => {
        if (cell.kind !== "raise") return;
        const col = cols[i];
        if (col?.kind !== "分段") {
          out.push(
            error(Codes.RaiseWithoutRatio, ctx.file, cell.span, `「提高 …」只能写在分段列中，这里是「${col?.key ?? "?"}」列`, [
              "例如表头 | 身份 | 比例 | 比例（3万元以上） |，行 | 低保对象 | 70% | 提高 10个百分点 |",
            ]),
          );
          return;
        }
        if (ratioCol < 0) {
          out.push(
            error(Codes.RaiseWithoutRatio, ctx.file, cell.span, "「提高 …」要在本行的「比例」上提高，但表中没有「比例」列", [
              "加一列「比例」写原比例；它也用于分段列没有覆盖的部分",
            ]),
          );
          return;
        }
        const base = row.cells[ratioCol];
        if (base?.kind !== "value" && base?.kind !== "floor" && base?.kind !== "ceiling") return;
        if (base.value.kind !== "ratio") return; // a type error reported by check-types
        const sum = base.value.basisPoints + cell.points.basisPoints;
        if (sum > 10000n)
          out.push(
            error(Codes.RatioOutOfRange, ctx.file, cell.span, `${base.value.text} 提高 ${cell.points.text} 超过 100%`, [
              "提高后的比例必须在 0% 到 100% 之间；已是 100% 的行直接写 100%",
            ]),
          );
      });
    }
  }
  return out;
}
