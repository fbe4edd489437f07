/**
 * `validate(raw)` of a generated module: a settlement system's raw record → a claim this module's
 * `evaluate` takes, checked against the module's own tables (字段表, 身份名表) exactly as the CLI
 * checks records (runtime/claims.ts validateClaim: types, formats, identities, vocabularies,
 * unknown and duplicate keys). Fields a rule needs only in some cases are not demanded here:
 * `evaluate` reports them when the claim's evaluation reaches them (docs/语义.md).
 */
import type { CheckedPolicy } from "../ir.js";
import { constant, fn, type Decl } from "./decls.js";
import { comment, lit } from "./text.js";

export function validateDecls(p: CheckedPolicy): Decl[] {
  const groups = Object.entries(p.groups)
    .map(([g, members]) => `${lit(g)}: [${members.map(lit).join(", ")}]`)
    .join(", ");
  return [
    constant(
      "SCHEMA",
      "ClaimSchema",
      `{ fields: 字段表, identityNames: 身份名表, calculatorFields: [], identityOrder: IDENTITIES, groups: { ${groups} } }`,
      comment("记录校验所用的字段与身份（与 CLI 相同）"),
    ),
    fn(
      "validate",
      [
        ["raw", "Readonly<Record<string, unknown>>"],
        ["recordNo?", "number"],
      ],
      "校验结果",
      [
        "const notes = newKeyNotes();",
        "const r = validateClaim(raw as Record<string, unknown>, SCHEMA, recordNo ?? 1, notes);",
        "const 警告 = keyWarnings(notes);",
        // the claim is this module's 记录 (surface.ts): same object, typed for the caller
        "return (警告.length > 0 ? { ...r, 警告 } : r) as unknown as 校验结果;",
      ],
      comment(
        "校验一条原始记录（金额为元，如 \"10000.00\"）：通过则得到可交给 evaluate 的记录（金额为分）；否则为错误说明。未知的列在 警告 中列出。",
      ),
      true,
    ),
  ];
}

/** Runtime names validate() uses. */
export const VALIDATE_RUNTIME_VALUES = ["validateClaim", "newKeyNotes", "keyWarnings"];
export const VALIDATE_RUNTIME_TYPES = ["ClaimSchema"];
