/**
 * Pass 8 (after lowering, only for a policy built on a base): the city's total for every identity
 * and case the base covers must reach the base's floor (compiler/diff/floors.ts). One JZ4009 per
 * shortfall, with a witness claim, both amounts and both citations, at the city item it concerns.
 */
import type { ItemDecl, Span } from "../../grammar/ast.js";
import { checkFloors, type FloorUnchecked, type FloorViolation } from "../diff/floors.js";
import { plain } from "../diff/format.js";
import { Codes, error, warning, type Diagnostic } from "../diagnostics.js";
import type { CheckedPolicy } from "../ir.js";
import type { PassContext } from "./env.js";

/**
 * The comparison is the costliest pass of a city (tens of ms) and a pure function of the two IRs.
 * An editor re-checks on every keystroke, mostly without changing the lowered city (typing in a
 * 解释 or a comment): the last result per base is kept and reused while the city's IR, source
 * lines included, is the same JSON. Keyed by the base object, so a CLI load (new objects) never
 * hits and nothing outlives its base.
 */
const lastFloors = new WeakMap<CheckedPolicy, { key: string; violations: FloorViolation[]; unchecked: FloorUnchecked[] }>();

function floorsOf(base: CheckedPolicy, policy: CheckedPolicy): { violations: FloorViolation[]; unchecked: FloorUnchecked[] } {
  const key = JSON.stringify(policy);
  const hit = lastFloors.get(base);
  if (hit && hit.key === key) return hit;
  const unchecked: FloorUnchecked[] = [];
  const violations = checkFloors(base, policy, unchecked);
  lastFloors.set(base, { key, violations, unchecked });
  return { violations, unchecked };
}

export function checkFloorTotals(ctx: PassContext, policy: CheckedPolicy): Diagnostic[] {
  const base = ctx.base;
  if (!base) return [];
  const decls = ctx.ast.declarations.filter((d): d is ItemDecl => d.kind === "item");
  // identities short the same way in the same case are one diagnostic (the witness is the first's)
  const groups = new Map<string, { v: FloorViolation; ids: string[] }>();
  const { violations, unchecked } = floorsOf(base, policy);
  for (const v of violations) {
    const { 身份: _who, ...rest } = v.claim;
    const key = JSON.stringify([v.calculator, v.case, rest, v.city, v.floor, v.baseSources]);
    const g = groups.get(key);
    if (g) g.ids.push(v.identity);
    else groups.set(key, { v, ids: [v.identity] });
  }
  const out = [...groups.values()].map(({ v, ids }) => diagnostic(ctx, base.meta.file, decls, v, ids));
  // a comparison that could only sample the payouts is said, never passed in silence
  if (unchecked.length) {
    const at = ctx.ast.header.basedOn?.span ?? { start: 0, end: 0 };
    const cases = unchecked.map((u) => `「${u.calculator}」·${u.identity}（${u.case}）`);
    out.push(
      warning(Codes.BelowFloor, ctx.file, at, `有 ${unchecked.length} 种情形无法与基础政策的下限精确比较（比例过细或分段过多），只做了抽样检查`, [
        `情形：${cases.slice(0, 5).join("；")}${cases.length > 5 ? ` 等 ${cases.length} 种` : ""}`,
        "请用 jiuzhu diff 对照基础政策逐项核对这些情形的金额",
      ]),
    );
  }
  return out;
}

function diagnostic(ctx: PassContext, baseFile: string, decls: ItemDecl[], v: FloorViolation, ids: string[]): Diagnostic {
  // point at the city's own item that the base's floor concerns, else at the first it declares
  const mine = decls.filter((d) => v.cityItems.some((c) => c.item === d.name.name));
  const at =
    mine.find((d) => v.baseSources.some((s) => s.item === d.name.name)) ?? mine[0];
  const span: Span = at?.name.span ?? ctx.ast.header.basedOn?.span ?? { start: 0, end: 0 };
  const claim = Object.entries(v.claim)
    .map(([k, x]) => `${k} ${Array.isArray(x) ? x.join("、") : typeof x === "number" ? `${x}元` : typeof x === "boolean" ? (x ? "是" : "否") : String(x)}`)
    .join("，");
  const paid = v.city.amount === null ? `结果为错误（${v.city.error}）` : `支付 ${plain(v.city.amount)}元`;
  const cite = (c: string) => (c ? `（依据 ${c}）` : "");
  return error(
    Codes.BelowFloor,
    ctx.file,
    span,
    `「${v.calculator}」对「${ids.join("、")}」（${v.case}）的合计低于基础政策的下限`,
    [
      `例：${claim}：本政策${paid}，基础政策下限 ${plain(v.floor)}元`,
      ...v.baseSources.map((s) => `下限见 ${baseFile} 第 ${s.source.line} 行「${s.item}」${cite(s.source.citation)}`),
      ...v.cityItems.map((c) => {
        const d = mine.find((x) => x.name.name === c.item);
        const paidHere = c.amount === null ? "" : `${plain(c.amount)}元${c.why ? `（${c.why}）` : ""}`;
        const where = d ? `，见本政策第 ${ctx.lines.line(d.span.start)} 行${cite(d.citation?.text ?? "")}` : "（继承自基础政策）";
        return `本政策「${c.item}」${paidHere}${where}`;
      }),
      "下限按计算器的合计比较：可以拆分或改名救助项目，但对基础政策覆盖的每种身份和情形，合计不得低于下限；请检查本政策添加的条件、对象、单次限额、起付线和基数",
    ],
  );
}
