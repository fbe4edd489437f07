/** Runs the CLI in-process for the --ledger tests and reads its lines. */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PassThrough, Writable } from "node:stream";
import { main } from "../../cli/main.js";

// better-sqlite3 has no types here (cli/ledger/sqlite.ts types what the CLI uses); tests only read
const Sqlite = createRequire(import.meta.url)("better-sqlite3") as new (
  file: string,
  options: { readonly: boolean },
) => { prepare(sql: string): { all(): unknown[] }; close(): void };

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

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Builds dist/ for the spawned CLI (as e2e.test.ts does), unless JIUZHU_E2E_NO_BUILD=1. */
export function buildCli(): void {
  if (process.env["JIUZHU_E2E_NO_BUILD"] === "1") return;
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], {
    cwd: root,
    stdio: "pipe",
  });
}

/**
 * Runs the built CLI in a child process and kills it with SIGKILL as soon as its first output
 * arrives (with --ledger: after the first batch is committed, while later ones are under way).
 */
export function killMidway(args: string[]): Promise<{ signal: NodeJS.Signals | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "bin", "jiuzhu.js"), ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("close", (_code, signal) => resolve({ signal, stdout }));
  });
}

/** Everything a ledger file holds that money depends on, in a fixed order, to compare two files. */
export function dumpLedger(file: string): string {
  const db = new Sqlite(file, { readonly: true });
  try {
    const claims = db.prepare("SELECT id, person, year, date, amount, line, version, digest FROM claims ORDER BY id").all();
    const ledgers = db.prepare("SELECT person, year, start, state FROM ledgers ORDER BY person, year").all();
    return JSON.stringify({ claims, ledgers });
  } finally {
    db.close();
  }
}

/** Runs the built CLI in a child process to the end. */
export function cli(args: string[]): Ran {
  const r = spawnSync(process.execPath, [join(root, "bin", "jiuzhu.js"), ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 30 });
  const out = r.stdout
    .split("\n")
    .filter((l) => l.startsWith("{") && l.endsWith("}"))
    .map((l) => JSON.parse(l) as Record<string, any>);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, out };
}
