/**
 * Pass 2: every name used must be declared (or built in). Unknown names get 您是否想写「…」 over
 * the known names of the same kind, and a hint when a keyword was swallowed for lack of spaces.
 */
import type { CondExpr, Named, Span, ValueExpr } from "../../grammar/ast.js";
import { Codes, error, type Diagnostic, type DiagnosticCode } from "../diagnostics.js";
import { VISIT_TYPES } from "../ir.js";
import { unknownNameNotes } from "../suggest.js";
import { DECLARABLE_FIELD_TYPES, YEAR_TOTAL_PREFIX, yearTotalField } from "./builtins.js";
import { analyzeColumns, COLUMN_NAMES } from "./columns.js";
import { identityLikeNames, type Env, type PassContext } from "./env.js";
import type { CondWhere } from "./walk.js";

export function resolveNames(ctx: PassContext, env: Env): Diagnostic[] {
  const out: Diagnostic[] = [];
  const unknown = (
    code: DiagnosticCode,
    span: Span,
    what: string,
    name: string,
    known: Iterable<string>,
    fallback: string,
    extra: string[] = [],
  ): void => {
    out.push(
      error(code, ctx.file, span, `未知${what}「${name}」`, [...unknownNameNotes(name, known, fallback), ...extra]),
    );
  };
  const whoNames = identityLikeNames(env);
  const identity = (n: Named): void => {
    if (!env.identityNames.has(n.name) && !env.groups.has(n.name))
      unknown(Codes.UnknownIdentity, n.span, "身份", n.name, whoNames, "请先用「身份 …」或「身份组 …」声明");
  };
  const scopeNames = [...env.items.keys(), ...env.calculators.keys()];
  const visit = (n: Named): void => {
    if (!(VISIT_TYPES as readonly string[]).includes(n.name))
      unknown(
        Codes.UnknownVisitType,
        n.span,
        "就诊类型",
        n.name,
        VISIT_TYPES,
        `就诊类型只有：${VISIT_TYPES.join("、")}`,
      );
  };
  const calculator = (n: Named | undefined): void => {
    if (n && !env.calculators.has(n.name))
      unknown(
        Codes.UnknownCalculator,
        n.span,
        "计算器",
        n.name,
        env.calculators.keys(),
        "请先用「计算器 名称 结果 字段」声明",
      );
  };
  const resultFields = new Set([...env.calculators.values()].map((c) => c.resultField));

  const field = (name: string, span: Span): void => {
    if (env.fields.has(name)) return;
    const extra = env.identityNames.has(name) || env.groups.has(name) ? [`身份条件请写：身份 属于 ${name}`] : [];
    unknown(Codes.UnknownField, span, "字段", name, env.fields.keys(), "请先用「字段 名称 类型」声明", extra);
  };

  const value = (v: ValueExpr, where: CondWhere | "base"): void => {
    switch (v.kind) {
      case "ref": {
        const allowed = [...env.fields.keys()];
        if (where === "base") allowed.push(...env.items.keys());
        // inside 保证 an item names its line of the claim's result (`全年 基本救助 <= 2万元`)
        if (where === "guarantee") allowed.push(...resultFields, ...env.items.keys());
        if (where === "warning") {
          // 年度累计<字段>: any declared field here; check-types requires an amount field
          if (yearTotalField(v.name, (f) => env.fields.has(f)) !== undefined) return;
          for (const f of env.fields.values()) if (f.type?.kind === "金额") allowed.push(YEAR_TOTAL_PREFIX + f.name);
        }
        if (allowed.includes(v.name)) return;
        const what = where === "base" ? "字段或救助项目" : "字段";
        const code = where === "base" ? Codes.UnknownName : Codes.UnknownField;
        // `全年救助金额`: the name rule made one name of the keyword and what follows it
        const rest = v.name.startsWith("全年") ? v.name.slice(2) : "";
        const yearHint = where === "guarantee" && allowed.includes(rest) ? [`「全年」后须有空格：全年 ${rest}`] : [];
        if (where === "warning" && v.name.startsWith(YEAR_TOTAL_PREFIX))
          yearHint.push(`「${YEAR_TOTAL_PREFIX}」后须是金额字段，例如：${YEAR_TOTAL_PREFIX}个人负担；其他字段请先声明，例如：字段 医疗费用 金额`);
        unknown(
          code,
          v.span,
          what,
          v.name,
          allowed,
          where === "base" ? "基数只能引用金额字段和前面的救助项目" : "请先用「字段 名称 类型」声明",
          yearHint,
        );
        return;
      }
      case "binary":
        value(v.left, where);
        value(v.right, where);
        return;
      case "min":
        for (const a of v.args) value(a, where);
        return;
      case "resultOf":
        identity(v.identity);
        if (!resultFields.has(v.field.name) && !env.items.has(v.field.name))
          unknown(
            Codes.UnknownField,
            v.field.span,
            "结果字段或救助项目",
            v.field.name,
            [...resultFields, ...env.items.keys()],
            `可用的结果字段：${[...resultFields].join("、")}；也可写救助项目名称`,
          );
        return;
      case "yearSum":
        if (where !== "guarantee") {
          out.push(
            error(Codes.YearOutsideGuarantee, ctx.file, v.span, "「全年」只能用于保证", [
              "「全年 X」是一人一年内各次 X 的合计，用来陈述保证，例如：保证 全年不超过限额：全年 救助金额 <= 6万元",
              "计算规则中的年度累计请用「起付线 按年」「分段 按年」「年度限额」或「限额组」",
            ]),
          );
          return;
        }
        value(v.operand, where);
        return;
      default:
        return;
    }
  };

  const member = (c: Extract<CondExpr, { kind: "member" }>): void => {
    const f = env.fields.get(c.subject.name);
    if (!f) return field(c.subject.name, c.subject.span);
    const t = f.type;
    if (t?.kind === "文本") return textMember(c, f.name, f.vocabulary);
    for (const v of c.values) {
      if (t?.kind === "身份清单") identity(v);
      else if (t?.kind === "枚举") {
        // `就医地 属于 市外地区` with a 清单 of enum values: every member must be a value
        const l = env.lists.get(v.name);
        for (const value of l ? [...l.members].filter((m) => !l.aliases.has(m)) : [v.name])
          if (!t.values.includes(value))
            out.push(
              error(Codes.UnknownEnumValue, ctx.file, v.span, `「${f.name}」没有取值「${value}」`, [
                ...(l ? [`「${value}」是清单「${l.name}」的条目`] : []),
                ...unknownNameNotes(value, t.values, "").filter(Boolean),
                `可选的取值：${t.values.join("、")}`,
              ]),
            );
      } else if (t?.kind === "清单" && !env.lists.has(v.name) && !env.listMembers.has(v.name))
        unknown(
          Codes.UnknownList,
          v.span,
          "清单或病种",
          v.name,
          [...env.lists.keys(), ...env.listMembers],
          "请先用「清单 名称」声明，或写清单中的病种名称",
        );
    }
  };

  /**
   * A 文本 field is compared only against its declared 取值 清单: without one, a value the
   * record spells differently (「交通事故」 for 交通肇事) would silently match nothing.
   */
  const textMember = (c: Extract<CondExpr, { kind: "member" }>, name: string, vocabulary?: string): void => {
    const l = vocabulary === undefined ? undefined : env.lists.get(vocabulary);
    if (!l) {
      if (vocabulary !== undefined) return; // the 取值 line itself reports the unknown 清单
      const lists = c.values.filter((v) => env.lists.has(v.name)).map((v) => v.name);
      out.push(
        error(Codes.TextWithoutVocabulary, ctx.file, c.subject.span, `文本字段「${name}」没有声明取值清单，记录中的写法无法核对`, [
          `请先声明一个清单列出「${name}」可取的全部值（可含「其他」），再写：字段 ${name} 取值 ${lists[0] ?? "清单名称"}`,
          "否则记录写成近似的词（如「交通事故」之于「交通肇事」）时，条件不会成立，也不会报错",
        ]),
      );
      return;
    }
    for (const v of c.values) {
      const inner = env.lists.get(v.name);
      for (const value of inner ? [...inner.members] : [v.name])
        if (!l.members.has(value))
          out.push(
            error(Codes.NotInVocabulary, ctx.file, v.span, `「${value}」不在「${name}」的取值清单「${l.name}」中，任何记录都不会有这个值`, [
              ...(inner ? [`「${value}」是清单「${inner.name}」的条目`] : []),
              ...unknownNameNotes(value, l.members, "").filter(Boolean),
              `请在清单「${l.name}」中加上「${value}」，或改写为其中的一项：${[...l.members].join("、")}`,
            ]),
          );
    }
  };

  const vocabularyLine = (fieldName: string, list: Named): void => {
    if (!env.lists.has(list.name))
      return unknown(Codes.UnknownList, list.span, "清单", list.name, env.lists.keys(), "取值 后面写一个已声明的清单");
    const t = env.fields.get(fieldName)?.type?.kind;
    if (t !== undefined && t !== "文本")
      out.push(
        error(Codes.VocabularyNotText, ctx.file, list.span, `「${fieldName}」是${t}字段，不能写「取值」`, [
          "取值 只用于文本字段；枚举字段的取值是固定的，清单字段用「属于 清单」比较",
        ]),
      );
  };

  const cond = (c: CondExpr, where: CondWhere): void => {
    switch (c.kind) {
      case "and":
      case "or":
        cond(c.left, where);
        cond(c.right, where);
        return;
      case "not":
        return cond(c.operand, where);
      case "flag":
        return field(c.name, c.span);
      case "member":
        return member(c);
      case "compare":
        value(c.left, where);
        value(c.right, where);
        return;
      case "within":
        field(c.subject.name, c.subject.span);
        field(c.reference.name, c.reference.span);
        return;
      case "hasIdentity":
        return;
    }
  };

  for (const d of ctx.ast.declarations) {
    switch (d.kind) {
      case "identity":
        for (const r of d.references) {
          if (!env.identityNames.has(r.target.name))
            unknown(
              Codes.UnknownIdentity,
              r.target.span,
              "身份",
              r.target.name,
              env.identityNames.keys(),
              "参照的对象必须是已声明的身份",
            );
          for (const s of r.scope)
            if (!scopeNames.includes(s.name))
              unknown(
                Codes.UnknownItem,
                s.span,
                "救助项目或计算器",
                s.name,
                scopeNames,
                "用于 后面写救助项目或计算器的名称",
              );
        }
        if (d.condition) cond(d.condition, "identity");
        break;
      case "group":
        d.members.forEach(identity);
        break;
      case "field":
        if (d.vocabulary) vocabularyLine(d.name.name, d.vocabulary);
        if (d.type.name === "" && d.vocabulary && env.fields.get(d.name.name)?.decl === d) break;
        if (d.type.name === "") {
          // `字段 X` with neither a type nor 取值 (a type is optional only for 取值 on a built-in field)
          out.push(
            error(Codes.UnknownName, ctx.file, d.type.span, `字段「${d.name.name}」缺少类型`, [
              `请在名称后写类型：${DECLARABLE_FIELD_TYPES.join("、")}，例如：字段 ${d.name.name} 金额 依据 …`,
            ]),
          );
          break;
        }
        if (!(DECLARABLE_FIELD_TYPES as readonly string[]).includes(d.type.name))
          unknown(
            Codes.UnknownName,
            d.type.span,
            "字段类型",
            d.type.name,
            DECLARABLE_FIELD_TYPES,
            `字段类型只有：${DECLARABLE_FIELD_TYPES.join("、")}`,
          );
        break;
      case "item":
        calculator(d.calculator);
        d.visitTypes.forEach(visit);
        d.identities.forEach(identity);
        for (const c of d.conditions) cond(c.cond, "item");
        if (d.base) value(d.base, "base");
        // 不超过: amount fields and amounts only (an earlier item's result belongs in 基数)
        if (d.bound) value(d.bound, "item");
        if (d.table) {
          for (const col of analyzeColumns(d.table))
            if (col.kind === "unknown")
              unknown(
                Codes.UnknownColumn,
                col.header.name.span,
                "列",
                col.header.name.name,
                COLUMN_NAMES,
                `可用的列：${COLUMN_NAMES.join("、")}、比例（A至B）、比例（A以上）`,
              );
          for (const row of d.table.rows)
            for (const cell of row.cells) if (cell.kind === "identities") cell.names.forEach(identity);
        }
        break;
      case "capGroup":
        for (const m of d.members)
          if (!env.items.has(m.name))
            unknown(Codes.UnknownItem, m.span, "救助项目", m.name, env.items.keys(), "限额组只能包括已声明的救助项目");
        for (const row of d.table?.rows ?? [])
          for (const cell of row.cells) if (cell.kind === "identities") cell.names.forEach(identity);
        break;
      case "exclusion":
        calculator(d.calculator);
        cond(d.when, "exclusion");
        if (d.unless) cond(d.unless, "exclusion");
        break;
      case "warning":
        d.countVisitTypes.forEach(visit);
        if (d.when) cond(d.when, "warning");
        break;
      case "guarantee":
        cond(d.cond, "guarantee");
        break;
      case "multi":
        break;
    }
  }
  return out;
}
