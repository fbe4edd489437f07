/** Readable DSL-like text of conditions and values, for changes the IR carries no text for. */
import type { CondIR, ValueIR } from "../ir.js";
import { cell } from "./format.js";

export function valueText(v: ValueIR): string {
  switch (v.kind) {
    case "field":
    case "item":
      return v.name;
    case "const":
      return cell(v.fen);
    case "add":
      return `${valueText(v.left)} + ${valueText(v.right)}`;
    case "sub":
      return `${valueText(v.left)} - ${v.right.kind === "add" || v.right.kind === "sub" ? `（${valueText(v.right)}）` : valueText(v.right)}`;
    case "yearTotal":
      return v.name;
    case "date":
      return v.field;
    case "dateConst":
      return v.iso;
    case "resultOf":
      return `${v.identity} 的 ${v.field}`;
    case "min":
      return `较小值（${v.args.map(valueText).join("，")}）`;
    case "yearSum":
      return `全年 ${valueText(v.of)}`;
  }
}

export function condText(c: CondIR): string {
  const wrap = (x: CondIR) => (x.kind === "and" || x.kind === "or" ? `（${condText(x)}）` : condText(x));
  switch (c.kind) {
    case "true":
      return "总是";
    case "and":
      return `${wrap(c.left)} 且 ${wrap(c.right)}`;
    case "or":
      return `${wrap(c.left)} 或 ${wrap(c.right)}`;
    case "not":
      return `非 ${wrap(c.operand)}`;
    case "flag":
      return c.field;
    case "enumIn":
    case "textIn":
      return `${c.field} 属于 ${c.values.join("、")}`;
    case "listIntersects":
      return `${c.field} 属于 ${(c.lists.length ? c.lists : c.members).join("、")}`;
    case "identityIn":
      return `身份 属于 ${c.identities.join("、")}`;
    case "hasIdentity":
      return "有身份";
    case "compare":
      return `${valueText(c.left)} ${c.op} ${valueText(c.right)}`;
    case "within":
      return `${c.subject} 在 ${c.reference} 前 ${c.months}个月 内`;
  }
}
