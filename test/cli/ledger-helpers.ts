/** Runs the CLI in-process for the --ledger tests and reads its lines. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { main } from "../../cli/main.js";

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout's JSON lines */
  out: Record<string, any>[];
}

export async function jiuzhu(args: string[]): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  const sink = (put: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        put(String(chunk));
        done();
      },
    });
  const stdin = new PassThrough();
  stdin.end();
  const code = await main(args, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    stdin,
  });
  // JSON lines (calc); `ledger show` prints one indented document, read from `stdout`
  const out = stdout
    .split("\n")
    .filter((l) => l.startsWith("{") && l.endsWith("}"))
    .map((l) => JSON.parse(l) as Record<string, any>);
  return { code, stdout, stderr, out };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "jiuzhu-ledger-"));
}

/** Writes records as a .jsonl file in `dir`; returns its path. */
export function jsonl(dir: string, name: string, records: readonly object[]): string {
  const file = join(dir, name);
  writeFileSync(file, records.map((r) => JSON.stringify(r) + "\n").join(""));
  return file;
}

/** 编号 → amount of the lines that have one (救助金额), the 已结算 mark dropped. */
export function amounts(out: readonly Record<string, any>[]): Map<string, string> {
  return new Map(out.filter((l) => l.救助金额 !== undefined).map((l) => [l.编号 as string, l.救助金额 as string]));
}

/** 编号 → the line as computed, without the 已结算 mark: a rerun must give back the same bytes. */
export function linesById(stdout: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of stdout.split("\n")) {
    if (!l.startsWith("{")) continue;
    const plain = l.replace(/,"已结算":true\}$/, "}");
    m.set((JSON.parse(plain) as { 编号: string }).编号, plain);
  }
  return m;
}
