/**
 * Pass 3c: `字段 X 类型 默认 值` — the default must be a value of the field's type (布尔 是/否,
 * 金额 in 元 and whole 分, 比例 within 0–100%, a real 日期, any 文本). A record that omits the
 * field takes it (runtime/claims.ts); lowering reads it with `fieldDefaultValue`.
 */
import type { FieldDefault } from "../../grammar/ast.js";
import { amountLit, dateLit, isZero, numberLit, ratioLit } from "../../grammar/literals.js";
import { Codes, error, type Diagnostic } from "../diagnostics.js";
import type { FieldIR, FieldTypeIR } from "../ir.js";
import { MAX_FEN } from "./check-values.js";
import type { Env, PassContext } from "./env.js";

export type DefaultReading = { ok: true; value: NonNullable<FieldIR["default"]> } | { ok: false; message: string; notes: string[] };

/** The default as the IR holds it, or why it is not a value of the field's type. */
export function fieldDefaultValue(type: FieldTypeIR, d: FieldDefault): DefaultReading {
  const bad = (notes: string[]): DefaultReading => ({
    ok: false,
    message: `默认值「${d.text}」不是${type.kind}字段的取值`,
    notes,
  });
  switch (type.kind) {
    case "布尔":
      if (d.form === "name" && (d.text === "是" || d.text === "否")) return { ok: true, value: d.text === "是" };
      return bad(["布尔字段的默认值写 是 或 否"]);
    case "文本":
      if (d.form === "name" || d.form === "string") return { ok: true, value: d.text };
      return bad(["文本字段的默认值写一个名称，或用「」括起来"]);
    case "金额": {
      if (d.form === "number" && isZero(numberLit(d.text, d.span))) return { ok: true, value: 0 };
      if (d.form !== "amount") return bad(["金额字段的默认值写金额，如 0元、500元"]);
      const a = amountLit(d.text, d.span);
      if (!a.fenExact || a.fen < 0n || a.fen >= MAX_FEN) return bad(["金额须为整分，且小于100亿元"]);
      return { ok: true, value: Number(a.fen) };
    }
    case "比例": {
      if (d.form !== "ratio") return bad(["比例字段的默认值写百分比，如 70%"]);
      const r = ratioLit(d.text, d.span);
      if (!r.bpExact || r.basisPoints > 10000n) return bad(["比例须在 0% 到 100% 之间，最多精确到0.01%"]);
      return { ok: true, value: Number(r.basisPoints) };
    }
    case "日期": {
      if (d.form !== "date") return bad(["日期字段的默认值写日期，如 2024-01-01"]);
      const { date, valid } = dateLit(d.text, d.span);
      return valid ? { ok: true, value: date.iso } : bad(["没有这一天"]);
    }
    case "枚举":
      if ((d.form === "name" || d.form === "string") && type.values.includes(d.text)) return { ok: true, value: d.text };
      return bad([`应为 ${type.values.join("、")} 之一`]);
    case "清单":
    case "身份清单":
      return bad(["清单字段缺少时即为空清单，不需要默认值"]);
  }
}

export function checkFieldDefaults(ctx: PassContext, env: Env): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of env.fields.values()) {
    const d = f.decl?.default;
    if (d === undefined || f.type === undefined) continue; // an unknown type is reported already
    const r = fieldDefaultValue(f.type, d);
    if (!r.ok) out.push(error(Codes.FieldDefaultType, ctx.file, d.span, r.message, r.notes));
  }
  return out;
}
