/**
 * 预警 a new identity joins without a word in the 预警 itself (issue 16 §2): a condition written
 * as "非 身份 属于 <list>" takes in every identity added later. For each identity only the new
 * version declares, one claim per 参保类型 with a burden far above any threshold is evaluated; a
 * 预警 it raises is reported. Only 预警 the identity really raises are named (no guessing).
 */
import { claimSchema } from "../claim-schema.js";
import type { CheckedPolicy } from "../ir.js";
import { MAIN_CALCULATOR } from "../ir.js";
import { createInterpreter } from "../interpreter/index.js";
import { validateClaim } from "../../runtime/claims.js";
import { newLedger } from "../../runtime/types.js";

export interface WarningJoin {
  identity: string;
  warning: string;
  citation: string;
}

export function newIdentityWarnings(old: CheckedPolicy, neu: CheckedPolicy): WarningJoin[] {
  const known = new Set(old.identities.map((i) => i.name));
  const added = neu.identities.filter((i) => !known.has(i.name)).map((i) => i.name);
  const calc = neu.calculators.find((c) => c.name === MAIN_CALCULATOR);
  if (!added.length || !calc || !neu.warnings.length) return [];
  const schema = claimSchema(neu, calc.fields);
  const ev = createInterpreter(neu);
  const date = neu.meta.effective;
  const out: WarningJoin[] = [];
  for (const identity of added) {
    const raised = new Set<string>();
    for (const w of neu.warnings) {
      for (const visit of w.countVisitTypes.length ? w.countVisitTypes : [undefined])
        for (const kind of ["居民医保", "职工医保", undefined]) {
          const raw: Record<string, unknown> = { 编号: "预警", 身份: [identity], 结算日期: date, 申请日期: date, 个人负担: "10000000", 参保: true };
          raw[w.countField] = "10000000"; // 医疗费用 … when the 预警 counts another field
          if (visit !== undefined) raw.就诊类型 = visit;
          if (kind !== undefined) raw.参保类型 = kind;
          const v = validateClaim(raw, schema, 1);
          if (!v.ok) continue;
          const r = ev.evaluate(MAIN_CALCULATOR, v.claim, newLedger(Number(date.slice(0, 4))));
          if (r.ok) for (const l of r.预警 ?? []) raised.add(l.名称);
        }
    }
    for (const w of neu.warnings) if (raised.has(w.name)) out.push({ identity, warning: w.name, citation: w.source.citation });
  }
  return out;
}
