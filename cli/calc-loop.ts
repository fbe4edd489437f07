/**
 * The calc loop: raw records in file order → one output line each. Picks the version in force on
 * each 结算日期, validates, keeps one year ledger per 人员编号 and never lets one bad record stop
 * or drop another. Policy loading and evaluators are injected so tests can use fakes.
 */
import { claimSchema } from "../compiler/claim-schema.js";
import type { CalculatorIR, CheckedPolicy } from "../compiler/ir.js";
import { isIsoDate, recordId, validateClaim, type ClaimSchema } from "../runtime/claims.js";
import { yearOf } from "../runtime/dates.js";
import { newOutcomeInto, type OutcomeInto } from "../runtime/into.js";
import type { KeyNotes } from "../runtime/claim-keys.js";
import type { Claim, Evaluator, Outcome, PersonLedger } from "../runtime/types.js";
import type { RawRecord } from "./input/readers.js";
import { CompactLedgers } from "./ledger/compact.js";
import { errorLine, IntoLines, outcomeLine } from "./output.js";

export interface CalcSetup {
  /** every version of the region (or the single file), any order */
  versions: readonly CheckedPolicy[];
  calculator: string;
  explain: boolean;
  /** keep 计算过程 lines of items that do not apply (default: omitted, 明细 keeps every item) */
  showInapplicable?: boolean;
  /** the version in force on an ISO date (compiler/load.ts selectVersion) */
  select(versions: CheckedPolicy[], isoDate: string): CheckedPolicy | undefined;
  /** the evaluator of one version (compiled module, or the interpreter) */
  evaluatorFor(policy: CheckedPolicy): Evaluator | Promise<Evaluator>;
  /** collects keys read after normalising and keys ignored (runtime/claim-keys.ts) */
  keyNotes?: KeyNotes;
  /** `--ledger`: a ledger file (cli/ledger/calc-ledger.ts) instead of ledgers that live for one run */
  ledger?: CalcLedger;
  /**
   * the ledgers of a run without `--ledger`: CompactLedgers (cli/ledger/compact.ts) unless given
   * (tests compare it with a plain Map)
   */
  memory?: PersonLedgers;
}

/**
 * Person ledgers by 人员编号. `copies`: get() returns a copy, so every computed claim's ledger is
 * written back with set(); otherwise set() is needed only for a new ledger object.
 */
export interface PersonLedgers {
  get(person: string): PersonLedger | undefined;
  set(person: string, ledger: PersonLedger): void;
  readonly copies?: boolean;
}

/** A ledger that outlives the run: settled claims are re-emitted, new ones recorded with their batch. */
export interface CalcLedger {
  /** person ledgers, read from the file on a miss */
  ledgers: PersonLedgers;
  /** the line of a claim settled earlier, or why it cannot be settled; undefined: compute it */
  settled(raw: Record<string, unknown>, claim: Claim): { line: string } | { error: string } | undefined;
  settle(raw: Record<string, unknown>, claim: Claim, policy: CheckedPolicy, line: string, amount: number): void;
  /** ends a batch: its lines go out only once it is committed */
  commit(): void;
}

export interface CalcStats {
  records: number;
  errors: number;
  /** computed records without 人员编号 (each had a fresh ledger) */
  noPerson: number;
  /**
   * 预警 skipped because a computed record lacked the field they count (Outcome.预警跳过), by
   * 预警 name: the field and how many records. Reported on stderr in one line (reportWarningSkips).
   */
  warningSkips: Map<string, { field: string; records: number }>;
}

/** A compiled module's evaluateInto (runtime/into.ts). */
type EvaluateInto = (calculator: string, claim: Claim, ledger: PersonLedger, out: OutcomeInto) => void;

/** What one version needs per record, computed once. */
interface Prepared {
  evaluator: Evaluator;
  /** the module's evaluateInto when it has one and explain is off (no 计算过程 to carry) */
  into: EvaluateInto | undefined;
  calculator: CalculatorIR | undefined;
  schema: ClaimSchema;
}

/** Distinct 结算日期 whose version is remembered; past it versions are picked afresh. */
const DATE_MEMO_LIMIT = 20_000;

/**
 * Runs every record through its version's evaluator. Records come in batches (readBatches), each
 * run in a plain synchronous loop; the loop awaits only to prepare a version (once each) and when
 * `write` returns a promise because the output wants it to wait (backpressure).
 */
