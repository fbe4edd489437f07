/**
 * Runs example rows (cli/examples/table.ts) on one engine, as `calc` would: the version in force
 * on each 结算日期, the row validated against that version's schema, one year ledger per 人员编号
 * in file order (a new year starts a fresh one). Pure apart from the evaluators it is given.
 */
import { claimSchema } from "../../compiler/claim-schema.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { selectVersion } from "../../compiler/versions.js";
import type { KeyNotes } from "../../runtime/claim-keys.js";
import { isIsoDate, validateClaim } from "../../runtime/claims.js";
import { yearOf } from "../../runtime/dates.js";
import type { Claim, Evaluator, Outcome, PersonLedger } from "../../runtime/types.js";
import { outsideVersions } from "../calc-loop.js";
import { formatFen } from "../output.js";
import type { ExampleRow } from "./table.js";

export interface ExampleResult {
  row: ExampleRow;
  engine: string;
  outcome: Outcome;
  /** the validated claim the engine was given (none when the row did not validate) */
  claim?: Claim;
  /** what differs from the row's 期望 columns; empty when the row holds */
  mismatches: string[];
}

/** One file's rows on one engine (ledgers are per file: a table is one set of people). */
export function runExampleRows(
  rows: readonly ExampleRow[],
  versions: readonly CheckedPolicy[],
  evaluatorFor: (policy: CheckedPolicy) => Evaluator,
  engine: string,
  /** collects columns that are no field of the policy (runtime/claim-keys.ts) */
  notes?: KeyNotes,
): ExampleResult[] {
  const ledgers = new Map<string, PersonLedger>();
  return rows.map((row) => {
    const { outcome, claim } = evaluateRow(row, versions, evaluatorFor, ledgers, notes);
    const result: ExampleResult = { row, engine, outcome, mismatches: compare(row, outcome) };
    if (claim !== undefined) result.claim = claim;
    return result;
  });
}

function evaluateRow(
  row: ExampleRow,
  versions: readonly CheckedPolicy[],
  evaluatorFor: (policy: CheckedPolicy) => Evaluator,
  ledgers: Map<string, PersonLedger>,
  notes: KeyNotes | undefined,
): { outcome: Outcome; claim?: Claim } {
  const fail = (错误: string) => ({ outcome: { ok: false as const, 错误 } });
  const date = (row.record["结算日期"] ?? "").trim();
  const policy = isIsoDate(date) ? selectVersion([...versions], date) : versions[0];
  if (policy === undefined) return fail(outsideVersions(date, versions));
  const calculator = policy.calculators.find((c) => c.name === row.calculator);
  if (calculator === undefined) return fail(`政策「${policy.meta.name}」没有计算器「${row.calculator}」`);
  const line = Number(/:(\d+)$/.exec(row.where)?.[1] ?? 0);
  const checked = validateClaim(row.record, claimSchema(policy, calculator.fields), line, notes);
  if (!checked.ok) return fail(checked.错误);
  const claim = checked.claim;
  const year = yearOf(claim.结算日期);
  const person = claim.人员编号;
  const known = person === undefined ? undefined : ledgers.get(person);
  if (known !== undefined && (year < known.year || (year === known.year && claim.结算日期 < known.lastDate))) {
    return fail(`结算日期 ${claim.结算日期} 早于同一人员（人员编号「${person}」）前一行的结算日期 ${known.lastDate}：同一人的案例请按结算日期排列`);
  }
  const ledger: PersonLedger =
    known !== undefined && known.year === year ? known : { year, lastDate: "", used: {}, lifetime: { ...known?.lifetime } };
  let outcome: Outcome;
  try {
    outcome = evaluatorFor(policy).evaluate(row.calculator, claim, ledger, { explain: true });
  } catch (e) {
    return { ...fail(`内部错误（请报告）：${(e as Error).message}`), claim };
  }
  if (outcome.ok) {
    ledger.lastDate = claim.结算日期;
    if (person !== undefined) ledgers.set(person, ledger);
  }
  return { outcome, claim };
}

const yuan = (fen: number | undefined) => (fen === undefined ? "（无）" : formatFen(fen));

/** The row's 期望 columns against the outcome, one Chinese line per difference. */
export function compare(row: ExampleRow, outcome: Outcome): string[] {
  const want = row.expect;
  if (want.kind !== "amount") {
    if (outcome.ok) return [`期望${want.kind}（${want.kind}：${want.text}），却算得 ${yuan(outcome.金额)}`];
    const isUnspecified = outcome.错误.startsWith("未规定：");
    if (want.kind === "未规定" && !isUnspecified) return [`期望未规定：${want.text}，却是错误：${outcome.错误}`];
    if (!outcome.错误.includes(want.text)) return [`期望${want.kind}中含「${want.text}」，实际为：${outcome.错误}`];
    return [];
  }
  if (!outcome.ok) return [`期望 ${yuan(want.fen)}，计算出错：${outcome.错误}`];
  const out: string[] = [];
  if (outcome.金额 !== want.fen) out.push(`期望 ${yuan(want.fen)}，算得 ${yuan(outcome.金额)}`);
  for (const [item, fen] of Object.entries(row.items)) {
    const line = outcome.明细.find((l) => l.项目 === item);
    if (line?.金额 !== fen) out.push(`期望.${item} ${yuan(fen)}，算得 ${line ? yuan(line.金额) : "（明细中没有该项目）"}`);
  }
  if (row.identity !== undefined && outcome.适用身份 !== row.identity) {
    out.push(`期望适用身份「${row.identity}」，实际为「${outcome.适用身份 ?? "（无）"}」`);
  }
  for (const [identity, fen] of Object.entries(row.others)) {
    const other = outcome.其他身份.find((o) => o.身份 === identity);
    if (other?.金额 !== fen) out.push(`期望其他身份.${identity} ${yuan(fen)}，实际为 ${other ? yuan(other.金额) : "（无）"}`);
  }
  const fired = (outcome.预警 ?? []).map((w) => w.名称);
  for (const name of row.warnings) if (!fired.includes(name)) out.push(`期望预警「${name}」，没有触发`);
  if (row.noWarnings === true && fired.length > 0) out.push(`期望不触发预警，却触发了「${fired.join("」「")}」`);
  return out;
}

/** A mismatch as printed by `jiuzhu test`: where, what differs, the record and its trace. */
export function renderMismatch(r: ExampleResult): string {
  const lines = [`✗ 案例 ${r.row.where}（${r.engine === "compiled" ? "编译模块" : "参考解释器"}）${r.row.note ? ` ${r.row.note}` : ""}`];
  for (const m of r.mismatches) lines.push(`  ${m}`);
  const given = Object.fromEntries(Object.entries(r.row.record).filter(([, v]) => v !== ""));
  lines.push(`  记录（计算器 ${r.row.calculator}）：${JSON.stringify(given)}`);
  if (r.row.formula) lines.push(`  算式：${r.row.formula}`);
  const steps = r.outcome.ok ? r.outcome.计算过程 ?? [] : [r.outcome.错误];
  lines.push("  计算过程：", ...steps.map((s) => `    ${s}`));
  return lines.join("\n");
}
