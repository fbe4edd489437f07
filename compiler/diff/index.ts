/**
 * Semantic diff of two policy versions (issue 5): structural changes named by what the document
 * talks about, the exact money impact as a function of the burden per identity and case, a
 * witness claim for each behavioural change, and optionally the impact on a file of claims.
 */
import type { CheckedPolicy } from "../ir.js";
import { computeImpact, type ImpactOptions } from "./impact.js";
import { structuralDiff } from "./structural.js";
import { linkEffects } from "./effects.js";
import { newIdentityWarnings } from "./warnings.js";
import { sideInfo } from "./info.js";
import type { DiffReport, SideInfo } from "./types.js";

export type * from "./types.js";
export { structuralDiff } from "./structural.js";
export { computeImpact } from "./impact.js";
export { populationImpact, type RawRecord } from "./population.js";
export { renderText } from "./report-text.js";
export { renderMarkdown } from "./report-markdown.js";
export { renderJson } from "./report-json.js";
export { renderHtml } from "./report-html.js";
export { executiveSummary, wan } from "./summary.js";
export { sideInfo } from "./info.js";
export { guaranteeChanges } from "./guarantees.js";
export { resolveSide, SideError } from "./sides.js";

/** The diff without claims data. Impact is computed only when a change can alter an amount. */
export function diffPolicies(
  old: { policy: CheckedPolicy; info?: SideInfo },
  neu: { policy: CheckedPolicy; info?: SideInfo },
  opts: ImpactOptions = {},
): DiffReport {
  const changes = structuralDiff(old.policy, neu.policy);
  linkEffects(old.policy, neu.policy, changes);
  // a new identity can join a 预警 whose text did not change ("非 身份 属于 …"): say so
  for (const j of newIdentityWarnings(old.policy, neu.policy)) {
    const said = changes.some((c) => c.category === "预警" && c.path[0] === j.warning && (c.new ?? "").includes(j.identity));
    if (!said) changes.push({ kind: "added", category: "预警", path: [j.warning, "触发身份"], new: `新身份「${j.identity}」也会触发（条文未改）`, newCitation: j.citation, behavioural: false });
  }
  const impact = changes.some((c) => c.behavioural) ? computeImpact(old.policy, neu.policy, opts) : { groups: [], notes: [] };
  // the burden analysis uses canonical names; a new or dropped alias changes which records compute
  if (changes.some((c) => c.category === "别名"))
    impact.notes.push("别名的增删改变记录中可写的身份名称：一方不认识的名称在该方是记录错误（见理赔数据影响），金额按规范名称分析");
  return {
    schemaVersion: 2,
    old: old.info ?? sideInfo(old.policy),
    new: neu.info ?? sideInfo(neu.policy),
    changes,
    impact,
    equal: changes.length === 0,
  };
}
