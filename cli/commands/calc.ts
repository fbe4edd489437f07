/**
 * `jiuzhu calc`: claims → one JSON line each on stdout. Uses the cached compiled module of each
 * version (no TypeScript at run time); `--engine interpreter` uses the reference interpreter.
 */
import type { CheckedPolicy } from "../../compiler/ir.js";
import { MAIN_CALCULATOR } from "../../compiler/ir.js";
import { selectVersion } from "../../compiler/versions.js";
import type { Evaluator } from "../../runtime/types.js";
import { runCalc, warningSkipsLine, type CalcSetup } from "../calc-loop.js";
import { CliError, ExitCode } from "../exit-codes.js";
import { newKeyNotes } from "../../runtime/claim-keys.js";
import { parseEncoding } from "../input/decode.js";
import { reportKeyNotes, reportNoPerson } from "../input/notes.js";
import { detectFormat, hasKnownExtension, openText, readBatches } from "../input/readers.js";
import { formatSink, outputFormat } from "../output-formats.js";
import { writeText, type Io } from "../io.js";
import { LineWriter } from "../output.js";
import type { LedgerOptions, OpenLedger } from "../ledger/calc-ledger.js";
import { loadCheckedPolicies } from "../policies.js";

export interface CalcOptions extends LedgerOptions {
  policy: string;
  calculator?: string;
  explain?: boolean;
  /** keep the 不适用 lines of 计算过程 (issue 10 §4: omitted by default) */
  showInapplicable?: boolean;
  /** output format (jsonl, json, csv) */
  format?: string;
  inputFormat?: string;
  engine?: string;
  /** `--encoding`: utf-8 or gb18030 (detected when absent) */
  encoding?: string;
  /** `--ignore-column`: extra columns not to report */
  ignoreColumn?: string[];
}

/** `claimsPath` may be absent only with `--reverse` (a reversal without new claims). */
export async function calcCommand(claimsPath: string | undefined, options: CalcOptions, io: Io): Promise<number> {
  const engine = options.engine ?? "compiled";
  if (engine !== "compiled" && engine !== "interpreter") {
    throw new CliError(`未知的计算引擎「${engine}」，应为 compiled 或 interpreter`);
  }
  const output = outputFormat(options.format);
  if (claimsPath === undefined && options.reverse === undefined) throw new CliError("缺少参数「记录文件」");
  const format = claimsPath === undefined ? undefined : detectFormat(claimsPath, inputFormatOf(claimsPath, options, io));
  const encoding = parseEncoding(options.encoding);
  const { policies } = await loadCheckedPolicies([options.policy], io, { showWarnings: false, cache: true });
  const versions = policies.map((p) => p.policy);
  const calculator = options.calculator ?? MAIN_CALCULATOR;
  if (!versions.some((v) => v.calculators.some((c) => c.name === calculator))) {
    const names = [...new Set(versions.flatMap((v) => v.calculators.map((c) => c.name)))];
    throw new CliError(`政策中没有计算器「${calculator}」，现有：${names.join("、")}`);
  }
  const evaluatorFor = await evaluatorFactory(engine);
  const note = (message: string) => writeText(io.stderr, message);
  const chunks = claimsPath === undefined ? undefined : await openText(claimsPath, io.stdin, { encoding, note });
  const keyNotes = newKeyNotes(options.ignoreColumn ?? []);
  const setup: CalcSetup = {
    versions,
    calculator,
    explain: options.explain === true,
    showInapplicable: options.showInapplicable === true,
    select: selectVersion,
    evaluatorFor,
    keyNotes,
  };
  const ledger = await openLedgerOf(options, setup);
  const writer = new LineWriter(io.stdout);
  const sink = formatSink(output, (text) => writer.write(text));
  let errors = 0;
  let stats;
  try {
    if (ledger !== undefined) {
      const reversed = await ledger.reverse();
      errors += reversed.errors;
      for (const line of reversed.lines) await sink.write(line);
    }
    if (chunks !== undefined) {
      stats = await runCalc(readBatches(chunks, format!, claimsPath!), { ...setup, ledger: ledger?.calc }, (line) =>
        sink.write(line),
      );
      errors += stats.errors;
    }
    const last = sink.end();
    if (last !== "") writer.write(last);
  } finally {
    // a failure that stops the run (unreadable input, a broken cache entry) first writes every
    // line already computed; a failure of this write itself is the error reported
    try {
      await writer.flush();
    } finally {
      ledger?.close();
    }
  }
  if (stats !== undefined) {
    reportKeyNotes(io.stderr, keyNotes, stats.records > 0 && stats.errors === stats.records);
    reportNoPerson(io.stderr, stats.noPerson);
    const skips = warningSkipsLine(stats.warningSkips);
    if (skips !== undefined) writeText(io.stderr, skips);
  }
  return errors > 0 ? ExitCode.Findings : ExitCode.Ok;
}

/** `--ledger` loads SQLite and the ledger code; a run without it loads neither. */
async function openLedgerOf(options: CalcOptions, setup: CalcSetup): Promise<OpenLedger | undefined> {
  if (options.ledger === undefined && options.reverse === undefined && options.ledgerCache === undefined) return undefined;
  return (await import("../ledger/calc-ledger.js")).openLedger(options, setup);
}

/**
 * `--format` named the input format before it named the output. Where the input's format cannot
 * come from its extension (stdin, an unknown extension) and only `--format` is given, it still
 * names the input too, with a warning, so old scripts do not break silently.
 */
function inputFormatOf(claimsPath: string, options: CalcOptions, io: Io): string | undefined {
  if (options.inputFormat !== undefined) return options.inputFormat;
  if (options.format === undefined || hasKnownExtension(claimsPath)) return undefined;
  writeText(
    io.stderr,
    `警告：--format 现指输出格式；输入格式请用 --input-format（本次按 ${options.format} 读取输入）`,
  );
  return options.format;
}

/** Imported lazily: the interpreter is only for debugging and cross-checks. */
async function evaluatorFactory(
  engine: "compiled" | "interpreter",
): Promise<(policy: CheckedPolicy) => Evaluator | Promise<Evaluator>> {
  if (engine === "interpreter") {
    const { createInterpreter } = await import("../../compiler/interpreter/index.js");
    return (policy) => createInterpreter(policy);
  }
  const { loadEvaluator } = await import("../../compiler/module-cache.js");
  return (policy) => loadEvaluator(policy);
}
