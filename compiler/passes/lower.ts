/**
 * Last pass: the checked AST (plus the base policy's IR) becomes a CheckedPolicy. Runs only when
 * every check passed, so it may assume names resolve and values are in range.
 */
import type { Declaration, FieldDecl, Named, Note } from "../../grammar/ast.js";
import type {
  CalculatorIR,
  CheckedPolicy,
  CondIR,
  ExclusionIR,
  FieldIR,
  FieldTypeIR,
  GuaranteeIR,
  IdentityIR,
  ItemIR,
  ListIR,
  VocabularyIR,
  Source,
  VisitType,
  WarningIR,
} from "../ir.js";
import { MAIN_CALCULATOR, OTHER_VALUE } from "../ir.js";
import { expandIdentities, type Env, type PassContext } from "./env.js";
import { condFields, condText, countedField, lowerCond, usesYear, valueFields } from "./lower-cond.js";
import { lowerCapGroup } from "./lower-cap-groups.js";
import { lowerItems } from "./lower-items.js";
import { fieldDefaultValue } from "./field-defaults.js";
import { referenceTable, treatAsFor } from "./references.js";

const NO_SOURCE: Source = { line: 0, citation: "" };

export function lower(ctx: PassContext, env: Env): CheckedPolicy {
  const { ast, base } = ctx;
  const h = ast.header;
  const src = (d: { span: { start: number }; citation?: { text: string } }): Source => ({
    line: ctx.lines.line(d.span.start),
    citation: d.citation?.text ?? "",
  });
  const notes = (ns: Note[]): string[] => ns.map((n) => n.text);
  const decls = <K extends Declaration["kind"]>(k: K) =>
    ast.declarations.filter((d): d is Extract<Declaration, { kind: K }> => d.kind === k);

  const refs = referenceTable(env);
  const identities: IdentityIR[] = [...env.identities.values()].map((e) => {
    const treatAs = treatAsFor(env, refs, e.name);
    if (!e.decl) return { ...e.base!, treatAs };
    const d = e.decl;
    const ir: IdentityIR = {
      name: e.name,
      aliases: [...new Set([...(e.base?.aliases ?? []), ...d.aliases.map((a) => a.name)])],
      treatAs,
      unspecified: d.unspecified !== undefined,
      source: src(d),
      notes: notes(d.notes),
    };
    if (d.condition) ir.condition = lowerCond(env, d.condition);
    return ir;
  });

  const fields: FieldIR[] = [...env.fields.values()].map((f) => {
    // a built-in field may be re-declared to give it a vocabulary: keep its base, take the declaration
    const ir: FieldIR = f.decl
      ? { ...f.base, ...declaredField(f.name, f.type!, f.decl, src(f.decl)), builtin: f.builtin }
      : f.base!;
    const vocabulary = f.vocabulary !== undefined ? vocabularyOf(env, f.vocabulary) : undefined;
    return vocabulary ? { ...ir, vocabulary } : ir;
  });
  const lists: ListIR[] = [...env.lists.values()].map((l) =>
    l.decl
      ? {
          name: l.name,
          entries: l.decl.entries.map((e) => ({ name: e.name.name, includes: e.includes.map((i) => i.name) })),
          members: [...l.members],
          ...(l.aliases.size > 0 ? { aliases: Object.fromEntries(l.aliases) } : {}),
          source: src(l.decl),
        }
      : l.base!,
  );
  const items: ItemIR[] = lowerItems(ctx, env);
  const capGroups = [...env.capGroups.values()].map((g) =>
    g.decl ? lowerCapGroup(env, g.decl, src(g.decl), notes(g.decl.notes)) : g.base!,
  );
  const exclusions: ExclusionIR[] = [
    ...(base?.exclusions ?? []),
    ...decls("exclusion").map((d) => {
      const when = lowerCond(env, d.when);
      return {
        calculator: d.calculator?.name ?? MAIN_CALCULATOR,
        when: d.unless
          ? { kind: "and" as const, left: when, right: { kind: "not" as const, operand: lowerCond(env, d.unless) } }
          : when,
        text: d.unless ? `${condText(d.when)} 除外 ${condText(d.unless)}` : condText(d.when),
        source: src(d),
      };
    }),
  ];
  const warnings: WarningIR[] = replaceByName(
    base?.warnings,
    decls("warning").map((d) => {
      const when: CondIR = d.when ? lowerCond(env, d.when) : { kind: "true" };
      return {
        name: d.name.name,
        countVisitTypes: d.countVisitTypes.map((v) => v.name as VisitType),
        countField: countedField(when),
        when,
        source: src(d),
      };
    }),
  );
  const guarantees: GuaranteeIR[] = replaceByName(
    base?.guarantees,
    decls("guarantee").map((d) => {
      const cond = lowerCond(env, d.cond);
      return { name: d.name.name, scope: usesYear(cond) ? ("year" as const) : ("claim" as const), cond, text: condText(d.cond), source: src(d) };
    }),
  );
  const calculators = lowerCalculators(env, identities, items, exclusions, warnings, src);
  const multi = decls("multi")[0];

  return {
    meta: {
      name: h.name?.name ?? "",
      region: h.region?.name ?? "",
      docNumber: h.docNumber?.text ?? "",
      effective: h.effective?.date.iso ?? "",
      effectiveCitation: h.effective?.citation?.text ?? "",
      expires: h.expires?.date.iso ?? null,
      isBase: h.isBase !== undefined,
      basedOn: h.basedOn?.name ?? null,
      file: ctx.file,
    },
    identities,
    identityNames: Object.fromEntries(env.identityNames),
    groups: Object.fromEntries([...env.groups.keys()].map((g) => [g, expandIdentities(env, [g])])),
    multiIdentity: multi ? src(multi) : (base?.multiIdentity ?? NO_SOURCE),
    fields,
    lists,
    calculators,
    items,
    capGroups,
    exclusions,
    warnings,
    guarantees,
    notes: notes(ast.notes),
  };
}

