/**
 * Test helpers for the checker: check a policy from text (or a hand-built AST), and
 * expectDiagnostic(src, {code, line, col}) in the spirit of Langium's expectError: the test names
 * the code and where it points, not the wording.
 */
import { expect } from "vitest";
import type {
  AmountLit,
  Declaration,
  IdentityDecl,
  ItemDecl,
  Named,
  NumberLit,
  PolicyAst,
  RatioLit,
  Span,
} from "../../grammar/ast.js";
import { parsePolicy } from "../../grammar/index.js";
import { checkPolicy, type CheckResult } from "../../compiler/check.js";
import type { Diagnostic } from "../../compiler/diagnostics.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { LineIndex } from "../../compiler/passes/source-lines.js";

export const HEADER = `政策 测试办法
地区 测试市
生效 2023-01-01 依据 第一条
`;

/** A minimal valid policy body: two identities and one item. */
export const BASIC = `${HEADER}
身份 特困人员 别名 特困供养人员 依据 第二条
身份 低保对象 依据 第二条

救助项目 基本救助 依据 第三条
  基数 个人负担
  | 身份     | 起付线 | 比例 | 年度限额 |
  | 特困人员 | 0      | 70%  | 2万元    |
  | 低保对象 | 1000元 | 60%  | 2万元    |
`;

export interface Checked extends CheckResult {
  text?: string;
  file: string;
}

/** Parses (failing the test on parse errors: these specs test the checker) and checks. */
export function check(src: string | PolicyAst, options: { base?: CheckedPolicy; file?: string } = {}): Checked {
  if (typeof src !== "string") return { ...checkPolicy(src, { base: options.base }), file: src.file };
  const file = options.file ?? "test.jz";
  const parsed = parsePolicy(file, src);
  expect(
    parsed.diagnostics.filter((d) => d.severity === "错误"),
    "parse errors",
  ).toEqual([]);
  return { ...checkPolicy(parsed.ast, { base: options.base, source: src }), text: src, file };
}

export function policyOf(src: string, options: { base?: CheckedPolicy; file?: string } = {}): CheckedPolicy {
  const r = check(src, options);
  expect(
    r.diagnostics.filter((d) => d.severity === "错误").map((d) => `${d.code} ${d.message} @${d.span.start}`),
  ).toEqual([]);
  return r.policy!;
}

export interface Expected {
  code: string;
  /** 1-based line and column (characters) of the span start; omitted = anywhere */
  line?: number;
  col?: number;
  /** the exact text under the span */
  text?: string;
  severity?: "错误" | "警告";
  /** a substring one of the notes must contain */
  note?: string;
  message?: string;
}

function describe(d: Diagnostic, text?: string): string {
  const pos = text ? new LineIndex(text).position(d.span.start) : undefined;
  return `${d.severity}[${d.code}] ${pos ? `${pos.line}:${pos.column}` : `@${d.span.start}`} ${d.message} ${JSON.stringify(d.notes)}`;
}

/** Exactly one diagnostic with this code matches; returns it. */
export function expectDiagnostic(src: string | PolicyAst | Checked, want: Expected): Diagnostic {
  const r = typeof src === "object" && "diagnostics" in src ? src : check(src);
  const text = r.text;
  const index = text ? new LineIndex(text) : undefined;
  const matches = r.diagnostics.filter((d) => {
    if (d.code !== want.code) return false;
    if (want.severity && d.severity !== want.severity) return false;
    if (index && (want.line !== undefined || want.col !== undefined)) {
      const p = index.position(d.span.start);
      if (want.line !== undefined && p.line !== want.line) return false;
      if (want.col !== undefined && p.column !== want.col) return false;
    }
    if (want.text !== undefined && text?.slice(d.span.start, d.span.end) !== want.text) return false;
    if (want.note && !d.notes.some((n) => n.includes(want.note!))) return false;
    if (want.message && !d.message.includes(want.message)) return false;
    return true;
  });
  if (matches.length !== 1) {
    const all = r.diagnostics.map((d) => describe(d, text)).join("\n  ");
    expect.fail(`expected one ${JSON.stringify(want)}, found ${matches.length} among:\n  ${all || "(none)"}`);
  }
  if ((want.severity ?? "错误") === "错误") expect(r.policy).toBeUndefined();
  return matches[0]!;
}

export function expectClean(src: string | PolicyAst, options: { base?: CheckedPolicy } = {}): CheckedPolicy {
  const r = check(src, options);
  expect(r.diagnostics.map((d) => describe(d, r.text))).toEqual([]);
  expect(r.policy).toBeDefined();
  return r.policy!;
}

// ------------------------------------------------------------ a small AST builder

const sp = (start = 0, end = start): Span => ({ start, end });
let cursor = 0;
/** Each builder node gets a fresh distinct span so that diagnostics can be told apart. */
const next = (len = 1): Span => sp((cursor += 10), cursor + len);

type CellValue = AmountLit | RatioLit | NumberLit;

function named(name: string): Named {
  return { name, span: next([...name].length) };
}

export const b = {
  named,
  amount: (yuan: number, text = `${yuan}元`): AmountLit => ({
    kind: "amount",
    fen: BigInt(Math.round(yuan * 100)),
    fenExact: Number.isInteger(Math.round(yuan * 10000) / 100),
    unit: "元",
    text,
    span: next(text.length),
  }),
  ratio: (pct: number): RatioLit => ({
    kind: "ratio",
    basisPoints: BigInt(Math.round(pct * 100)),
    bpExact: Number.isInteger(Math.round(pct * 10000) / 100),
    text: `${pct}%`,
    span: next(),
  }),
  number: (value: string): NumberLit => ({ kind: "number", text: value, value, span: next(value.length) }),
  identity: (name: string): IdentityDecl => ({
    kind: "identity",
    name: named(name),
    aliases: [],
    references: [],
    notes: [],
    span: next(),
  }),
  /** an item whose table has the given columns (身份 first) and one row per [identity, cell] */
  item: (name: string, rows: [string, CellValue][], columns = ["身份", "比例"]): ItemDecl => ({
    kind: "item",
    name: named(name),
    visitTypes: [],
    identities: [],
    conditions: [],
    notes: [],
    span: next(),
    table: {
      headers: columns.map((c) => ({ name: named(c), span: next() })),
      rows: rows.map(([who, v]) => ({
        cells: [
          { kind: "identities" as const, names: [named(who)], span: next() },
          { kind: "value" as const, value: v, span: v.span },
        ],
        span: next(),
      })),
      span: next(),
    },
  }),
  policy: (declarations: Declaration[]): PolicyAst => ({
    file: "built.jz",
    header: {
      name: named("测试办法"),
      region: named("测试市"),
      effective: { date: { kind: "date", iso: "2023-01-01", text: "2023-01-01", span: next(10) } },
    },
    declarations,
    notes: [],
  }),
};
