/**
 * Hostile versions of real policies, made from TEXT so the lexer, parser and checker carry the
 * hostile strings all the way to codegen: every declared name becomes a quoted name 「name + EVIL」
 * and every raw text (政策, 文号, 依据 and 依据 cells, 解释, 备注, 原文, 程序性) gets RAW_EVIL
 * appended. `back` maps any output string of the hostile policy to the plain policy's.
 */
import type { CheckedPolicy } from "../../compiler/ir.js";
import { MAIN_CALCULATOR } from "../../compiler/ir.js";
import { parsePolicy } from "../../grammar/index.js";

/** Each piece would run `globalThis.__pwned = 1` if it escaped a string literal or comment. */
const PAYLOADS = [
  "${globalThis.__pwned=1}",
  '");globalThis.__pwned=1;("',
  "');globalThis.__pwned=1;('",
  "`;globalThis.__pwned=1;`",
  "*/globalThis.__pwned=1;/*",
  "\u2028globalThis.__pwned=1;//",
  "\u2029globalThis.__pwned=1;//",
  "</script><script>globalThis.__pwned=1</script><!--",
  "\\u0022);globalThis.__pwned=1;//\\",
  "\u202e\u2066",
];

/** Appended to raw texts: no `#` (a comment), `|` (a cell), line breaks, and not ending in a space. */
export const RAW_EVIL = PAYLOADS.join("") + "。";
/** Inside 「…」 a name may also hold a carriage return (not 」 or a line feed). */
export const NAME_EVIL = PAYLOADS.join("\r") + "。";
/** One name and the title also get 10,000 characters. */
export const LONG = "长".repeat(10_000);

/** Every name a policy declares that a text rename may change (not regions, builtins, the main calculator). */
export function declaredNames(p: CheckedPolicy): string[] {
  return [
    ...p.identities.flatMap((h) => [h.name, ...h.aliases]),
    ...Object.keys(p.groups),
    ...p.fields.filter((f) => !f.builtin).map((f) => f.name),
    // 其他 in a 取值 清单 is the language's catch-all entry, not a name the officer chose
    ...p.lists.flatMap((l) => [l.name, ...l.members.filter((m) => m !== "其他")]),
    ...p.items.map((i) => i.name),
    ...p.calculators.filter((c) => c.name !== MAIN_CALCULATOR).map((c) => c.name),
    ...p.capGroups.map((g) => g.name),
    ...p.warnings.map((w) => w.name),
    ...p.guarantees.map((g) => g.name),
  ];
}

/** plain name → hostile name (without the 「」 it is written in). */
export function hostileNames(names: string[]): Map<string, string> {
  const unique = [...new Set(names)];
  return new Map(unique.map((n, i) => [n, n + NAME_EVIL + (i === 0 ? LONG : "")]));
}

/** Spans of the raw texts of a parsed policy, sorted, non-overlapping; the title's flagged. */
function rawSpans(text: string): { start: number; end: number; title?: boolean }[] {
  const out: { start: number; end: number; title?: boolean }[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    const span = o["span"] as { start: number; end: number } | undefined;
    // a field's 默认 (it has `form`) is a value, not raw text
    const raw = (o["kind"] === undefined && o["form"] === undefined) || o["kind"] === "解释" || o["kind"] === "备注";
    const t = o["text"];
    // a note's span covers its keyword too: its text is the end of the span
    if (raw && span && typeof t === "string" && t !== "" && text.slice(span.end - t.length, span.end) === t) out.push({ start: span.end - t.length, end: span.end });
    Object.values(o).forEach(walk);
  };
  const { ast } = parsePolicy("x.jz", text);
  walk(ast);
  if (ast.header.name) out.push({ ...ast.header.name.span, title: true }); // 政策 <title> is raw text too
  out.sort((a, b) => a.start - b.start);
  return out.filter((s, i) => i === 0 || s.start >= out[i - 1]!.end);
}

const NAME_RUN = /(?:[A-Za-z_][A-Za-z0-9_]*|[\u3400-\u4dbf\u4e00-\u9fff])+/g;

/** The hostile text: names renamed outside raw texts (a raw text cannot hold the \r of a name), raw texts extended. */
export function hostileText(text: string, rename: Map<string, string>): string {
  let out = "";
  let at = 0;
  const TOTAL = "年度累计"; // `年度累计<字段>` in a 预警 names a renamed field inside one name
  const renamed = (run: string) =>
    rename.has(run)
      ? `「${rename.get(run)}」`
      : run.startsWith(TOTAL) && rename.has(run.slice(TOTAL.length))
        ? `「${TOTAL}${rename.get(run.slice(TOTAL.length))}」`
        : run;
  const names = (s: string) => s.replace(NAME_RUN, renamed);
  for (const s of rawSpans(text)) {
    out += names(text.slice(at, s.start)) + text.slice(s.start, s.end) + RAW_EVIL + (s.title ? LONG : "");
    at = s.end;
  }
  return out + names(text.slice(at));
}

/** Any string the hostile policy outputs, as the plain policy would have written it. */
export function back(s: string, rename: Map<string, string>): string {
  for (const [plain, evil] of rename) s = s.replaceAll(evil, plain);
  return s.replaceAll(RAW_EVIL + LONG, "").replaceAll(RAW_EVIL, "");
}

/** Every string inside a JSON-like value mapped by `f` (keys too). */
export function mapStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === "string") return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [f(k), mapStrings(x, f)]));
  return v;
}
