/**
 * The executive summary a 局长 reads first (issue 16 §3): what changed in the document's words,
 * who gains and who loses, how much per year in 万元 and how many persons. Derived only from the
 * report itself, so every format says the same thing.
 */
import { roundDiv } from "./format.js";
import { changeLine } from "./report-common.js";
import type { DiffReport, Moves } from "./types.js";

/** 分 → "12.35万元": two decimals, half up (away from zero on the size, the sign kept). */
export function wan(fen: number): string {
  const neg = fen < 0;
  const hundredths = roundDiv(BigInt(Math.abs(fen)), 10_000n); // 0.01万元 = 100元 = 10000分
  const s = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, "0")}`;
  return `${neg && hundredths !== 0n ? "-" : ""}${s}万元`;
}

const signedWan = (fen: number) => (fen > 0 ? `+${wan(fen)}` : wan(fen));
const moves = (m: Moves, what: string) => (m.count ? `${m.count} ${what}，合计 ${signedWan(m.sum)}，最多 ${signedWan(m.largest)}` : `无${what.replace(/^[笔人]/, "")}`);

export interface Summary {
  /** behavioural changes, in the document's words with 依据 */
  changes: string[];
  /** identities that gain or lose on some single claim (from the exact analysis) */
  gain: string[];
  lose: string[];
  /** 预警 whose trigger or scope changed (they move no money, but who is flagged) */
  warnings: string[];
  /** with claims data: money and persons over the file's year(s) */
  money: string[];
}

export function executiveSummary(r: DiffReport): Summary {
  const changes = r.changes.filter((c) => c.behavioural).map(changeLine);
  const gain = new Set<string>();
  const lose = new Set<string>();
  for (const g of r.impact.groups) {
    // a bounded piece is linear: its ends say everything; an unbounded one goes where its slope goes
    const ds = g.pieces.flatMap((p) => [p.deltaFrom, p.deltaTo ?? (p.slopePerYuan.startsWith("-") ? -1 : p.slopePerYuan === "0" ? p.deltaFrom : 1)]);
    if (ds.some((d) => d > 0) || (g.oldError && !g.newError)) g.identities.forEach((i) => gain.add(i));
    if (ds.some((d) => d < 0) || (g.newError && !g.oldError)) g.identities.forEach((i) => lose.add(i));
  }
  const money: string[] = [];
  const broken = (r.guarantees ?? []).filter((g) => g.new === "fails").map((g) => g.name);
  if (broken.length) money.push(`新版不再满足的保证：${broken.join("、")}（反例见下文）`);
  const p = r.population;
  if (p) {
    money.push(`救助总额：旧 ${wan(p.oldTotal)} → 新 ${wan(p.newTotal)}，净 ${signedWan(p.newTotal - p.oldTotal)}（${p.records} 条记录）`);
    const started = p.oneSide.filter((x) => x.side === "新").reduce((s, x) => s + x.total, 0);
    const stopped = p.oneSide.filter((x) => x.side === "旧").reduce((s, x) => s + x.total, 0);
    if (started) money.push(`只有新版能计算的记录（新增救助）：${wan(started)}`);
    if (stopped) money.push(`只有旧版能计算的记录（停止救助）：${wan(stopped)}`);
    money.push(`多付：${moves(p.increases, "笔")}；少付：${moves(p.decreases, "笔")}`);
    money.push(`按人全年：受益 ${moves(p.persons.gaining, "人")}；受损 ${moves(p.persons.losing, "人")}${p.persons.withoutPerson ? `；${p.persons.withoutPerson} 条记录无人员编号，未计入按人统计` : ""}`);
    const failed = p.oldErrors + p.newErrors - p.bothErrors;
    if (failed) money.push(`不能计算的记录 ${failed} 条（旧 ${p.oldErrors}、新 ${p.newErrors}），原因见下文`);
  }
  const warnings = [...new Set(r.changes.filter((c) => c.category === "预警").map((c) => c.path[0]!))];
  return { changes, gain: [...gain], lose: [...lose], warnings, money };
}

/** The summary as plain lines (text and markdown). */
export function summaryLines(r: DiffReport): string[] {
  const s = executiveSummary(r);
  const out = ["变化：", ...s.changes.map((c) => `  ${c}`)];
  out.push(`受益：${s.gain.length ? s.gain.join("、") : "无"}`);
  out.push(`受损：${s.lose.length ? s.lose.join("、") : "无"}`);
  if (s.warnings.length) out.push(`预警变化（不影响金额，改变谁被预警）：${s.warnings.join("、")}`);
  out.push(...s.money);
  return out;
}
