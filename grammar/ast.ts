/**
 * The surface AST of a jiuzhu policy file: what the parser (grammar/to-ast.ts) produces and the
 * checker (compiler/passes/*) consumes. It mirrors the text closely: names are unresolved strings,
 * amounts keep their unit, every node keeps its span so diagnostics can point at it.
 *
 * Positions are UTF-16 offsets into the ORIGINAL text (before full-width normalisation; the
 * normaliser maps one code unit to one code unit, so offsets are shared).
 */

export interface Span {
  /** 0-based UTF-16 offset of the first character. */
  start: number;
  /** 0-based UTF-16 offset one past the last character. */
  end: number;
}

export interface Named {
  name: string;
  span: Span;
}

/** Raw citation text after 依据, e.g. "第十一条（一）" (kept as written, trimmed). */
export interface Citation {
  text: string;
  span: Span;
}

/** A money amount as written: `2万元` → fen 2000000n; `0` → fen 0n with unit "无". */
export interface AmountLit {
  kind: "amount";
  /** Exact value in 分 (1/100 元). Non-integer 分 (e.g. `0.001元`) is a checker error: fenExact false. */
  fen: bigint;
  fenExact: boolean;
  unit: "元" | "万元" | "无";
  text: string;
  span: Span;
}

/** A ratio as written: `70%` → basisPoints 7000n (1% = 100 bp). Finer than 0.01% → bpExact false. */
export interface RatioLit {
  kind: "ratio";
  basisPoints: bigint;
  bpExact: boolean;
  text: string;
  span: Span;
}

/** A plain number with no unit, e.g. `2000` (an error where an amount is needed, unless 0). */
export interface NumberLit {
  kind: "number";
  text: string;
  /** value as a decimal string, normalised to half-width digits */
  value: string;
  span: Span;
}

export interface DateLit {
  kind: "date";
  /** ISO YYYY-MM-DD (as parsed; validity is checked by the checker). */
  iso: string;
  text: string;
  span: Span;
}

/** `12个月` */
export interface MonthsLit {
  kind: "months";
  months: number;
  span: Span;
}

export type Literal = AmountLit | RatioLit | NumberLit | DateLit;

// ---------------------------------------------------------------- expressions

/** Amount expression: `个人负担`, `个人负担 − 基本救助`, `限额内费用`, `5000元`. */
export type ValueExpr =
  | { kind: "ref"; name: string; span: Span }
  | AmountLit
  | RatioLit
  | NumberLit
  | DateLit
  | { kind: "binary"; op: "+" | "-"; left: ValueExpr; right: ValueExpr; span: Span }
  /** `较小值(个人负担 - 基本救助, 限额内费用)`: the smallest of two or more amounts */
  | { kind: "min"; args: ValueExpr[]; span: Span }
  /** `特困人员 的 救助金额` (only inside 保证): the result the claim would get under that identity alone */
  | { kind: "resultOf"; identity: Named; field: Named; span: Span }
  /** `全年 救助金额` (only inside 保证): the operand summed over one person's claims of the year so far */
  | { kind: "yearSum"; operand: ValueExpr; span: Span };

export type CompareOp = "<" | "<=" | ">" | ">=" | "=" | "!=";

/** Condition expression (布尔). */
export type CondExpr =
  | { kind: "and"; left: CondExpr; right: CondExpr; span: Span }
  | { kind: "or"; left: CondExpr; right: CondExpr; span: Span }
  | { kind: "not"; operand: CondExpr; span: Span }
  /** bare name: a 布尔 field (规范转诊, 参保) */
  | { kind: "flag"; name: string; span: Span }
  /** `就医地 属于 市域内、省内市外` / `病种 属于 门诊大额疾病` / `身份 属于 A、B`; negated for 不属于 */
  | { kind: "member"; subject: Named; values: Named[]; negated: boolean; span: Span }
  | { kind: "compare"; op: CompareOp; left: ValueExpr; right: ValueExpr; span: Span }
  /** `结算日期 在 申请日期 前 12个月 内`: subject ∈ (ref − N months, ref] */
  | { kind: "within"; subject: Named; reference: Named; months: number; span: Span }
  /** `有身份` / `无身份`: whether the claim holds any declared identity */
  | { kind: "hasIdentity"; negated: boolean; span: Span };

// ---------------------------------------------------------------- declarations

