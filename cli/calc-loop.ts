/**
 * The calc loop: raw records in file order → one output line each. Picks the version in force on
 * each 结算日期, validates, keeps one year ledger per 人员编号 and never lets one bad record stop
 * or drop another. Policy loading and evaluators are injected so tests can use fakes.
 */
import type { CalculatorIR, CheckedPolicy } from "../compiler/ir.js";
import { isIsoDate, recordId, validateClaim, type ClaimSchema } from "../runtime/claims.js";
import type { Evaluator, PersonLedger } from "../runtime/types.js";
import type { RawRecord } from "./input/readers.js";
import { errorLine, outcomeLine } from "./output.js";

export interface CalcSetup {
  /** every version of the region (or the single file), any order */
  versions: readonly CheckedPolicy[];
  calculator: string;
  explain: boolean;
  /** the version in force on an ISO date (compiler/load.ts selectVersion) */
  select(versions: CheckedPolicy[], isoDate: string): CheckedPolicy | undefined;
  /** the evaluator of one version (compiled module, or the interpreter) */
  evaluatorFor(policy: CheckedPolicy): Evaluator | Promise<Evaluator>;
}

export interface CalcStats {
  records: number;
  errors: number;
}

/** What one version needs per record, computed once. */
interface Prepared {
  evaluator: Evaluator;
  calculator: CalculatorIR | undefined;
  schema: ClaimSchema;
}

/**
 * Runs every record through its version's evaluator; `write` may return a promise when the output
 * wants the loop to wait (backpressure).
 */
export async function runCalc(
  records: AsyncIterable<RawRecord>,
  setup: CalcSetup,
  write: (line: string) => Promise<void> | undefined | void,
): Promise<CalcStats> {
  const versions = [...setup.versions];
  const prepared = new Map<CheckedPolicy, Prepared>();
  // memory grows with persons only: one ledger each, nothing per claim
  const ledgers = new Map<string, PersonLedger>();
  const stats: CalcStats = { records: 0, errors: 0 };
  const options = { explain: setup.explain };

  const prepare = async (policy: CheckedPolicy): Promise<void> => {
    if (!prepared.has(policy)) {
      const calculator = policy.calculators.find((c) => c.name === setup.calculator);
      prepared.set(policy, {
        evaluator: await setup.evaluatorFor(policy),
        calculator,
        schema: {
          fields: policy.fields,
          identityNames: policy.identityNames,
          calculatorFields: calculator?.fields ?? [],
        },
      });
    }
  };

  /** The output line, or the version that must be prepared (async, once) before computing. */
  const one = (record: RawRecord): string | { prepare: CheckedPolicy } => {
    const id = recordId(record.value, record.no);
    if (record.value === undefined) return fail(id, record.error ?? "无法读取该记录");
    const raw = record.value;
    const date = typeof raw["结算日期"] === "string" ? raw["结算日期"].trim() : undefined;
    // a bad or missing date is reported by validation against any version's fields
    const policy = date !== undefined && isIsoDate(date) ? setup.select(versions, date) : versions[0];
    if (policy === undefined) return fail(id, outsideVersions(date!, versions));
    const p = prepared.get(policy);
    if (p === undefined) return { prepare: policy };
    if (p.calculator === undefined) {
      return fail(id, `${versionName(policy)} 没有计算器「${setup.calculator}」`);
    }
    const checked = validateClaim(raw, p.schema, record.no);
    if (!checked.ok) return fail(checked.编号, checked.错误);
    const claim = checked.claim;

    const year = Number(claim.结算日期.slice(0, 4));
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

    let outcome;
    try {
      outcome = p.evaluator.evaluate(setup.calculator, claim, ledger, options);
    } catch (e) {
      return fail(claim.编号, `内部错误（请报告）：${(e as Error).message}`);
    }
    if (!outcome.ok) return fail(claim.编号, outcome.错误);
    ledger.lastDate = claim.结算日期;
    if (person !== undefined) ledgers.set(person, ledger);
    return outcomeLine(claim.编号, p.calculator.resultField, outcome);
  };

  const fail = (id: string, message: string): string => {
    stats.errors++;
    return errorLine(id, message);
  };

  for await (const record of records) {
    stats.records++;
    let line = one(record);
    if (typeof line !== "string") {
      await prepare(line.prepare);
      line = one(record) as string;
    }
    const pending = write(line);
    if (pending) await pending;
  }
  return stats;
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
