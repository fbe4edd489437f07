/**
 * Everything the workbench computes about an edited policy, as pure functions of the site data and
 * the edits: the same parser, checker, coverage, calc loop, example tables, 保证 check and diff as
 * the CLI. Runs in the page's Web Worker (worker.ts) and in Node tests alike; no node: imports of
 * its own (cli/input/readers.ts pulls some in: the bundle aliases them, see build.ts).
 */
import { parsePolicy } from "../grammar/index.js";
import type { PolicyAst } from "../grammar/ast.js";
import type { CheckedPolicy } from "../compiler/ir.js";
import { MAIN_CALCULATOR } from "../compiler/ir.js";
import { selectVersion } from "../compiler/versions.js";
import { createInterpreter } from "../compiler/interpreter/index.js";
import { analyse, diagnostics as serviceDiagnostics, type ServiceDiagnostic } from "../compiler/language-service/index.js";
import { classify, collectUses, type Use } from "../compiler/coverage/coverage.js";
import { extractHeadings, type Heading } from "../compiler/coverage/headings.js";
import { checkGuarantee, resultTitle, renderResult } from "../compiler/guarantee/index.js";
import { diffPolicies } from "../compiler/diff/index.js";
import { renderText } from "../compiler/diff/report-text.js";
import { runCalc } from "../cli/calc-loop.js";
import { readBatches, type InputFormat } from "../cli/input/readers.js";
import { parseExampleTable } from "../cli/examples/table.js";
import { checkRegionExamples } from "../cli/examples/index.js";
import { formatFen } from "../cli/output.js";
import type { SiteData, SiteRegion } from "./site-data.js";

/** The served site plus the officer's unsaved edits (file → text). */
export interface Workspace {
  site: SiteData;
  edits: Record<string, string>;
}

export interface CheckedVersion {
  file: string;
  text: string;
  ast: PolicyAst;
  /** absent when the file has errors */
  policy?: CheckedPolicy;
  diagnostics: ServiceDiagnostic[];
}

export const regionOf = (file: string): string => file.split("/")[0]!;
export const textOf = (ws: Workspace, file: string): string | undefined =>
  ws.edits[file] ?? findRegion(ws.site, regionOf(file))?.versions.find((v) => v.file === file)?.text;
export const findRegion = (site: SiteData, name: string): SiteRegion | undefined => site.regions.find((r) => r.name === name);

/** The last analyses by file and text: typing re-checks the edited file (the service caches its base). */
const memo = new Map<string, CheckedVersion>();

/**
 * Parse and check one version as `jiuzhu check` does, through the language service: 基于 reads the
 * base region's version in force on this file's 生效 (compiler/load.ts), with the edits applied.
 */
