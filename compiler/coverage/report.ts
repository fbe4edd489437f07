/** Markdown coverage tables and the Chinese messages of `jiuzhu coverage`. */
import { existsSync } from "node:fs";
import path from "node:path";
import type { RegionCoverage, Row, Status, Unmatched, VersionCoverage } from "./index.js";

const STATUSES: Status[] = ["已编码", "程序性", "未规定", "未覆盖"];

export function counts(rows: Row[]): Record<Status, number> {
  const c = { 已编码: 0, 程序性: 0, 未规定: 0, 未覆盖: 0 };
  for (const r of rows) c[r.status]++;
  return c;
}

export function countLine(rows: Row[]): string {
  const c = counts(rows);
  return STATUSES.map((s) => `${s} ${c[s]}`).join(" · ");
}

export interface RegionFile {
  region: string;
  /** <out>/<地区>.覆盖表.md, or just the file name without --out */
  path: string;
  text: string;
  rows: Row[];
}

/** What `--out <dir>` writes (the up-to-date test compares it with the files on disk). */
export function regionFiles(regions: RegionCoverage[], out?: string): RegionFile[] {
  return regions.map((r) => {
    const name = `${r.region}.覆盖表.md`;
    const notes = out !== undefined && existsSync(path.join(out, `${r.region}.md`)) ? `${r.region}.md` : undefined;
    return { region: r.region, path: out === undefined ? name : path.join(out, name), text: renderRegion(r, notes), rows: r.versions.flatMap((v) => v.rows) };
  });
}

/** The file docs/条款覆盖/<地区>.覆盖表.md; `notes` links the hand-written <地区>.md when it exists. */
export function renderRegion(region: RegionCoverage, notes?: string): string {
  const out = [
    `# ${region.region} 条款覆盖表`,
    "",
    "由 `jiuzhu coverage` 从原文逐行读出条款标题生成，请勿手改；政策或原文改动后用 `npm run coverage` 刷新。" +
      (notes ? `逐条读法（及未采用的读法）见手写说明 [${notes}](${notes})。` : ""),
    "",
    "状态：已编码（有规则引用本条或其下级条款）· 程序性（列在“程序性”行）· 未规定（只有“未规定”的身份、表行引用）· 未覆盖（以上皆无）。",
  ];
  for (const v of region.versions) out.push("", ...renderVersion(v));
  return out.join("\n") + "\n";
}

function renderVersion(v: VersionCoverage): string[] {
  const base = path.basename(v.file);
  const lines = [
    `## ${slash(v.file)}${v.effective ? `（生效 ${v.effective}）` : ""}`,
    "",
    `原文：\`${v.source}\` 第 ${v.from}–${v.to} 行${v.note ? `（${v.note}）` : ""}。  `,
    `统计：${countLine(v.rows)}${v.parseFailed ? "（政策文件有语法错误，表可能不全：请先运行 jiuzhu check）" : ""}`,
    "",
    "| 条款 | 标题摘要 | 状态 | 编码位置 |",
    "|---|---|---|---|",
  ];
  for (const r of v.rows) lines.push(`| ${cell(r.heading.id)} | ${cell(r.heading.summary)} | ${r.status} | ${cell(where(r, base))} |`);
  if (v.unmatched.length) {
    lines.push("", "依据无法对应原文条款（可能是笔误）：", "");
    for (const u of v.unmatched) lines.push(`- ${cell(unmatchedText(u, base))}`);
  }
  return lines;
}

function where(r: Row, file: string): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const u of r.direct) {
    const text = `${u.label}${u.unspecified ? "（未规定）" : ""}（${file}:${u.line}）`;
    if (!seen.has(text)) (seen.add(text), parts.push(text));
  }
  if (r.via.length) parts.push(`经下级 ${r.via.join("、")}`);
  if (r.listedBy) parts.push(`${r.status === "程序性" ? "" : "另列"}程序性「${r.listedBy.citation}」（${file}:${r.listedBy.line}）`);
  if (r.note) parts.push(r.note);
  return parts.join("；");
}

export function unmatchedText(u: Unmatched, file: string): string {
  const what = u.id ? `原文中没有条款 ${u.id}` : "读不出条款编号";
  return `${file}:${u.use.line} ${u.use.label} 依据「${u.use.citation}」：${what}`;
}

/** stderr lines for --check: every 未覆盖 heading with its text. */
export function renderUncovered(regions: RegionCoverage[]): string {
  const lines: string[] = [];
  for (const r of regions)
    for (const v of r.versions)
      for (const row of v.rows)
        if (row.status === "未覆盖") lines.push(`  ${slash(v.file)}  ${row.heading.id}（原文第 ${row.heading.line} 行）${row.heading.summary}`);
  if (!lines.length) return "";
  return [`未覆盖的条款共 ${lines.length} 条（请编码，或列入“程序性”行）：`, ...lines].join("\n");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

/** Forward slashes, so the generated docs are the same on every system. */
function slash(p: string): string {
  return p.split(path.sep).join("/");
}
