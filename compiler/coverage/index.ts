/**
 * Coverage of policy files against their source documents: reads the files, the 原文 seeds and
 * (for 基于) the base policy's header. The classification itself is pure (coverage.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { hasErrors } from "../diagnostics.js";
import { parsePolicy } from "../../grammar/index.js";
import type { PolicyAst } from "../../grammar/ast.js";
import { classify, collectUses, type Row, type Unmatched, type Use } from "./coverage.js";
import { extractHeadings, type Heading } from "./headings.js";

export type { Row, Status, Unmatched, Use } from "./coverage.js";

/** A policy whose coverage cannot be computed (no 原文, unreadable seed). */
export class CoverageError extends Error {}

export interface VersionCoverage {
  /** as given (relative paths stay relative, so the generated docs do not depend on the machine) */
  file: string;
  region: string;
  effective?: string;
  /** the 原文 line as written */
  source: string;
  /** 1-based lines of the seed that were read, and why only those */
  from: number;
  to: number;
  note?: string;
  rows: Row[];
  unmatched: Unmatched[];
  /** the file has syntax errors: the table may miss what the parser could not read */
  parseFailed: boolean;
}

export interface RegionCoverage {
  region: string;
  versions: VersionCoverage[];
}

export interface CoverageRun {
  regions: RegionCoverage[];
  /** per file, in Chinese */
  errors: string[];
}

export function coverPaths(paths: string[]): CoverageRun {
  const errors: string[] = [];
  const files: string[] = [];
  for (const p of paths) expand(p, files, errors);
  const regions = new Map<string, VersionCoverage[]>();
  for (const file of [...new Set(files)]) {
    try {
      const v = coverFile(file);
      regions.set(v.region, [...(regions.get(v.region) ?? []), v]);
    } catch (e) {
      if (!(e instanceof CoverageError)) throw e;
      errors.push(e.message);
    }
  }
  return {
    regions: [...regions].map(([region, versions]) => ({
      region,
      versions: versions.sort((a, b) => (a.effective ?? "").localeCompare(b.effective ?? "")),
    })),
    errors,
  };
}

export function coverFile(file: string): VersionCoverage {
  const text = read(file, "政策文件");
  const { ast, diagnostics } = parsePolicy(file, text);
  const region = ast.header.region?.name ?? path.basename(path.dirname(file));
  const source = ast.header.source;
  if (!source) throw new CoverageError(`${file}：没有“原文”行，无法读出原文条款（请写 原文 ../shared/seeds/<文件>.txt）`);
  const seed = findSource(file, source.text);
  if (!seed) throw new CoverageError(`${file}：找不到原文「${source.text}」（从政策文件所在文件夹起逐级向上查找）`);
  const extraction = extractHeadings(read(seed, "原文"), ast.header.docNumber?.text);
  const uses = collectUses(ast, text);
  // each entry's own line: 程序性 is written one line per provision
  const lineOf = (at: number): number => text.slice(0, at).split("\n").length;
  const procedural: Use[] = (ast.header.procedural ?? []).map((c) => ({ label: "程序性", line: lineOf(c.span.start), citation: c.text, unspecified: false }));
  const { rows, unmatched } = classify(extraction.headings, uses, procedural, baseAnnexes(file, ast, extraction.headings));
  return {
    file,
    region,
    effective: ast.header.effective?.date.iso,
    source: source.text,
    from: extraction.from,
    to: extraction.to,
    note: extraction.note,
    rows,
    unmatched,
    parseFailed: hasErrors(diagnostics),
  };
}

/**
 * The 原文 path is written relative to the repository (../shared/seeds/… from /work/main), but
 * a policy can be checked from anywhere: try the policy's folder and each folder above it.
 */
export function findSource(file: string, written: string): string | undefined {
  if (path.isAbsolute(written)) return existsSync(written) ? written : undefined;
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const candidate = path.resolve(dir, written);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * A city that forwards its province's document as an annex (济宁 → 山东省) encodes that annex
 * through 基于: the annex heading is covered when its title names the base policy.
 */
function baseAnnexes(file: string, ast: PolicyAst, headings: Heading[]): Map<number, string> {
  const covered = new Map<number, string>();
  const base = ast.header.basedOn?.name;
  if (!base) return covered;
  const dir = path.join(path.dirname(path.dirname(file)), base);
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".jz")).sort();
  } catch {
    return covered;
  }
  for (const name of names) {
    const header = parsePolicy(name, readFileSync(path.join(dir, name), "utf8")).ast.header;
    const marks = [header.name?.name, header.docNumber?.text].filter((m): m is string => !!m);
    headings.forEach((h, i) => {
      if (h.steps[0]!.kind === "附件" && marks.some((m) => h.text.includes(m)))
        covered.set(i, `基于 ${base}（${path.join(dir, name)}，见 ${base}.覆盖表.md）`);
    });
  }
  return covered;
}

function expand(p: string, out: string[], errors: string[]): void {
  let st;
  try {
    st = statSync(p);
  } catch (e) {
    errors.push(`无法读取「${p}」：${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  if (!st.isDirectory()) return void out.push(path.normalize(p));
  for (const name of readdirSync(p).sort()) {
    const child = path.join(p, name);
    if (name.endsWith(".jz") || statSync(child).isDirectory()) expand(child, out, errors);
  }
}

function read(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8").replace(/^\uFEFF/, " ");
  } catch (e) {
    throw new CoverageError(`无法读取${what}「${file}」：${e instanceof Error ? e.message : String(e)}`);
  }
}