export function checkVersion(ws: Workspace, file: string, text: string): CheckedVersion {
  const key = `${file}\0${text}\0${baseKey(ws, text)}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const a = analyse(file, text, {
    readBase: (region, _file, effective) => baseText(ws, region, effective ?? ""),
    readSource: (written) => ws.site.sources[written],
  });
  const out: CheckedVersion = { file, text, ast: a.ast, diagnostics: serviceDiagnostics(a) };
  if (a.policy) out.policy = a.policy;
  if (memo.size > 200) memo.clear();
  memo.set(key, out);
  return out;
}

/** The base region's texts (edited or not) as part of the memo key: editing the base re-checks the city. */
function baseKey(ws: Workspace, text: string): string {
  const region = /^基于\s+(\S+)/m.exec(text)?.[1];
  return region ? (findRegion(ws.site, region)?.versions.map((v) => ws.edits[v.file] ?? v.text).join("\0") ?? "") : "";
}

/** The version of `region` in force on `date` (生效 ≤ date < the next version's 生效), as text. */
function baseText(ws: Workspace, region: string, date: string): { file: string; text: string } | undefined {
  const r = findRegion(ws.site, region);
  if (!r) return undefined;
  const dated = r.versions
    .map((v) => {
      const text = ws.edits[v.file] ?? v.text;
      return { file: v.file, text, effective: parsePolicy(v.file, text).ast.header.effective?.date.iso };
    })
    .filter((v) => v.effective !== undefined && v.effective <= date)
    .sort((a, b) => a.effective!.localeCompare(b.effective!));
  const v = dated[dated.length - 1];
  return v ? { file: v.file, text: v.text } : undefined;
}

/** Every version of a region, checked, with 失效 filled in from the next version's 生效 (load.ts). */
export function regionVersions(ws: Workspace, region: string): CheckedVersion[] {
  const r = findRegion(ws.site, region);
  if (!r) return [];
  const out = r.versions.map((v) => checkVersion(ws, v.file, ws.edits[v.file] ?? v.text));
  const dated = out.filter((v) => v.policy).sort((a, b) => a.policy!.meta.effective.localeCompare(b.policy!.meta.effective));
  return out.map((v) => {
    if (!v.policy || v.policy.meta.expires !== null) return v;
    const next = dated[dated.indexOf(v) + 1];
    return next ? { ...v, policy: { ...v.policy, meta: { ...v.policy.meta, expires: next.policy!.meta.effective } } } : v;
  });
}

// ---------------------------------------------------------------- 原文 and coverage

export interface CoverageRow {
  /** index into headings */
  heading: number;
  status: string;
  /** what cites this heading itself: label and 1-based line in the policy */
  uses: { label: string; line: number; citation: string }[];
  via: string[];
  note?: string;
}

export interface CoverageView {
  /** the 原文 line as written; absent when the policy has none */
  source?: string;
  /** the document's text; absent when it is not served */
  text?: string;
  headings: Heading[];
  rows: CoverageRow[];
  from: number;
  to: number;
  note?: string;
  /** citations that name no heading: label, line, id */
  unmatched: { label: string; line: number; id: string }[];
}

/** The coverage table of one file, live: what `jiuzhu coverage` writes to docs/条款覆盖. */
export function coverageOf(ws: Workspace, v: CheckedVersion): CoverageView {
  const source = v.ast.header.source?.text;
  const text = source === undefined ? undefined : ws.site.sources[source];
  if (source === undefined || text === undefined) return { ...(source ? { source } : {}), headings: [], rows: [], from: 0, to: 0, unmatched: [] };
  const extraction = extractHeadings(text.replace(/^\uFEFF/, " "), v.ast.header.docNumber?.text);
  const uses = collectUses(v.ast, v.text);
  const lineOf = (at: number): number => v.text.slice(0, at).split("\n").length;
  const procedural: Use[] = (v.ast.header.procedural ?? []).map((c) => ({ label: "程序性", line: lineOf(c.span.start), citation: c.text, unspecified: false }));
  const { rows, unmatched } = classify(extraction.headings, uses, procedural, baseAnnexes(ws, v.ast, extraction.headings));
  return {
    source,
    text,
    headings: extraction.headings,
    rows: rows.map((r) => ({
      heading: extraction.headings.indexOf(r.heading),
      status: r.status,
      uses: r.direct.map((u) => ({ label: u.label, line: u.line, citation: u.citation })),
      via: r.via,
      ...(r.note ? { note: r.note } : {}),
    })),
    from: extraction.from,
    to: extraction.to,
    ...(extraction.note ? { note: extraction.note } : {}),
    unmatched: unmatched.map((u) => ({ label: u.use.label, line: u.use.line, id: u.id })),
  };
}

/** coverage/index.ts baseAnnexes, from the site's texts: an annex titled with the base policy is covered. */
function baseAnnexes(ws: Workspace, ast: PolicyAst, headings: Heading[]): Map<number, string> {
  const covered = new Map<number, string>();
  const base = ast.header.basedOn?.name;
  const region = base ? findRegion(ws.site, base) : undefined;
  if (!base || !region) return covered;
  for (const v of region.versions) {
    const header = parsePolicy(v.file, ws.edits[v.file] ?? v.text).ast.header;
    const marks = [header.name?.name, header.docNumber?.text].filter((m): m is string => !!m);
    headings.forEach((h, i) => {
      if (h.steps[0]!.kind === "附件" && marks.some((m) => h.text.includes(m))) covered.set(i, `基于 ${base}（${v.file}）`);
    });
  }
  return covered;
}

// ---------------------------------------------------------------- claims

/** The claims' format, as `calc` reads it: `[`/`{` starts JSON(L), anything else is CSV. */
export function claimsFormat(text: string): InputFormat {
  const t = text.trimStart();
  if (t.startsWith("[")) return "json";
  return t.startsWith("{") ? "jsonl" : "csv";
}

/**
 * The lines `jiuzhu calc --explain --engine interpreter` writes for these records, byte for byte:
 * the same calc loop (version by 结算日期, one ledger per 人员编号), the reference interpreter.
 */
export async function calcLines(versions: CheckedPolicy[], text: string, calculator = MAIN_CALCULATOR): Promise<string[]> {
  if (text.trim() === "") return [];
  const lines: string[] = [];
  async function* chunks() {
    yield text.endsWith("\n") ? text : text + "\n";
  }
  try {
    await runCalc(readBatches(chunks(), claimsFormat(text), "记录"), {
      versions,
      calculator,
      explain: true,
      select: selectVersion,
      evaluatorFor: (p) => createInterpreter(p),
    }, (line) => void lines.push(line));
  } catch (e) {
    // a whole-input failure (a .json that does not parse) is the one line shown
    lines.push(JSON.stringify({ 编号: "输入", 错误: e instanceof Error ? e.message : String(e) }));
  }
  return lines;
}

// ---------------------------------------------------------------- example tables and 保证

export interface ExampleView {
  where: string;
  expected: string;
  computed: string;
  ok: boolean;
  mismatches: string[];
  note?: string;
}

/** The region's 例/*.csv on the reference interpreter, as `jiuzhu test` runs them. */
export function examplesOf(ws: Workspace, region: string, versions: CheckedPolicy[]): { rows: ExampleView[]; errors: string[] } {
  const r = findRegion(ws.site, region);
  if (!r || r.examples.length === 0) return { rows: [], errors: [] };
  const tables = r.examples.map((t) => parseExampleTable(t.text, `policies/${t.file}`));
  const report = checkRegionExamples(versions, tables, [{ name: "interpreter", evaluatorFor: (p) => createInterpreter(p) }]);
  return {
    rows: report.results.map((x) => ({
      where: x.row.where,
      expected: x.row.expect.kind === "amount" ? formatFen(x.row.expect.fen) : `${x.row.expect.kind}：${x.row.expect.text}`,
      computed: x.outcome.ok ? formatFen(x.outcome.金额) : `错误：${x.outcome.错误}`,
      ok: x.mismatches.length === 0,
      mismatches: x.mismatches,
      ...(x.row.note ? { note: x.row.note } : {}),
    })),
    errors: report.errors,
  };
}

export interface GuaranteeView {
  title: string;
  status: "holds" | "fails" | "untested";
  /** the report `jiuzhu test` prints for it */
  text: string;
  line: number;
}

/** Every 保证 of the policy, fewer random records than `jiuzhu test` (it reruns on every edit). */
export function guaranteesOf(policy: CheckedPolicy, runs = 300, seed = 20240601): GuaranteeView[] {
  return [...guaranteeViews(policy, runs, seed)];
}

/** One 保证 at a time, so the worker can stop between them when the text changes. */
export function* guaranteeViews(policy: CheckedPolicy, runs = 300, seed = 20240601): Generator<GuaranteeView> {
  if (policy.meta.isBase) return; // a 基础政策 cannot compute alone (checkPolicyGuarantees)
  const evaluator = createInterpreter(policy);
  for (const g of policy.guarantees) {
    const r = checkGuarantee(policy, evaluator, g, { runs, seed });
    yield { title: resultTitle(policy, r), status: r.status, text: renderResult(policy, r), line: g.source?.line ?? 0 };
  }
}

/** `jiuzhu diff` between two versions (text report). */
export function diffText(old: CheckedPolicy, neu: CheckedPolicy): string {
  return renderText(diffPolicies({ policy: old }, { policy: neu }, { witnesses: true }));
}
