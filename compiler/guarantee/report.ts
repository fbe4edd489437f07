/** The Chinese report of `jiuzhu test`: one line per 保证, and the smallest counterexample. */
import type { CheckedPolicy } from "../ir.js";
import type { Run } from "./evaluate.js";
import type { Counterexample, GuaranteeResult } from "./run.js";
import { yuan } from "../../runtime/money.js";

const MARK = { holds: "✓", fails: "✗", untested: "?" } as const;

/** 「营口市 2023-01-01 · 名称（file:line）」; `where` defaults to the policy's own file. */
export function resultTitle(policy: CheckedPolicy, r: GuaranteeResult, where?: string): string {
  const cite = where ?? `${policy.meta.file}:${r.guarantee.source.line}`;
  return `${MARK[r.status]} ${policy.meta.region} ${policy.meta.effective} · ${r.guarantee.name}（${cite}）`;
}

function runLabel(run: Run): string {
  return run.identity === undefined
    ? `${run.calculator.resultField}：按记录所持身份`
    : `${run.identity} 的 ${run.calculator.resultField}：只按身份「${run.identity}」`;
}

export function renderResult(policy: CheckedPolicy, r: GuaranteeResult, where?: string): string {
  const lines = [resultTitle(policy, r, where)];
  const g = r.guarantee;
  if (r.status === "untested") {
    lines.push(`  未检验：${r.runs} 条随机记录都无法计算（未规定或错误），这条保证没有被任何记录检验`);
  }
  const cx = r.counterexample;
  if (r.status === "fails" && cx?.records) {
    lines.push(...renderSequence(g.text, r.seed, cx));
    return lines.join("\n");
  }
  if (r.status === "fails" && cx) {
    lines.push(`  保证不成立：${g.text}`);
    lines.push(
      `  最小反例（第 ${cx.foundAfter} 条随机记录发现，缩小 ${cx.shrinks} 步；加 --seed ${r.seed} 可重现）：`,
      `    ${JSON.stringify(cx.record)}`,
    );
    if (cx.error !== undefined) lines.push(`  计算出错：${cx.error}`);
    const v = cx.verdict;
    if (v?.kind === "skipped") lines.push(`  重算时无结果：${v.reason}`); // not expected: evaluation is deterministic
    if (v?.kind === "checked") {
      for (const c of v.comparisons) {
        lines.push(`  ${c.text}：左边 ${c.left}，右边 ${c.right}，${c.holds ? "成立" : "不成立"}`);
      }
      lines.push(...traces(v.runs, "  "));
    }
  }
  return lines.join("\n");
}

function traces(runs: readonly Run[], indent: string): string[] {
  const lines: string[] = [];
  for (const run of runs) {
    lines.push(`${indent}计算过程（${runLabel(run)}）：`);
    const steps = run.outcome.ok ? run.outcome.计算过程 ?? [] : [run.outcome.错误];
    for (const s of steps) lines.push(`${indent}  ${s}`);
  }
  return lines;
}

/** The shrunk sequence: each claim with what it was paid and its trace, up to the one after which the 保证 fails. */
function renderSequence(text: string, seed: number, cx: Counterexample): string[] {
  const records = cx.records ?? [];
  const lines = [
    `  保证不成立：${text}`,
    `  最小反例：同一人同一年的 ${records.length} 条记录（第 ${cx.foundAfter} 组随机记录发现，缩小 ${cx.shrinks} 步；加 --seed ${seed} 可重现）：`,
  ];
  records.forEach((r, i) => lines.push(`    ${i + 1}. ${JSON.stringify(r)}`));
  if (cx.error !== undefined) lines.push(`  计算出错：${cx.error}`);
  const steps = cx.sequence?.steps ?? [];
  steps.forEach((step, i) => {
    lines.push(`  第 ${i + 1} 条（${step.claim.结算日期}）：`);
    if (step.kind === "skipped") {
      lines.push(`    无结果，不计入全年：${step.reason}`);
      return;
    }
    for (const run of step.runs)
      if (run.outcome.ok) lines.push(`    ${runLabel(run)}：${yuan(run.outcome.金额)}`);
    for (const c of step.comparisons) lines.push(`    ${c.text}：左边 ${c.left}，右边 ${c.right}，${c.holds ? "成立" : "不成立"}`);
    lines.push(...traces(step.runs, "    "));
  });
  const last = steps[steps.length - 1];
  if (last?.kind === "checked" && !last.holds) lines.push(`  第 ${steps.length} 条记录之后保证不成立`);
  else if (cx.sequence) lines.push(`  重算时保证成立（请报告）`); // not expected: evaluation is deterministic
  return lines;
}

export function renderSummary(results: readonly GuaranteeResult[]): string {
  const count = (s: GuaranteeResult["status"]) => results.filter((r) => r.status === s).length;
  const parts = [`${count("holds")} 条成立`];
  if (count("fails") > 0) parts.push(`${count("fails")} 条不成立`);
  if (count("untested") > 0) parts.push(`${count("untested")} 条未检验`);
  return `共检查 ${results.length} 条保证：${parts.join("，")}`;
}
