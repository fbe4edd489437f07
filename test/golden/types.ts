/** A golden case: claims of one scenario (sharing ledgers by 人员编号) and what the text says. */
export interface GoldenWant {
  /** expected total as a 2-decimal string (the calculator's amount, whatever its field name) */
  救助金额?: string;
  /** the hand arithmetic; test/golden/arith.ts evaluates it and must equal 救助金额 */
  算式?: string;
  /** expected item amounts by item name (only those listed are checked) */
  明细?: Record<string, string>;
  适用身份?: string;
  其他身份?: Record<string, string>;
  /** names of 预警 that must fire */
  预警?: string[];
  /** the record must be an error whose message contains this */
  错误包含?: string;
}

export interface GoldenCase {
  note: string;
  依据: string;
  calculator?: string;
  claims: Record<string, unknown>[];
  want: GoldenWant[];
}
