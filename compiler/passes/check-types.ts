/**
 * Pass 3a: 金额, 比例, 布尔, 日期 and 文本 are not interchangeable. Conditions, 基数 and table
 * cells each need one type (JZ3001); a bare number other than 0 where an amount or ratio is
 * needed has lost its unit (JZ1003).
 */
import type { CondExpr, NumberLit, Span, ValueExpr } from "../../grammar/ast.js";
import { Codes, error, type Diagnostic } from "../diagnostics.js";
import { YEAR_TOTAL_PREFIX, yearTotalField, type ValueType } from "./builtins.js";
import { allowsNone, analyzeColumns, columnValueType } from "./columns.js";
import type { Env, PassContext } from "./env.js";
import { condNodes, condSites, valueNodes } from "./walk.js";

/** "数" is a bare number: it takes the type of the other side (and must be 0). */
type T = ValueType | "数" | undefined;

/** docs/语言.md: comparisons are between amounts or dates (the IR has no ratio constant). */
const COMPARABLE: readonly T[] = ["金额", "日期"];

export function checkTypes(ctx: PassContext, env: Env): Diagnostic[] {
  const out: Diagnostic[] = [];
  const mismatch = (span: Span, message: string, ...notes: string[]): void => {
    out.push(error(Codes.TypeMismatch, ctx.file, span, message, notes));
  };
  const bare = (n: NumberLit, want: "金额" | "比例"): void => {
    if (Number(n.value) === 0) return;
    out.push(
      error(Codes.MissingUnit, ctx.file, n.span, `数字「${n.text}」缺少单位`, [
        want === "金额" ? `金额请写单位，例如：${n.value}元` : `比例请写百分号，例如：${n.value}%`,
        "只有 0 可以不写单位",
      ]),
    );
  };
  const resultFields = new Set([...env.calculators.values()].map((c) => c.resultField));

  const typeOf = (v: ValueExpr): T => {
    switch (v.kind) {
      case "ref": {
        const f = env.fields.get(v.name);
        if (f) return f.type?.kind;
        if (env.items.has(v.name) || resultFields.has(v.name)) return "金额";
        const counted = yearTotalField(v.name, (n) => env.fields.has(n));
        if (counted !== undefined) {
          const t = env.fields.get(counted)!.type?.kind;
          if (t !== undefined && t !== "金额")
            mismatch(v.span, `「${v.name}」：「${counted}」是${t}字段，年度累计只能累计金额字段`, `例如：${YEAR_TOTAL_PREFIX}个人负担、${YEAR_TOTAL_PREFIX}医疗费用`);
          return "金额";
        }
        return undefined;
      }
      case "amount":
        return "金额";
      case "ratio":
        return "比例";
      case "date":
        return "日期";
      case "number":
        return "数";
      case "resultOf":
        return "金额";
      case "yearSum": {
        const t = typeOf(v.operand);
        if (t !== undefined && t !== "金额")
          mismatch(v.operand.span, `「全年」只能累计金额，这里是${t === "数" ? "数字" : t}`, "例如：全年 救助金额、全年 个人负担、全年 基本救助");
        return "金额";
      }
      case "binary": {
        for (const side of [v.left, v.right]) {
          const t = typeOf(side);
          if (t === "数") bare(side as NumberLit, "金额");
          else if (t !== undefined && t !== "金额")
            mismatch(side.span, `只有金额可以相加减，这里是${t}`, "基数和比较中的加减只用于金额");
        }
        return "金额";
      }
      case "min": {
        if (v.args.length < 2)
          mismatch(v.span, "「较小值」至少要比较两个金额", "例如：较小值(个人负担 - 基本救助, 限额内费用)");
        for (const a of v.args) {
          const t = typeOf(a);
          if (t === "数") bare(a as NumberLit, "金额");
          else if (t !== undefined && t !== "金额")
            mismatch(a.span, `「较小值」只比较金额，这里是${t}`, "例如：较小值(个人负担, 2万元)");
        }
        return "金额";
      }
    }
  };

  const cond = (c: CondExpr): void => {
    switch (c.kind) {
      case "and":
      case "or":
        cond(c.left);
        cond(c.right);
        return;
      case "not":
        return cond(c.operand);
      case "flag": {
        const t = env.fields.get(c.name)?.type?.kind;
        if (t && t !== "布尔")
          mismatch(c.span, `「${c.name}」是${t}字段，不能单独作为条件`, "单独写的字段必须是布尔字段，例如：规范转诊");
        return;
      }
      case "member": {
        const t = env.fields.get(c.subject.name)?.type?.kind;
        if (t && !["枚举", "文本", "清单", "身份清单"].includes(t))
          mismatch(
            c.subject.span,
            `「${c.subject.name}」是${t}字段，不能用「属于」`,
            "金额和日期请用 < <= > >= = != 比较",
          );
        return;
      }
      case "compare": {
        let l = typeOf(c.left);
        let r = typeOf(c.right);
        if (l === "数" && r === "数") l = r = "金额";
        if (l === "数") {
          if (r === "金额" || r === "比例") bare(c.left as NumberLit, r);
          l = r;
        }
        if (r === "数") {
          if (l === "金额" || l === "比例") bare(c.right as NumberLit, l);
          r = l;
        }
        if (l === undefined || r === undefined) return;
        if (!COMPARABLE.includes(l)) return mismatch(c.left.span, `${l}不能比较大小`, "只有金额和日期可以比较大小");
        if (!COMPARABLE.includes(r)) return mismatch(c.right.span, `${r}不能比较大小`, "只有金额和日期可以比较大小");
        if (l !== r) mismatch(c.span, `不能比较${l}与${r}`, "比较的两边必须同为金额或同为日期");
        return;
      }
      case "within":
        for (const n of [c.subject, c.reference]) {
          const t = env.fields.get(n.name)?.type?.kind;
          if (t && t !== "日期") mismatch(n.span, `「${n.name}」是${t}字段，「在 … 前 N个月 内」只用于日期`);
        }
        return;
      case "hasIdentity":
        return;
    }
  };

  for (const s of condSites(ctx.ast)) cond(s.cond);
  for (const d of ctx.ast.declarations) if (d.kind === "warning" && d.when) out.push(...oneCountedField(ctx, env, d.when));
  for (const d of ctx.ast.declarations) {
    if (d.kind === "capGroup" && d.annualCap?.kind === "number") bare(d.annualCap, "金额");
    if (d.kind !== "item") continue;
    if (d.base) {
      const t = typeOf(d.base);
      if (t === "数") bare(d.base as NumberLit, "金额");
      else if (t !== undefined && t !== "金额")
        mismatch(
          d.base.span,
          `基数必须是金额，这里是${t}`,
          t === "比例"
            ? "比例写在表格的「比例」列中，基数写它所乘的金额，例如：个人负担"
            : "基数写金额字段或前面救助项目的结果，例如：个人负担 - 基本救助",
        );
    }
    if (d.bound) {
      const t = typeOf(d.bound);
      if (t === "数") bare(d.bound as NumberLit, "金额");
      else if (t !== undefined && t !== "金额")
        mismatch(d.bound.span, `「不超过」后须是金额，这里是${t}`, "例如：不超过 个人负担");
    }
    if (!d.table) continue;
    const cols = analyzeColumns(d.table);
    for (const col of cols) if (col.header.segmentFrom?.kind === "number") bare(col.header.segmentFrom, "金额");
    for (const row of d.table.rows) {
      row.cells.forEach((cell, i) => {
        // 标准 says what a base fixes for the cities built on it: in any other file it binds nobody
        if ((cell.kind === "value" || cell.kind === "ceiling") && cell.standard && ctx.ast.header.isBase === undefined)
          out.push(
            error(Codes.StandardOutsideBase, ctx.file, cell.span, "「标准」只能写在基础政策中", [
              "「标准 X」是省级基础政策给市级的标准值；本文件不是基础政策，请直接写取值（如 70%）",
            ]),
          );
        const col = cols[i];
        const want = col && columnValueType(col.kind);
        if (!col || !want) return;
        if (cell.kind === "none" && !allowsNone(col.kind))
          return mismatch(
            cell.span,
            `「${col.key}」列不能写「无」`,
            "「无」/「不设」只用于起付线和限额；没有规定请写「未规定」",
          );
        if (cell.kind !== "value" && cell.kind !== "floor" && cell.kind !== "ceiling") return;
        const v = cell.value;
        if (v.kind === "number") return bare(v, want);
        const got = v.kind === "amount" ? "金额" : "比例";
        if (got !== want)
          mismatch(
            v.span,
            `「${col.key}」列应写${want}，不能写${got}「${v.text}」`,
            want === "比例" ? "比例请写百分数，例如：70%" : "金额请写单位，例如：2000元、2万元",
          );
      });
    }
  }
  return out;
}

/**
 * A 预警 keeps one yearly counter, so its condition names at most one `年度累计<字段>` (JZ3012):
 * `年度累计个人负担 >= 5000元 或 年度累计医疗费用 >= 30万元` would need two counters and say
 * nothing the output could show as one 年度累计.
 */
function oneCountedField(ctx: PassContext, env: Env, when: CondExpr): Diagnostic[] {
  const seen = new Map<string, Span>();
  for (const c of condNodes(when)) {
    if (c.kind !== "compare") continue;
    for (const v of [...valueNodes(c.left), ...valueNodes(c.right)]) {
      if (v.kind !== "ref" || env.fields.has(v.name)) continue;
      const f = yearTotalField(v.name, (n) => env.fields.has(n));
      if (f !== undefined && !seen.has(f)) seen.set(f, v.span);
    }
  }
  if (seen.size < 2) return [];
  const [first, ...rest] = [...seen.keys()];
  return [
    error(Codes.WarningCountsTwoFields, ctx.file, seen.get(rest[0]!)!, `一条预警只能统计一个字段的年度累计，这里有「${first}」和「${rest.join("」「")}」`, [
      "每条预警按一个字段逐年累计；要按两个字段预警，请写成两条预警",
    ]),
  ];
}
