/**
 * The standard claim record (docs/语言.md "Built-in fields") and the other fixed vocabularies the
 * checker knows: visit types, field types, table columns.
 */
import type { FieldIR, FieldTypeIR } from "../ir.js";
import { VISIT_TYPES } from "../ir.js";

const NO_SOURCE = { line: 0, citation: "" };

function builtin(name: string, type: FieldTypeIR, def?: FieldIR["default"]): FieldIR {
  const f: FieldIR = { name, type, builtin: true, source: NO_SOURCE };
  if (def !== undefined) f.default = def;
  return f;
}

/** In the order of docs/语言.md; a claim lists its fields in this order. */
export function builtinFields(): FieldIR[] {
  return [
    builtin("编号", { kind: "文本" }),
    builtin("人员编号", { kind: "文本" }),
    builtin("身份", { kind: "身份清单" }),
    builtin("就诊类型", { kind: "枚举", values: [...VISIT_TYPES] }),
    builtin("结算日期", { kind: "日期" }),
    builtin("个人负担", { kind: "金额" }),
    // runtime/types.ts Claim.病种 is always an array: an absent list is an empty one
    builtin("病种", { kind: "清单" }, []),
    builtin("规范转诊", { kind: "布尔" }, false),
    builtin("就医地", { kind: "枚举", values: ["市域内", "省内市外", "省外"] }, "市域内"),
    builtin("致伤原因", { kind: "文本" }),
    builtin("参保", { kind: "布尔" }, true),
    builtin("参保类型", { kind: "枚举", values: ["居民医保", "职工医保"] }, "居民医保"),
    builtin("申请日期", { kind: "日期" }),
  ];
}

/**
 * Only inside 预警 … 当: `年度累计<字段>` is that amount field counted so far this year for that
 * warning (台州 三、（二） counts 医疗费用, 营口 第十六条 个人负担). A 预警 counts one field.
 */
export const YEAR_TOTAL_PREFIX = "年度累计";
export const YEAR_TOTAL = "年度累计个人负担";
/** The field a 预警 counts when its condition names no `年度累计<字段>`. */
export const DEFAULT_COUNT_FIELD = "个人负担";

/**
 * The field X of a name `年度累计X` when X is a field (`isField`), else undefined. A declared field
 * whose own name starts with 年度累计 is that field, never a total: callers look fields up first.
 */
export function yearTotalField(name: string, isField: (field: string) => boolean): string | undefined {
  if (!name.startsWith(YEAR_TOTAL_PREFIX)) return undefined;
  const field = name.slice(YEAR_TOTAL_PREFIX.length);
  return field !== "" && isField(field) ? field : undefined;
}

/** Default 基数 when an item does not write one. */
export const DEFAULT_BASE_FIELD = "个人负担";

export const DECLARABLE_FIELD_TYPES = ["金额", "比例", "日期", "布尔", "文本", "清单"] as const;

/** The simple type of a value, as the type checker sees it. */
export type ValueType = "金额" | "比例" | "日期" | "布尔" | "文本" | "清单" | "身份清单" | "枚举";

export function valueTypeOf(t: FieldTypeIR): ValueType {
  return t.kind;
}
