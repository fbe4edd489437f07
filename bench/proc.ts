/**
 * Runs a Node program as a child process with stdout to a file and measures its wall time and
 * peak RSS: with `/usr/bin/time -v` when present (the kernel's number, whole process), else via a
 * preloaded probe printing process.resourceUsage().maxRSS at exit.
 */
import { spawn } from "node:child_process";
import { existsSync, openSync, closeSync, writeFileSync } from "node:fs";
import path from "node:path";
import os from "node:os";

export interface RunStats {
  wallMs: number;
  peakRssMb: number;
  code: number;
  rssBy: "/usr/bin/time -v" | "process.resourceUsage";
}

const TIME = "/usr/bin/time";
const MARK = "jiuzhu-bench-maxrss-kb=";

function probe(): string {
  const file = path.join(os.tmpdir(), "jiuzhu-bench-rss-probe.mjs");
  writeFileSync(
    file,
    `process.on("exit", () => process.stderr.write("\\n${MARK}" + process.resourceUsage().maxRSS + "\\n"));\n`,
  );
  return file;
}

/** `node <nodeArgs> <args>` with stdout written to `stdoutFile`. */
export async function runNode(
  nodeArgs: string[],
  args: string[],
  stdoutFile: string,
  cwd: string,
): Promise<RunStats> {
  const useTime = existsSync(TIME);
  const argv = useTime
    ? ["-v", process.execPath, ...nodeArgs, ...args]
    : [...nodeArgs, "--import", probe(), ...args];
  const out = openSync(stdoutFile, "w");
  const t0 = performance.now();
  let stderr = "";
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(useTime ? TIME : process.execPath, argv, {
      cwd,
      stdio: ["ignore", out, "pipe"],
    });
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (c) => resolve(c ?? -1));
  });
  const wallMs = performance.now() - t0;
  closeSync(out);
  const kb = useTime
    ? /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]
    : new RegExp(MARK + "(\\d+)").exec(stderr)?.[1];
  if (kb === undefined) throw new Error(`no peak RSS from child (exit ${code}):\n${stderr}`);
  if (code !== 0 && code !== 1) throw new Error(`child failed (exit ${code}):\n${stderr}`);
  return {
    wallMs,
    peakRssMb: Number(kb) / 1024,
    code,
    rssBy: useTime ? "/usr/bin/time -v" : "process.resourceUsage",
  };
}
