/**
 * The two sides of `jiuzhu diff`: a policy file, a region folder with a day
 * (`policies/营口市@2024-06-01`: the version in force that day), or a git revision and path
 * (`REV:policies/营口市/2023-01-01.jz`, `REV:policies/营口市@2024-06-01`), read with `git show`
 * so no checkout is needed. Anything that cannot be read or does not check is a SideError.
 */
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { parsePolicy } from "../../grammar/index.js";
import { checkPolicy } from "../check.js";
import { Codes, error, hasErrors, type Diagnostic } from "../diagnostics.js";
import type { CheckedPolicy } from "../ir.js";
import { loadPolicyPaths, regionName, selectVersion } from "../load.js";
import { isValidIsoDate } from "../passes/check-dates.js";
import { decodePolicy } from "../policy-text.js";
import { renderDiagnostics } from "../render.js";
import { sideInfo } from "./info.js";
import type { Resolved } from "./types.js";

/** A side that cannot be used: unreadable, not checking, or a bad spec (exit 2). */
export class SideError extends Error {}

const DAY = /^(.*)@(\d{4}-\d{2}-\d{2})$/;

/** `@2023-02-30` would select by string comparison as if it were a day: a real calendar day only. */
function checkDay(spec: string, day: string): void {
  if (!isValidIsoDate(day)) throw new SideError(`「${spec}」：日期 ${day} 不存在，请写实际的日历日期（年-月-日，如 2024-02-29）`);
}

export function resolveSide(spec: string, cwd = process.cwd()): Resolved {
  const git = /^([^:\\/][^:]*):(.+)$/.exec(spec);
  if (git && !existsSync(path.resolve(cwd, spec)) && !/^[A-Za-z]$/.test(git[1]!)) return fromGit(spec, git[1]!, git[2]!, cwd);
  const day = DAY.exec(spec);
  if (day) checkDay(spec, day[2]!);
  const target = path.resolve(cwd, day ? day[1]! : spec);
  if (!existsSync(target)) throw new SideError(`无法读取「${spec}」：文件或文件夹不存在`);
  // the path as given keeps file names in reports independent of where the checkout lives
  const loaded = loadPolicyPaths([cwd === process.cwd() ? (day ? day[1]! : spec) : target]);
  if (loaded.unreadable.length) throw new SideError(loaded.unreadable.map((u) => `无法读取「${u.path}」：${u.message}`).join("\n"));
  if (hasErrors(loaded.diagnostics)) throw notChecking(spec, loaded.diagnostics, loaded.sources);
  const versions = loaded.policies.flatMap((p) => (p.policy ? [p.policy] : []));
  const policy = pick(spec, versions, day?.[2], statSync(target).isDirectory());
  return { info: sideInfo(policy, spec), policy };
}

function pick(spec: string, versions: CheckedPolicy[], day: string | undefined, folder: boolean): CheckedPolicy {
  if (day !== undefined) {
    const v = selectVersion(versions, day);
    if (!v) throw new SideError(`「${spec}」：${day} 没有施行中的版本（已有：${list(versions)}）`);
    return v;
  }
  if (versions.length === 1) return versions[0]!;
  if (versions.length === 0) throw new SideError(`「${spec}」中没有政策文件`);
  throw new SideError(`「${spec}」${folder ? "是有多个版本的文件夹" : "含多个版本"}，请写明日期，例如 ${spec}@${versions[versions.length - 1]!.meta.effective}（已有：${list(versions)}）`);
}

const list = (vs: CheckedPolicy[]) => vs.map((v) => `${v.meta.effective} 起`).join("、");

function notChecking(spec: string, diagnostics: Diagnostic[], sources: Map<string, string>): SideError {
  return new SideError(`${renderDiagnostics(diagnostics, sources)}\n「${spec}」未通过检查，请先用 jiuzhu check 修正`);
}

function git(args: string[], cwd: string, what: string): string;
function git(args: string[], cwd: string, what: string, bytes: true): Buffer;
function git(args: string[], cwd: string, what: string, bytes?: true): string | Buffer {
  try {
    const out = execFileSync("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
    return bytes ? out : out.toString("utf8");
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? (e as Error).message).trim();
    throw new SideError(`无法从 git 读取「${what}」：${stderr}`);
  }
}

/**
 * The commit a revision names, or a SideError. A revision is user text that becomes a git
 * argument: one starting with `-` would be read as an option (`--output=FILE` makes git write a
 * file), so it is refused, and the rest is resolved to a commit id first (`--end-of-options`), so
 * later git calls only ever see a hexadecimal id.
 */
