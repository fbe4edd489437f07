/**
 * Canonical forms for comparing two checked policies: what is order-free becomes sorted, and
 * what does not change meaning (DSL line numbers, notes, the file path) is dropped, so a
 * reordered or reformatted copy compares equal.
 */
import type { CondIR, ValueIR } from "../ir.js";

const sorted = (xs: readonly string[]): string[] => [...xs].sort();

/** A condition with its value sets sorted and 且/或 chains flattened and ordered. */
export function canonCond(c: CondIR): unknown {
  switch (c.kind) {
    case "and":
    case "or": {
      const parts: unknown[] = [];
      const flat = (x: CondIR): void => {
        if (x.kind === c.kind) {
          flat(x.left);
          flat(x.right);
        } else parts.push(canonCond(x));
      };
      flat(c);
      return { [c.kind]: parts.map((p) => JSON.stringify(p)).sort() };
    }
    case "not":
      return { not: canonCond(c.operand) };
    case "enumIn":
    case "textIn":
      return { ...c, values: sorted(c.values) };
    case "listIntersects":
      return { ...c, members: sorted(c.members), lists: sorted(c.lists) };
    case "identityIn":
      return { ...c, identities: sorted(c.identities) };
    case "compare":
      return { ...c, left: canonValue(c.left), right: canonValue(c.right) };
    default:
      return c;
  }
}

export function canonValue(v: ValueIR): unknown {
  // add is commutative; sub is not
  if (v.kind === "add") return { add: [JSON.stringify(canonValue(v.left)), JSON.stringify(canonValue(v.right))].sort() };
  if (v.kind === "sub") return { sub: [canonValue(v.left), canonValue(v.right)] };
  // 较小值 does not depend on the order of its arguments
  if (v.kind === "min") return { min: v.args.map((a) => JSON.stringify(canonValue(a))).sort() };
  return v;
}

export const key = (x: unknown): string => JSON.stringify(x);
export const condKey = (c: CondIR): string => key(canonCond(c));
export const sameSet = (a: readonly string[], b: readonly string[]): boolean => key(sorted(a)) === key(sorted(b));

/** Elements of `a` not in `b`. */
export const minus = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x));
