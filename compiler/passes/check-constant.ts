/**
 * Pass 4b (warning JZ3010): a condition that can never hold, or always holds — `就医地 属于 省外 且
 * 就医地 属于 市域内`, `致伤原因 属于 X 除外 致伤原因 属于 X`, `规范转诊 或 非 规范转诊`. Such a line
 * reads like a rule but decides nothing, which is how an encoding silently pays or refuses everyone.
 *
 * Method: a truth table. Fields with a finite domain (布尔, 枚举, 文本 with 取值) range over their
 * values (and "absent" where a record may omit them); every other test (comparisons, identities,
 * dates, 病种) is an independent free variable. Treating those as independent only ever makes more
 * assignments possible, so a condition found constant is constant for every record: no false alarm.
 */
import type { CondExpr, Span } from "../../grammar/ast.js";
import { Codes, warning, type Diagnostic } from "../diagnostics.js";
import { OTHER_VALUE, type CondIR } from "../ir.js";
import type { Env, PassContext } from "./env.js";
import { condText, lowerCond } from "./lower-cond.js";

/** Beyond this many assignments the table is not built (no policy condition comes close). */
const MAX_ASSIGNMENTS = 4096;
/** The value of a field the record left out (and that has no default). */
const ABSENT = "\u0000缺";

type Assignment = Map<string, string | boolean>;
/** leaf test → the variable it reads */
type Keys = Map<CondIR, string>;

export function checkConstant(ctx: PassContext, env: Env): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (c: CondExpr, span: Span, truth: boolean, text = condText(c)): void => {
    out.push(
      warning(
        Codes.ConstantCondition,
        ctx.file,
        span,
        truth ? `条件「${text}」总是成立` : `条件「${text}」永远不成立`,
        [
          truth
            ? "任何记录都满足这个条件，它不起任何作用；请核对原文，检查是否写错了字段或取值"
            : "没有记录能满足这个条件（取值互相矛盾，或取值不是该字段可能有的值）；请核对原文",
        ],
      ),
    );
  };
  const examine = (c: CondExpr, span: Span, whole?: { ir: CondIR; text: string }): void => {
    const verdict = constantValue(env, whole?.ir ?? lowerCond(env, c));
    if (verdict !== undefined) return report(c, span, verdict, whole?.text);
    // not constant as a whole: report the first constant 且/或 inside it
    for (const sub of subConditions(c)) {
      const v = constantValue(env, lowerCond(env, sub));
      if (v !== undefined) return report(sub, sub.span, v);
    }
  };
  for (const d of ctx.ast.declarations) {
    if (d.kind === "identity" && d.condition) examine(d.condition, d.condition.span);
    if (d.kind === "item") for (const c of d.conditions) examine(c.cond, c.cond.span);
    if (d.kind === "warning" && d.when) examine(d.when, d.when.span);
    if (d.kind === "exclusion") {
      if (!d.unless) examine(d.when, d.when.span);
      else {
        const ir: CondIR = {
          kind: "and",
          left: lowerCond(env, d.when),
          right: { kind: "not", operand: lowerCond(env, d.unless) },
        };
        examine(d.when, d.span, { ir, text: `${condText(d.when)} 除外 ${condText(d.unless)}` });
      }
    }
  }
  return out;
}

/** The 且/或 nodes strictly inside c, pre-order. */
function subConditions(c: CondExpr): CondExpr[] {
  const all = (x: CondExpr): CondExpr[] =>
    x.kind === "and" || x.kind === "or" ? [x, ...all(x.left), ...all(x.right)] : x.kind === "not" ? all(x.operand) : [];
  return all(c).filter((x) => x !== c);
}

/** true/false when the condition has that value under every assignment; undefined otherwise. */
export function constantValue(env: Env, c: CondIR): boolean | undefined {
  const vars = new Map<string, (string | boolean)[]>();
  const keys: Keys = new Map();
  collect(env, c, vars, keys);
  let count = 1;
  for (const d of vars.values()) if ((count *= d.length) > MAX_ASSIGNMENTS) return undefined;
  const names = [...vars.keys()];
  let seenTrue = false;
  let seenFalse = false;
  const a: Assignment = new Map();
  const walk = (i: number): void => {
    if (seenTrue && seenFalse) return;
    if (i === names.length) {
      if (evaluate(c, a, keys)) seenTrue = true;
      else seenFalse = true;
      return;
    }
    for (const v of vars.get(names[i]!)!) {
      a.set(names[i]!, v);
      walk(i + 1);
    }
  };
  walk(0);
  return seenTrue && seenFalse ? undefined : seenTrue;
}

/**
 * A leaf test reads a field with a finite domain (shared by every test on that field, so
 * `就医地 属于 省外 且 就医地 属于 市域内` is seen to contradict itself), or is its own free variable.
 */
function collect(env: Env, c: CondIR, vars: Map<string, (string | boolean)[]>, keys: Keys): void {
  switch (c.kind) {
    case "and":
    case "or":
      collect(env, c.left, vars, keys);
      collect(env, c.right, vars, keys);
      return;
    case "not":
      collect(env, c.operand, vars, keys);
      return;
    case "true":
      return;
    default: {
      const d = domain(env, c);
      const key = d && "field" in c ? `字段:${c.field}` : `式:${JSON.stringify(c)}`;
      keys.set(c, key);
      if (!vars.has(key)) vars.set(key, d ?? [true, false]);
    }
  }
}

function domain(env: Env, c: CondIR): (string | boolean)[] | undefined {
  const f = c.kind === "flag" || c.kind === "enumIn" || c.kind === "textIn" ? env.fields.get(c.field) : undefined;
  if (!f) return undefined;
  const hasDefault = f.base?.default !== undefined;
  if (c.kind === "flag") return [true, false];
  if (c.kind === "enumIn" && f.type?.kind === "枚举") return [...f.type.values, ...(hasDefault ? [] : [ABSENT])];
  if (c.kind === "textIn" && f.vocabulary !== undefined) {
    const l = env.lists.get(f.vocabulary);
    if (!l) return undefined;
    const values = [...l.members].filter((m) => !l.aliases.has(m));
    if (!values.includes(OTHER_VALUE)) values.push(OTHER_VALUE); // stands for "any other text" too
    return [...values, ABSENT];
  }
  return undefined;
}

function evaluate(c: CondIR, a: Assignment, keys: Keys): boolean {
  switch (c.kind) {
    case "true":
      return true;
    case "and":
      return evaluate(c.left, a, keys) && evaluate(c.right, a, keys);
    case "or":
      return evaluate(c.left, a, keys) || evaluate(c.right, a, keys);
    case "not":
      return !evaluate(c.operand, a, keys);
    default: {
      const v = a.get(keys.get(c)!);
      if (typeof v === "string" && (c.kind === "enumIn" || c.kind === "textIn")) return c.values.includes(v);
      return v === true;
    }
  }
}
