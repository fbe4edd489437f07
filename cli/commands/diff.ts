/**
 * `jiuzhu diff <旧> <新>`: semantic diff of two policy versions with the money impact
 * (compiler/diff). Exit 0 semantically equal, 1 different, 2 unreadable / not checking / bad spec.
 */
import type { Command } from "commander";
import type { DiffReport } from "../../compiler/diff/index.js";
import { CliError, ExitCode } from "../exit-codes.js";
import { detectFormat, openText, readRecords } from "../input/readers.js";
import { newKeyNotes } from "../../runtime/claim-keys.js";
import { parseEncoding } from "../input/decode.js";
import { reportKeyNotes } from "../input/notes.js";
import { writeText, type Io } from "../io.js";

/** commander's accumulator for a repeatable option. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export interface DiffOptions {
  claims?: string;
  format?: string;
  inputFormat?: string;
  engine?: string;
  failures?: string;
  encoding?: string;
  ignoreColumn?: string[];
}

/** records per 保证 on each side (jiuzhu test runs 2000 with a random seed; this is a fixed-seed screen) */
const GUARANTEE_RUNS = { runs: 500, seed: 20240601 };

const FORMATS = ["text", "markdown", "json", "html"] as const;

export async function diffCommand(oldSpec: string, newSpec: string, options: DiffOptions, io: Io): Promise<number> {
  const format = options.format ?? "text";
  if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`未知的输出格式「${format}」，应为 text、markdown、json 或 html`);
  const engine = options.engine ?? "interpreter";
  if (engine !== "interpreter" && engine !== "compiled") throw new CliError(`未知的计算引擎「${engine}」，应为 interpreter 或 compiled`);
  // imported when run, so registering the command costs the other commands nothing
  const { diffPolicies, guaranteeChanges, populationImpact, renderHtml, renderJson, renderMarkdown, renderText, resolveSide, SideError } = await import("../../compiler/diff/index.js");
  const render: Record<string, (r: DiffReport) => string> = { text: renderText, markdown: renderMarkdown, json: renderJson, html: renderHtml };
  if (options.failures !== undefined && options.claims === undefined) throw new CliError("--failures 需要同时给出 --claims", ExitCode.Usage);
  let sides;
  try {
    sides = [resolveSide(oldSpec), resolveSide(newSpec)] as const;
  } catch (e) {
    if (e instanceof SideError) throw new CliError(e.message, ExitCode.Usage);
    throw e;
  }
  const report = diffPolicies(sides[0], sides[1]);
  // each version's 保证 with one fixed seed, so the report is reproducible; only on a change of behaviour
  if (report.changes.some((c) => c.behavioural)) report.guarantees = guaranteeChanges(sides[0].policy, sides[1].policy, GUARANTEE_RUNS);
  if (options.claims !== undefined) {
    const inputFormat = detectFormat(options.claims, options.inputFormat);
    const note = (message: string) => writeText(io.stderr, message);
    const chunks = await openText(options.claims, io.stdin, { encoding: parseEncoding(options.encoding), note });
    const records = readRecords(chunks, inputFormat, options.claims);
    const keyNotes = newKeyNotes(options.ignoreColumn ?? []);
    // the interpreter is the trusted semantics; the compiled module is for a province's year of claims
    const evaluatorFor = engine === "compiled" ? (await import("../../compiler/module-cache.js")).loadEvaluator : undefined;
    // every failure as one JSON line, streamed: the report itself lists only the first 20
    const failures = options.failures === undefined ? undefined : await openFailures(options.failures);
    try {
      report.population = await populationImpact(records, sides[0].policy, sides[1].policy, {
        ...(evaluatorFor ? { evaluatorFor } : {}),
        ...(failures ? { onFailure: failures.write } : {}),
        keyNotes,
      });
    } finally {
      await failures?.close();
    }
    reportKeyNotes(io.stderr, keyNotes);
  }
  writeText(io.stdout, render[format]!(report));
  return report.equal ? ExitCode.Ok : ExitCode.Findings;
}

/** A JSONL sink that waits when the disk is slower than the claims. */
async function openFailures(file: string): Promise<{ write: (f: unknown) => Promise<void>; close: () => Promise<void> }> {
  const { createWriteStream } = await import("node:fs");
  const { EventEmitter } = await import("node:events");
  const once = EventEmitter.once;
  const out = createWriteStream(file);
  let failed: Error | undefined;
  out.on("error", (e) => (failed = e));
  await Promise.race([once(out, "open"), once(out, "error")]).catch(() => undefined);
  const check = () => {
    if (failed) throw new CliError(`无法写入「${file}」：${failed.message}`, ExitCode.Usage);
  };
  check();
  return {
    write: async (f) => {
      check();
      if (!out.write(JSON.stringify(f) + "\n")) await once(out, "drain");
    },
    close: async () => {
      out.end();
      await once(out, "finish").catch(() => undefined);
      check();
    },
  };
}

/** Adds the `diff` command; `setCode` receives the exit code (main's convention). */
export function registerDiff(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command("diff")
    .usage("<旧> <新> [选项]")
    .description("比较两个政策版本：条文变化、按负担精确到分的金额影响、最小示例；可用理赔数据估算总影响")
    .argument("<旧>", "政策文件、地区文件夹加日期（policies/营口市@2024-06-01）或 git 版本:路径（HEAD~1:policies/营口市/2023-01-01.jz）")
    .argument("<新>", "同上")
    .option("--claims <文件>", "理赔数据（.json、.jsonl、.csv；- 为标准输入），两版各算一遍并汇总")
    .option("--input-format <格式>", "理赔数据格式：json、jsonl 或 csv（默认按扩展名）")
    .option("--encoding <编码>", "理赔数据的编码：utf-8 或 gb18030（默认自动识别）")
    .option("--ignore-column <名称>", "理赔数据中不属于政策的列，不再提示（可重复）", collect, [])
    .option("--format <格式>", "输出格式：text（默认）、markdown、json 或 html（独立的网页文件，含曲线图，可打印）")
    .option("--failures <文件>", "把每条不能计算的记录（版本、原因）逐行写成 JSONL；报告中只列前 20 条")
    .option("--engine <引擎>", "理赔数据的计算引擎：interpreter（默认，参考解释器）或 compiled（编译模块，适合大文件）")
    .action(async (oldSpec: string, newSpec: string, opts: DiffOptions) => {
      setCode(await diffCommand(oldSpec, newSpec, opts, io));
    });
}
