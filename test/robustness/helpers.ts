/**
 * Shared by the robustness tests: the real policies (so a new region is fuzzed without touching
 * the tests), parse+check with the base a 基于 needs, and the invariants every diagnostic keeps.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parsePolicy } from "../../grammar/index.js";
import { checkPolicy } from "../../compiler/check.js";
import { loadPolicyPaths } from "../../compiler/load.js";
import type { Diagnostic } from "../../compiler/diagnostics.js";
import type { CheckedPolicy } from "../../compiler/ir.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const POLICIES = join(ROOT, "policies");

/** Exhaustive runs: `npm run test:deep` sets JIUZHU_DEEP=1. */
export const DEEP = process.env["JIUZHU_DEEP"] === "1";

export interface RealPolicy {
  region: string;
  /** policies/<地区>/<生效>.jz, the name diagnostics carry */
  file: string;
  text: string;
}

/** Every version of every region under policies/. */
export function realPolicies(): RealPolicy[] {
  const out: RealPolicy[] = [];
  for (const region of readdirSync(POLICIES).sort()) {
    for (const f of readdirSync(join(POLICIES, region)).sort()) {
      if (!f.endsWith(".jz")) continue;
      const file = `policies/${region}/${f}`;
      out.push({ region, file, text: readFileSync(join(ROOT, file), "utf8") });
    }
  }
  return out;
}

const bases = new Map<string, CheckedPolicy | undefined>();

/** The checked base of `基于 <region>` (first version of that folder), loaded once. */
export function baseOf(region: string): CheckedPolicy | undefined {
  if (!bases.has(region)) {
    let base: CheckedPolicy | undefined;
    if (readdirSync(POLICIES).includes(region)) base = loadPolicyPaths([join(POLICIES, region)]).policies[0]?.policy;
    bases.set(region, base);
  }
  return bases.get(region);
}

/** Parse and check as the loader would, with the base when the (possibly mutated) text names one. */
export function parseAndCheck(file: string, text: string) {
  const parsed = parsePolicy(file, text);
  const basedOn = parsed.ast.header.basedOn?.name;
  const base = basedOn !== undefined && /^[\p{L}\p{N}]+$/u.test(basedOn) ? baseOf(basedOn) : undefined;
  const checked = checkPolicy(parsed.ast, { source: text, ...(base ? { base } : {}) });
  return { parsed, checked, base };
}

const CJK = /[\u3400-\u9fff]/;

/**
 * What is wrong with a list of diagnostics for `text` (empty = nothing). A JZ9001 is a crash the
 * parser or checker caught: a bug, never a valid answer. Diagnostics about the base policy's file
 * are measured against that file. `placeholders`: the AST came from a failed parse, so names may
 * be the parser's empty stand-ins.
 */
export function diagnosticProblems(ds: Diagnostic[], file: string, text: string, options: { placeholders?: boolean } = {}): string[] {
  const problems: string[] = [];
  for (const d of ds) {
    const where = `${d.code} ${JSON.stringify(d.message)} @${d.span?.start}-${d.span?.end}`;
    if (!/^JZ\d{4}$/.test(d.code)) problems.push(`bad code: ${where}`);
    if (d.code === "JZ9001") problems.push(`internal error: ${where} ${String(d.notes).slice(0, 500)}`);
    if (!["错误", "警告", "提示"].includes(d.severity)) problems.push(`bad severity ${d.severity}: ${where}`);
    if (typeof d.message !== "string" || !CJK.test(d.message)) problems.push(`message not Chinese: ${where}`);
    // an invisible character (JZ1001) may show as blank; a name never should (unless the text
    // there holds quote marks itself: 表头「身份「」 quotes the cell 身份「)
    const quotes = d.span ? /[「」]/.test(text.slice(d.span.start, d.span.end)) : false;
    const blank = d.code !== "JZ1001" && !options.placeholders && !quotes && /「\s*」/.test(d.message);
    if (blank) problems.push(`message names an empty name: ${where}`);
    if (!Array.isArray(d.notes) || d.notes.some((n) => typeof n !== "string")) problems.push(`bad notes: ${where}`);
    const own = d.file === file;
    const length = own ? text.length : baseLength(d.file);
    if (length === undefined) problems.push(`unknown file ${JSON.stringify(d.file)}: ${where}`);
    const s = d.span;
    const ok = s && Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end;
    if (!ok || (length !== undefined && s.end > length)) problems.push(`bad span (length ${length}): ${where}`);
  }
  return problems;
}

/** Length of a real policy file a diagnostic may point into (a base of 基于). */
function baseLength(file: string): number | undefined {
  try {
    return file.startsWith("policies/") || file.startsWith(POLICIES) ? readFileSync(file.startsWith("/") ? file : join(ROOT, file), "utf8").length : undefined;
  } catch {
    return undefined;
  }
}

export interface Region {
  region: string;
  dir: string;
  versions: CheckedPolicy[];
  /** error diagnostics of loading the region: a region that does not load is kept, to fail loudly */
  problems: string[];
}

/** Every region that computes on its own (a 基础政策 such as 山东省 answers nothing by itself). */
export function computableRegions(): Region[] {
  return readdirSync(POLICIES)
    .sort()
    .map((region) => {
      const loaded = loadPolicyPaths([join(POLICIES, region)]);
      const versions = loaded.policies.flatMap((v) => (v.policy ? [v.policy] : []));
      const problems = loaded.diagnostics.filter((d) => d.severity === "错误").map((d) => `${d.file}: ${d.code} ${d.message}`);
      return { region, dir: join(POLICIES, region), versions, problems };
    })
    .filter((r) => r.problems.length > 0 || r.versions.some((v) => !v.meta.isBase));
}

/** The region's first version, or a failure naming why it did not load. */
export function firstVersion(r: Region): CheckedPolicy {
  if (r.problems.length > 0 || !r.versions[0]) throw new Error(`${r.region} does not load:\n${r.problems.join("\n")}`);
  return r.versions[0];
}

/** `fn`'s result and how long it took, in ms. */
export function timed<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}
