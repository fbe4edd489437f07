/**
 * The `jiuzhu` command line: commander wiring only; each command is a thin wrapper in commands/.
 * Command modules are imported when run so `calc` never loads the code generator (ts-morph,
 * prettier, TypeScript). Every failure ends as an exit code, never as a raw stack trace.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError, Option } from "commander";
import type { CalcOptions } from "./commands/calc.js";
import type { CompileOptions } from "./commands/compile.js";
import { displayWidth } from "../compiler/width.js";
import { collect, registerDiff } from "./commands/diff.js"; // light: compiler/diff loads only when diff runs
import { registerCoverage } from "./commands/coverage.js"; // light: compiler/coverage loads only when coverage runs
import { registerTest } from "./commands/test.js"; // light too: compiler/guarantee loads only when test runs
import { registerLedger } from "./commands/ledger.js"; // light: SQLite loads only when ledger runs
import { registerWorkbench } from "./commands/workbench.js"; // light: the server and bundle load only when it runs
import { setCacheWarningSink } from "../compiler/cache-warnings.js"; // light: no compiler behind it
import { CliError, ExitCode } from "./exit-codes.js";
import { outputFailure } from "./output-errors.js";
import { nearMiss } from "../runtime/suggest.js";
import { processIo, writeText, type Io } from "./io.js";

const TITLES: Record<string, string> = {
  "Usage:": "用法：",
  "Arguments:": "参数：",
  "Options:": "选项：",
  "Commands:": "命令：",
  "Global Options:": "全局选项：",
};

function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command("jiuzhu")
    .description("医疗救助政策即代码：检查、编译医疗救助政策文件，并按政策计算救助金额")
    .version(packageVersion(), "-V, --version", "显示版本号")
    .helpOption("-h, --help", "显示帮助")
    .helpCommand("help [命令]", "显示某个命令的帮助")
    .usage("[选项] [命令]")
    .configureHelp({ styleTitle: (title) => TITLES[title] ?? title,
      subcommandTerm: (cmd) => `${cmd.name()} ${cmd.usage()}`,
      displayWidth,
    })
    .addHelpText("after", "\n退出码：0 成功；1 有问题（错误诊断、无法计算的记录）；\n        2 用法错误、无法读取输入、政策未通过检查或内部错误")
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => {}, // printed in Chinese by run() from the CommanderError
    })
    .exitOverride()
    .showSuggestionAfterError(false);

  program
    .command("fmt")
    .usage("[选项] <路径...>")
    .description("把政策文件排成统一格式（表格按显示宽度对齐）；「-」读标准输入、写标准输出")
    .argument("<路径...>", "政策文件或文件夹，或「-」")
    .option("--check", "只检查：逐行列出需要格式化的文件；退出码 0 无需改动，1 有文件需改动，2 有文件无法解析")
    .action(async (paths: string[], options: { check?: boolean }) => {
      const { fmtCommand } = await import("./commands/fmt.js");
      setCode(await fmtCommand(paths, options, io));
    });

  program
    .command("lsp")
    .description("启动语言服务器（供编辑器使用，如 VS Code 扩展）")
    .option("--stdio", "经标准输入输出通信（默认）")
    .action(async () => {
      const { lspCommand } = await import("./commands/lsp.js");
      setCode(await lspCommand());
    });

  program
    .command("check")
    .usage("<路径...>")
    .description("检查政策文件，在标准错误输出上报告问题")
    .argument("<路径...>", "政策文件或文件夹（如 policies/营口市）")
    .action(async (paths: string[]) => {
      const { checkCommand } = await import("./commands/check.js");
      setCode(await checkCommand(paths, io));
    });

  program
    .command("compile")
    .usage("<路径> -o <目录>")
    .description("把政策的每个版本编译为 TypeScript 模块和 JS")
    .argument("<路径>", "政策文件或地区文件夹")
    .requiredOption("-o, --out <目录>", "输出目录（不存在、空的或 jiuzhu 生成过的）")
    .option("--force", "输出目录已存在且不是 jiuzhu 生成的时仍然写入（覆盖其中的 package.json 和 runtime/）")
    .option("--name <包名>", "输出包的 npm 包名（英文小写，如 yingkou-jiuzhu）")
    .option("--emit-ts", "同时输出 .ts 源文件（默认只输出 .js 与 .d.ts）")
    .option("--ascii-names", "模块文件名用 v<生效日期>，不用中文地区名")
    .action(async (path: string, opts: CompileOptions) => {
      const { compileCommand } = await import("./commands/compile.js");
      setCode(await compileCommand(path, opts, io));
    });

  program
    .command("calc")
    .usage("--policy <路径> [选项] <记录文件>")
    .description("按政策计算就诊记录，每条记录输出一行 JSON")
    .argument("[记录文件]", "就诊记录文件（.json .jsonl .csv）；- 为标准输入（只冲正时可省略）")
    .requiredOption("-p, --policy <路径>", "政策文件或地区文件夹（按结算日期选用施行中的版本）")
    .option("-c, --calculator <名称>", "计算器名称（默认 医疗救助；如 资助参保）")
    .option("-e, --explain", "输出计算过程")
    .option("--show-inapplicable", "计算过程中也列出不适用的项目（默认省略；明细仍列出每个项目）")
    .option("-f, --format <格式>", "输出格式：jsonl（默认，每条记录一行）、json（一个数组）或 csv")
    .option("--input-format <格式>", "输入格式：json、jsonl 或 csv（默认按扩展名）")
    .option("--encoding <编码>", "输入编码：utf-8 或 gb18030（默认自动识别：UTF-8，否则按 GB18030 并提示）")
    .option("--ignore-column <名称>", "记录中不属于政策的列，不再提示（可重复）", collect, [])
    .option("--ledger <账本文件>", "跨批次结算：年度累计保存在此 SQLite 文件中，重跑不重复结算")
    .option("--reverse <编号>", "冲正已结算的记录（多个用逗号分隔），重算同一人员其后的记录并输出更正行")
    .option("--ledger-cache <人数>", "内存中保留的人员账本数（默认 100000）")
    .addOption(
      // hidden: for debugging and cross-checks against the compiled modules
      new Option("--engine <引擎>", "compiled 或 interpreter").hideHelp(),
    )
    .action(async (claims: string | undefined, opts: Record<string, unknown>) => {
      const { calcCommand } = await import("./commands/calc.js");
      setCode(await calcCommand(claims, opts as unknown as CalcOptions, io));
    });

  registerDiff(program, io, setCode);
  registerCoverage(program, io, setCode);
  registerTest(program, io, setCode);
  registerLedger(program, io, setCode);
  registerWorkbench(program, io, setCode);

  return program;
}

/** Runs the CLI on user arguments (without `node` and the script) and returns the exit code. */
export async function main(args: string[], io: Io = processIo): Promise<number> {
  let code: number = ExitCode.Ok;
  setCacheWarningSink((line) => writeText(io.stderr, line)); // a bad cache is said once, on this run's stderr
  const program = buildProgram(io, (c) => (code = c));
  try {
    if (args.length === 0) {
      program.outputHelp({ error: true });
      return ExitCode.Usage;
    }
    await program.parseAsync(args, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return ExitCode.Ok;
      if (e.code !== "commander.help") writeText(io.stderr, `用法错误：${translate(e, program)}\n运行 jiuzhu --help 查看用法`);
      return ExitCode.Usage;
    }
    if (e instanceof CliError) {
      writeText(io.stderr, e.message); // empty for a closed pipe: stop quietly
      return e.exitCode;
    }
    const err = e as Error;
    writeText(io.stderr, `内部错误（请报告）：${err?.message ?? String(e)}`);
    if (process.env["JIUZHU_DEBUG"] === "1" && err?.stack) writeText(io.stderr, err.stack);
    return ExitCode.Usage;
  }
}

