/**
 * Claim records as fast-check values, generic over a checked policy: valid ones built from the
 * policy's own fields, identities, enumerations and list members, and malformed ones that carry
 * the names of the fields they break, so a test can demand that the error names exactly those.
 */
import fc from "fast-check";
import type { CheckedPolicy, FieldIR } from "../../compiler/ir.js";
import { MAIN_CALCULATOR } from "../../compiler/ir.js";

export type Raw = Record<string, unknown>;

/** A record and what the test expects of it: `bad` lists the fields it breaks (empty = valid). */
export interface Generated {
  raw: Raw;
  bad: string[];
}

/**
 * Fields validation demands (runtime/claims.ts): 结算日期 and 身份, unless given a default. Every
 * other field is demanded by the engine when a rule reaches it (issue 9 §1), not by validation.
 */
export function requiredFields(p: CheckedPolicy, calculator = MAIN_CALCULATOR): Set<string> {
  void calculator; // the calculator no longer matters: kept so callers need not change
  const req = new Set(["结算日期", "身份"]);
  for (const f of p.fields) if (f.default !== undefined) req.delete(f.name);
  return req;
}

/** Every string constant a condition compares a field with (致伤原因 属于 交通肇事 …). */
function textConstants(p: CheckedPolicy, field: string): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    if (o["kind"] === "textIn" && o["field"] === field) for (const x of o["values"] as string[]) out.add(x);
    Object.values(o).forEach(walk);
  };
  walk([p.items, p.exclusions, p.identities, p.warnings]);
  return [...out];
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A day the policy is in force (within two years of 生效, before 失效). */
export function dateIn(p: CheckedPolicy): fc.Arbitrary<string> {
  const from = Date.parse(p.meta.effective + "T00:00:00Z");
  const to = p.meta.expires ? Date.parse(p.meta.expires + "T00:00:00Z") - DAY : from + 730 * DAY;
  return fc.integer({ min: 0, max: Math.floor((to - from) / DAY) }).map((d) => iso(from + d * DAY));
}

/** 元 as JSON would carry them: integers, two-decimal numbers or decimal strings, boundary values included. */
export const amount: fc.Arbitrary<number | string> = fc.oneof(
  fc.constantFrom(0, "0", "0.00", 0.01, 1999.99, 2000, 5000, "20000.00", 9_999_999_999.99, "9999999999.99"),
  fc.integer({ min: 0, max: 200_000 }),
  fc.integer({ min: 0, max: 50_000_000 }).map((f) => (f / 100).toFixed(2)),
  fc.integer({ min: 0, max: 50_000_000 }).map((f) => Number((f / 100).toFixed(2))),
);

function validValue(p: CheckedPolicy, f: FieldIR): fc.Arbitrary<unknown> {
  const members = [...new Set(p.lists.flatMap((l) => l.members))];
  switch (f.type.kind) {
    case "金额":
      return amount;
    case "比例":
      return fc.constantFrom("0%", "70%", "100", "12.5%");
    case "日期":
      return dateIn(p);
    case "布尔":
      return fc.constantFrom(true, false, "是", "否", "true", "false", " 是 ", "TRUE");
    case "文本":
      return fc.constantFrom("疾病", "其他", ...textConstants(p, f.name));
    case "清单":
      return fc.subarray([...members, "感冒"], { maxLength: Math.min(3, members.length + 1) });
    case "身份清单":
      return fc.subarray(Object.keys(p.identityNames), { maxLength: Math.min(3, Object.keys(p.identityNames).length) });
    case "枚举":
      return fc.constantFrom(...f.type.values);
  }
}

/**
 * Values a field of this kind must reject, whether or not it is required: strings (CSV can carry
 * them) and values only JSON can carry. A CSV cannot break a 文本 or 清单 field: any text is one.
 */
