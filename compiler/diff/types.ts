/** The data a diff produces; the three report formats render it and tests assert on it. */
import type { CheckedPolicy, Fen } from "../ir.js";

export interface StructuralChange {
  kind: "added" | "removed" | "changed";
  /** what kind of thing: 表格, 身份, 项目, 条件, 清单, 限额组, 不予救助, 预警, 字段, 计算器, 政策 … */
  category: string;
  /** named path, shown joined with " · ": [项目, 身份, 参数] for a table cell */
  path: string[];
  old?: string;
  new?: string;
  oldCitation?: string;
  newCitation?: string;
  /** false for changes that cannot change any amount (citations, names, dates, 文号) */
  behavioural: boolean;
  /** a behavioural change proven not to move money under the rules around it, and why (effects.ts) */
  effect?: string;
}

/** Which version a side is, for the report header ("which version is in force from when"). */
export interface SideInfo {
  spec: string;
  name: string;
  region: string;
  docNumber: string;
  effective: string;
  expires: string | null;
  file: string;
}

export interface Resolved {
  info: SideInfo;
  policy: CheckedPolicy;
}

/** One range of 个人负担 (integer 分, inclusive) over which the change is one linear function. */
export interface DeltaPiece {
  from: Fen;
  /** null = and above */
  to: Fen | null;
  /** actual payout differences (new − old) at the ends, as a claim there would get them */
  deltaFrom: Fen;
  deltaTo: Fen | null;
  /** exact change of the difference per 1元 of burden, as a decimal string ("0.6", "-0.1") */
  slopePerYuan: string;
  oldFrom: Fen;
  newFrom: Fen;
}

export interface Witness {
  claim: Record<string, unknown>;
  old: { amount: Fen | null; error?: string; trace: string[] };
  new: { amount: Fen | null; error?: string; trace: string[] };
}

/** A set of identities × discrete cases that share one change of payout as a function of burden. */
export interface ImpactGroup {
  calculator: string;
  /** the amount field the payout is a function of (个人负担, 个人缴费 …) */
  variable: string;
  identities: string[];
  /** readable description of the discrete cases (union of conjunctions) */
  cases: string[];
  /** number of discrete combinations covered */
  combos: number;
  /** each combination spelled out ("住院·规范转诊·市域内·参保"), for tools and tests */
  members: string[];
  pieces: DeltaPiece[];
  /** when one side cannot compute the case at all (未规定 …) */
  oldError?: string;
  newError?: string;
  /** true when a rule was not piecewise-linear (or too irregular) and results come from sampling */
  sampled: boolean;
  witness?: Witness;
  /** the largest gain, the largest loss and a typical claim (null: that side cannot compute) */
  examples?: { kind: "最大增加" | "最大减少" | "典型"; burden: Fen; old: Fen | null; new: Fen | null; unbounded?: boolean }[];
  /** payout against the burden on each side (null: that side cannot compute), exact breakpoints, 分 */
  curves?: { old: { x: Fen; y: Fen }[] | null; new: { x: Fen; y: Fen }[] | null };
}

export interface ImpactReport {
  groups: ImpactGroup[];
  /** assumptions the analysis made (other amount fields, dates …) */
  notes: string[];
}

/** Claims (or persons) moved one way: how many, by how much in total, the largest single move. */
export interface Moves {
  count: number;
  sum: Fen;
  /** the largest move by size (a decrease is negative), 0 when count is 0 */
  largest: Fen;
}

export interface PopulationRow {
  key: string;
  claims: number;
  changed: number;
  oldTotal: Fen;
  newTotal: Fen;
  /** claims paid more / less under the new version, kept apart so a net never hides a loss */
  increases: Moves;
  decreases: Moves;
}

/** Records only one side can compute: priced on that side (new payouts, or payouts that stop). */
export interface OneSideRow {
  /** the side that computes: "新" = new payouts, "旧" = payouts that stop */
  side: "旧" | "新";
  identity: string;
  /** why the other side could not compute (its error message) */
  reason: string;
  claims: number;
  total: Fen;
}

export interface PopulationChange {
  编号: string;
  人员编号?: string;
  old: Fen | null;
  new: Fen | null;
  delta: Fen;
}

/** A record that failed on one side or both, with the reason (first 20 in the report, all via --failures). */
export interface PopulationFailure {
  no: number;
  编号?: string;
  side: "旧" | "新" | "两版";
  reason: string;
}

/** Per person over the year (人员编号 × 结算年度), both sides' sums over the claims both computed or either one. */
export interface PersonYearReport {
  persons: number;
  gaining: Moves;
  losing: Moves;
  /** records without 人员编号: not attributable to a person, counted here */
  withoutPerson: number;
  /** persons whose year changed, by size of the change (分, from inclusive, to exclusive; null unbounded) */
  distribution: { from: Fen | null; to: Fen | null; count: number }[];
}

export interface PopulationReport {
  records: number;
  changed: number;
  oldErrors: number;
  newErrors: number;
  /** records that neither side could compute */
  bothErrors: number;
  /** totals over every record a side computed (one-side records included) */
  oldTotal: Fen;
  newTotal: Fen;
  /** claims both sides computed: increases and decreases apart */
  increases: Moves;
  decreases: Moves;
  byIdentity: PopulationRow[];
  byVisitType: PopulationRow[];
  oneSide: OneSideRow[];
  persons: PersonYearReport;
  largest: PopulationChange[];
  becameEligible: number;
  stoppedEligible: number;
  /** failure counts by side and reason, and the first 20 failures */
  failureReasons: { side: "旧" | "新" | "两版"; reason: string; count: number }[];
  failures: PopulationFailure[];
}

/** A 保证 whose outcome differs between the versions (null: the version has no such 保证). */
export interface GuaranteeChange {
  name: string;
  text: string;
  old: "holds" | "fails" | "untested" | null;
  new: "holds" | "fails" | "untested" | null;
  /** when the new version breaks it: the counterexample as `jiuzhu test` renders it */
  counterexample?: string;
}

export interface DiffReport {
  /** 2: population with one-side rows, increases/decreases, persons, failures (issue 16) */
  schemaVersion: 2;
  old: SideInfo;
  new: SideInfo;
  changes: StructuralChange[];
  impact: ImpactReport;
  population?: PopulationReport;
  /** 保证 run on both sides with one seed; only those whose outcome changed (absent: not run) */
  guarantees?: GuaranteeChange[];
  /** semantically equal: no change at all */
  equal: boolean;
}
