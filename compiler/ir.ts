/**
 * The checked policy: the output of the checker (compiler/check.ts) and the single input of code
 * generation, the reference interpreter, the CLI and diff. Everything here is resolved:
 * names are canonical, groups expanded, amounts are integer 分, ratios integer basis points
 * (1% = 100), 参照 is followed, and every piece keeps the DSL line and 依据 it came from.
 *
 * It is plain JSON-serialisable data (no bigint, no functions): the CLI hashes it to cache
 * compiled modules, and diff compares two of them.
 *
 * The evaluation semantics are specified in docs/语义.md; codegen+runtime and the interpreter
 * implement them independently.
 */

/** Integer 分. Always a safe integer; amounts are < 100亿元 = 1e12 分. */
export type Fen = number;
/** Integer basis points: 70% = 7000. 0..10000. */
export type BasisPoints = number;

/** Where a piece of the policy came from: DSL line (1-based) and 依据 text ("" when none). */
export interface Source {
  line: number;
  citation: string;
}

export type VisitType = "住院" | "门诊慢特病" | "普通门诊";
export const VISIT_TYPES: readonly VisitType[] = ["住院", "门诊慢特病", "普通门诊"];

export type FieldTypeIR =
  | { kind: "金额" }
  | { kind: "比例" }
  | { kind: "日期" }
  | { kind: "布尔" }
  | { kind: "文本" }
  | { kind: "清单" }
  | { kind: "身份清单" }
  | { kind: "枚举"; values: string[] };

export interface FieldIR {
  name: string;
  type: FieldTypeIR;
  /** Built-in fields of the standard claim record vs. fields the policy declares. */
  builtin: boolean;
  /**
   * Default when the record omits the field (`默认`; 金额 in 分, 比例 in bp); undefined = required
   * when a rule reaches it.
   */
  default?: string | boolean | number | string[];
  /** `取值 致伤原因表`: the text values a record may carry (docs/语言.md "取值") */
  vocabulary?: VocabularyIR;
  source: Source;
}

/** A 文本 field's vocabulary, resolved from its 清单 so record validation needs nothing else. */
export interface VocabularyIR {
  list: string;
  /** every accepted value: entries and their 含 sub-names (其他 excluded) */
  values: string[];
  /** 别名 → the entry it spells; a record's value is read as the entry */
  aliases: Record<string, string>;
  /** the 清单 has an entry 其他: a value not close to any word is read as 其他 */
  other: boolean;
}

/** The entry of a 取值 清单 that stands for any value not close to the others. */
export const OTHER_VALUE = "其他";

export interface IdentityIR {
  name: string;
  aliases: string[];
  /**
   * 参照: scope (item name, calculator name, or "*" for all) → identity whose rows apply.
   * Already resolved transitively to an identity that has no 参照 for that scope.
   */
  treatAs: Record<string, string>;
  /** The identity counts for a claim only while this holds (e.g. 第十三条 12-month window). */
  condition?: CondIR;
  /** The document sets no treatment for this identity: claims under it are 未规定. */
  unspecified: boolean;
  source: Source;
  notes: string[];
}

export interface ListIR {
  name: string;
  /** Entries as written, each with the sub-names folded into it. */
  entries: { name: string; includes: string[] }[];
  /** Every name that counts as a member (entries + includes + aliases). */
  members: string[];
  /** `交通肇事（别名 交通事故）`: alias → entry; absent when the list has none */
  aliases?: Record<string, string>;
  source: Source;
}

export type ValueIR =
  | { kind: "field"; name: string } // an amount field of the claim (个人负担, 限额内费用, …)
  | { kind: "item"; name: string } // the result of an earlier item of the same calculator
  | { kind: "const"; fen: Fen }
  | { kind: "add"; left: ValueIR; right: ValueIR }
  | { kind: "sub"; left: ValueIR; right: ValueIR }
  /** 较小值(A, B, …): the smallest of two or more amounts (each evaluated; none clamped) */
  | { kind: "min"; args: ValueIR[] }
  /** inside 预警 only: `年度累计<字段>`, the 预警's own counter of its WarningIR.countField */
  | { kind: "yearTotal"; name: string }
  | { kind: "date"; field: string } // a date field, only inside compare
  | { kind: "dateConst"; iso: string }
  | { kind: "resultOf"; identity: string; field: string } // inside 保证 only
  /** inside 保证 only: `of` summed over one person's claims of the year up to this one */
  | { kind: "yearSum"; of: ValueIR };

