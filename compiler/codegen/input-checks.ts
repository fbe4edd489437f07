/**
 * What runtime/input-check.ts's checkClaimInput checks, written out per calculator on the field
 * locals (f<i>), in the same order (amounts, ratios, dates, then the ledger's order) and with the
 * same errors. The loop over field names in checkClaimInput reads each field with a computed key
 * (a megamorphic lookup) and cost more than the whole calculation of a claim; here every read is a
 * constant key with its own inline cache. A date that passed is remembered per field (OK_DATE…):
 * claims of one run share few dates, and an equal string is the same valid date.
 */
import type { CheckedPolicy } from "../ir.js";
import { mutable, type Decl } from "./decls.js";
import type { FieldLocals } from "./expr.js";
import { comment, lit } from "./text.js";

/** A valid date as the cache's starting value: only an equal (so valid) string skips the check. */
const SEED_DATE = lit("2000-01-01");

/** Module-level declarations (one date cache per date field of calculator ci). */
export function inputCheckDecls(p: CheckedPolicy, ci: number): Decl[] {
  return p.fields
    .filter((f) => f.type.kind === "日期")
    .map((f, i) =>
      mutable(`OK_DATE${ci}_${i}`, "unknown", SEED_DATE, comment(`${f.name} 最近一个通过检查的值（相等的字符串不必再查）`)),
    );
}

/** The statements at the start of calculator ci; `date` is the local of 结算日期 after them. */
export function inputChecks(p: CheckedPolicy, ci: number, fields: FieldLocals): { stmts: string[]; date: string } {
  const of = (kind: string) => p.fields.filter((f) => f.type.kind === kind).map((f) => f.name);
  const out: string[] = [
    comment("库调用者可不经 validateClaim 直接传入记录：金额、比例、日期与台账顺序先检查（同 runtime/input-check.ts）"),
  ];
  for (const name of of("金额")) {
    const v = fields.use(name);
    out.push(
      `if (${v} !== undefined && !(typeof ${v} === "number" && Number.isSafeInteger(${v}) && ${v} >= 0)) throw amountError(${lit(name)}, ${v});`,
    );
  }
  for (const name of of("比例")) {
    const v = fields.use(name);
    out.push(
      `if (${v} !== undefined && !(typeof ${v} === "number" && Number.isInteger(${v}) && ${v} >= 0 && ${v} <= 10000)) throw ratioError(${lit(name)}, ${v});`,
    );
  }
  of("日期").forEach((name, i) => {
    const v = fields.use(name);
    const cache = `OK_DATE${ci}_${i}`;
    // 结算日期 is required even when absent
    const test = name === "结算日期" ? `${v} !== ${cache}` : `${v} !== undefined && ${v} !== ${cache}`;
    out.push(
      `if (${test}) {`,
      `if (!(typeof ${v} === "string" && isIsoDate(${v}))) throw dateError(${lit(name)}, ${v});`,
      `${cache} = ${v};`,
      "}",
    );
  });
  const date = fields.use("结算日期");
  out.push(
    `const year = yearOf(${date});`,
    // the same date string as the last claim (the common case) needs no string comparison
    `if (${date} !== ledger.lastDate && ledger.lastDate !== "" && (year < ledger.year || ${date} < ledger.lastDate)) throw orderError(${date}, ledger.lastDate);`,
  );
  return { stmts: out, date };
}
