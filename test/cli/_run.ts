/**
 * The CLI run in-process (cli/main.ts `main`) with captured stdout/stderr and an optional stdin:
 * the one harness the CLI tests share, so each test says only what it runs.
 */
import { PassThrough } from "node:stream";
import { main } from "../../cli/main.js";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(args: string[], input = ""): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += String(d)));
  stderr.on("data", (d) => (err += String(d)));
  stdin.end(input);
  const code = await main(args, { stdout, stderr, stdin });
  return { code, out, err };
}