export type CondIR =
  | { kind: "true" }
  | { kind: "and"; left: CondIR; right: CondIR }
  | { kind: "or"; left: CondIR; right: CondIR }
  | { kind: "not"; operand: CondIR }
  | { kind: "flag"; field: string } // 布尔 field
  | { kind: "enumIn"; field: string; values: string[] } // 就医地 属于 市域内、省内市外
  | { kind: "textIn"; field: string; values: string[] } // 致伤原因 属于 交通肇事
  /** some element of a 清单 field (病种) is in the given set (lists flattened to members) */
  | { kind: "listIntersects"; field: string; members: string[]; lists: string[] }
  /** the claim holds one of these canonical identities (after aliases) */
  | { kind: "identityIn"; identities: string[] }
  | { kind: "hasIdentity" }
  | { kind: "compare"; op: "<" | "<=" | ">" | ">=" | "=" | "!="; left: ValueIR; right: ValueIR }
  /** date field `subject` ∈ (reference − months, reference] */
  | { kind: "within"; subject: string; reference: string; months: number };

export interface Segment {
  /** 分, inclusive start of the part this ratio applies to */
  from: Fen;
  /** 分, end of the part; null = no upper bound */
  to: Fen | null;
  bp: BasisPoints;
}

/**
 * A checked floor/ceiling from a 不低于/不超过 cell or a base policy, kept for audit; "standard" is
 * a base's `标准 X`: a city value must equal it (`标准 不超过 X` is a "ceiling" on a payable row).
 */
export interface Bound {
  column: string;
  kind: "floor" | "ceiling" | "standard";
  value: number; // 分 or bp
  source: Source;
}

/** The numbers of a payable row. */
export interface RowParams {
  /** per 起付线 period of the item; 0 = none */
  deductible: Fen;
  /** Ratio-based: ≥1 segment, sorted by from, non-overlapping. A single ratio is [0, ∞). */
  segments: Segment[];
  /** Flat amount (定额) instead of segments. */
  flat: Fen | null;
  perClaimCap: Fen | null;
  annualCap: Fen | null;
}

/**
 * In a 基础政策, for a row that states a bound: the least a city may pay on it — each bound at
 * its least generous end, 标准 as written, columns the table does not have as 无 — or null when
 * some cell lets the city pay nothing (a plain value or 未规定 the city may replace, 不超过 on a
 * ratio or cap, 不低于 on a 起付线). Compared with the city's totals (compiler/diff/floors.ts).
 */
export type RowFloor = RowParams | null;

export type RowIR =
  | {
      kind: "unspecified";
      source: Source;
      floor?: RowFloor;
      /**
       * Every open cell of the row is a 比例 (the table has no 定额 column and no other item's base
       * reads this item): whatever the document's number, the item pays at most its base. Under
       * 就高不重复 such a row need not make the record 未规定 (docs/语义.md §4).
       */
      atMostBase?: true;
    }
  | ({
      kind: "params";
      source: Source;
      bounds: Bound[];
      floor?: RowFloor;
    } & RowParams);

export interface ItemIR {
  name: string;
  calculator: string;
  /** null = every visit type (and claims without 就诊类型, e.g. 资助参保) */
  visitTypes: VisitType[] | null;
  /** canonical identities the item applies to (row identities are looked up after 参照) */
  identities: string[];
  conditions: { cond: CondIR; source: Source; text: string }[];
  base: ValueIR;
  /** The DSL text of the base, for explanations: "个人负担 − 基本救助". */
  baseText: string;
  /**
   * `不超过 X`: the item pays at most X (fields and constants, clamped at 0), applied before its
   * caps — 阳泉 “限额内费用的20%…不超过个人负担”. Absent: no such bound. docs/语义.md §5.
   */
  bound?: ValueIR;
  /** the DSL text of the bound, for 说明 and explanations: "个人负担" */
  boundText?: string;
  deductiblePeriod: "年" | "次";
  segmentPeriod: "年" | "次";
  /**
   * 分段 起付线前: segment thresholds are measured on the base BEFORE the deductible (the claim
   * covers [p0, p0 + B) and the deductible takes its first D); absent = 起付线后 (today's
   * default: thresholds measured on B − D). docs/语义.md §5.6.
   */
  segmentBasis?: "起付线前";
  /**
   * 分段 按年 与 <项目> 共用: the item whose year segment position (ledger `分段:<项目>`) this item
   * reads and advances, so one 5万 threshold counts both items' bases. Absent: the item's own.
   */
  segmentShare?: string;
  oncePerPerson: boolean;
  /** keyed by the row identity (canonical name, after 参照) */
  rows: Record<string, RowIR>;
  /** cap groups this item belongs to, in declaration order */
  capGroups: string[];
  source: Source;
  notes: string[];
}

