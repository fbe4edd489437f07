/** Shared by the 保证 tests: policies in temporary folders, loading, and the CLI in-process. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../cli/main.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { loadPolicyPaths } from "../../compiler/load.js";

/** Writes files under a fresh temporary root; returns the root. */
export function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "jiuzhu-guarantee-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** A copy of a real policy file with `lines` appended (its region folder name kept). */
export function realWith(file: string, lines: string[]): string {
  const root = tree({});
  const copy = path.join(root, path.basename(path.dirname(file)), path.basename(file));
  mkdirSync(path.dirname(copy), { recursive: true });
  copyFileSync(file, copy);
  writeFileSync(copy, readFileSync(copy, "utf8") + "\n" + lines.join("\n") + "\n");
  return copy;
}

export function load(file: string): CheckedPolicy {
  const r = loadPolicyPaths([file]);
  const p = r.policies.find((x) => x.policy)?.policy;
  if (!p) throw new Error(`${file} does not check: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return p;
}

/** The smallest policy: one identity, one item at 70% of 个人负担, on every visit type. */
export const TINY = `政策 试点办法
地区 试点市
生效 2023-01-01 依据 第一条
身份 低保对象 依据 第二条
救助项目 住院救助 依据 第三条
  基数 个人负担
  | 身份     | 比例 |
  | 低保对象 | 70%  |
保证 不超过个人负担：救助金额 <= 个人负担
`;

export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += String(d)));
  stderr.on("data", (d) => (err += String(d)));
  const code = await main(args, { stdout, stderr, stdin: new PassThrough() });
  return { code, out, err };
}

/** More runs under `npm run test:deep`. */
export const RUNS = process.env["JIUZHU_DEEP"] === "1" ? 5000 : 400;
