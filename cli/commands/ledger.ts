/**
 * `jiuzhu ledger show --ledger <file> <人员编号> [--year Y]`: one person's year from a ledger
 * file of `calc --ledger` — the year totals and every claim settled, with the policy version and
 * module digest it was settled under. Exit 1 when the person has nothing in that year.
 */
import type { Command } from "commander";
import { CliError, ExitCode } from "../exit-codes.js";
import { writeText, type Io } from "../io.js";

export interface LedgerShowOptions {
  ledger: string;
  year?: string;
}

export function registerLedger(program: Command, io: Io, setCode: (code: number) => void): void {
  const ledger = program.command("ledger").usage("show --ledger <账本文件> <人员编号> [--year 年度]").description("查看跨批次结算账本（calc --ledger 写入的文件）");
  ledger
    .command("show")
    .usage("--ledger <账本文件> <人员编号> [--year 年度]")
    .description("显示一个人员某年度的累计和已结算记录（JSON）")
    .argument("<人员编号>", "人员编号")
    .requiredOption("--ledger <账本文件>", "calc --ledger 使用的账本文件")
    .option("--year <年度>", "年度（默认该人员最近一个年度）")
    .action(async (person: string, opts: LedgerShowOptions) => {
      setCode(await ledgerShow(person, opts, io));
    });
}

export async function ledgerShow(person: string, options: LedgerShowOptions, io: Io): Promise<number> {
  const year = options.year === undefined ? undefined : Number(options.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 1000 && year <= 9999)) {
    throw new CliError(`--year 应为四位年度（如 2024），而不是「${options.year}」`);
  }
  const { LedgerStore } = await import("../ledger/store.js");
  const { formatFen } = await import("../output.js");
  const store = await LedgerStore.read(options.ledger);
  try {
    const years = store.personYears(person);
    const entry = year === undefined ? years.at(-1) : years.find((y) => y.ledger.year === year);
    if (entry === undefined) {
      const known = years.map((y) => y.ledger.year).join("、");
      writeText(
        io.stderr,
        known === ""
          ? `账本「${options.ledger}」中没有人员「${person}」`
          : `账本「${options.ledger}」中人员「${person}」没有 ${year} 年度的记录（有记录的年度：${known}）`,
      );
      return ExitCode.Findings;
    }
    const claims = store.personClaims(person, entry.ledger.year, true);
    const shown = {
      人员编号: person,
      年度: entry.ledger.year,
      地区: store.meta("region"),
      计算器: store.meta("calculator"),
      最后结算日期: entry.ledger.lastDate,
      年度累计: Object.fromEntries(Object.entries(entry.ledger.used).map(([k, v]) => [k, formatFen(v)])),
      次数: entry.ledger.lifetime,
      已结算: claims.map((c) => ({
        编号: c.id,
        结算日期: c.date,
        金额: formatFen(c.amount),
        版本: c.version,
        模块摘要: c.digest,
      })),
    };
    writeText(io.stdout, JSON.stringify(shown, null, 2));
    return ExitCode.Ok;
  } finally {
    store.close();
  }
}
