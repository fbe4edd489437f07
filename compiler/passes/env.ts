/**
 * The symbol table every pass after the first reads: the declarations of this file merged with
 * those inherited from the base policy (基于). An entry comes from the city's AST (`decl`), from
 * the base's checked IR (`base`), or both when the city replaces a base declaration.
 */
import type {
  CalculatorDecl,
  CapGroupDecl,
  FieldDecl,
  GroupDecl,
  IdentityDecl,
  ItemDecl,
  ListDecl,
  PolicyAst,
  Span,
} from "../../grammar/ast.js";
import type {
  CalculatorIR,
  CapGroupIR,
  CheckedPolicy,
  FieldIR,
  FieldTypeIR,
  IdentityIR,
  ItemIR,
  ListIR,
} from "../ir.js";
import type { Lines } from "./source-lines.js";

export interface PassContext {
  ast: PolicyAst;
  file: string;
  /** offset → line, for notes that point at another declaration */
  lines: Lines;
  base?: CheckedPolicy;
}

export interface IdentityEntry {
  name: string;
  decl?: IdentityDecl;
  base?: IdentityIR;
}

export interface FieldEntry {
  name: string;
  /** undefined when the declared type is unknown (reported by resolve-names) */
  type?: FieldTypeIR;
  builtin: boolean;
  decl?: FieldDecl;
  base?: FieldIR;
  /** name of the 取值 清单 (from the declaration, or inherited from the base policy) */
  vocabulary?: string;
}

export interface ListEntry {
  name: string;
  members: Set<string>;
  /** 别名 → entry */
  aliases: Map<string, string>;
  decl?: ListDecl;
  base?: ListIR;
}

export interface CalculatorEntry {
  name: string;
  resultField: string;
  decl?: CalculatorDecl;
  base?: CalculatorIR;
}

export interface ItemEntry {
  name: string;
  /** as written (may be unknown: resolve-names reports it) */
  calculator: string;
  decl?: ItemDecl;
  base?: ItemIR;
}

export interface GroupEntry {
  name: string;
  /** member names as written (identities, aliases or other groups) */
  members: string[];
  decl?: GroupDecl;
}

export interface CapGroupEntry {
  name: string;
  decl?: CapGroupDecl;
  base?: CapGroupIR;
}

/** Maps keep insertion order: base declarations first, then the city's, as evaluation needs. */
export interface Env {
  identities: Map<string, IdentityEntry>;
  /** canonical name or alias → canonical name */
  identityNames: Map<string, string>;
  groups: Map<string, GroupEntry>;
  fields: Map<string, FieldEntry>;
  lists: Map<string, ListEntry>;
  calculators: Map<string, CalculatorEntry>;
  items: Map<string, ItemEntry>;
  capGroups: Map<string, CapGroupEntry>;
  /** every list entry and sub-name, for 病种 属于 恶性肿瘤 */
  listMembers: Set<string>;
}

/** Expands identity names, aliases and groups (recursively) to canonical identities. */
export function expandIdentities(env: Env, names: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string, depth: number): void => {
    const id = env.identityNames.get(n);
    if (id !== undefined) {
      if (!out.includes(id)) out.push(id);
      return;
    }
    const g = env.groups.get(n);
    if (!g || seen.has(n) || depth > 20) return;
    seen.add(n);
    for (const m of g.members) visit(m, depth + 1);
  };
  for (const n of names) visit(n, 0);
  return out;
}

/** Names an 对象/first-column entry may use: identities, aliases, groups. */
export function identityLikeNames(env: Env): string[] {
  return [...env.identityNames.keys(), ...env.groups.keys()];
}

export function spanOf(s: Span | undefined): Span {
  return s ?? { start: 0, end: 0 };
}

/**
 * The identities an item applies to. 对象 omitted means every identity; for an item inherited
 * from a base policy that covered every base identity, that also means the city's new ones.
 */
export function itemIdentities(
  env: Env,
  item: { decl?: { identities: { name: string }[] }; base?: { identities: string[] } },
): string[] {
  const all = [...env.identities.keys()];
  if (item.decl && item.decl.identities.length)
    return expandIdentities(
      env,
      item.decl.identities.map((n) => n.name),
    );
  if (item.base) {
    const baseAll = [...env.identities.values()].filter((e) => e.base).map((e) => e.name);
    const covers = baseAll.every((n) => item.base!.identities.includes(n));
    return covers ? all : item.base.identities;
  }
  return all;
}

export function isUnspecifiedIdentity(env: Env, id: string): boolean {
  const e = env.identities.get(id);
  return e?.decl ? e.decl.unspecified !== undefined : e?.base?.unspecified === true;
}
