/**
 * The data exports of a generated module: 元数据, 字段表, 身份名表, 参数表, 限额组表, 计算器表.
 * Data, not code, so the CLI (record validation) and readers use the same numbers the evaluators
 * use. Amounts are 分 with the human value beside them in a comment.
 */
import type { CheckedPolicy, FieldIR, RowIR } from "../ir.js";
import { pct, yuan } from "../../runtime/money.js";
import { comment, int, lit, where } from "./text.js";

const money = (fen: number | null): string =>
  fen === null ? "null" : `${int(fen)} /* ${yuan(fen)} */`;

/** `{ "k": v, … }` from ready-made code values, keys as string literals. */
export function record(
  entries: [string, string][],
  leading: (key: string) => string = () => "",
): string {
  const body = entries.map(([k, v]) => {
    const c = leading(k);
    return (c ? c + "\n" : "") + `${lit(k)}: ${v},`;
  });
  return "{\n" + body.join("\n") + "\n}";
}

export function metadata(p: CheckedPolicy): string {
  const m = p.meta;
  return record([
    ["地区", lit(m.region)],
    ["名称", lit(m.name)],
    ["文号", lit(m.docNumber)],
    ["生效", lit(m.effective)],
    ["失效", m.expires === null ? "null" : lit(m.expires)],
    ["源文件", lit(m.file)],
    ["基础政策", m.isBase ? "true" : "false"],
    ["基于", m.basedOn === null ? "null" : lit(m.basedOn)],
  ]);
}

function fieldEntry(f: FieldIR): string {
  const t =
    f.type.kind === "枚举"
      ? `{ kind: "枚举", values: [${f.type.values.map(lit).join(", ")}] }`
      : `{ kind: ${lit(f.type.kind)} }`;
  let d = "";
  if (typeof f.default === "string") d = `, default: ${lit(f.default)}`;
  else if (typeof f.default === "boolean") d = `, default: ${String(f.default)}`;
  else if (typeof f.default === "number") d = `, default: ${int(f.default)}`;
  else if (Array.isArray(f.default)) d = `, default: [${f.default.map(lit).join(", ")}]`;
  const v = f.vocabulary;
  if (v)
    d += `, vocabulary: { list: ${lit(v.list)}, values: [${v.values.map(lit).join(", ")}], aliases: ${record(
      Object.entries(v.aliases).map(([a, e]) => [a, lit(e)]),
    )}, other: ${String(v.other)} }`;
  return `{ name: ${lit(f.name)}, type: ${t}, builtin: ${String(f.builtin)}${d} }`;
}

/** The record schema, in FieldIR's shape (without source) so claims.ts can validate with it. */
export function fieldTable(p: CheckedPolicy): string {
  const lead = (f: FieldIR): string =>
    f.builtin ? "" : comment(where(p.meta.file, f.source)) + "\n";
  return "[\n" + p.fields.map((f) => lead(f) + fieldEntry(f) + ",").join("\n") + "\n]";
}

export function identityNames(p: CheckedPolicy): string {
  return record(Object.entries(p.identityNames).map(([k, v]) => [k, lit(v)]));
}

function row(file: string, r: RowIR): string {
  if (r.kind === "unspecified")
    return `{ 未规定: true,${r.atMostBase ? " 至多基数: true," : ""} 依据: ${lit(r.source.citation)}, 行: ${int(r.source.line)} }`;
  const segs = r.segments
    .map(
      (s) => `{ 起: ${money(s.from)}, 止: ${money(s.to)}, 比例: ${int(s.bp)} /* ${pct(s.bp)} */ }`,
    )
    .join(", ");
  const bounds = r.bounds.map((b) =>
    comment(
      `${b.column} ${b.kind === "floor" ? "不低于" : b.kind === "standard" ? "标准" : "不超过"} ${b.column.includes("比例") ? pct(b.value) : yuan(b.value)}：${where(file, b.source)}`,
    ),
  );
  return [
    "{",
    ...bounds,
    `起付线: ${money(r.deductible)},`,
    `分段: [${segs}],`,
    `定额: ${money(r.flat)},`,
    `单次限额: ${money(r.perClaimCap)},`,
    `年度限额: ${money(r.annualCap)},`,
    `依据: ${lit(r.source.citation)},`,
    `行: ${int(r.source.line)},`,
    "}",
  ].join("\n");
}

/** 参数表[项目][身份] = the row (keyed by row identity, i.e. after 参照). */
export function parameterTable(p: CheckedPolicy): string {
  const file = p.meta.file;
  const items: [string, string][] = p.items.map((it) => [
    it.name,
    record(
      Object.entries(it.rows).map(([id, r]) => [id, row(file, r)]),
      (id) => comment(`${id}：${where(file, it.rows[id]!.source)}`),
    ),
  ]);
  return record(items, (name) => {
    const it = p.items.find((i) => i.name === name)!;
    return comment(`${name}：${where(file, it.source)}`, ...it.notes.map((n) => "解释 " + n));
  });
}

export function capGroupTable(p: CheckedPolicy): string {
  return record(
    p.capGroups.map((g) => [
      g.name,
      `{ 年度限额: ${g.annualCap === null ? "null" : money(g.annualCap)}, ${g.byIdentity ? `按身份: { ${Object.entries(g.byIdentity).map(([id, c]) => `${lit(id)}: ${c === null ? "null" : money(c)}`).join(", ")} }, ` : ""}包括: [${g.members.map(lit).join(", ")}], 依据: ${lit(g.source.citation)}, 行: ${int(g.source.line)} }`,
    ]),
    (name) => comment(where(p.meta.file, p.capGroups.find((g) => g.name === name)!.source)),
  );
}

export function calculatorTable(p: CheckedPolicy): string {
  return (
    "[\n" +
    p.calculators
      .map(
        (c) =>
          `{ name: ${lit(c.name)}, resultField: ${lit(c.resultField)}, items: [${c.items.map(lit).join(", ")}], fields: [${c.fields.map(lit).join(", ")}] },`,
      )
      .join("\n") +
    "\n]"
  );
}