export interface PolicyHeader {
  /** 政策 <name> */
  name?: Named;
  /** 地区 <name> */
  region?: Named;
  /** 文号 <raw text> */
  docNumber?: { text: string; span: Span };
  /** 生效 <date> [依据 …] */
  effective?: { date: DateLit; citation?: Citation };
  /** 失效 <date> [依据 …] */
  expires?: { date: DateLit; citation?: Citation };
  /** 基于 <region>: composes a base policy (see docs). */
  basedOn?: Named;
  /** 基础政策: this file only sets floors/rules for others; it cannot compute alone. */
  isBase?: Span;
  /** 舍入 四舍五入到分 (the default; stated for the reader) */
  rounding?: { mode: "half-up-fen"; span: Span };
  /** 原文 <raw text>: where the source document's text is (for coverage tables). */
  source?: { text: string; span: Span };
  /** 程序性 <raw text>: provisions with nothing to compute, split at ；, each kept as written. */
  procedural?: Citation[];
}

export interface ReferenceClause {
  /** 参照 <target> */
  target: Named;
  /** 用于 <item or calculator names>; empty = all */
  scope: Named[];
  span: Span;
}

export interface IdentityDecl {
  kind: "identity";
  name: Named;
  aliases: Named[];
  references: ReferenceClause[];
  /** 条件 …: the identity counts for a claim only when this holds (e.g. the 12-month window). */
  condition?: CondExpr;
  /** 未规定: the document sets no treatment for this identity */
  unspecified?: Span;
  citation?: Citation;
  notes: Note[];
  span: Span;
}

export interface GroupDecl {
  kind: "group";
  name: Named;
  members: Named[];
  citation?: Citation;
  notes: Note[];
  span: Span;
}

/** 多重身份 就高不重复 */
export interface MultiIdentityDecl {
  kind: "multi";
  rule: "highest";
  citation?: Citation;
  span: Span;
}

export type FieldType = "金额" | "比例" | "日期" | "布尔" | "文本" | "清单";

/**
 * `默认 是`, `默认 0元`, `默认 「市域内」`: the literal as written; the checker reads it by the
 * field's type (compiler/passes/field-defaults.ts).
 */
export interface FieldDefault {
  /** the token's form (not `kind`: passes that walk the AST for literals must not take it for one) */
  form: "name" | "string" | "amount" | "ratio" | "date" | "number";
  /** the token's text; for a quoted string, what the quotes enclose */
  text: string;
  span: Span;
}

export interface FieldDecl {
  kind: "field";
  name: Named;
  /** "" when the line gives only 取值 (a built-in text field getting a vocabulary) */
  type: { name: FieldType | string; span: Span };
  /** `默认 …`: the value a record that omits the field takes */
  default?: FieldDefault;
  /** `取值 致伤原因表`: the 清单 the field's values must come from */
  vocabulary?: Named;
  citation?: Citation;
  notes: Note[];
  span: Span;
}

export interface ListEntry {
  name: Named;
  /** `恶性肿瘤（含 白血病、淋巴瘤）`: sub-names folded into the entry */
  includes: Named[];
  /** `交通肇事（别名 肇事）`: other spellings of the entry itself; a record's value is read as the entry */
  aliases: Named[];
}

export interface ListDecl {
  kind: "list";
  name: Named;
  entries: ListEntry[];
  /** `同 氟骨病 = 氟骨症` style synonyms are written as 别名 lines inside the list */
  citation?: Citation;
  notes: Note[];
  span: Span;
}

/** 解释 / 备注: free text kept for the reader, travels into generated comments. */
export interface Note {
  kind: "解释" | "备注";
  text: string;
  span: Span;
}

export type TableCell =
  /** `标准 X` (standard, 基础政策 only): the value paid when the city keeps the row; a city value must equal it. */
  | { kind: "value"; value: AmountLit | RatioLit | NumberLit; span: Span; standard?: true }
  /** 不低于 X: a floor. In a 基础政策 it only constrains; elsewhere it also is the value paid. */
  | { kind: "floor"; value: AmountLit | RatioLit | NumberLit; span: Span }
  /**
   * 不超过 X: a ceiling (checked constraint, value paid = X outside 基础政策).
   * `标准 不超过 X` (基础政策 only): X is paid when the city keeps the row; a city value must not exceed it.
   */
  | { kind: "ceiling"; value: AmountLit | RatioLit | NumberLit; span: Span; standard?: true }
  | { kind: "unspecified"; span: Span } // 未规定
  /** `提高 10个百分点` in a segment column: the row's 比例 plus 10 points (points in basis points) */
  | { kind: "raise"; points: RatioLit; span: Span }
  | { kind: "none"; span: Span } // 无 / 不设
  | { kind: "identities"; names: Named[]; span: Span } // first column
  | { kind: "citation"; citation: Citation; span: Span } // 依据 column
  | { kind: "empty"; span: Span }
  | { kind: "error"; text: string; span: Span };

