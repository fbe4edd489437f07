/** What the report says about a side: which version, from which document, in force when. */
import type { CheckedPolicy } from "../ir.js";
import type { SideInfo } from "./types.js";

export function sideInfo(policy: CheckedPolicy, spec: string = policy.meta.file): SideInfo {
  const m = policy.meta;
  return { spec, name: m.name, region: m.region, docNumber: m.docNumber, effective: m.effective, expires: m.expires, file: m.file };
}