export async function runCalc(
  batches: AsyncIterable<readonly RawRecord[]>,
  setup: CalcSetup,
  write: (line: string) => Promise<void> | undefined | void,
): Promise<CalcStats> {
  const versions = [...setup.versions];
  const prepared = new Map<CheckedPolicy, Prepared>();
  // memory grows with persons only: one compact ledger each (~60 B), nothing per claim
  const ledgers: PersonLedgers = setup.ledger?.ledgers ?? setup.memory ?? new CompactLedgers();
  const copies = ledgers.copies === true;
  const stats: CalcStats = { records: 0, errors: 0, noPerson: 0, warningSkips: new Map() };
  const skippedWarning = (policy: CheckedPolicy, name: string): void => {
    const seen = stats.warningSkips.get(name);
    if (seen !== undefined) seen.records++;
    else
      stats.warningSkips.set(name, {
        field: policy.warnings.find((w) => w.name === name)?.countField ?? "",
        records: 1,
      });
  };
  const options = { explain: setup.explain };
  // one result object and one line formatter for the whole run (nothing allocated per claim)
  const out = newOutcomeInto();
  const intoLines = new IntoLines();
  /** trimmed 结算日期 → the version it selects (null: outside every version) */
  const byDate = new Map<string, CheckedPolicy | null>();

  const prepare = async (policy: CheckedPolicy): Promise<void> => {
    if (!prepared.has(policy)) {
      const calculator = policy.calculators.find((c) => c.name === setup.calculator);
      const evaluator = await setup.evaluatorFor(policy);
      prepared.set(policy, {
        evaluator,
        into: setup.explain ? undefined : evaluateIntoOf(evaluator),
        calculator,
        schema: claimSchema(policy, calculator?.fields ?? []),
      });
    }
  };

  /** The version for a trimmed 结算日期 (null: none in force); a bad date is left to validation. */
  const versionOn = (date: string | undefined): CheckedPolicy | null => {
    if (date === undefined) return versions[0] ?? null;
    let policy = byDate.get(date);
    if (policy === undefined) {
      policy = isIsoDate(date) ? (setup.select(versions, date) ?? null) : (versions[0] ?? null);
      if (byDate.size < DATE_MEMO_LIMIT) byDate.set(date, policy);
    }
    return policy;
  };

  /** The output line, or the version that must be prepared (async, once) before computing. */
  const one = (record: RawRecord): string | { prepare: CheckedPolicy } => {
    const raw = record.value;
    if (raw === undefined || record.error !== undefined) {
      return fail(recordId(raw, record.no), record.error ?? "无法读取该记录");
    }
    const given = raw["结算日期"];
    const date = typeof given === "string" ? given.trim() : undefined;
    // a bad or missing date is reported by validation against any version's fields
    const policy = versionOn(date);
    if (policy === null) return fail(recordId(raw, record.no), outsideVersions(date!, versions));
    const p = prepared.get(policy);
    if (p === undefined) return { prepare: policy };
    if (p.calculator === undefined) {
      return fail(recordId(raw, record.no), `${versionName(policy)} 没有计算器「${setup.calculator}」`);
    }
    const checked = validateClaim(raw, p.schema, record.no, setup.keyNotes);
    if (!checked.ok) return fail(checked.编号, checked.错误);
    const claim = checked.claim;
    const settled = setup.ledger?.settled(raw, claim);
    if (settled !== undefined) return "line" in settled ? settled.line : fail(claim.编号, settled.error);

    const year = yearOf(claim.结算日期);
    const person = claim.人员编号;
    const known = person === undefined ? undefined : ledgers.get(person);
    if (known !== undefined && (year < known.year || (year === known.year && claim.结算日期 < known.lastDate))) {
      return fail(
        claim.编号,
        `结算日期 ${claim.结算日期} 早于同一人员（人员编号「${person}」）已处理的结算日期 ${known.lastDate}，请先按结算日期排序`,
      );
    }
    // a new year starts a fresh ledger (lifetime counts carry); kept only if the claim computes
    const ledger: PersonLedger =
      known !== undefined && known.year === year
        ? known
        : { year, lastDate: "", used: {}, lifetime: { ...known?.lifetime } };

    // any failure computing or formatting this record is its own error line, never the run's end
    // (the evaluators leave the ledger untouched on error; the line is built before it is kept)
    let line: string;
    let amount: number; // 分, recorded in a ledger file
    try {
      let outcome: Outcome | undefined; // undefined: the result is in `out`
      if (p.into !== undefined) p.into(setup.calculator, claim, ledger, out);
      else outcome = p.evaluator.evaluate(setup.calculator, claim, ledger, options);
      if (outcome === undefined) {
        if (!out.ok) return fail(claim.编号, out.错误);
        line = intoLines.line(claim.编号, p.calculator.resultField, out);
        amount = out.金额;
        for (let i = 0; i < out.预警跳过数; i++) skippedWarning(policy, out.预警跳过[i]!);
      } else {
        if (!outcome.ok) return fail(claim.编号, outcome.错误);
        if (outcome.计算过程 !== undefined && setup.showInapplicable !== true)
          outcome = { ...outcome, 计算过程: applicableSteps(outcome.计算过程) };
        line = outcomeLine(claim.编号, p.calculator.resultField, outcome);
        amount = outcome.金额;
        for (const name of outcome.预警跳过 ?? []) skippedWarning(policy, name);
      }
    } catch (e) {
      return fail(claim.编号, `内部错误（请报告）：${(e as Error)?.message ?? String(e)}`);
    }
    ledger.lastDate = claim.结算日期;
    if (person === undefined) stats.noPerson++;
    else if (copies || ledger !== known) ledgers.set(person, ledger);
    setup.ledger?.settle(raw, claim, policy, line, amount);
    return line;
  };

  const fail = (id: string, message: string): string => {
    stats.errors++;
    return errorLine(id, message);
  };

  // with a ledger file a batch's lines wait for its commit: output never shows an unsaved settlement
  const held: string[] | undefined = setup.ledger === undefined ? undefined : [];
  for await (const batch of batches) {
    for (let i = 0; i < batch.length; i++) {
      const record = batch[i]!;
      stats.records++;
      let line = one(record);
      if (typeof line !== "string") {
        await prepare(line.prepare);
        line = one(record) as string;
      }
      if (held !== undefined) {
        held.push(line);
        continue;
      }
      const pending = write(line);
      if (pending) await pending;
    }
    if (held !== undefined) {
      setup.ledger!.commit();
      for (const line of held.splice(0)) {
        const pending = write(line);
        if (pending) await pending;
      }
    }
  }
  return stats;
}

