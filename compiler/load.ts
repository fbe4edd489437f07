/**
 * The policy loader: paths (files or folders, recursively) → parsed and checked policies.
 * A region is a folder of versions `policies/<地区>/<生效>.jz`. Versions of one region must not
 * overlap (JZ5006); a version without 失效 ends where the next begins. `基于 山东省` loads the
 * sibling folder `policies/山东省/` and checks the version in force on the city's 生效 date first.
 *
 * A region folder holds only `<生效>.jz` files (the name is the version's 生效) and the officers'
 * case folder `例/`; anything else is a diagnostic (JZ5008/JZ5009), because a file the loader skips
 * silently is a version silently not applied. A file named explicitly (`check 草案.jz`) is loaded
 * on its own: any name ending in .jz, no overlap check with its folder, 基于 still from its parent.
 */
import path from "node:path";
import type { PolicyAst } from "../grammar/ast.js";
import { parsePolicy } from "../grammar/index.js";
import { checkPolicy } from "./check.js";
import { Codes, error, hasErrors, sortDiagnostics, warning, type Diagnostic } from "./diagnostics.js";
import { TracingFs, type FsTrace } from "./fs-trace.js";
import { decodePolicy } from "./policy-text.js";
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
  const diagnostics: Diagnostic[] = [...loader.folderDiagnostics];
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

/** A version file's name: its 生效 date. */
const VERSION_NAME = /^(\d{4}-\d{2}-\d{2})\.jz$/;
/** The officers' case folder inside a region folder. */
const CASES_FOLDER = "例";
const NO_SPAN = { start: 0, end: 0 };

