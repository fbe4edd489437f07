/**
 * Diagnostics are data. Every pass returns them; only compiler/render.ts turns them into text.
 * Codes are stable: tools and tests match on them, so never renumber, only add.
 */
import type { Span } from "../grammar/ast.js";

export type Severity = "错误" | "警告" | "提示";

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** One Chinese sentence saying what is wrong. */
  message: string;
  file: string;
  span: Span;
  /** Further Chinese lines: how to fix it, 您是否想写「…」, where the other definition is. */
  notes: string[];
}

/**
 * JZ1xxx lexing/parsing, JZ2xxx names, JZ3xxx types and values, JZ4xxx tables and segments,
 * JZ5xxx structure (cycles, dates, composition), JZ9xxx internal.
 */
export const Codes = {
  // grammar
  UnknownCharacter: "JZ1001",
  SyntaxError: "JZ1002",
  MissingUnit: "JZ1003",
  BadNumber: "JZ1004",
  BadDate: "JZ1005",
  UnterminatedString: "JZ1006",
  // names
  UnknownIdentity: "JZ2001",
  UnknownField: "JZ2002",
  UnknownItem: "JZ2003",
  UnknownList: "JZ2004",
  UnknownName: "JZ2005",
  DuplicateDeclaration: "JZ2006",
  UnknownColumn: "JZ2007",
  UnknownVisitType: "JZ2008",
  UnknownEnumValue: "JZ2009",
  UnknownCalculator: "JZ2010",
  UnknownCapGroup: "JZ2011",
  ReservedName: "JZ2012",
  TooManyIdentities: "JZ2013",
  /** a 属于 value a 文本 field's 取值 清单 does not have */
  NotInVocabulary: "JZ2014",
  // types and values
  TypeMismatch: "JZ3001",
  RatioOutOfRange: "JZ3002",
  NegativeAmount: "JZ3003",
  AmountNotExact: "JZ3004",
  RatioNotExact: "JZ3005",
  AmountTooLarge: "JZ3006",
  YearOutsideGuarantee: "JZ3007",
  FieldDefaultType: "JZ3008",
  /** a 文本 field compared with 属于 but declared without 取值 */
  TextWithoutVocabulary: "JZ3009",
  /** warning: a condition that can never hold, or always holds */
  ConstantCondition: "JZ3010",
  /** 取值 on a field that is not 文本 */
  VocabularyNotText: "JZ3011",
  /** a 预警 whose condition names two different 年度累计<字段> */
  WarningCountsTwoFields: "JZ3012",
  // tables, segments
  DuplicateRow: "JZ4001",
  DuplicateColumn: "JZ4002",
  MissingRow: "JZ4003",
  OverlappingSegments: "JZ4004",
  UnreachableSegment: "JZ4005",
  MissingTable: "JZ4006",
  MissingColumn: "JZ4007",
  RowWidth: "JZ4008",
  /** a city cell below its base's 不低于/标准, or a city calculator total below the base's floor (with a witness claim) */
  BelowFloor: "JZ4009",
  /** a city cell above its base's 不超过/标准 */
  AboveCeiling: "JZ4010",
  ConflictingColumns: "JZ4011",
  EmptyCell: "JZ4012",
  /** a 限额组 with neither or both of 年度限额 X and a | 身份 | 年度限额 | table, or a bad table */
  CapGroupCaps: "JZ4013",
  /** an identity a member item of a 限额组 applies to has no row in the group's table */
  MissingCapRow: "JZ4014",
  /** 提高 N个百分点 outside a segment column, or in a table without the 比例 it raises */
  RaiseWithoutRatio: "JZ4016",
  /** `标准 X` outside a 基础政策 (JZ4013/JZ4014 are taken by a parallel branch: cap groups) */
  StandardOutsideBase: "JZ4015",
  /** 分段 按年 与 X 共用: X is not a 分段 按年 item of the same calculator, or the line is 按次 */
  SharedSegment: "JZ4017",
  // structure
  ItemCycle: "JZ5001",
  EffectiveAfterExpiry: "JZ5002",
  MissingHeader: "JZ5003",
  ReferenceCycle: "JZ5004",
  BasePolicyNotFound: "JZ5005",
  VersionOverlap: "JZ5006",
  MissingCitation: "JZ5007",
  BadPolicyEntry: "JZ5008",
  FileNameNotEffective: "JZ5009",
  /** a provision listed twice in 程序性 (warning) */
  DuplicateProcedural: "JZ5010",
  // internal
  InternalError: "JZ9001",
  GeneratedCodeTypeError: "JZ9002",
} as const;

export type DiagnosticCode = (typeof Codes)[keyof typeof Codes];

export function error(
  code: DiagnosticCode,
  file: string,
  span: Span,
  message: string,
  notes: string[] = [],
): Diagnostic {
  return { code, severity: "错误", message, file, span, notes };
}

export function warning(
  code: DiagnosticCode,
  file: string,
  span: Span,
  message: string,
  notes: string[] = [],
): Diagnostic {
  return { code, severity: "警告", message, file, span, notes };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "错误");
}

/** Sorted by file, then position: the order users read them in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.span.start - b.span.start || a.code.localeCompare(b.code),
  );
}
