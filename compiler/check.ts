/**
 * The checker: PolicyAst → CheckedPolicy. An ordered list of stages, each a group of pure passes
 * `(ctx, env) → Diagnostic[]`. After a stage that reported an error we stop, but only after the
 * whole stage ran, so the user sees every error of that kind at once (not one per run).
 *
 * Why this order:
 *  1. 声明 — collect declarations (base first) and check the header: every later pass looks names
 *     up in the table this builds, and a duplicate makes a lookup ambiguous. A provision listed
 *     twice in 程序性 is a warning here too (JZ5010).
 *  2. 名称 — every name resolves: types of unknown names are meaningless.
 *  3. 类型与取值 — types and literal ranges: tables and segments read numbers as 分/bp.
 *  4. 顺序与参照 — item order and 参照 cycles: the missing-row check follows 参照 chains.
 *  5. 表格 — rows, columns, segments.
 *  6. 组合 — the base's 不低于/不超过 against the city's values: needs well-formed tables.
 *  7. lowering — only for a policy with no errors, so it may trust what the checks proved.
 *  8. 下限合计 — a city's calculator totals against its base's floors, per identity and case
 *     (compiler/diff/floors.ts): catches 条件, 对象, 单次限额 … that no single cell shows.
 */
import type { PolicyAst } from "../grammar/ast.js";
import { Codes, error, hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import type { CheckedPolicy } from "./ir.js";
import { checkCapGroups } from "./passes/check-cap-groups.js";
import { checkConstant } from "./passes/check-constant.js";
import { checkCycles } from "./passes/check-cycles.js";
import { checkRaise } from "./passes/check-raise.js";
import { checkSame } from "./passes/check-same.js";
import { checkDates } from "./passes/check-dates.js";
import { checkProcedural } from "./passes/check-procedural.js";
import { checkSegments } from "./passes/check-segments.js";
import { checkTables } from "./passes/check-tables.js";
import { checkTypes } from "./passes/check-types.js";
import { checkValues } from "./passes/check-values.js";
import { collectNames } from "./passes/collect-names.js";
import { checkFieldDefaults } from "./passes/field-defaults.js";
import { checkFloorTotals } from "./passes/check-floors.js";
import { composeBase } from "./passes/compose-base.js";
import type { Env, PassContext } from "./passes/env.js";
import { lower } from "./passes/lower.js";
import { resolveNames } from "./passes/resolve-names.js";
import { LineIndex, NO_LINES } from "./passes/source-lines.js";

export interface CheckOptions {
  /** the checked base policy for 基于 (the loader finds it) */
  base?: CheckedPolicy;
  /** the source text, so that IR Source.line and notes can name lines; without it lines are 0 */
  source?: string;
}

export interface CheckResult {
  /** present iff there is no error diagnostic */
  policy?: CheckedPolicy;
  diagnostics: Diagnostic[];
}

type Stage = { name: string; passes: ((ctx: PassContext, env: Env) => Diagnostic[])[] };

const STAGES: Stage[] = [
  { name: "名称", passes: [resolveNames] },
  { name: "类型与取值", passes: [checkTypes, (ctx) => checkValues(ctx), checkFieldDefaults] },
  { name: "顺序与参照", passes: [checkCycles, checkConstant] },
  { name: "表格", passes: [checkTables, (ctx) => checkSegments(ctx), (ctx) => checkRaise(ctx), checkCapGroups, checkSame] },
  { name: "组合", passes: [composeBase] },
];

export function checkPolicy(ast: PolicyAst, options: CheckOptions = {}): CheckResult {
  const text = options.source ?? sourceOf(ast);
  const ctx: PassContext = {
    ast,
    file: ast.file,
    lines: text !== undefined ? new LineIndex(text) : NO_LINES,
    base: options.base,
  };
  const diagnostics: Diagnostic[] = [];
  const done = (policy?: CheckedPolicy): CheckResult =>
    policy ? { policy, diagnostics: sortDiagnostics(diagnostics) } : { diagnostics: sortDiagnostics(diagnostics) };
  try {
    if (ast.header.basedOn && !options.base) {
      const b = ast.header.basedOn;
      diagnostics.push(
        error(Codes.BasePolicyNotFound, ctx.file, b.span, `找不到基础政策「${b.name}」`, [
          `基于 ${b.name} 需要 policies/${b.name}/ 中在本政策生效日有效的版本；请通过 jiuzhu 加载整个 policies/ 目录`,
        ]),
      );
      return done();
    }
    // stage 1 (声明) builds the Env the other stages read
    const collected = collectNames(ctx);
    diagnostics.push(...collected.diagnostics, ...checkDates(ctx), ...checkProcedural(ctx));
    if (hasErrors(diagnostics)) return done();
    for (const stage of STAGES) {
      const found = stage.passes.flatMap((pass) => pass(ctx, collected.env));
      diagnostics.push(...found);
      if (hasErrors(found)) return done();
    }
    const policy = lower(ctx, collected.env);
    // 8. 下限合计 — the city's totals against the base's floors: needs the lowered city policy
    const short = checkFloorTotals(ctx, policy);
    diagnostics.push(...short);
    return done(hasErrors(short) ? undefined : policy);
  } catch (e) {
    // the checker reports, never throws: a crash is a bug in jiuzhu, said so plainly
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    diagnostics.push(
      error(Codes.InternalError, ctx.file, { start: 0, end: 0 }, "检查器内部错误", [
        message,
        "这是 jiuzhu 的缺陷，请报告",
      ]),
    );
    return done();
  }
}

/** If the parser ever attaches the text to the AST (`source` or `text`), use it. */
function sourceOf(ast: PolicyAst): string | undefined {
  const a = ast as unknown as { source?: unknown; text?: unknown };
  return typeof a.source === "string" ? a.source : typeof a.text === "string" ? a.text : undefined;
}
