/**
 * Pass 3b: literal values must be representable exactly: amounts whole 分, non-negative and below
 * 100亿元 (so Number() is exact); ratios whole 0.01% (1 bp) and within 0–100%.
 */
import { Codes, error, type Diagnostic } from "../diagnostics.js";
import type { PassContext } from "./env.js";
import { collectLiterals } from "./walk.js";

/** 100亿元 in 分: the IR promises amounts are safe integers well below this. */
export const MAX_FEN = 1_000_000_000_000n;

export function checkValues(ctx: PassContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const lit of collectLiterals(ctx.ast.declarations)) {
    if (lit.kind === "amount") {
      if (!lit.fenExact)
        out.push(
          error(Codes.AmountNotExact, ctx.file, lit.span, `金额「${lit.text}」不是整分`, [
            "金额最多精确到分（0.01元）",
          ]),
        );
      else if (lit.fen < 0n)
        out.push(
          error(Codes.NegativeAmount, ctx.file, lit.span, `金额「${lit.text}」是负数`, [
            "金额不能为负；要减去一个金额请在基数中写 -",
          ]),
        );
      else if (lit.fen >= MAX_FEN)
        out.push(error(Codes.AmountTooLarge, ctx.file, lit.span, `金额「${lit.text}」过大`, ["金额必须小于100亿元"]));
    } else if (lit.kind === "ratio") {
      if (!lit.bpExact)
        out.push(
          error(Codes.RatioNotExact, ctx.file, lit.span, `比例「${lit.text}」过于精细`, ["比例最多精确到0.01%"]),
        );
      else if (lit.basisPoints < 0n || lit.basisPoints > 10000n)
        out.push(
          error(Codes.RatioOutOfRange, ctx.file, lit.span, `比例「${lit.text}」不在 0% 到 100% 之间`, [
            "救助比例必须在 0% 到 100% 之间",
          ]),
        );
    }
  }
  return out;
}
