/**
 * The policy loader: paths (files or folders, recursively) → parsed and checked policies.
 * A region is a folder of versions `policies/<地区>/<生效>.jz`. Versions of one region must not
 * overlap (JZ5006); a version without 失效 ends where the next begins. `基于 山东省` loads the
 * sibling folder `policies/山东省/` and checks the version in force on the city's 生效 date first.
 */
import path from "node:path";
import type { PolicyAst } from "../grammar/ast.js";
import { parsePolicy } from "../grammar/index.js";
import { checkPolicy } from "./check.js";
import { Codes, error, hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { policyText, TracingFs, type FsTrace } from "./fs-trace.js";
import type { CheckedPolicy } from "./ir.js";

export interface LoadResult {
  policies: { file: string; policy?: CheckedPolicy }[];
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  unreadable: { path: string; message: string }[];
  /** Everything the load looked at, for the checked-policy cache; absent if files changed meanwhile. */
  reads?: FsTrace;
}

export { selectVersion } from "./versions.js";

interface Version {
  file: string;
  ast?: PolicyAst;
  text?: string;
  parseFailed: boolean;
  /** 生效 and the first day not in force (written 失效, else the next version's 生效) */
  effective?: string;
  expires: string | null;
  state: "new" | "checking" | "done";
  policy?: CheckedPolicy;
  diagnostics: Diagnostic[];
}

export function loadPolicyPaths(paths: string[]): LoadResult {
  const loader = new Loader();
  const requested: string[] = [];
  for (const p of paths) loader.expand(p, requested);
  const files = [...new Set(requested)];
  const used = new Set<string>(files);
  for (const f of files) loader.version(f, used);
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const reads = loader.fs.trace();
  for (const v of loader.allVersions())
    if (used.has(v.file))
      for (const d of v.diagnostics) {
        // the parser and the checker may both report e.g. JZ1003 at the same place: say it once
        const key = `${d.code}|${d.file}|${d.span.start}|${d.span.end}`;
        if (!seen.has(key)) (diagnostics.push(d), seen.add(key));
      }
  return {
    policies: files.map((file) => {
      const policy = loader.find(file)?.policy;
      return policy ? { file, policy } : { file };
    }),
    diagnostics: sortDiagnostics(diagnostics),
    sources: loader.sources,
    unreadable: loader.unreadable,
    ...(reads ? { reads } : {}),
  };
}

class Loader {
  readonly sources = new Map<string, string>();
  readonly unreadable: { path: string; message: string }[] = [];
  /** every file system call goes through here, so the load can be replayed (fs-trace.ts) */
  readonly fs = new TracingFs();
  /** resolved folder → its versions sorted by 生效 */
  private readonly regions = new Map<string, Version[]>();

  expand(p: string, out: string[]): void {
    let isDir;
    try {
      isDir = this.fs.isDirectory(p);
    } catch (e) {
      this.unreadable.push({ path: p, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (!isDir) return void out.push(path.normalize(p));
    for (const name of this.fs.readdir(p)) {
      const child = path.join(p, name);
      if (name.endsWith(".jz") || this.safeIsDir(child)) this.expand(child, out);
    }
  }

  private safeIsDir(p: string): boolean {
    try {
      return this.fs.isDirectory(p);
    } catch {
      return false;
    }
  }

  allVersions(): Version[] {
    return [...this.regions.values()].flat();
  }

  find(file: string): Version | undefined {
    this.region(path.dirname(file));
    return this.regions.get(path.resolve(path.dirname(file)))?.find((v) => path.resolve(v.file) === path.resolve(file));
  }

  /** Checks one file (and what it depends on), recording every file it used. */
  version(file: string, used: Set<string>): Version | undefined {
    const v = this.find(file);
    if (v) this.check(v, used);
    return v;
  }

  /** Reads and parses every version of a folder once; versions are checked on demand. */
  region(dir: string): Version[] {
    const key = path.resolve(dir);
    const known = this.regions.get(key);
    if (known) return known;
    let names: string[] = [];
    try {
      names = this.fs.readdir(dir).filter((n) => n.endsWith(".jz"));
    } catch {
      names = [];
    }
    const versions = names.map((n) => this.read(path.join(dir, n))).filter((v): v is Version => v !== undefined);
    versions.sort((a, b) => (a.effective ?? "").localeCompare(b.effective ?? ""));
    this.regions.set(key, versions);
    checkOverlaps(versions);
    return versions;
  }

  private read(file: string): Version | undefined {
    let text: string;
    try {
      text = policyText(this.fs.readFile(file)); // BOM: keep offsets, drop the mark
    } catch (e) {
      this.unreadable.push({ path: file, message: e instanceof Error ? e.message : String(e) });
      return undefined;
    }
    this.sources.set(file, text);
    const { ast, diagnostics } = parsePolicy(file, text);
    const iso = ast.header.effective?.date.iso;
    return {
      file,
      ast,
      text,
      parseFailed: hasErrors(diagnostics),
      effective: iso,
      expires: ast.header.expires?.date.iso ?? null,
      state: "new",
      diagnostics: [...diagnostics],
    };
  }

  private check(v: Version, used: Set<string>): void {
    if (v.state !== "new") return;
    v.state = "checking";
    used.add(v.file);
    const ast = v.ast!;
    let base: CheckedPolicy | undefined;
    const basedOn = ast.header.basedOn;
    if (basedOn && !v.parseFailed) {
      const found = this.base(v, basedOn.name, used);
      if (typeof found === "string") {
        v.diagnostics.push(
          error(Codes.BasePolicyNotFound, v.file, basedOn.span, `无法使用基础政策「${basedOn.name}」`, [found]),
        );
        v.state = "done";
        return;
      }
      base = found;
    }
    if (!v.parseFailed) {
      const r = checkPolicy(ast, { base, source: v.text });
      v.diagnostics.push(...r.diagnostics);
      if (r.policy) v.policy = { ...r.policy, meta: { ...r.policy.meta, expires: v.expires } };
    }
    v.state = "done";
  }

  /** The checked base version in force on the city's 生效, or why there is none. */
  private base(city: Version, region: string, used: Set<string>): CheckedPolicy | string {
    const dir = path.join(path.dirname(path.dirname(city.file)), region);
    const versions = this.region(dir);
    if (!versions.length) return `找不到文件夹 ${dir}/ 中的政策版本；基于 后面写 policies/ 下的地区文件夹名`;
    const date = city.effective ?? "";
    const inForce = versions
      .filter((b) => b.effective !== undefined && b.effective <= date && (b.expires === null || date < b.expires))
      .pop();
    if (!inForce)
      return `${dir}/ 中没有在 ${date} 有效的版本（已有：${versions.map((b) => b.effective ?? "?").join("、")}）`;
    if (inForce.state === "checking") return `基于 形成循环：${inForce.file} 又基于本政策`;
    this.check(inForce, used);
    if (!inForce.policy) return `基础政策 ${inForce.file} 未通过检查，请先修正它`;
    return inForce.policy;
  }
}

/** JZ5006 for versions whose periods overlap; fills in expires from the next version's 生效. */
function checkOverlaps(versions: Version[]): void {
  const dated = versions.filter((v) => v.effective !== undefined);
  for (let i = 0; i + 1 < dated.length; i++) {
    const cur = dated[i]!;
    const next = dated[i + 1]!;
    const span = next.ast?.header.effective?.date.span ?? { start: 0, end: 0 };
    if (cur.effective === next.effective || (cur.expires !== null && cur.expires > next.effective!)) {
      next.diagnostics.push(
        error(Codes.VersionOverlap, next.file, span, `本版本与 ${cur.file} 的有效期重叠`, [
          `${cur.file} 自 ${cur.effective} 生效${cur.expires ? `，至 ${cur.expires} 失效` : ""}；同一地区同一天只能有一个版本有效`,
          "请修改其中一个版本的生效或失效日期",
        ]),
      );
    }
    if (cur.expires === null) cur.expires = next.effective!;
  }
}
