/**
 * Pass 1: collect every declaration into the symbol table (Env), inheriting the base policy's
 * declarations first. Reports duplicate declarations (JZ2006) with a note pointing at the first.
 * A city declaration with the name of a base declaration of the same kind replaces it: that is
 * composition, not a duplicate.
 */
import type { Named, Span } from "../../grammar/ast.js";
import { Codes, error, type Diagnostic } from "../diagnostics.js";
import { MAIN_CALCULATOR, MAIN_RESULT_FIELD, type FieldTypeIR } from "../ir.js";
import { builtinFields, DECLARABLE_FIELD_TYPES } from "./builtins.js";
import type { CalculatorEntry, Env, PassContext } from "./env.js";

const KIND_WORDS = {
  identity: "身份",
  alias: "身份别名",
  group: "身份组",
  field: "字段",
  list: "清单",
  calculator: "计算器",
  item: "救助项目",
  capGroup: "限额组",
  warning: "预警",
  guarantee: "保证",
  multi: "多重身份",
} as const;
type Kind = keyof typeof KIND_WORDS;

export function collectNames(ctx: PassContext): { env: Env; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const env: Env = {
    identities: new Map(),
    identityNames: new Map(),
    groups: new Map(),
    fields: new Map(),
    lists: new Map(),
    calculators: new Map(),
    items: new Map(),
    capGroups: new Map(),
    listMembers: new Set(),
  };
  inheritBase(ctx, env);

  /** first city declaration of each (namespace, name), for the JZ2006 note */
  const seen = new Map<string, { span: Span; kind: Kind }>();
  const declare = (ns: string, kind: Kind, n: Named, builtinClash = false): boolean => {
    // `__proto__` cannot be a key of the plain objects that carry names through the IR and the
    // generated tables (assigning it changes the prototype instead): refuse it as a name.
    if (n.name === "__proto__") {
      diagnostics.push(
        error(Codes.ReservedName, ctx.file, n.span, `「__proto__」不能用作${KIND_WORDS[kind]}名称`, [
          "请改用其他名称",
        ]),
      );
      return false;
    }
    const key = `${ns}:${n.name}`;
    const first = seen.get(key);
    if (!first && !builtinClash) {
      seen.set(key, { span: n.span, kind });
      return true;
    }
    const line = first ? ctx.lines.line(first.span.start) : 0;
    const where = builtinClash
      ? `「${n.name}」是标准就诊记录的内置字段`
      : line > 0
        ? `首次声明为${KIND_WORDS[first!.kind]}，在第 ${line} 行`
        : `此前已声明为${KIND_WORDS[first!.kind]}`;
    diagnostics.push(
      error(Codes.DuplicateDeclaration, ctx.file, n.span, `重复声明${KIND_WORDS[kind]}「${n.name}」`, [
        where,
        "请删除其中一个，或改用不同的名称",
      ]),
    );
    return false;
  };

  for (const d of ctx.ast.declarations) {
    switch (d.kind) {
      case "identity": {
        if (!declare("who", "identity", d.name)) break;
        const prev = env.identities.get(d.name.name);
        env.identities.set(d.name.name, { name: d.name.name, decl: d, base: prev?.base });
        env.identityNames.set(d.name.name, d.name.name);
        for (const a of d.aliases) {
          if (declare("who", "alias", a)) env.identityNames.set(a.name, d.name.name);
        }
        break;
      }
      case "group":
        if (declare("who", "group", d.name))
          env.groups.set(d.name.name, { name: d.name.name, members: d.members.map((m) => m.name), decl: d });
        break;
      case "field": {
        const b = env.fields.get(d.name.name);
        // `字段 致伤原因 取值 致伤原因表` gives a built-in text field its vocabulary: not a redeclaration
        const vocabularyOnly = b?.builtin === true && d.vocabulary !== undefined && b.type?.kind === "文本";
        if (vocabularyOnly && (d.type.name === "" || d.type.name === "文本")) {
          if (declare("value", "field", d.name))
            env.fields.set(d.name.name, { ...b, decl: d, vocabulary: d.vocabulary!.name });
          break;
        }
        if (!declare("value", "field", d.name, b?.builtin === true)) break;
        const t = DECLARABLE_FIELD_TYPES.find((x) => x === d.type.name);
        const type: FieldTypeIR | undefined = t ? { kind: t } : undefined;
        env.fields.set(d.name.name, {
          name: d.name.name,
          type,
          builtin: false,
          decl: d,
          base: b?.base,
          ...(d.vocabulary ? { vocabulary: d.vocabulary.name } : b?.vocabulary ? { vocabulary: b.vocabulary } : {}),
        });
        break;
      }
      case "list": {
        if (!declare("list", "list", d.name)) break;
        const members = new Set<string>();
        const aliases = new Map<string, string>();
        for (const e of d.entries) {
          for (const n of [e.name, ...e.includes, ...e.aliases]) members.add(n.name);
          for (const a of e.aliases) aliases.set(a.name, e.name.name);
        }
        env.lists.set(d.name.name, { name: d.name.name, members, aliases, decl: d, base: env.lists.get(d.name.name)?.base });
        break;
      }
      case "calculator":
        if (declare("scope", "calculator", d.name))
          env.calculators.set(d.name.name, {
            name: d.name.name,
            resultField: d.resultField.name,
            decl: d,
            base: env.calculators.get(d.name.name)?.base,
          });
        break;
      case "item": {
        if (!declare("scope", "item", d.name)) break;
        if (env.fields.has(d.name.name)) {
          // 基数 refers to fields and items by bare name: one name must mean one thing
          diagnostics.push(
            error(Codes.DuplicateDeclaration, ctx.file, d.name.span, `救助项目「${d.name.name}」与字段同名`, [
              "基数中的名称既可能指字段也可能指救助项目，请改用不同的名称",
            ]),
          );
          break;
        }
        const base = env.items.get(d.name.name)?.base;
        const calculator = d.calculator?.name ?? base?.calculator ?? MAIN_CALCULATOR;
        env.items.set(d.name.name, { name: d.name.name, calculator, decl: d, base });
        break;
      }
      case "capGroup":
        if (declare("cap", "capGroup", d.name))
          env.capGroups.set(d.name.name, { name: d.name.name, decl: d, base: env.capGroups.get(d.name.name)?.base });
        break;
      case "warning":
        declare("warning", "warning", d.name);
        break;
      case "guarantee":
        declare("guarantee", "guarantee", d.name);
        break;
      case "multi":
        declare("multi", "multi", { name: "就高不重复", span: d.span });
        break;
    }
  }
  for (const l of env.lists.values()) for (const m of l.members) env.listMembers.add(m);
  tooManyIdentities(ctx, env, diagnostics);
  addMainCalculator(ctx, env);
  return { env, diagnostics };
}

