/**
 * The report a 局长 reads and an auditor files (issue 16 §3): one self-contained HTML file — no
 * network, inline CSS and SVG, printable to A4 — with the executive summary first, the change list
 * with both sides' 依据, payout curves old and new per changed case group (at most 12), and with
 * --claims the population impact and the distribution of per-person changes.
 */
import { plain } from "./format.js";
import { deltaText, examplesText, groupTitle, guaranteeLine, inForce, rangeText } from "./report-common.js";
import { movesText, sideWord } from "./report-text.js";
import { executiveSummary, wan } from "./summary.js";
import { curveChartSvg, histogramSvg } from "./svg.js";
import type { DiffReport, ImpactGroup, PopulationReport } from "./types.js";

export const MAX_CHARTS = 12;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const yuan = (fen: number) => `${plain(fen)}元`;
const kind = { added: "新增", removed: "删除", changed: "修改" } as const;

const CSS = `
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:24px auto;max-width:900px;color:#111;line-height:1.5}
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:28px}h3{font-size:15px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}.num{text-align:right;white-space:nowrap}.summary{background:#fafaf5;border:1px solid #ddd;padding:8px 16px}
pre{white-space:pre-wrap;font-size:11px;background:#f7f7f7;padding:6px}.chart{page-break-inside:avoid;break-inside:avoid;margin:12px 0}.note{color:#555;font-size:12px}
@page{size:A4;margin:15mm}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid;break-after:avoid}tr{page-break-inside:avoid;break-inside:avoid}}
`;