function badValues(f: FieldIR): { text: string[]; json: unknown[] } {
  const junk = [true, { a: 1 }, [1]];
  switch (f.type.kind) {
    case "金额":
      return {
        text: ["NaN", "Infinity", "-Infinity", "1e5", "-5", "-0.5", "12.345", "10000000000", "12,000", "１２３", "abc", "5.", ".5", "+5", "0x10"],
        json: [-5, -0.01, 1.005, 0.1 + 0.2, 1e21, 99_999_999_999, Number.MAX_SAFE_INTEGER, ...junk],
      };
    case "比例":
      return { text: ["101%", "-1%", "abc", "0.001%"], json: junk };
    case "日期":
      return {
        text: ["2023-02-30", "2023-13-01", "2023-1-1", "20230101", "2023/01/01", "2023-02-29T00:00", "２０２３-01-01"],
        json: [20230101, ...junk],
      };
    case "布尔":
      return { text: ["maybe", "1", "0", "yes", "真"], json: [1, 0, { a: 1 }, [true]] };
    case "文本":
      return { text: [], json: junk };
    case "清单":
      return { text: [], json: [5, true, { a: 1 }, [1], ["a", 2]] };
    case "身份清单":
      return { text: ["不存在的身份", "特困人员、不存在的身份"], json: [["不存在的身份"], 42, { a: 1 }, [1]] };
    case "枚举":
      return { text: [f.type.values[0] + "X", "不存在"], json: [1, true, [f.type.values[0]]] };
  }
}

/** A value as a CSV cell: lists joined by 、, booleans as written. */
export function cell(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (Array.isArray(v)) return v.join("、");
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/**
 * A record for `calculator`: every required field valid, optional ones sometimes left out, and
 * with probability `badRate` one or two fields broken (or a required one missing). With `csv`,
 * every value is already the text of its cell.
 */
export function record(p: CheckedPolicy, options: { calculator?: string; badRate?: number; csv?: boolean } = {}): fc.Arbitrary<Generated> {
  const { calculator = MAIN_CALCULATOR, badRate = 0.4, csv = false } = options;
  const required = requiredFields(p, calculator);
  const fields = p.fields.filter((f) => f.name !== "编号" && f.name !== "人员编号");
  const valid = (f: FieldIR) => (csv ? validValue(p, f).map(cell) : validValue(p, f));
  const values = fc.record(
    Object.fromEntries(fields.map((f) => [f.name, required.has(f.name) ? valid(f) : fc.option(valid(f), { nil: undefined, freq: 3 })])),
  ) as fc.Arbitrary<Raw>;
  // an empty cell of a list field is an empty list, not a missing field
  const canMiss = (f: FieldIR) => required.has(f.name) && !(csv && (f.type.kind === "清单" || f.type.kind === "身份清单"));
  const breakable = fields.filter((f) => canMiss(f) || badValues(f).text.length > 0 || !csv);
  const broken = (f: FieldIR): fc.Arbitrary<unknown> => {
    const { text, json } = badValues(f);
    const bad = csv ? text : [...text, ...json];
    const arbs: fc.Arbitrary<unknown>[] = bad.length ? [fc.constantFrom(...bad)] : [];
    if (canMiss(f)) arbs.push(fc.constant(csv ? "" : MISSING));
    return fc.oneof(...arbs);
  };
  const faults = fc.uniqueArray(fc.constantFrom(...breakable), { minLength: 1, maxLength: 2, selector: (f) => f.name }).chain((fs) =>
    fc.tuple(...fs.map((f) => broken(f).map((v) => [f.name, v] as const))),
  );
  return fc.tuple(values, fc.double({ min: 0, max: 1, noNaN: true }), faults).map(([raw, roll, fs]) => {
    const clean = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
    if (roll >= badRate) return { raw: clean, bad: [] };
    for (const [name, v] of fs) {
      if (v === MISSING) delete clean[name];
      else clean[name] = v;
    }
    return { raw: clean, bad: fs.map(([n]) => n) };
  });
}

const MISSING = Symbol("missing");
