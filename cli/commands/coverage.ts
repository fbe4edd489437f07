/**
 * `jiuzhu coverage <路径...> [--out <目录>] [--check]`: per region, a table of every provision
 * heading of the source document and how the policy treats it (compiler/coverage).
 * Exit 0; 1 with --check when a heading is 未覆盖; 2 when a path, a 原文 or its seed is missing.
 */
import type { Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import { writeText, type Io } from "../io.js";

export interface CoverageOptions {
  out?: string;
  check?: boolean;
}

export async function coverageCommand(paths: string[], options: CoverageOptions, io: Io): Promise<number> {
  // imported when run, so registering the command costs the other commands nothing
  const { coverPaths } = await import("../../compiler/coverage/index.js");
  const { countLine, regionFiles, renderUncovered, unmatchedText } = await import("../../compiler/coverage/report.js");
  const run = coverPaths(paths);
  for (const e of run.errors) writeText(io.stderr, `错误：${e}`);
  for (const r of run.regions)
    for (const v of r.versions)
      for (const u of v.unmatched) writeText(io.stderr, `警告：${unmatchedText(u, v.file)}`);
  const files = regionFiles(run.regions, options.out);
  if (options.out !== undefined) {
    const { mkdirSync, writeFileSync } = await import("node:fs");
    mkdirSync(options.out, { recursive: true });
    for (const f of files) {
      writeFileSync(f.path, f.text);
      writeText(io.stdout, `${f.region}：${countLine(f.rows)} → ${f.path}`);
    }
  } else writeText(io.stdout, files.map((f) => f.text).join("\n"));
  if (run.errors.length) return ExitCode.Usage;
  if (options.check) {
    const uncovered = renderUncovered(run.regions);
    if (uncovered) {
      writeText(io.stderr, uncovered);
      return ExitCode.Findings;
    }
  }
  return ExitCode.Ok;
}

/** Adds the `coverage` command; `setCode` receives the exit code (main's convention). */
export function registerCoverage(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command("coverage")
    .usage("<路径...> [--out <目录>] [--check]")
    .description("条款覆盖表：从原文读出全部条款，逐条标明已编码、程序性、未规定或未覆盖")
    .argument("<路径...>", "政策文件或文件夹（如 policies/）")
    .option("-o, --out <目录>", "写成 <目录>/<地区>.覆盖表.md（默认输出到标准输出）")
    .option("--check", "有未覆盖的条款时退出码为 1（用于 CI）")
    .action(async (paths: string[], opts: CoverageOptions) => {
      setCode(await coverageCommand(paths, opts, io));
    });
}