/**
 * Generated calculators keep the identities a claim holds as the bits of one 32-bit integer
 * (bit h = identity h), so a policy declares at most 31 (base policy included). Documents name
 * about ten; the limit is reported at the first identity past it.
 */
export const MAX_IDENTITIES = 31;

function tooManyIdentities(ctx: PassContext, env: Env, diagnostics: Diagnostic[]): void {
  if (env.identities.size <= MAX_IDENTITIES) return;
  const past = [...env.identities.values()][MAX_IDENTITIES]!;
  const span = past.decl?.name.span ?? ctx.ast.declarations[0]?.span ?? { start: 0, end: 0 };
  diagnostics.push(
    error(Codes.TooManyIdentities, ctx.file, span, `身份过多：本政策（含基础政策）声明了 ${env.identities.size} 个身份，最多 ${MAX_IDENTITIES} 个`, [
      "文件中的身份通常不超过十余个；同一身份的不同叫法请写成「别名」，待遇相同的身份可用「参照」共用一行",
    ]),
  );
}

function inheritBase(ctx: PassContext, env: Env): void {
  const base = ctx.base;
  if (!base) {
    for (const f of builtinFields()) env.fields.set(f.name, { name: f.name, type: f.type, builtin: true, base: f });
    return;
  }
  for (const i of base.identities) env.identities.set(i.name, { name: i.name, base: i });
  for (const [n, c] of Object.entries(base.identityNames)) env.identityNames.set(n, c);
  for (const [n, m] of Object.entries(base.groups)) env.groups.set(n, { name: n, members: m });
  for (const f of base.fields)
    env.fields.set(f.name, {
      name: f.name,
      type: f.type,
      builtin: f.builtin,
      base: f,
      ...(f.vocabulary ? { vocabulary: f.vocabulary.list } : {}),
    });
  for (const l of base.lists)
    env.lists.set(l.name, {
      name: l.name,
      members: new Set(l.members),
      aliases: new Map(Object.entries(l.aliases ?? {})),
      base: l,
    });
  for (const c of base.calculators) env.calculators.set(c.name, { name: c.name, resultField: c.resultField, base: c });
  for (const i of base.items) env.items.set(i.name, { name: i.name, calculator: i.calculator, base: i });
  for (const g of base.capGroups) env.capGroups.set(g.name, { name: g.name, base: g });
}

/** Items and exclusions without 属于 belong to 医疗救助 (result 救助金额), created on demand. */
function addMainCalculator(ctx: PassContext, env: Env): void {
  if (env.calculators.has(MAIN_CALCULATOR)) return;
  const needed =
    [...env.items.values()].some((i) => i.calculator === MAIN_CALCULATOR) ||
    ctx.ast.declarations.some((d) => d.kind === "exclusion" && !d.calculator);
  if (!needed) return;
  const main: CalculatorEntry = { name: MAIN_CALCULATOR, resultField: MAIN_RESULT_FIELD };
  const rest = [...env.calculators.entries()];
  env.calculators.clear();
  env.calculators.set(MAIN_CALCULATOR, main);
  for (const [k, v] of rest) env.calculators.set(k, v);
}
