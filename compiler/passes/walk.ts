/**
 * Where conditions and values occur in a policy, and generic traversal, so that each pass does
 * not re-list every statement kind and none forgets one.
 */
import type { CondExpr, Literal, PolicyAst, ValueExpr } from "../../grammar/ast.js";

/** What a condition may refer to depends on where it is written. */
export type CondWhere = "item" | "identity" | "exclusion" | "warning" | "guarantee";

export interface CondSite {
  cond: CondExpr;
  where: CondWhere;
}

export function condSites(ast: PolicyAst): CondSite[] {
  const out: CondSite[] = [];
  for (const d of ast.declarations) {
    if (d.kind === "identity" && d.condition) out.push({ cond: d.condition, where: "identity" });
    if (d.kind === "item") for (const c of d.conditions) out.push({ cond: c.cond, where: "item" });
    if (d.kind === "exclusion") {
      out.push({ cond: d.when, where: "exclusion" });
      if (d.unless) out.push({ cond: d.unless, where: "exclusion" });
    }
    if (d.kind === "warning" && d.when) out.push({ cond: d.when, where: "warning" });
    if (d.kind === "guarantee") out.push({ cond: d.cond, where: "guarantee" });
  }
  return out;
}

/** Every sub-condition, pre-order. */
export function condNodes(c: CondExpr): CondExpr[] {
  switch (c.kind) {
    case "and":
    case "or":
      return [c, ...condNodes(c.left), ...condNodes(c.right)];
    case "not":
      return [c, ...condNodes(c.operand)];
    default:
      return [c];
  }
}

/** Every sub-value, pre-order. */
export function valueNodes(v: ValueExpr): ValueExpr[] {
  if (v.kind === "binary") return [v, ...valueNodes(v.left), ...valueNodes(v.right)];
  if (v.kind === "min") return [v, ...v.args.flatMap(valueNodes)];
  return [v];
}

const LITERAL_KINDS = new Set(["amount", "ratio", "number", "date"]);

/**
 * Every literal anywhere in the AST, by a generic walk: new statement kinds are covered without
 * touching the value checks.
 */
export function collectLiterals(node: unknown, out: Literal[] = []): Literal[] {
  if (Array.isArray(node)) {
    for (const x of node) collectLiterals(x, out);
  } else if (node !== null && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (typeof o.kind === "string" && LITERAL_KINDS.has(o.kind) && "span" in o) out.push(o as unknown as Literal);
    for (const [k, v] of Object.entries(o)) if (k !== "span") collectLiterals(v, out);
  }
  return out;
}
