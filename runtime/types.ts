/**
 * The shapes shared by compiled modules, the reference interpreter and the CLI: a validated claim,
 * the per-person ledger, and a result. Data only; no arithmetic lives here.
 */

/** Integer 分. */
export type Fen = number;

/**
 * A claim after validation (runtime/claims.ts): identities canonical, amounts integer 分,
 * dates ISO strings, lists arrays, booleans booleans, defaults filled in.
 * Policy-declared fields appear under their own names with the same representations.
 */
export interface Claim {
  编号: string;
  人员编号?: string;
  身份: string[];
  就诊类型?: "住院" | "门诊慢特病" | "普通门诊";
  结算日期: string;
  个人负担?: Fen;
  病种: string[];
  规范转诊: boolean;
  就医地: "市域内" | "省内市外" | "省外";
  致伤原因?: string;
  参保: boolean;
  参保类型: "居民医保" | "职工医保";
  申请日期?: string;
  [field: string]: unknown;
}

/**
 * What one person has used so far. Plain data so that it can carry across policy versions of one
 * region within a year (keys are names, not indexes) and so both evaluators can share the format
 * while implementing the arithmetic separately.
 */
export interface PersonLedger {
  /** calendar year the `year` entries belong to; entries reset when a claim of a later year comes */
  year: number;
  /** 结算日期 of the last claim applied, to reject out-of-order claims */
  lastDate: string;
  /**
   * 分 used this year, by key:
   *   `起付线:<item>` deductible consumed, `分段:<item>` segment position reached,
   *   `限额:<item>` paid against the item's annual cap, `限额组:<group>` paid against a cap group,
   *   `累计:<warning>` the 年度累计 a 预警 counts (of its 统计字段: 个人负担, 医疗费用 …).
   */
  used: Record<string, Fen>;
  /** lifetime counters: `次数:<item>` for 每人一次 items */
  lifetime: Record<string, number>;
}

export function newLedger(year: number): PersonLedger {
  return { year, lastDate: "", used: {}, lifetime: {} };
}

export interface ItemLine {
  项目: string;
  金额: Fen;
  依据: string;
  /** why the amount is what it is when it is 0 or capped: "不符合条件：规范转诊（依据 …）" */
  说明?: string;
}

export interface WarningLine {
  名称: string;
  /** the field the 预警 counts (个人负担 unless its condition names 年度累计<字段>) */
  统计字段: string;
  /** that field summed over the person's counted claims of the year, this one included; output as 年度累计<统计字段> */
  年度累计: Fen;
  依据: string;
}

export interface IdentityOutcome {
  身份: string;
  金额: Fen;
}

export type Outcome =
  | {
      ok: true;
      /** total of the calculator's items, 分 */
      金额: Fen;
      明细: ItemLine[];
      /** winning identity (canonical, before 参照); undefined when the claim holds none */
      适用身份?: string;
      其他身份: IdentityOutcome[];
      预警?: WarningLine[];
      /**
       * 预警 not counted for this claim because it lacks the field the 预警 counts (a 医疗费用
       * most records do not carry): never a record error; calc reports how many on stderr.
       */
      预警跳过?: string[];
      /** readable Chinese steps, only when explain was asked */
      计算过程?: string[];
    }
  | {
      ok: false;
      /** Chinese message naming the field; starts with 未规定： when the document sets no number */
      错误: string;
    };

export interface EvaluateOptions {
  explain?: boolean;
}

/**
 * What a compiled module and the reference interpreter both offer: evaluate one claim of one
 * calculator against the person's ledger. On success the ledger is updated in place with the
 * winning identity's use; on error it is left untouched.
 */
export interface Evaluator {
  evaluate(
    calculator: string,
    claim: Claim,
    ledger: PersonLedger,
    options?: EvaluateOptions,
  ): Outcome;
}
