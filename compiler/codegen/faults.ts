/**
 * Fault injection: deliberately wrong variants of a generated module, so property tests can show
 * they fail when the arithmetic is wrong (a test that cannot fail proves nothing). Each fault is a
 * small branch in codegen emitted ONLY when requested: without faults the module is byte-for-byte
 * what it always was. Never used by `jiuzhu compile` or `calc`.
 */

export type Fault =
  /** 单次限额, 年度限额 and 限额组 are not applied (counters are still charged) */
  | "cap-ignored"
  /** the deductible is subtracted twice from the base (the rest clamped at 0) */
  | "deductible-twice"
  /** 就高不重复 becomes the SUM over held identities (the reported winner stays the best) */
  | "sum-identities"
  /** each ratio item rounds half-up to 角 (10 分) instead of 分, from the exact amount */
  | "round-jiao"
  /** the winner's ledger use is not written back: every claim sees a fresh year */
  | "ledger-not-updated";

export const FAULTS: readonly Fault[] = [
  "cap-ignored",
  "deductible-twice",
  "sum-identities",
  "round-jiao",
  "ledger-not-updated",
];

export type FaultSet = ReadonlySet<Fault>;
export const NO_FAULTS: FaultSet = new Set();

/** The comment above every injected branch, so a faulty module can never pass for a real one. */
export function faultMark(f: Fault): string {
  return `// 故障注入 FAULT ${f}：故意算错，仅供检验测试能否发现错误`;
}

/** Banner lines of a faulty module. */
export function faultBanner(faults: FaultSet): string[] {
  if (faults.size === 0) return [];
  return [`// 警告 WARNING：本模块含故意注入的错误（${[...faults].sort().join(", ")}），不得用于计算。`];
}

/** Name of the module-local helper that replaces segmentsPay under round-jiao. */
export const JIAO_PAY = "faultSegmentsPayJiao";

/**
 * segmentsPay with half-up rounding to 角: the exact amount is W + f/10000 分 (W whole 分,
 * 0 ≤ f < 10000), so rounding to 10 分 looks at (W mod 10)·10000 + f against 50000.
 */
export const JIAO_PAY_SOURCE = [
  faultMark("round-jiao"),
  `function ${JIAO_PAY}(segs: Row["分段"], p0: number, p1: number): number {`,
  "let whole = 0;",
  "let frac = 0;",
  "for (const s of segs) {",
  "const lo = p0 > s.起 ? p0 : s.起;",
  "const hi = s.止 === null || p1 < s.止 ? p1 : s.止;",
  "if (hi > lo) {",
  "const part = hi - lo;",
  "const r = part % 10000;",
  "whole += ((part - r) / 10000) * s.比例;",
  "frac += r * s.比例;",
  "}",
  "}",
  "const fr = frac % 10000;",
  "const w = whole + (frac - fr) / 10000;",
  "const j = w % 10;",
  "return w - j + (j * 10000 + fr >= 50000 ? 10 : 0);",
  "}",
].join("\n");