/** City declarations replace the base's of the same name, in place; new ones follow. */
function replaceByName<T extends { name: string }>(base: T[] | undefined, city: T[]): T[] {
  const out = (base ?? []).map((b) => city.find((c) => c.name === b.name) ?? b);
  return [...out, ...city.filter((c) => !out.includes(c))];
}

/**
 * CalculatorIR.fields: what a record needs for this calculator — 身份 and 结算日期 always,
 * 就诊类型 when an item is restricted by visit, then every field read by its items, exclusions,
 * identity conditions (and, for the main calculator, 预警), in the policy's field order.
 */
function lowerCalculators(
  env: Env,
  identities: IdentityIR[],
  items: ItemIR[],
  exclusions: ExclusionIR[],
  warnings: WarningIR[],
  src: (d: { span: { start: number }; citation?: { text: string } }) => Source,
): CalculatorIR[] {
  const fieldOrder = [...env.fields.keys()];
  return [...env.calculators.values()].map((c) => {
    const mine = items.filter((i) => i.calculator === c.name);
    const used = new Set<string>(["身份", "结算日期"]);
    if (mine.some((i) => i.visitTypes !== null)) used.add("就诊类型");
    for (const i of mine) {
      // a 定额 item pays its amount without reading the base (docs/语义.md §5.6)
      if (Object.values(i.rows).some((r) => r.kind === "params" && r.flat === null)) valueFields(i.base, used);
      if (i.bound) valueFields(i.bound, used);
      for (const k of i.conditions) condFields(k.cond, used);
    }
    for (const e of exclusions) if (e.calculator === c.name) condFields(e.when, used);
    for (const i of identities) if (i.condition) condFields(i.condition, used);
    if (c.name === MAIN_CALCULATOR && warnings.length) {
      used.add("就诊类型");
      for (const w of warnings) condFields(w.when, used.add(w.countField));
    }
    const fields = fieldOrder.filter((f) => used.has(f));
    return {
      name: c.name,
      resultField: c.resultField,
      items: mine.map((i) => i.name),
      fields,
      source: c.decl ? src(c.decl) : (c.base?.source ?? NO_SOURCE),
    };
  });
}

/** A declared field; its 默认 was proved a value of its type by field-defaults.ts. */
function declaredField(name: string, type: FieldTypeIR, decl: FieldDecl, source: Source): FieldIR {
  const f: FieldIR = { name, type, builtin: false, source };
  if (decl.default !== undefined) {
    const r = fieldDefaultValue(type, decl.default);
    if (r.ok) f.default = r.value;
  }
  return f;
}

/** A field's 取值 清单 as record validation reads it: accepted words, 别名 → entry, and 其他. */
function vocabularyOf(env: Env, listName: string): VocabularyIR | undefined {
  const l = env.lists.get(listName);
  if (!l) return undefined;
  const values = [...l.members].filter((m) => !l.aliases.has(m) && m !== OTHER_VALUE);
  return { list: listName, values, aliases: Object.fromEntries(l.aliases), other: l.members.has(OTHER_VALUE) };
}
