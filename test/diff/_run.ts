/** Runs `jiuzhu diff` in-process and captures its output (tests only). */
import { PassThrough } from "node:stream";
import { diffCommand, type DiffOptions } from "../../cli/commands/diff.js";
import { CliError } from "../../cli/exit-codes.js";

export async function runDiff(oldSpec: string, newSpec: string, opts: DiffOptions = {}, stdin = ""): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const input = new PassThrough();
  input.end(stdin);
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += d));
  stderr.on("data", (d) => (err += d));
  let code: number;
  try {
    code = await diffCommand(oldSpec, newSpec, opts, { stdout, stderr, stdin: input });
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    err += e.message;
    code = e.exitCode;
  }
  return { code, out, err };
}