export interface CapGroupIR {
  name: string;
  /** `年度限额 X`: one cap for every identity; null when the caps are per identity (byIdentity). */
  annualCap: Fen | null;
  /**
   * `| 身份 | 年度限额 |` under the 限额组 line: canonical identity (groups expanded) → its cap
   * (null = 无, no cap). Still ONE counter per person: under identity h the room is
   * cap(h) − used (docs/语义.md §5.7). Absent when the group has one cap for all.
   */
  byIdentity?: Record<string, Fen | null>;
  members: string[];
  source: Source;
  notes: string[];
}

export interface ExclusionIR {
  calculator: string;
  when: CondIR;
  /** Readable text of the condition for reasons: "致伤原因 属于 自伤自残". */
  text: string;
  source: Source;
}

export interface CalculatorIR {
  name: string;
  /** output amount field: 救助金额, 资助金额 … */
  resultField: string;
  /** item names, in evaluation order */
  items: string[];
  /** the fields a record must (or may) have for this calculator */
  fields: string[];
  source: Source;
}

export interface WarningIR {
  name: string;
  countVisitTypes: VisitType[];
  /**
   * The amount field counted into the 年度累计 of this 预警: the X of the `年度累计X` its condition
   * names, else 个人负担. A record of a counted visit type without it skips the 预警 (docs/语义.md §6).
   */
  countField: string;
  when: CondIR;
  source: Source;
}

export interface GuaranteeIR {
  name: string;
  /**
   * claim: over every claim on a fresh ledger; year: over every sequence of one person's claims
   * in a year, after each claim (the condition uses 全年). docs/语言.md「保证」.
   */
  scope: "claim" | "year";
  cond: CondIR;
  /** readable text of the condition */
  text: string;
  source: Source;
}

export interface PolicyMeta {
  /** 政策 name */
  name: string;
  region: string;
  docNumber: string;
  /** ISO date */
  effective: string;
  effectiveCitation: string;
  /** ISO date of 失效: the first day the version is no longer in force (exclusive); null = open. */
  expires: string | null;
  isBase: boolean;
  basedOn: string | null;
  /** path of the .jz file as given to the compiler */
  file: string;
}

export interface CheckedPolicy {
  meta: PolicyMeta;
  identities: IdentityIR[];
  /** alias or canonical name → canonical name */
  identityNames: Record<string, string>;
  groups: Record<string, string[]>;
  /** 就高不重复 citation ("" if the default was not stated) */
  multiIdentity: Source;
  fields: FieldIR[];
  lists: ListIR[];
  calculators: CalculatorIR[];
  items: ItemIR[];
  capGroups: CapGroupIR[];
  exclusions: ExclusionIR[];
  warnings: WarningIR[];
  guarantees: GuaranteeIR[];
  notes: string[];
}

/**
 * The cap of group `g` for identity `h` whose row identity in the item is `r` (after 参照):
 * its own cap row first, then the row of the identity it 参照. null = no cap for it. The checker
 * (check-cap-groups) makes sure one of the two exists for every identity a member item applies to.
 */
export function groupCapFor(g: CapGroupIR, h: string, r: string): Fen | null {
  if (!g.byIdentity) return g.annualCap;
  if (h in g.byIdentity) return g.byIdentity[h]!;
  return g.byIdentity[r] ?? null;
}

/** The sub-values of a value, for walks that only need to visit every leaf (fields, items…). */
export function valueOperands(v: ValueIR): ValueIR[] {
  switch (v.kind) {
    case "add":
    case "sub":
      return [v.left, v.right];
    case "min":
      return v.args;
    case "yearSum":
      return [v.of];
    default:
      return [];
  }
}

/** Every cap amount a group states (for test edges and scaling); no cap (无) is left out. */
export function groupCapAmounts(g: CapGroupIR): Fen[] {
  const all = g.byIdentity ? Object.values(g.byIdentity) : [g.annualCap];
  return all.filter((c): c is Fen => c !== null);
}

/** The name of the calculator items belong to unless they say 属于. */
export const MAIN_CALCULATOR = "医疗救助";
export const MAIN_RESULT_FIELD = "救助金额";
