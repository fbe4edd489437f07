/** The terminal report: readable Chinese, one section per question an auditor asks. */
import { plain } from "./format.js";
import { changeLine, examplesText, groupTitle, guaranteeLine, pairTraces, piecesText, sideLine } from "./report-common.js";
import { summaryLines } from "./summary.js";
import type { DiffReport, Moves, PopulationReport, PopulationRow, Witness } from "./types.js";

const yuan = (fen: number) => `${plain(fen)}元`;
const signed = (fen: number) => `${fen > 0 ? "+" : fen < 0 ? "-" : ""}${plain(Math.abs(fen))}元`;

export function renderText(r: DiffReport): string {
  const out: string[] = ["政策语义差异", `  ${sideLine("旧", r.old)}`, `  ${sideLine("新", r.new)}`, ""];
  if (r.equal) {
    out.push("两个版本语义相同：条文、表格与计算结果均无变化。");
    return out.join("\n") + "\n";
  }
  out.push("摘要", ...summaryLines(r).map((l) => `  ${l}`), "");
  const behavioural = r.changes.filter((c) => c.behavioural);
  const other = r.changes.filter((c) => !c.behavioural);
  out.push(`一、条文变化（${r.changes.length} 处，其中影响金额的 ${behavioural.length} 处）`);
  for (const c of behavioural) out.push(`  ${changeLine(c)}`);
  if (other.length) {
    out.push("  不影响金额的变化：");
    for (const c of other) out.push(`    ${changeLine(c)}`);
  }
  out.push("");
  out.push("二、金额影响（单笔理赔，本年度首笔，按负担金额精确到分）");
  if (r.impact.groups.length === 0) out.push("  任何单笔理赔的救助金额都不变。");
  r.impact.groups.forEach((g, i) => {
    out.push(`  ${i + 1}. 【${g.calculator}】${groupTitle(g)}：`);
    out.push(`     ${piecesText(g)}`);
    if (g.examples?.length) out.push(`     ${examplesText(g)}`);
    if (g.witness) out.push(...witnessText(g.witness).map((l) => `     ${l}`));
  });
  for (const n of r.impact.notes) out.push(`  说明：${n}`);
  out.push("  说明：持有多个身份的理赔按就高不重复取各身份中最高者；未列出的身份与情形金额不变。");
  if (r.guarantees?.length) {
    out.push("", "保证（两版各以同一随机种子检验）");
    for (const g of r.guarantees) out.push(`  ${guaranteeLine(g)}`, ...(g.counterexample ? g.counterexample.split("\n").map((l) => `    ${l}`) : []));
  }
  if (r.population) out.push("", ...populationText(r.population));
  return out.join("\n") + "\n";
}

export function witnessText(w: Witness): string[] {
  const amount = (s: Witness["old"]) => (s.amount === null ? `不能计算（${s.error}）` : yuan(s.amount));
  const out = [`最小示例：${JSON.stringify(w.claim)}`, `  旧 ${amount(w.old)} → 新 ${amount(w.new)}`];
  for (const p of pairTraces(w.old.trace, w.new.trace)) {
    if (p.same) out.push(`    ＝ ${p.text}`);
    else out.push(`    旧 ${p.old || "（无此步）"}`, `    新 ${p.new || "（无此步）"}`);
  }
  return out;
}

function rowText(r: PopulationRow): string {
  return `${r.key}：${r.claims} 笔，变化 ${r.changed} 笔，旧 ${yuan(r.oldTotal)} → 新 ${yuan(r.newTotal)}（${signed(r.newTotal - r.oldTotal)}）；多付 ${movesText(r.increases)}；少付 ${movesText(r.decreases)}`;
}

/** "3 笔，合计 +500元，最多 +300元" or "无". */
export function movesText(m: Moves, unit = "笔"): string {
  return m.count ? `${m.count} ${unit}，合计 ${signed(m.sum)}，最多 ${signed(m.largest)}` : "无";
}

export const sideWord = { 新: "只有新版能计算（新增救助）", 旧: "只有旧版能计算（停止救助）" } as const;

export function populationText(p: PopulationReport): string[] {
  const out = ["三、理赔数据影响"];
  out.push(`  共 ${p.records} 条记录，金额变化 ${p.changed} 条；不能计算：旧 ${p.oldErrors} 条、新 ${p.newErrors} 条（两版均不能 ${p.bothErrors} 条）`);
  out.push(`  救助总额：旧 ${yuan(p.oldTotal)} → 新 ${yuan(p.newTotal)}（${signed(p.newTotal - p.oldTotal)}）`);
  out.push(`  两版都能计算的记录：多付 ${movesText(p.increases)}；少付 ${movesText(p.decreases)}`);
  out.push(`  新获救助 ${p.becameEligible} 条，不再获救助 ${p.stoppedEligible} 条`);
  for (const o of p.oneSide) out.push(`  ${sideWord[o.side]}：${o.identity} ${o.claims} 笔，${yuan(o.total)}；另一版：${o.reason}`);
  out.push(`  按人全年（${p.persons.persons} 人）：受益 ${movesText(p.persons.gaining, "人")}；受损 ${movesText(p.persons.losing, "人")}${p.persons.withoutPerson ? `；无人员编号的记录 ${p.persons.withoutPerson} 条` : ""}`);
  out.push("  按身份：", ...p.byIdentity.map((r) => `    ${rowText(r)}`));
  out.push("  按就诊类型：", ...p.byVisitType.map((r) => `    ${rowText(r)}`));
  if (p.largest.length) {
    out.push("  变化最大的理赔：");
    for (const c of p.largest) out.push(`    编号 ${c.编号}${c.人员编号 ? `（人员编号 ${c.人员编号}）` : ""}：${yuan(c.old ?? 0)} → ${yuan(c.new ?? 0)}（${signed(c.delta)}）`);
  }
  if (p.failureReasons.length) {
    out.push("  不能计算的原因：", ...p.failureReasons.map((f) => `    ${f.side}：${f.reason}（${f.count} 条）`));
    out.push(`  前 ${p.failures.length} 条：`, ...p.failures.map((f) => `    第 ${f.no} 条${f.编号 ? `（编号 ${f.编号}）` : ""} ${f.side}：${f.reason}`));
  }
  return out;
}
