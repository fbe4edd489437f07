/**
 * Builders for small hand-written CheckedPolicy objects, so each test states only what it is about.
 * Amounts: use 元(…) / 万(…) to get 分; ratios are basis points (70% = 7000).
 */
import type {
  CalculatorIR,
  CheckedPolicy,
  CondIR,
  IdentityIR,
  ItemIR,
  RowIR,
  Segment,
} from "../../compiler/ir.js";
import { MAIN_CALCULATOR } from "../../compiler/ir.js";
import { newLedger, type Claim, type Outcome, type PersonLedger } from "../../runtime/types.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";

export const 元 = (n: number) => Math.round(n * 100);
export const 万 = (n: number) => Math.round(n * 1_000_000);
export const src = (citation = "", line = 1) => ({ line, citation });

export function identity(name: string, o: Partial<IdentityIR> = {}): IdentityIR {
  return { name, aliases: [], treatAs: {}, unspecified: false, source: src(`身份${name}`), notes: [], ...o };
}

export interface RowSpec {
  deductible?: number;
  bp?: number;
  /** [from, to, bp] */
  segments?: [number, number | null, number][];
  flat?: number;
  perClaimCap?: number;
  annualCap?: number;
  cite?: string;
}

export function row(s: RowSpec): RowIR {
  const segments: Segment[] = s.segments
    ? s.segments.map(([from, to, bp]) => ({ from, to, bp }))
    : [{ from: 0, to: null, bp: s.bp ?? 10000 }];
  return {
    kind: "params",
    source: src(s.cite ?? ""),
    deductible: s.deductible ?? 0,
    segments,
    flat: s.flat ?? null,
    perClaimCap: s.perClaimCap ?? null,
    annualCap: s.annualCap ?? null,
    bounds: [],
  };
}

export const unspecifiedRow = (citation = "某条"): RowIR => ({ kind: "unspecified", source: src(citation) });

/** rows: identity → RowSpec (or a ready RowIR). Item identities default to the row keys. */
export function item(
  name: string,
  rows: Record<string, RowSpec | RowIR>,
  o: Partial<ItemIR> = {},
): ItemIR {
  const built: Record<string, RowIR> = {};
  for (const [k, v] of Object.entries(rows)) built[k] = "kind" in v ? v : row(v);
  return {
    name,
    calculator: MAIN_CALCULATOR,
    visitTypes: null,
    identities: Object.keys(rows),
    conditions: [],
    base: { kind: "field", name: "个人负担" },
    baseText: "个人负担",
    deductiblePeriod: "次",
    segmentPeriod: "次",
    oncePerPerson: false,
    rows: built,
    capGroups: [],
    source: src(`项目${name}`),
    notes: [],
    ...o,
  };
}

export const cond = (c: CondIR, text: string, citation = "条件依据") => ({ cond: c, text, source: src(citation) });

export function policy(p: Partial<CheckedPolicy> & { items: ItemIR[] }): CheckedPolicy {
  const identities = p.identities ?? [];
  const identityNames: Record<string, string> = {};
  for (const i of identities) {
    identityNames[i.name] = i.name;
    for (const a of i.aliases) identityNames[a] = i.name;
  }
  const calcNames = [...new Set([MAIN_CALCULATOR, ...p.items.map((i) => i.calculator)])];
  const calculators: CalculatorIR[] = calcNames.map((name) => ({
    name,
    resultField: name === MAIN_CALCULATOR ? "救助金额" : "资助金额",
    items: p.items.filter((i) => i.calculator === name).map((i) => i.name),
    fields: [],
    source: src(`计算器${name}`),
  }));
  return {
    meta: {
      name: "测试政策",
      region: "测试市",
      docNumber: "测〔2024〕1号",
      effective: "2023-01-01",
      effectiveCitation: "",
      expires: null,
      isBase: false,
      basedOn: null,
      file: "test.jz",
    },
    identityNames,
    groups: {},
    multiIdentity: src("就高条款"),
    fields: [],
    lists: [],
    calculators,
    capGroups: [],
    exclusions: [],
    warnings: [],
    guarantees: [],
    notes: [],
    ...p,
    identities,
  };
}

export function claim(o: Partial<Claim> = {}): Claim {
  return {
    编号: "c1",
    身份: [],
    就诊类型: "住院",
    结算日期: "2024-03-01",
    个人负担: 0,
    病种: [],
    规范转诊: true,
    就医地: "市域内",
    参保: true,
    参保类型: "居民医保",
    ...o,
  };
}

/** Evaluate a sequence of claims of one person; returns the outcomes and the final ledger. */
export function runAll(
  p: CheckedPolicy,
  claims: Claim[],
  ledger: PersonLedger = newLedger(2024),
  calculator = MAIN_CALCULATOR,
): { outs: Outcome[]; ledger: PersonLedger } {
  const ev = createInterpreter(p);
  const outs = claims.map((c) => ev.evaluate(calculator, c, ledger, { explain: true }));
  return { outs, ledger };
}

export function ok(o: Outcome): Extract<Outcome, { ok: true }> {
  if (!o.ok) throw new Error(`expected success, got 错误: ${o.错误}`);
  const sum = o.明细.reduce((s, l) => s + l.金额, 0);
  if (sum !== o.金额) throw new Error(`Σ明细 ${sum} ≠ 金额 ${o.金额}`);
  return o;
}

export function err(o: Outcome): string {
  if (o.ok) throw new Error(`expected an error, got 金额 ${o.金额}`);
  return o.错误;
}
