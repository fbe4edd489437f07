/**
 * Pass 1b: the header says what the policy is, where and when (JZ5003); 生效 comes before 失效
 * (JZ5002); every date is a real calendar date (JZ1005). The loader needs 地区 and 生效 to choose
 * versions, so their absence is an error, not a warning.
 */
import { Codes, error, type Diagnostic } from "../diagnostics.js";
import type { PassContext } from "./env.js";
import { collectLiterals } from "./walk.js";

export function isValidIsoDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function checkDates(ctx: PassContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const h = ctx.ast.header;
  const at0 = { start: 0, end: 0 };
  const missing: [unknown, string, string][] = [
    [h.name, "政策", "政策 营口市重特大疾病医疗保险和医疗救助管理办法"],
    [h.region, "地区", "地区 营口市"],
    [h.effective, "生效", "生效 2023-01-01 依据 第三十三条"],
  ];
  for (const [v, kw, example] of missing)
    if (v === undefined)
      out.push(error(Codes.MissingHeader, ctx.file, at0, `缺少「${kw}」`, [`请在文件开头写一行，例如：${example}`]));

  for (const lit of collectLiterals([h, ctx.ast.declarations]))
    if (lit.kind === "date" && !isValidIsoDate(lit.iso))
      out.push(
        error(Codes.BadDate, ctx.file, lit.span, `日期「${lit.text}」不存在`, ["日期写成 2023-01-01 或 2023年1月1日"]),
      );

  const eff = h.effective?.date;
  const exp = h.expires?.date;
  if (eff && exp && isValidIsoDate(eff.iso) && isValidIsoDate(exp.iso) && eff.iso >= exp.iso)
    out.push(
      error(Codes.EffectiveAfterExpiry, ctx.file, exp.span, `失效日期 ${exp.iso} 不晚于生效日期 ${eff.iso}`, [
        "失效日期是不再适用的第一天，必须晚于生效日期",
      ]),
    );
  return out;
}
