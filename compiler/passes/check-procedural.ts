/**
 * Pass 1c: each provision is listed in 程序性 once (JZ5010, a warning). A provision named twice —
 * on two 程序性 lines, or twice on one — is a copy that will drift: the next edit changes one
 * entry and not the other, and the coverage table shows whichever it met first. Entries that name
 * only part of a provision (首句, 第二段, …中的…) may share a heading as long as their texts differ.
 * Citations are read with the coverage reader (compiler/coverage/citations.ts): it needs no source
 * document, so the checker can use it on the policy alone.
 */
import type { Citation } from "../../grammar/ast.js";
import { splitCitation } from "../coverage/citations.js";
import { idText } from "../coverage/ids.js";
import { Codes, warning, type Diagnostic } from "../diagnostics.js";
import type { PassContext } from "./env.js";

export function checkProcedural(ctx: PassContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, Citation>();
  for (const c of ctx.ast.header.procedural ?? []) {
    for (const ref of splitCitation(c.text).refs) {
      if (!ref.steps.length) continue;
      const id = idText(ref.steps);
      const key = ref.partial ? `${id}\u0000${c.text.trim()}` : id;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, c);
        continue;
      }
      out.push(
        warning(Codes.DuplicateProcedural, ctx.file, c.span, `程序性条款「${id}」重复列出`, [
          `第 ${ctx.lines.line(first.span.start)} 行已列出「${first.text.trim()}」`,
          "每一条程序性条款只写一次（每条一行）：请删去其中一处，或把两处的说明合并到一行",
        ]),
      );
    }
  }
  return out;
}