/**
 * A column header. `比例（2万元以上）` and `比例（0至2万元）` are segment columns.
 */
export interface ColumnHeader {
  name: Named;
  /** for segment columns: lower bound (inclusive part start) */
  segmentFrom?: AmountLit | NumberLit;
  /** for segment columns: upper bound; undefined = open-ended (以上) */
  segmentTo?: AmountLit;
  span: Span;
}

export interface Table {
  headers: ColumnHeader[];
  rows: { cells: TableCell[]; span: Span }[];
  span: Span;
}

export interface ItemDecl {
  kind: "item";
  name: Named;
  /** 属于 <计算器>; default the main calculator 医疗救助 */
  calculator?: Named;
  citation?: Citation;
  /** 适用 住院、门诊慢特病 */
  visitTypes: Named[];
  /** 对象 A、B: identities (or groups) the item applies to; empty = every declared identity */
  identities: Named[];
  /** 条件 … (several 条件 lines are joined with 且) */
  conditions: { cond: CondExpr; citation?: Citation }[];
  /** 基数 … */
  base?: ValueExpr;
  /** 不超过 …: an amount (of fields and constants) the item never pays more than */
  bound?: ValueExpr;
  /** 起付线 按年 | 按次 (default 按次) */
  deductiblePeriod?: { period: "年" | "次"; span: Span };
  /** 分段 按年 | 按次 (default 按次): where segment positions are counted from */
  segmentPeriod?: { period: "年" | "次"; span: Span };
  /** 分段 … 起付线前 | 起付线后 (default 起付线后): the amount segment thresholds are measured on */
  segmentBasis?: { basis: "起付线前" | "起付线后"; span: Span };
  /** 分段 按年 与 <项目> 共用: the year segment position is that item's, shared by both */
  segmentShare?: Named;
  /** 次数 每人一次 */
  oncePerPerson?: Span;
  /** `比例 同 住院救助`: columns taken from another item's rows (same row identity) */
  sameAs?: { column: Named; item: Named; span: Span }[];
  table?: Table;
  notes: Note[];
  span: Span;
}

export interface CapGroupDecl {
  kind: "capGroup";
  name: Named;
  /** 年度限额 X: one cap for every identity (absent when the caps are given by a table) */
  annualCap?: AmountLit | NumberLit;
  members: Named[];
  /** `| 身份 | 年度限额 |` under the line: a cap per identity on the group's one counter */
  table?: Table;
  citation?: Citation;
  notes: Note[];
  span: Span;
}

export interface CalculatorDecl {
  kind: "calculator";
  name: Named;
  /** 结果 <amount field name>, e.g. 资助金额 */
  resultField: Named;
  citation?: Citation;
  notes: Note[];
  span: Span;
}

export interface ExclusionDecl {
  kind: "exclusion";
  /** 不予救助 <cond> [除外 <cond>] */
  when: CondExpr;
  unless?: CondExpr;
  /** 属于 <计算器>; default 医疗救助 */
  calculator?: Named;
  citation?: Citation;
  notes: Note[];
  span: Span;
}

export interface WarningDecl {
  kind: "warning";
  name: Named;
  /** 统计 住院、门诊慢特病: which visits count towards 年度累计个人负担 */
  countVisitTypes: Named[];
  /** 当 <cond> */
  when?: CondExpr;
  citation?: Citation;
  notes: Note[];
  span: Span;
}

/** 保证 <name>：<cond>. Conditions may use 救助金额, 个人负担, and `X 的 救助金额` (see docs). */
export interface GuaranteeDecl {
  kind: "guarantee";
  name: Named;
  cond: CondExpr;
  citation?: Citation;
  span: Span;
}

export type Declaration =
  | IdentityDecl
  | GroupDecl
  | MultiIdentityDecl
  | FieldDecl
  | ListDecl
  | ItemDecl
  | CapGroupDecl
  | CalculatorDecl
  | ExclusionDecl
  | WarningDecl
  | GuaranteeDecl;

export interface PolicyAst {
  file: string;
  header: PolicyHeader;
  declarations: Declaration[];
  /** top-level 解释/备注 lines */
  notes: Note[];
}