/**
 * One stderr line for every 预警 a record skipped for lack of its field, e.g.
 * `警告：预警「大额医疗费用」未统计 3 条记录（记录没有「医疗费用」字段）；…`;
 * undefined when none was skipped.
 */
export function warningSkipsLine(skips: CalcStats["warningSkips"]): string | undefined {
  if (skips.size === 0) return undefined;
  const parts = [...skips].map(([name, s]) => `预警「${name}」未统计 ${s.records} 条记录（记录没有「${s.field}」字段）`);
  return `警告：${parts.join("；")}；这些记录的救助金额照常计算，只是不计入该预警的年度累计，也不据以判断该预警`;
}

/** The module's evaluateInto (loadEvaluator returns `{ evaluate, module }`); none for the interpreter. */
function evaluateIntoOf(evaluator: Evaluator): EvaluateInto | undefined {
  const module = (evaluator as { module?: { evaluateInto?: unknown } }).module;
  const into = module?.evaluateInto;
  return typeof into === "function" ? (into as EvaluateInto) : undefined;
}

/** `结算日期 2019-05-01 不在任何版本的施行期内（营口市 现有版本：2023-01-01 起）` */
export function outsideVersions(date: string, versions: readonly CheckedPolicy[]): string {
  const sorted = [...versions].sort((a, b) => a.meta.effective.localeCompare(b.meta.effective));
  const region = sorted[0]?.meta.region ?? "";
  const spans = sorted.map((v) =>
    v.meta.expires === null ? `${v.meta.effective} 起` : `${v.meta.effective} 至 ${dayBefore(v.meta.expires)}`,
  );
  return `结算日期 ${date} 不在任何版本的施行期内（${region} 现有版本：${spans.join("、")}）`;
}

function versionName(policy: CheckedPolicy): string {
  return `政策「${policy.meta.name}」（${policy.meta.effective} 起）`;
}

/** 失效 is the first day not in force; users read the last day in force. */
function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * 计算过程 without the lines of items that do not apply to the claim (wrong visit type, identity
 * not among the item's 对象, no row): an officer auditing a claim reads what was paid and why, not
 * the dozen items of other visit types. Both engines mark such a line with 「（不适用：」.
 */
export function applicableSteps(steps: readonly string[]): string[] {
  return steps.filter((s) => !s.includes("（不适用："));
}