class Loader {
  readonly sources = new Map<string, string>();
  /** bad entries of the region folders read (not tied to one version) */
  readonly folderDiagnostics: Diagnostic[] = [];
  /** files named explicitly: loaded on their own, outside their folder's versions */
  private readonly alone = new Map<string, Version | null | undefined>();
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
    if (!isDir) {
      const file = path.normalize(p);
      this.alone.set(path.resolve(file), undefined); // undefined: not read yet, null: unreadable
      return void out.push(file);
    }
    this.expandFolder(p, out);
  }

  /**
   * A folder with a file named *.jz (any case) is a region folder: its versions. Otherwise it
   * holds region folders (policies/): each sub-folder is expanded (a folder named *.jz is an
   * error: it would be taken for a file), other files are not ours.
   */
  private expandFolder(dir: string, out: string[]): void {
    let names: string[];
    try {
      names = this.fs.readdir(dir);
    } catch (e) {
      this.unreadable.push({ path: dir, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const folders = names.filter((n) => this.safeIsDir(path.join(dir, n)));
    if (names.some((n) => /\.jz$/i.test(n) && !folders.includes(n))) {
      for (const v of this.region(dir)) out.push(path.normalize(v.file));
      return;
    }
    for (const name of folders) {
      const child = path.join(dir, name);
      if (/\.jz$/i.test(name))
        this.folderDiagnostics.push(
          error(Codes.BadPolicyEntry, child, NO_SPAN, `文件夹「${name}」的名字以 .jz 结尾，不能作为政策文件`, [
            "政策文件是文件；地区文件夹请用地区名命名（如 营口市）",
          ]),
        );
      else if (name !== CASES_FOLDER) this.expandFolder(child, out);
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
    const alone = [...this.alone.values()].filter((v): v is Version => !!v);
    return [...this.regions.values()].flat().concat(alone);
  }

  find(file: string): Version | undefined {
    const key = path.resolve(file);
    if (this.alone.has(key)) {
      if (this.alone.get(key) === undefined) this.alone.set(key, this.readAlone(file) ?? null);
      return this.alone.get(key) ?? undefined;
    }
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
      names = this.fs.readdir(dir).filter((n) => this.isVersionEntry(dir, n));
    } catch {
      names = [];
    }
    const versions = names.map((n) => this.read(path.join(dir, n))).filter((v): v is Version => v !== undefined);
    for (const v of versions) fileNameIsEffective(v);
    versions.sort((a, b) => (a.effective ?? "").localeCompare(b.effective ?? ""));
    this.regions.set(key, versions);
    checkOverlaps(versions);
    return versions;
  }

  /**
   * Whether `name` in a region folder is a version file; every other entry but 例/ is reported
   * here, an error when it looks like a version (a .jz name or a folder) and so would be missed.
   */
  private isVersionEntry(dir: string, name: string): boolean {
    const file = path.join(dir, name);
    const isDir = this.safeIsDir(file);
    if (isDir && name === CASES_FOLDER) return false;
    if (!isDir && VERSION_NAME.test(name)) return true;
    if (isDir)
      this.folderDiagnostics.push(
        error(Codes.BadPolicyEntry, file, NO_SPAN, `地区文件夹中不能有文件夹「${name}」`, [
          `地区文件夹 ${dir}/ 中只能有版本文件「生效日期.jz」（如 2024-01-01.jz）和案例文件夹「${CASES_FOLDER}/」`,
        ]),
      );
    else if (/\.jz$/i.test(name))
      this.folderDiagnostics.push(
        error(Codes.BadPolicyEntry, file, NO_SPAN, `文件名「${name}」不是「生效日期.jz」，该文件不会被当作版本加载`, [
          VERSION_NAME.test(name.toLowerCase())
            ? `请改名为 ${name.toLowerCase()}（扩展名小写）`
            : "地区文件夹中的版本文件须以其生效日期命名，如 2024-01-01.jz；草稿请放在地区文件夹之外，用 jiuzhu check 文件名 检查",
        ]),
      );
    else
      this.folderDiagnostics.push(
        warning(Codes.BadPolicyEntry, file, NO_SPAN, `地区文件夹中的「${name}」不是政策文件，已忽略`, [
          "请把说明文档等其他文件放到地区文件夹之外",
        ]),
      );
    return false;
  }

  /** A file named explicitly: any name ending in .jz, read on its own. */
  private readAlone(file: string): Version | undefined {
    const v = this.read(file);
    if (v && !file.endsWith(".jz"))
      v.diagnostics.push(
        error(Codes.BadPolicyEntry, file, NO_SPAN, `「${path.basename(file)}」不是政策文件：政策文件名以 .jz 结尾`, [
          "请把文件改名为以 .jz（小写）结尾",
        ]),
      );
    return v;
  }

  private read(file: string): Version | undefined {
    let decoded;
    try {
      decoded = decodePolicy(this.fs.readFile(file)); // BOM: keep offsets, drop the mark
    } catch (e) {
      this.unreadable.push({ path: file, message: e instanceof Error ? e.message : String(e) });
      return undefined;
    }
    const { text, problem } = decoded;
    this.sources.set(file, text);
    const bad = problem
      ? [error(Codes.UnknownCharacter, file, { start: problem.offset, end: problem.offset + 1 }, problem.message, problem.notes)]
      : [];
    if (problem && text === "")
      return { file, text, parseFailed: true, expires: null, state: "new", diagnostics: bad };
    const { ast, diagnostics } = parsePolicy(file, text);
    const iso = ast.header.effective?.date.iso;
    return {
      file,
      ast,
      text,
      parseFailed: bad.length > 0 || hasErrors(diagnostics),
      effective: iso,
      expires: ast.header.expires?.date.iso ?? null,
      state: "new",
      diagnostics: [...bad, ...diagnostics],
    };
  }

  private check(v: Version, used: Set<string>): void {
    if (v.state !== "new") return;
    v.state = "checking";
    used.add(v.file);
    const ast = v.ast;
    if (!ast) return void (v.state = "done");
    let base: CheckedPolicy | undefined;
    const basedOn = ast.header.basedOn;
    if (basedOn && !v.parseFailed) {
      const found = regionName(basedOn.name) ?? this.base(v, basedOn.name, used);
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

/** Why `name` cannot be a region folder name (基于 looks only inside the policies root), if so. */
export function regionName(name: string): string | undefined {
  if (name === "" || name === "." || name === ".." || /[\\/]/.test(name) || name.includes("\0"))
    return `基于 后面只能写 policies/ 下的一个地区文件夹名（如「山东省」），不能写路径`;
  return undefined;
}

/** JZ5009 when a version file's name is not its 生效: the name is what people read in the folder. */
function fileNameIsEffective(v: Version): void {
  const named = VERSION_NAME.exec(path.basename(v.file))?.[1];
  if (!v.ast || v.effective === undefined || named === v.effective) return;
  v.diagnostics.push(
    error(Codes.FileNameNotEffective, v.file, v.ast.header.effective?.date.span ?? NO_SPAN, `文件名的日期 ${named} 与本版本的生效日期 ${v.effective} 不同`, [
      `请把文件改名为 ${v.effective}.jz，或改正生效日期`,
    ]),
  );
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