function commitOf(spec: string, rev: string, cwd: string): string {
  if (rev.startsWith("-")) throw new SideError(`「${spec}」：git 版本「${rev}」不能以「-」开头（会被 git 当作选项）；请写提交、分支或标签名，如 HEAD~1:policies/营口市@2024-06-01`);
  try {
    return execFileSync("git", ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch {
    throw new SideError(`无法从 git 读取「${spec}」：「${rev}」不是本仓库中的提交、分支或标签`);
  }
}

/** `REV:folder` names no version: say to add a day, as a folder on disk without one does. */
function refuseFolder(spec: string, commit: string, dir: string, cwd: string): void {
  if (git(["cat-file", "-t", `${commit}:${dir}`], cwd, spec).trim() !== "tree") return;
  const days = git(["ls-tree", "-z", "--name-only", commit, "--", `${dir}/`], cwd, spec)
    .split("\0").map((f) => /(\d{4}-\d{2}-\d{2})\.jz$/.exec(f)?.[1]).filter((d): d is string => d !== undefined).sort();
  const example = days[days.length - 1] ?? "2024-01-01";
  throw new SideError(`「${spec}」是文件夹，请加上日期以选用当天施行的版本，例如 ${spec.replace(/\/+$/, "")}@${example}${days.length ? `（已有：${days.map((d) => `${d} 起`).join("、")}）` : ""}`);
}

/** `REV:file.jz` or `REV:folder@day`; a 基于 base is read from the same revision. */
function fromGit(spec: string, rev: string, rest: string, cwd: string): Resolved {
  const day = DAY.exec(rest);
  if (day) checkDay(spec, day[2]!);
  // names in reports keep the revision as written; git itself is only given the commit id
  const commit = commitOf(spec, rev, cwd);
  if (!day) refuseFolder(spec, commit, rest.replace(/\/+$/, ""), cwd);
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const parse = (file: string) => {
    const name = `${rev}:${file}`;
    // the same decoding as the loader: invalid UTF-8 or UTF-16 is JZ1001, never U+FFFD
    const { text, problem } = decodePolicy(git(["show", `${commit}:${file}`], cwd, name, true));
    sources.set(name, text);
    const r = parsePolicy(name, text);
    if (problem) diagnostics.push(error(Codes.UnknownCharacter, name, { start: problem.offset, end: problem.offset + 1 }, problem.message, problem.notes));
    diagnostics.push(...r.diagnostics);
    return { name, text, ast: r.ast, ok: !problem && !hasErrors(r.diagnostics) };
  };
  const versionsOf = (dir: string) =>
    git(["ls-tree", "-z", "--name-only", commit, "--", `${dir.replace(/\/$/, "")}/`], cwd, `${rev}:${dir}`)
      .split("\0").filter((f) => f.endsWith(".jz")).map(parse);
  const check = (v: ReturnType<typeof parse>, depth = 0): CheckedPolicy | undefined => {
    if (!v.ok || depth > 4) return undefined;
    const basedOn = v.ast.header.basedOn?.name;
    let base: CheckedPolicy | undefined;
    if (basedOn) {
      const bad = regionName(basedOn);
      if (bad) throw new SideError(`「${spec}」：基于「${basedOn}」：${bad}`);
      const date = v.ast.header.effective?.date.iso ?? "";
      const dir = path.posix.join(path.posix.dirname(path.posix.dirname(v.name.slice(rev.length + 1))), basedOn);
      const inForce = inForceOn(versionsOf(dir), date);
      base = inForce && check(inForce, depth + 1);
      if (!base) throw new SideError(`「${spec}」：在 ${rev} 中找不到 ${dir}/ 在 ${date} 有效且通过检查的基础政策`);
    }
    const r = checkPolicy(v.ast, { base, source: v.text });
    diagnostics.push(...r.diagnostics);
    return r.policy;
  };
  const all = day ? versionsOf(day[1]!) : [];
  const chosen = day ? inForceOn(all, day[2]!) : parse(rest);
  if (!chosen) throw new SideError(`「${spec}」：${day![2]} 没有施行中的版本`);
  const checked = check(chosen);
  if (!checked || hasErrors(diagnostics)) throw notChecking(spec, diagnostics, sources);
  // as the loader does: without 失效, a version ends where the next one of its folder begins
  const from = checked.meta.effective;
  const next = all.map((v) => v.ast.header.effective?.date.iso ?? "").filter((d) => d > from).sort()[0];
  const policy = checked.meta.expires === null && next ? { ...checked, meta: { ...checked.meta, expires: next } } : checked;
  return { info: sideInfo(policy, spec), policy };
}

/** The version in force on `date` among parsed files (by their 生效/失效 headers). */
function inForceOn<T extends { ast: { header: { effective?: { date: { iso: string } }; expires?: { date: { iso: string } } } } }>(vs: T[], date: string): T | undefined {
  const dated = vs.filter((v) => v.ast.header.effective).sort((a, b) => a.ast.header.effective!.date.iso.localeCompare(b.ast.header.effective!.date.iso));
  return dated.filter((v, i) => {
    const from = v.ast.header.effective!.date.iso;
    const to = v.ast.header.expires?.date.iso ?? dated[i + 1]?.ast.header.effective!.date.iso;
    return from <= date && (to === undefined || date < to);
  }).pop();
}
