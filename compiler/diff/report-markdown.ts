/** The audit report: markdown tables with citations, for filing with the review. */
import { citeBoth, plain } from "./format.js";
import { deltaText, examplesText, guaranteeLine, inForce, pairTraces, rangeText } from "./report-common.js";
import { summaryLines } from "./summary.js";
import { movesText, sideWord } from "./report-text.js";
import type { DiffReport, StructuralChange } from "./types.js";

const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const yuan = (fen: number) => `${plain(fen)}元`;
const kind = { added: "新增", removed: "删除", changed: "修改" } as const;

export function renderMarkdown(r: DiffReport): string {
  const out: string[] = [`# 政策语义差异：${esc(r.new.name)}`, ""];
  out.push("| | 版本 | 文号 | 施行 |", "|---|---|---|---|");
  out.push(`| 旧 | ${esc(r.old.spec)} | ${esc(r.old.docNumber)} | ${inForce(r.old)} |`);
  out.push(`| 新 | ${esc(r.new.spec)} | ${esc(r.new.docNumber)} | ${inForce(r.new)} |`, "");
  if (r.equal) return [...out, "两个版本语义相同。", ""].join("\n");
  out.push("## 摘要", "", ...summaryLines(r).map((l) => (l.startsWith("  ") ? `  - ${esc(l.trim())}` : `- ${esc(l)}`)), "");
  out.push("## 条文变化", "", "| 类别 | 位置 | 变化 | 旧 | 新 | 依据 | 影响金额 |", "|---|---|---|---|---|---|---|");
  for (const c of r.changes) out.push(changeRow(c));
  out.push("", "## 金额影响", "", "单笔理赔、本年度首笔，按负担金额精确到分；多重身份按就高不重复。", "");
  if (r.impact.groups.length === 0) out.push("任何单笔理赔的救助金额都不变。", "");
  r.impact.groups.forEach((g, i) => {
    out.push(`### ${i + 1}. ${esc(g.identities.join("、"))}（${g.calculator}）`, "", `情形：${esc(g.cases.join("；或 "))}`, "");
    if (g.oldError) out.push(`旧版不能计算：${esc(g.oldError)}`, "");
    if (g.newError) out.push(`新版不能计算：${esc(g.newError)}`, "");
    if (g.sampled) out.push("**注意：此规则对负担不是分段线性或断点过多，下表为抽样结果。**", "");
    out.push(`| ${g.variable} | 旧版（起点） | 新版（起点） | 变化 |`, "|---|---|---|---|");
    for (const p of g.pieces) out.push(`| ${rangeText(p)} | ${yuan(p.oldFrom)} | ${yuan(p.newFrom)} | ${deltaText(p)} |`);
    out.push("");
    if (g.examples?.length) out.push(esc(examplesText(g)), "");
    const w = g.witness;
    if (w) {
      const amt = (s: typeof w.old) => (s.amount === null ? `不能计算（${esc(s.error ?? "")}）` : yuan(s.amount));
      out.push(`最小示例：\`${JSON.stringify(w.claim)}\` — 旧 ${amt(w.old)}，新 ${amt(w.new)}`, "", "| 旧版计算过程 | 新版计算过程 |", "|---|---|");
      for (const p of pairTraces(w.old.trace, w.new.trace)) out.push(p.same ? `| ${esc(p.text!)} | 〃 |` : `| ${esc(p.old!)} | ${p.new ? `**${esc(p.new)}**` : ""} |`);
      out.push("");
    }
  });
  for (const n of r.impact.notes) out.push(`- ${esc(n)}`);
  if (r.guarantees?.length) {
    out.push("", "## 保证", "", "两版各以同一随机种子检验，只列结果不同的保证。", "");
    for (const g of r.guarantees) {
      out.push(`- ${esc(guaranteeLine(g))}`);
      if (g.counterexample) out.push("", "```", g.counterexample, "```", "");
    }
  }
  const p = r.population;
  if (p) {
    out.push("", "## 理赔数据影响", "", "| 项 | 数 |", "|---|---|");
    out.push(`| 记录 | ${p.records} |`, `| 金额变化 | ${p.changed} |`, `| 旧版不能计算 | ${p.oldErrors} |`, `| 新版不能计算 | ${p.newErrors} |`);
    out.push(`| 救助总额 旧 | ${yuan(p.oldTotal)} |`, `| 救助总额 新 | ${yuan(p.newTotal)} |`, `| 差额 | ${yuan(p.newTotal - p.oldTotal)} |`);
    out.push(`| 新获救助 | ${p.becameEligible} |`, `| 不再获救助 | ${p.stoppedEligible} |`);
    out.push(`| 多付（两版都能计算） | ${movesText(p.increases)} |`, `| 少付（两版都能计算） | ${movesText(p.decreases)} |`);
    out.push(`| 按人全年受益（共 ${p.persons.persons} 人） | ${movesText(p.persons.gaining, "人")} |`, `| 按人全年受损 | ${movesText(p.persons.losing, "人")} |`);
    out.push(`| 无人员编号的记录 | ${p.persons.withoutPerson} |`, "");
    if (p.oneSide.length) {
      out.push("### 只有一版能计算的记录", "", "| | 身份 | 笔数 | 金额 | 另一版不能计算的原因 |", "|---|---|---|---|---|");
      for (const o of p.oneSide) out.push(`| ${sideWord[o.side]} | ${esc(o.identity)} | ${o.claims} | ${yuan(o.total)} | ${esc(o.reason)} |`);
      out.push("");
    }
    for (const [title, rows] of [["按身份", p.byIdentity], ["按就诊类型", p.byVisitType]] as const) {
      out.push(`### ${title}`, "", "| | 笔数 | 变化 | 旧 | 新 | 差额 | 多付 | 少付 |", "|---|---|---|---|---|---|---|---|");
      for (const r2 of rows) out.push(`| ${esc(r2.key)} | ${r2.claims} | ${r2.changed} | ${yuan(r2.oldTotal)} | ${yuan(r2.newTotal)} | ${yuan(r2.newTotal - r2.oldTotal)} | ${movesText(r2.increases)} | ${movesText(r2.decreases)} |`);
      out.push("");
    }
    if (p.largest.length) {
      out.push("### 变化最大的理赔", "", "| 编号 | 人员编号 | 旧 | 新 | 差额 |", "|---|---|---|---|---|");
      for (const c of p.largest) out.push(`| ${esc(c.编号)} | ${esc(c.人员编号 ?? "")} | ${yuan(c.old ?? 0)} | ${yuan(c.new ?? 0)} | ${yuan(c.delta)} |`);
      out.push("");
    }
    if (p.failureReasons.length) {
      out.push("### 不能计算的记录", "", "| 版本 | 原因 | 条数 |", "|---|---|---|");
      for (const f of p.failureReasons) out.push(`| ${f.side} | ${esc(f.reason)} | ${f.count} |`);
      out.push("", `前 ${p.failures.length} 条（全部可用 --failures 导出）：`, "");
      for (const f of p.failures) out.push(`- 第 ${f.no} 条${f.编号 ? `（编号 ${esc(f.编号)}）` : ""} ${f.side}：${esc(f.reason)}`);
    }
  }
  return out.join("\n") + "\n";
}

function changeRow(c: StructuralChange): string {
  const cite = citeBoth(c.oldCitation, c.newCitation).replace(/^（依据 |）$/g, "");
  return `| ${c.category} | ${esc(c.path.join(" · "))} | ${kind[c.kind]} | ${esc(c.old ?? "")} | ${esc(c.new ?? "")} | ${esc(cite)} | ${c.effect ? `否：${esc(c.effect.replace(/^不能改变金额：/, ""))}` : c.behavioural ? "是" : "否"} |`;
}