/** commander's English usage errors, in Chinese. */
function translate(e: CommanderError, program: Command): string {
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? "";
  switch (e.code) {
    case "commander.unknownOption":
      return `未知选项「${quoted}」`;
    case "commander.unknownCommand":
    {
      const names = program.commands.map((c) => c.name());
      const near = nearMiss(quoted, names);
      return `未知命令「${quoted}」${near ? `，您是否想写「${near}」？` : ""}（可用命令：${names.join("、")}）`;
    }
    case "commander.missingArgument":
      return `缺少参数「${quoted}」`;
    case "commander.optionMissingArgument":
      return `选项「${quoted}」缺少值`;
    case "commander.missingMandatoryOptionValue":
      return `缺少必需的选项「${quoted}」`;
    case "commander.excessArguments":
      return "参数过多";
    default:
      return e.message.replace(/^error:\s*/, "");
  }
}

/** Version from package.json, found from both cli/ (tests) and dist/cli/ (installed). */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      dir = dirname(dir);
    }
  }
  return "0.0.0";
}

/** Entry point for bin/jiuzhu.js: sets the exit code and lets pending output drain. */
export async function run(): Promise<void> {
  // errors outside main's try (stream callbacks, timers) still end as an internal error, no stack
  const crash = (e: unknown) => {
    const err = e as Error;
    process.stderr.write(`内部错误（请报告）：${err?.message ?? String(e)}\n`);
    if (process.env["JIUZHU_DEBUG"] === "1" && err?.stack) process.stderr.write(err.stack + "\n");
    process.exit(ExitCode.Usage);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  // `jiuzhu calc … | head` closes stdout early: stop quietly instead of crashing on EPIPE
  // (exit 2: the output is incomplete), and a full disk says so instead of an internal error
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") process.stderr.write(outputFailure(e) + "\n");
    process.exit(ExitCode.Usage);
  });
  process.exitCode = await main(process.argv.slice(2));
}
