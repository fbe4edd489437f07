/**
 * Pass 4: what must be evaluated before what. An item's 基数 may only use items of the same
 * calculator declared EARLIER, which makes item cycles impossible by construction and gives the
 * evaluation order for free (JZ5001). 参照 chains must end at an identity with its own row (JZ5004).
 */
import { Codes, error, type Diagnostic } from "../diagnostics.js";
import type { Env, ItemEntry, PassContext } from "./env.js";
import { valueOperands, type ValueIR } from "../ir.js";
import { allScopes, follow, referenceTable } from "./references.js";
import { valueNodes } from "./walk.js";

export function checkCycles(ctx: PassContext, env: Env): Diagnostic[] {
  return [...checkItemOrder(ctx, env), ...checkReferenceCycles(ctx, env)];
}

function checkItemOrder(ctx: PassContext, env: Env): Diagnostic[] {
  const out: Diagnostic[] = [];
  const order = [...env.items.keys()];
  for (const item of env.items.values()) {
    // an item inherited from the base policy keeps the base's 基数: the city's items it reads must
    // still be computed before it, in its calculator (a city moving 住院救助 elsewhere breaks 再救助)
    if (!item.decl?.base && item.base) out.push(...inheritedOrder(ctx, env, order, item, item.base.base));
    const base = item.decl?.base;
    if (!base) continue;
    const me = order.indexOf(item.name);
    for (const v of valueNodes(base)) {
      if (v.kind !== "ref" || env.fields.has(v.name)) continue;
      const other = env.items.get(v.name);
      if (!other) continue;
      const rule = "基数只能引用同一计算器中在它之前声明的救助项目";
      if (other.name === item.name) {
        out.push(error(Codes.ItemCycle, ctx.file, v.span, `救助项目「${item.name}」的基数引用了它自己`, [rule]));
      } else if (other.calculator !== item.calculator) {
        out.push(
          error(
            Codes.ItemCycle,
            ctx.file,
            v.span,
            `「${other.name}」属于计算器「${other.calculator}」，不能作为「${item.name}」的基数`,
            [`${rule}；「${item.name}」属于计算器「${item.calculator}」`],
          ),
        );
      } else if (order.indexOf(other.name) > me) {
        const loops =
          other.decl?.base && valueNodes(other.decl.base).some((w) => w.kind === "ref" && w.name === item.name);
        out.push(
          error(
            Codes.ItemCycle,
            ctx.file,
            v.span,
            loops
              ? `救助项目「${item.name}」与「${other.name}」的基数互相引用`
              : `「${other.name}」在「${item.name}」之后才计算，不能作为它的基数`,
            [rule, `救助项目按声明顺序计算：请把「${other.name}」移到「${item.name}」之前`],
          ),
        );
      }
    }
  }
  return out;
}

/** An inherited item's 基数 against the composed order; reported at the city's item it reads. */
function inheritedOrder(ctx: PassContext, env: Env, order: string[], item: ItemEntry, base: ValueIR): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (v: ValueIR): void => {
    if (v.kind === "item") {
      const other = env.items.get(v.name);
      const span = other?.decl?.span;
      if (other && span && (other.calculator !== item.calculator || order.indexOf(other.name) > order.indexOf(item.name))) {
        out.push(
          error(
            Codes.ItemCycle,
            ctx.file,
            span,
            `基础政策的「${item.name}」以「${other.name}」为基数，本政策的「${other.name}」须属于计算器「${item.calculator}」并在它之前计算`,
            ["基数只能引用同一计算器中在它之前声明的救助项目；请勿把被基础政策引用的项目移到别的计算器"],
          ),
        );
      }
    }
    valueOperands(v).forEach(walk);
  };
  walk(base);
  return out;
}

function checkReferenceCycles(ctx: PassContext, env: Env): Diagnostic[] {
  const out: Diagnostic[] = [];
  const refs = referenceTable(env);
  const reported = new Set<string>();
  for (const id of refs.keys()) {
    for (const scope of allScopes(env)) {
      const r = follow(refs, id, scope);
      if (!r.cycle) continue;
      const key = [...r.cycle].sort().join("|");
      if (reported.has(key)) continue;
      reported.add(key);
      const span = r.edge?.span ?? env.identities.get(r.cycle[0]!)?.decl?.name.span ?? { start: 0, end: 0 };
      const path = [...r.cycle, r.cycle[0]].join(" → ");
      const where = scope.item
        ? `（用于「${scope.item}」时）`
        : scope.calculator
          ? `（用于「${scope.calculator}」时）`
          : "";
      out.push(
        error(Codes.ReferenceCycle, ctx.file, span, `参照形成循环${where}：${path}`, [
          "参照的目标必须最终落在一个有自己待遇行的身份上；请删除其中一个参照",
        ]),
      );
    }
  }
  return out;
}
