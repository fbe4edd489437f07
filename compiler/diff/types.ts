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
}

export interface ImpactReport {
  groups: ImpactGroup[];
  /** assumptions the analysis made (other amount fields, dates …) */
  notes: string[];
}

export interface PopulationRow {
  key: string;
  claims: number;
  changed: number;
  oldTotal: Fen;
  newTotal: Fen;
}

export interface PopulationChange {
  编号: string;
  人员编号?: string;
  old: Fen | null;
  new: Fen | null;
  delta: Fen;
}

export interface PopulationReport {
  records: number;
  changed: number;
  oldErrors: number;
  newErrors: number;
  /** records that neither side could compute */
  bothErrors: number;
  oldTotal: Fen;
  newTotal: Fen;
  byIdentity: PopulationRow[];
  byVisitType: PopulationRow[];
  largest: PopulationChange[];
  becameEligible: number;
  stoppedEligible: number;
}

export interface DiffReport {
  old: SideInfo;
  new: SideInfo;
  changes: StructuralChange[];
  impact: ImpactReport;
  population?: PopulationReport;
  /** semantically equal: no change at all */
  equal: boolean;
}