export function renderHtml(r: DiffReport): string {
  const s = executiveSummary(r);
  const out: string[] = [
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>政策语义差异：${esc(r.new.name)}</title><style>${CSS}</style></head><body>`,
    `<h1>政策语义差异：${esc(r.new.name)}</h1>`,
    `<table><tr><th></th><th>版本</th><th>文号</th><th>施行</th></tr>`,
    `<tr><td>旧</td><td>${esc(r.old.spec)}</td><td>${esc(r.old.docNumber)}</td><td>${esc(inForce(r.old))}</td></tr>`,
    `<tr><td>新</td><td>${esc(r.new.spec)}</td><td>${esc(r.new.docNumber)}</td><td>${esc(inForce(r.new))}</td></tr></table>`,
  ];
  if (r.equal) return [...out, "<p>两个版本语义相同。</p></body></html>", ""].join("\n");
  out.push(`<h2>摘要</h2><div class="summary" id="summary"><p><b>变化：</b></p><ul>${s.changes.map((c) => `<li>${esc(c)}</li>`).join("")}</ul>`);
  out.push(`<p><b>受益：</b>${esc(s.gain.join("、") || "无")}</p><p><b>受损：</b>${esc(s.lose.join("、") || "无")}</p>`);
  if (s.warnings.length) out.push(`<p><b>预警变化（不影响金额，改变谁被预警）：</b>${esc(s.warnings.join("、"))}</p>`);
  if (s.money.length) out.push(`<ul>${s.money.map((m) => `<li>${esc(m)}</li>`).join("")}</ul>`);
  out.push(`<p class="note">万元保留两位小数，四舍五入。</p></div>`);

  out.push(`<h2>条文变化</h2><table id="changes"><tr><th>类别</th><th>位置</th><th>变化</th><th>旧</th><th>新</th><th>旧版依据</th><th>新版依据</th><th>影响金额</th></tr>`);
  for (const c of r.changes)
    out.push(`<tr><td>${esc(c.category)}</td><td>${esc(c.path.join(" · "))}</td><td>${kind[c.kind]}</td><td>${esc(c.old ?? "")}</td><td>${esc(c.new ?? "")}</td><td>${esc(c.oldCitation ?? "")}</td><td>${esc(c.newCitation ?? "")}</td><td>${c.effect ? `否：${esc(c.effect.replace(/^不能改变金额：/, ""))}` : c.behavioural ? "是" : "否"}</td></tr>`);
  out.push(`</table>`);

  out.push(`<h2>金额影响</h2><p class="note">单笔理赔、本年度首笔，按负担金额精确到分；多重身份按就高不重复。</p>`);
  if (r.impact.groups.length === 0) out.push(`<p>任何单笔理赔的救助金额都不变。</p>`);
  r.impact.groups.forEach((g, i) => out.push(groupHtml(g, i)));
  if (r.impact.groups.length > MAX_CHARTS) out.push(`<p class="note">只画前 ${MAX_CHARTS} 组的曲线；其余各组见上表。</p>`);
  if (r.impact.notes.length) out.push(`<ul class="note">${r.impact.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>`);
  if (r.guarantees?.length) {
    out.push(`<h2>保证</h2><p class="note">两版各以同一随机种子检验，只列结果不同的保证。</p><ul id="guarantees">`);
    for (const g of r.guarantees) out.push(`<li>${esc(guaranteeLine(g))}${g.counterexample ? `<pre>${esc(g.counterexample)}</pre>` : ""}</li>`);
    out.push(`</ul>`);
  }
  if (r.population) out.push(populationHtml(r.population));
  out.push(`</body></html>`, "");
  return out.join("\n");
}

function groupHtml(g: ImpactGroup, i: number): string {
  const out = [`<h3>${i + 1}. 【${esc(g.calculator)}】${esc(groupTitle(g))}</h3>`];
  if (g.oldError) out.push(`<p>旧版不能计算：${esc(g.oldError)}</p>`);
  if (g.newError) out.push(`<p>新版不能计算：${esc(g.newError)}</p>`);
  if (g.sampled) out.push(`<p><b>注意：此规则对负担不是分段线性或断点过多，下表为抽样结果。</b></p>`);
  out.push(`<table><tr><th>${esc(g.variable)}</th><th class="num">旧版（起点）</th><th class="num">新版（起点）</th><th>变化</th></tr>`);
  for (const p of g.pieces) out.push(`<tr><td>${esc(rangeText(p))}</td><td class="num">${yuan(p.oldFrom)}</td><td class="num">${yuan(p.newFrom)}</td><td>${esc(deltaText(p))}</td></tr>`);
  out.push(`</table>`);
  if (g.examples?.length) out.push(`<p>${esc(examplesText(g))}</p>`);
  if (g.curves && i < MAX_CHARTS)
    out.push(`<div class="chart">${curveChartSvg({ title: `${g.identities.join("、")}：救助金额与${g.variable}`, variable: g.variable, old: g.curves.old, new: g.curves.new })}</div>`);
  if (g.witness) {
    const w = g.witness;
    const amt = (x: typeof w.old) => (x.amount === null ? `不能计算（${x.error ?? ""}）` : yuan(x.amount));
    out.push(`<p>示例：<code>${esc(JSON.stringify(w.claim))}</code> — 旧 ${esc(amt(w.old))}，新 ${esc(amt(w.new))}</p>`);
  }
  return out.join("\n");
}

function populationHtml(p: PopulationReport): string {
  const row = (k: string, v: string) => `<tr><td>${esc(k)}</td><td class="num">${esc(v)}</td></tr>`;
  const out = [`<h2>理赔数据影响</h2><table id="population">`];
  out.push(row("记录", String(p.records)), row("金额变化", String(p.changed)), row("旧版不能计算", String(p.oldErrors)), row("新版不能计算", String(p.newErrors)));
  out.push(row("救助总额 旧", wan(p.oldTotal)), row("救助总额 新", wan(p.newTotal)), row("差额", wan(p.newTotal - p.oldTotal)));
  out.push(row("多付（两版都能计算）", movesText(p.increases)), row("少付（两版都能计算）", movesText(p.decreases)));
  out.push(row(`按人全年受益（共 ${p.persons.persons} 人）`, movesText(p.persons.gaining, "人")), row("按人全年受损", movesText(p.persons.losing, "人")), row("无人员编号的记录", String(p.persons.withoutPerson)));
  out.push(`</table>`);
  if (p.oneSide.length) {
    out.push(`<h3>只有一版能计算的记录</h3><table><tr><th></th><th>身份</th><th class="num">笔数</th><th class="num">金额</th><th>另一版不能计算的原因</th></tr>`);
    for (const o of p.oneSide) out.push(`<tr><td>${sideWord[o.side]}</td><td>${esc(o.identity)}</td><td class="num">${o.claims}</td><td class="num">${yuan(o.total)}</td><td>${esc(o.reason)}</td></tr>`);
    out.push(`</table>`);
  }
  out.push(`<h3>按身份</h3><table><tr><th></th><th class="num">笔数</th><th class="num">差额</th><th>多付</th><th>少付</th></tr>`);
  for (const r of p.byIdentity) out.push(`<tr><td>${esc(r.key)}</td><td class="num">${r.claims}</td><td class="num">${yuan(r.newTotal - r.oldTotal)}</td><td>${esc(movesText(r.increases))}</td><td>${esc(movesText(r.decreases))}</td></tr>`);
  out.push(`</table>`);
  if (p.persons.distribution.some((b) => b.count)) out.push(`<h3>按人全年变化的分布</h3><div class="chart">${histogramSvg(p.persons.distribution, "按人全年变化的分布")}</div>`);
  if (p.failureReasons.length) {
    out.push(`<h3>不能计算的记录</h3><table><tr><th>版本</th><th>原因</th><th class="num">条数</th></tr>`);
    for (const f of p.failureReasons) out.push(`<tr><td>${f.side}</td><td>${esc(f.reason)}</td><td class="num">${f.count}</td></tr>`);
    out.push(`</table><p class="note">前 ${p.failures.length} 条（全部可用 --failures 导出）：</p><ul class="note">`);
    for (const f of p.failures) out.push(`<li>第 ${f.no} 条${f.编号 ? `（编号 ${esc(f.编号)}）` : ""} ${f.side}：${esc(f.reason)}</li>`);
    out.push(`</ul>`);
  }
  return out.join("\n");
}
