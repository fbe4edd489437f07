/**
 * The built CLI for the claim-input tests. We build into a private folder instead of dist/: the
 * e2e tests rebuild dist/ in parallel, and a spawned CLI must never import a half-written file.
 * JIUZHU_E2E_NO_BUILD=1 (dist/ known fresh) uses the repository's bin/jiuzhu.js as is.
 */
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers.js";

/** Path of a runnable bin/jiuzhu.js (built once per test file). */
export function builtCli(): string {
  if (process.env["JIUZHU_E2E_NO_BUILD"] === "1") return join(ROOT, "bin", "jiuzhu.js");
  const out = join(ROOT, "node_modules", ".cache", "jiuzhu-robustness");
  execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json", "--outDir", join(out, "dist")], {
    cwd: ROOT,
    stdio: "pipe",
  });
  mkdirSync(join(out, "bin"), { recursive: true });
  copyFileSync(join(ROOT, "bin", "jiuzhu.js"), join(out, "bin", "jiuzhu.js"));
  return join(out, "bin", "jiuzhu.js");
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI asynchronously (so several runs can overlap) with `input` on stdin. */
export function runCli(bin: string, args: string[], input = ""): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: ROOT, env: { ...process.env, JIUZHU_DEBUG: "" } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
