/**
 * The typed surface of a generated module, as its `.d.ts` shows it to a settlement system's
 * TypeScript (issue 13 §2): the calculator names as a union (计算器), each calculator's input
 * without an index signature (输入表: a misspelled field is a compile error), identities as a
 * union (身份名 accepted, 身份 returned), read-only lists accepted, amounts as the branded 分
 * (runtime/typed.ts) so that 元 cannot be passed by accident, results typed per calculator
 * (结果表) and validate()'s record (记录). Inside, the module keeps its plain `输入`.
 */
import type { CalculatorIR, CheckedPolicy, FieldIR } from "../ir.js";
import { comment, commentText, lit, where } from "./text.js";

/** Fields every claim carries whatever the calculator reads (the ledger and messages use them). */
const ALWAYS = ["编号", "人员编号"];
/** Fields validate() demands of every record (runtime/claims.ts). */
const DEMANDED = new Set(["编号", "身份", "结算日期"]);

/**
 * A field's public type. `ids` is the identity type: canonical names in a validated record,
 * aliases accepted in an input (evaluate resolves them as validate does).
 */
function publicType(f: FieldIR, ids: string): string {
  switch (f.type.kind) {
    case "金额":
      return "分";
    case "比例":
      return "number";
    case "布尔":
      return "boolean";
    case "日期":
    case "文本":
      return "string";
    case "清单":
      return "readonly string[]";
    case "身份清单":
      return `readonly ${ids}[]`;
    case "枚举":
      return f.type.values.map(lit).join(" | ") || "never";
  }
}

/**
 * A field as a property. Required when validate demands it or fills a default: a claim built by
 * hand without a defaulted field (就医地) would be read as holding no value, and a condition
 * on it would pay differently without a word. Fields without a default are optional: evaluate
 * reports them when a rule reaches them (`| undefined`: an absent value reads as absent).
 */
function property(f: FieldIR, ids: string, file: string): string {
  const required = DEMANDED.has(f.name) || f.default !== undefined;
  // a doc comment, so that the .d.ts (and an editor's hover) says where the policy declares it
  const doc = f.builtin ? "" : `/** 字段 ${commentText(f.name)}：${commentText(where(file, f.source))} */\n`;
  return `${doc}readonly ${lit(f.name)}${required ? "" : "?"}: ${publicType(f, ids)}${required ? "" : " | undefined"};`;
}

function calculatorInput(p: CheckedPolicy, c: CalculatorIR): string {
  const names = new Set([...ALWAYS, ...c.fields]);
  const props = p.fields.filter((f) => names.has(f.name)).map((f) => property(f, "身份名", p.meta.file));
  return `${lit(c.name)}: {\n${props.join("\n")}\n};`;
}

/** The exported type declarations, after `身份` (generate.ts), as statements for ts-morph. */
export function surfaceTypes(p: CheckedPolicy): string[] {
  const aliases = Object.keys(p.identityNames).filter((n) => !p.identities.some((h) => h.name === n));
  const calcs = p.calculators;
  return [
    comment("身份名：规范名或别名（evaluate 与 validate 同样识别别名）") +
      `\nexport type 身份名 = 身份${aliases.map((a) => " | " + lit(a)).join("")};`,
    comment("本政策的计算器") + `\nexport type 计算器 = ${calcs.map((c) => lit(c.name)).join(" | ") || "never"};`,
    comment(
      "各计算器的记录：只有该计算器读取的字段（另有 编号、人员编号），没有任意键，",
      "写错的字段名是编译错误；金额为分（分(500000) 或 元(\"5000.00\")），清单可为只读数组",
    ) + `\nexport interface 输入表 {\n${calcs.map((c) => calculatorInput(p, c)).join("\n")}\n}`,
    comment("validate 通过后的记录：本政策的全部字段，身份为规范名，金额为分；可交给任一计算器") +
      `\nexport interface 记录 {\n${p.fields.map((f) => property(f, "身份", p.meta.file)).join("\n")}\n}`,
    comment("各计算器的结果：明细的项目名、适用身份为本政策所列，金额为分，列表只读") +
      `\nexport interface 结果表 {\n${calcs
        .map((c) => `${lit(c.name)}: TypedOutcome<${c.items.map(lit).join(" | ") || "never"}, 身份>;`)
        .join("\n")}\n}`,
    `export type 结果 = 结果表[计算器];`,
    comment("validate 的结果") + `\nexport type 校验结果 = TypedValidateResult<记录>;`,
  ];
}

/** Runtime types and values the surface uses. */
export const SURFACE_RUNTIME_TYPES = ["TypedOutcome", "TypedValidateResult", "分"];
