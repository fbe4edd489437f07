/**
 * What makes `jiuzhu compile -o DIR` a package an engineer can depend on: package.json (an ASCII
 * npm name, the newest 生效 as version, exports with types, the `jiuzhu.generated` marker) and a
 * router module `index.js` that picks the version in force on each claim's 结算日期 and passes
 * the caller's one ledger through, as `calc` does. Pure text builders: writeCompiled writes them.
 */
import { lit } from "./codegen/text.js";

/** One compiled version as the router and package.json need it. */
export interface PackagedVersion {
  /** file name without extension, e.g. `营口市-2023-01-01` or `v2023-01-01` */
  file: string;
  effective: string;
  /** the first day not in force (written 失效), null when open-ended */
  expires: string | null;
}

/** npm's rule for a package name: lower-case ASCII, optional @scope/, URL-safe, ≤ 214 characters. */
const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

export function validPackageName(name: string): boolean {
  return name.length <= 214 && NPM_NAME.test(name);
}

/** `2023-01-01` → `2023.1.1` (semver forbids leading zeros). */
export function versionOf(effective: string): string {
  const [y, m, d] = effective.split("-").map(Number);
  return `${y}.${m}.${d}`;
}

export function packageJson(name: string, region: string, versions: readonly PackagedVersion[]): string {
  const newest = [...versions].sort((a, b) => (a.effective < b.effective ? 1 : -1))[0];
  const exports: Record<string, unknown> = {
    ".": { types: "./index.d.ts", default: "./index.js" },
    "./runtime": { types: "./runtime/index.d.ts", default: "./runtime/index.js" },
  };
  for (const v of versions) exports[`./${v.file}`] = { types: `./${v.file}.d.ts`, default: `./${v.file}.js` };
  const pkg = {
    name,
    version: newest ? versionOf(newest.effective) : "0.0.0",
    description: `${region} 医疗救助计算模块（由 jiuzhu 从政策文件生成，请勿手改）`,
    type: "module",
    main: "./index.js",
    types: "./index.d.ts",
    exports,
    sideEffects: false,
    jiuzhu: { generated: true, region, versions: versions.map((v) => v.effective) },
  };
  return JSON.stringify(pkg, null, 2) + "\n";
}

/** The router: the version in force on a date, as compiler/versions.ts selectVersion picks it. */
export function routerJs(region: string, versions: readonly PackagedVersion[]): string {
  const sorted = [...versions].sort((a, b) => (a.effective < b.effective ? -1 : 1));
  const imports = sorted.map((v, i) => `import * as v${i} from "./${v.file}.js";`).join("\n");
  const table = sorted
    .map((v, i) => `  { 生效: "${v.effective}", 失效: ${v.expires === null ? "null" : `"${v.expires}"`}, module: v${i} },`)
    .join("\n");
  // policy text reaches generated code only as JSON string literals (a region name is any text)
  const regionLit = JSON.stringify(region);
  const outside = JSON.stringify(`不在${region}任何版本的施行期内`);
  return `// 按结算日期选用施行中的版本（由 jiuzhu 生成，请勿手改）。地区见 package.json。
// Every version shares the caller's ledger: keys are names, so a person's year carries across versions.
${imports}

/** Versions in order of 生效; a version ends at its 失效, or where the next begins. */
export const 版本表 = [
${table}
];

/** The version in force on an ISO date (latest 生效 ≤ date < 失效), or undefined. */
export function versionFor(isoDate) {
  let found;
  for (const v of 版本表) {
    if (v.生效 <= isoDate && (v.失效 === null || isoDate < v.失效)) found = v;
  }
  return found?.module;
}

/** Evaluates a claim with the version in force on its 结算日期. */
export function evaluate(calculator, claim, ledger, options) {
  const module = versionFor(claim.结算日期);
  if (module === undefined) {
    return { ok: false, 错误: "结算日期 " + claim.结算日期 + ${outside} };
  }
  return module.evaluate(calculator, claim, ledger, options);
}

export const evaluator = { evaluate };
export { newLedger, yuan, 分, 元 } from "./runtime/index.js";

/**
 * Checks a raw record with the version in force on its 结算日期 (the newest when the date is
 * missing or outside every version: evaluate then says why).
 */
export function validate(raw, recordNo) {
  const date = raw !== null && typeof raw === "object" && typeof raw.结算日期 === "string" ? raw.结算日期.trim() : "";
  const module = versionFor(date) ?? 版本表[版本表.length - 1].module;
  return module.validate(raw, recordNo);
}

export const 地区 = ${regionLit};
`;
}

/**
 * The router's declarations: its types are those of the versions together — a calculator or an
 * identity of any version, for a calculator the input of one of the versions that have it —
 * since which version applies depends on 结算日期, known only at run time.
 */
export function routerDts(region: string, versions: readonly PackagedVersion[]): string {
  const sorted = [...versions].sort((a, b) => (a.effective < b.effective ? -1 : 1));
  const imports = sorted.map((v, i) => `import type * as v${i} from "./${v.file}.js";`).join("\n");
  const union = (t: string) => sorted.map((_, i) => `v${i}.${t}`).join(" | ") || "never";
  const perCalculator = (table: string) =>
    `{ [K in 计算器]: ${sorted.map((_, i) => `(K extends v${i}.计算器 ? v${i}.${table}[K] : never)`).join(" | ") || "never"} }`;
  return `import type { EvaluateOptions, Evaluator, PersonLedger, TypedValidateResult } from "./runtime/index.js";
${imports}
export { newLedger, yuan, 分, 元 } from "./runtime/index.js";

/** 各版本的计算器 */
export type 计算器 = ${union("计算器")};
/** 各版本所列的身份（规范名） */
export type 身份 = ${union("身份")};
/** 身份的规范名或别名 */
export type 身份名 = ${union("身份名")};
/** 各计算器的记录：结算日期所在版本的记录（无任意键，金额为分） */
export type 输入表 = ${perCalculator("输入表")};
/** 各计算器的结果 */
export type 结果表 = ${perCalculator("结果表")};
export type 结果 = 结果表[计算器];
/** validate 通过后的记录 */
export type 记录 = ${union("记录")};
export type 校验结果 = TypedValidateResult<记录>;

/** A compiled version module: validate a raw record; evaluate one claim against a person's ledger. */
export type VersionModule = ${sorted.map((_, i) => `typeof v${i}`).join(" | ") || "never"};

export declare const 版本表: readonly { readonly 生效: string; readonly 失效: string | null; readonly module: VersionModule }[];
/** The version in force on an ISO date (latest 生效 ≤ date < 失效), or undefined. */
export declare function versionFor(isoDate: string): VersionModule | undefined;
/** Evaluates a claim with the version in force on its 结算日期; outside every version: an error outcome. */
export declare function evaluate<K extends 计算器>(calculator: K, claim: 输入表[K], ledger: PersonLedger, options?: EvaluateOptions): 结果表[K];
/** evaluate as the untyped Evaluator of jiuzhu's own tools (calculator a string, claim a Claim). */
export declare const evaluator: Evaluator;
/** Checks a raw record (amounts in 元) with the version in force on its 结算日期; ok → a claim for evaluate. */
export declare function validate(raw: Readonly<Record<string, unknown>>, recordNo?: number): 校验结果;
export declare const 地区: ${lit(region)};
`;
}
