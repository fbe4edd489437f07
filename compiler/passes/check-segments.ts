/**
 * Pass 5b: segment columns (比例（A至B）, 比例（A以上）) must not overlap (JZ4004) and every one must
 * be reachable (JZ4005): not empty, not after an open-ended segment. A gap between segments pays
 * nothing for that part of the base, which is a warning: some documents mean it (阳泉 一次性救助).
 * A 「比例」 column beside segment columns covers every part they leave (no gap then).
 */
import { Codes, error, warning, type Diagnostic } from "../diagnostics.js";
import { analyzeColumns, formatFen, type Column } from "./columns.js";
import type { PassContext } from "./env.js";

export function checkSegments(ctx: PassContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of ctx.ast.declarations) {
    if (d.kind !== "item" || !d.table) continue;
    const cols = analyzeColumns(d.table);
    const segs = cols.filter((c) => c.kind === "分段");
    // 「比例」next to segment columns is the row's ratio for every part no segment covers
    // ("超过3万元的部分提高10个百分点": | 比例 | 比例（3万元以上） |), so it leaves no gap.
    const single = cols.find((c) => c.kind === "比例");
    const valid: Column[] = [];
    for (const s of segs) {
      if (s.to !== null && s.to !== undefined && s.from! >= s.to)
        out.push(
          error(Codes.UnreachableSegment, ctx.file, s.header.span, `分段「${s.key}」的起点不小于终点，永远不会用到`, [
            "分段写成 比例（起点至终点），起点小于终点",
          ]),
        );
      else valid.push(s);
    }
    valid.sort((a, b) => (a.from! < b.from! ? -1 : a.from! > b.from! ? 1 : 0));
    for (let i = 1; i < valid.length; i++) {
      const prev = valid[i - 1]!;
      const next = valid[i]!;
      if (prev.key === next.key) continue; // a duplicate column, reported by check-tables
      if (prev.to === null || prev.to === undefined) {
        out.push(
          error(
            Codes.UnreachableSegment,
            ctx.file,
            next.header.span,
            `分段「${next.key}」在不封顶的分段「${prev.key}」之后，永远不会用到`,
            [`「${prev.key}」已经包括 ${formatFen(prev.from!)} 以上的全部金额；请给它写上终点`],
          ),
        );
      } else if (next.from! < prev.to) {
        out.push(
          error(Codes.OverlappingSegments, ctx.file, next.header.span, `分段「${next.key}」与「${prev.key}」重叠`, [
            `${formatFen(next.from!)}至${formatFen(prev.to)} 的部分被两个比例覆盖；请让分段首尾相接，例如 比例（0至2万元）、比例（2万元以上）`,
          ]),
        );
      } else if (next.from! > prev.to && !single) {
        out.push(
          warning(
            Codes.UnreachableSegment,
            ctx.file,
            next.header.span,
            `分段「${prev.key}」与「${next.key}」之间有空档`,
            [`${formatFen(prev.to)}至${formatFen(next.from!)} 的部分不予救助；如非文件原意，请让分段首尾相接`],
          ),
        );
      }
    }
  }
  return out;
}
