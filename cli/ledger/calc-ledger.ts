/**
 * What `calc --ledger` plugs into the calc loop (cli/calc-loop.ts CalcLedger): records need 编号
 * and 人员编号; a claim settled by an earlier run is re-emitted from the file, marked
 * `"已结算":true`; the same 编号 with other content is an error line; a new claim is recorded
 * with the policy version and module digest it was computed under.
 */
import type { CheckedPolicy } from "../../compiler/ir.js";
import { yearOf } from "../../runtime/dates.js";
import type { Claim } from "../../runtime/types.js";
import type { CalcLedger, CalcSetup } from "../calc-loop.js";
import { CliError } from "../exit-codes.js";
import { reverseClaims } from "./settle.js";
import { claimContent, DEFAULT_LEDGER_CACHE, LedgerStore, versionLabel } from "./store.js";

/** `digestOf`: the module digest of a version (compiler/module-cache.ts cacheKey). */
export function calcLedger(store: LedgerStore, digestOf: (policy: CheckedPolicy) => string): CalcLedger {
  return {
    ledgers: store.ledgers,

    settled(raw, claim) {
      const missing = [given(raw["编号"]) ? "" : "编号", claim.人员编号 === undefined ? "人员编号" : ""].filter(Boolean);
      if (missing.length > 0) {
        return { error: `使用 --ledger 时每条记录都要有${missing.map((f) => `「${f}」`).join("和")}（跨批次结算按它们识别记录和人员）` };
      }
      const done = store.settledClaim(claim.编号);
      if (done === undefined) return undefined;
      if (done.content !== claimContent(claim)) {
        return {
          error:
            `编号「${claim.编号}」已于此前结算（结算日期 ${done.date}），本次记录内容不同；` +
            `同一编号只结算一次，如需更正请先用 --reverse ${claim.编号} 冲正`,
        };
      }
      return { line: markSettled(done.line) };
    },

    settle(raw, claim: Claim, policy, line, amount) {
      store.settle({
        id: claim.编号,
        person: claim.人员编号!,
        year: yearOf(claim.结算日期),
        date: claim.结算日期,
        record: JSON.stringify(raw),
        content: claimContent(claim),
        amount,
        line,
        version: versionLabel(policy),
        digest: digestOf(policy),
      });
    },

    commit: () => store.commit(),
  };
}

/** `{…}` → `{…,"已结算":true}`: the line as first emitted, marked as coming from the ledger. */
export function markSettled(line: string): string {
  return line.slice(0, -1) + `,"已结算":true}`;
}

function given(value: unknown): boolean {
  return value !== undefined && value !== null && String(value).trim() !== "";
}

export interface LedgerOptions {
  ledger?: string;
  reverse?: string;
  ledgerCache?: string;
}

/** An open ledger file for one calc run: the loop's hook, `--reverse`, and closing it. */
export interface OpenLedger {
  calc: CalcLedger;
  /** runs `--reverse` (nothing without it); returns the lines to write and the number of errors */
  reverse(): Promise<{ lines: string[]; errors: number }>;
  close(): void;
}

/** `--ledger` and its options; undefined without `--ledger` (the others are then usage errors). */
export async function openLedger(options: LedgerOptions, setup: CalcSetup): Promise<OpenLedger | undefined> {
  if (options.ledger === undefined) {
    const stray = options.reverse !== undefined ? "--reverse" : options.ledgerCache !== undefined ? "--ledger-cache" : "";
    if (stray !== "") throw new CliError(`${stray} 只能与 --ledger <账本文件> 一起使用`);
    return undefined;
  }
  const capacity = options.ledgerCache === undefined ? DEFAULT_LEDGER_CACHE : Number(options.ledgerCache);
  if (!Number.isSafeInteger(capacity) || capacity < 1) {
    throw new CliError(`--ledger-cache 应为正整数（内存中保留的人员账本数），而不是「${options.ledgerCache}」`);
  }
  const ids = (options.reverse ?? "").split(/[,，]/).map((s) => s.trim()).filter(Boolean);
  if (options.reverse !== undefined && ids.length === 0) throw new CliError("--reverse 缺少要冲正的编号（多个用逗号分隔）");
  const region = setup.versions[0]!.meta.region;
  // the module digest of each version, computed once: recorded with every claim settled under it
  const { cacheKey } = await import("../../compiler/module-cache.js");
  const digests = new Map<CheckedPolicy, string>();
  for (const v of setup.versions) digests.set(v, await cacheKey(v));
  const digestOf = (policy: CheckedPolicy) => digests.get(policy) ?? "";
  const store = await LedgerStore.open(options.ledger, { region, calculator: setup.calculator }, capacity);
  return {
    calc: calcLedger(store, digestOf),
    reverse: async () => (ids.length === 0 ? { lines: [], errors: 0 } : reverseClaims(ids, store, setup, digestOf)),
    close: () => store.close(),
  };
}
