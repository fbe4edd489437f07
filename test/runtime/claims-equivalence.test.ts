/**
 * The optimised validateClaim (runtime/claims.ts) against the plain version it replaced
 * (claims-reference.ts), as a differential: on generated records — valid ones, the robustness
 * generator's broken ones, hostile values (Unicode white space, numbers vs strings, 1e3, 12.345,
 * negatives, huge amounts, NaN and Infinity, impossible dates, unknown identities and aliases,
 * lists as arrays and as 、-separated text, 是/否/true/false, missing fields), every UTF-16 code
 * unit at the ends of a value — and on the bench's claims, both must return the very same result:
 * same ok, same claim (values, types, key order), same 编号 and message. The exported helpers
 * (isIsoDate, parseAmount, recordId) are compared the same way.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as fast from "../../runtime/claims.js";
import type { ClaimSchema } from "../../runtime/claims.js";
import * as ref from "./claims-reference.js";
import { generateClaims } from "../../bench/claims.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { computableRegions, DEEP, firstVersion } from "../robustness/helpers.js";
import { cell, record } from "../robustness/records.js";

const RUNS = DEEP ? 20_000 : 2_000;

/** A value written out exactly: key order, -0, undefined, array holes and odd prototypes show. */
function render(v: unknown): string {
  if (Array.isArray(v)) {
    const items: string[] = [];
    for (let i = 0; i < v.length; i++) items.push(i in v ? render(v[i]) : "<hole>");
    return `[${items.join(",")}]`;
  }
  if (typeof v === "object" && v !== null) {
    const proto = Object.getPrototypeOf(v) === Object.prototype ? "" : "<proto>";
    const entries = Object.keys(v).map((k) => `${JSON.stringify(k)}:${render((v as Record<string, unknown>)[k])}`);
    return `${proto}{${entries.join(",")}}`;
  }
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  return String(v); // boolean, undefined, null, bigint
}

/** Both validations of one record agree exactly; the record is left as it was and not aliased. */
function same(raw: Record<string, unknown>, schema: ClaimSchema, recordNo = 7): void {
  const before = render(raw);
  const result = fast.validateClaim(raw, schema, recordNo);
  const got = render(result);
  const want = render(ref.validateClaim(raw, schema, recordNo));
  // expect() only on a difference: the loops below run this a few hundred thousand times
  if (got !== want) expect(got, before).toBe(want);
  if (render(raw) !== before) expect(render(raw), "the record was changed").toBe(before);
  if (result.ok) {
    const given = Object.values(raw);
    for (const v of Object.values(result.claim)) if (Array.isArray(v) && given.includes(v)) expect.fail("a list of the record is in the claim");
  }
}

const schemaOf = (p: CheckedPolicy, calculator: string): ClaimSchema => ({
  fields: p.fields,
  identityNames: p.identityNames,
  calculatorFields: p.calculators.find((c) => c.name === calculator)?.fields ?? [],
});

/** A declared field of every kind, defaults of every kind, a built-in overridden, 编号 declared. */
const SYNTHETIC: ClaimSchema = {
  fields: [
    { name: "编号", type: { kind: "文本" } },
    { name: "病种", type: { kind: "清单" }, default: ["默认病"] },
    { name: "比例字段", type: { kind: "比例" } },
    { name: "类别", type: { kind: "枚举", values: ["甲类", "乙类", " 丙类"] } },
    { name: "备注", type: { kind: "文本" } },
    { name: "标签", type: { kind: "清单" } },
    { name: "家属身份", type: { kind: "身份清单" } },
    { name: "补助", type: { kind: "金额" } },
    { name: "首诊", type: { kind: "布尔" }, default: true },
    { name: "首诊日", type: { kind: "日期" }, default: "2023-01-01" },
  ],
  identityNames: { 特困人员: "特困人员", 特困供养人员: "特困人员", 低保对象: "低保对象", 城乡低保对象: "低保对象", 孤儿: "孤儿" },
  calculatorFields: ["身份", "就诊类型", "个人负担", "比例字段", "类别", "标签", "家属身份", "补助", "首诊", "人员编号", "致伤原因"],
};

const REGIONS = computableRegions();
const SCHEMAS: [string, ClaimSchema][] = [
  ...REGIONS.flatMap((r) => {
    const p = firstVersion(r);
    return p.calculators.map((c): [string, ClaimSchema] => [`${r.region} ${c.name}`, schemaOf(p, c.name)]);
  }),
  ["synthetic", SYNTHETIC],
  ["synthetic, no calculator fields", { ...SYNTHETIC, calculatorFields: [] }],
];

// ------------------------------------------------------------------------------ hostile values

/** What trim() removes, and look-alikes it keeps (U+200B, U+0085, U+180E) or that separate lists. */
const EDGES = [
  ...["", "", " ", "  ", "\t", "\n", "\r\n", "\v", "\f", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029"],
  ...["\u202f", "\u205f", "\u3000", "\ufeff", "\u200b", "\u0085", "\u180e", "、", ",", "，"],
];
const padded = (core: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: core },
    fc.tuple(fc.constantFrom(...EDGES), core, fc.constantFrom(...EDGES)).map(([a, s, b]) => a + s + b),
  );

const junk: fc.Arbitrary<unknown> = fc.constantFrom(
  ...[null, undefined, true, false, 0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1n],
  ...[{}, [], { a: 1 }, [1, 2], ["低保对象"], [["低保对象"]], "", " ", "\u3000", "\ufeff", Object.create(null), new Date(0)],
);

const amountText = padded(
  fc.oneof(
    fc.constantFrom(
      ...["0", "00", "0.0", "0.00", "007", "12", "12.3", "12.34", "12.345", "12.", ".5", "1e3", "1E3", "-5", "-0", "-0.00"],
      ...["-00.10", "-0.01", "+5", "1,000", "1_000", "0x10", "NaN", "Infinity", "-Infinity", "9999999999.99", "9999999999.999"],
      ...["10000000000", "00000000009999999999.99", "0000000000010000000000", "０", "１２３", "١٢٣", "12.3.4", "--5", "5-", "abc"],
    ),
    fc
      .tuple(fc.stringMatching(/^[0-9]{0,13}$/), fc.option(fc.stringMatching(/^[0-9]{0,4}$/)), fc.boolean())
      .map(([whole, frac, negative]) => (negative ? "-" : "") + whole + (frac === null ? "" : "." + frac)),
  ),
);
const amountNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.integer({ min: 0, max: 1e12 }).map((f) => f / 100),
  fc.constantFrom(-0, 0.1 + 0.2, 1e21, 1e-7, 1e10, 9_999_999_999.99, 12345.67, 1.005, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE),
);

const two = (n: number) => String(n).padStart(2, "0");
const dateText = padded(
  fc.oneof(
    fc.date({ min: new Date("1600-01-01"), max: new Date("2400-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${two(m)}-${two(d)}`),
    fc.constantFrom(
      ...["2023-02-29", "2024-02-29", "2100-02-29", "2000-02-29", "1900-02-29", "0000-02-29", "2023-13-01", "2023-00-10"],
      ...["2023-01-00", "2023-04-31", "2023-1-1", "2023/01/01", "20230101", "２０２３-01-01", "2023-01-01T00:00", "+2023-01-01"],
    ),
    fc.stringMatching(/^[0-9-]{10}$/),
  ),
);
const booleanValue = fc.oneof(
  padded(fc.constantFrom("是", "否", "true", "false", "TRUE", "False", "tRuE", "yes", "no", "1", "0", "真", "是否", "\u212a", "İ")),
  fc.constantFrom(true, false, 1, 0),
);
const textValue = fc.oneof(
  padded(fc.constantFrom("疾病", "交通肇事", "P000001", "a b")),
  fc.string({ unit: fc.constantFrom(...EDGES.filter((e) => e.length === 1), "a", "疾") }),
  fc.string(),
  amountNumber,
);

function identityItem(schema: ClaimSchema): fc.Arbitrary<string> {
  const names = Object.keys(schema.identityNames);
  return padded(fc.constantFrom(...names, "低保对像", "外星人", "特困", "constructor", "__proto__", "toString", "hasOwnProperty", ""));
}
const diseaseItem = padded(fc.constantFrom("恶性肿瘤", "血友病", "白血病", "", "a,b", "默认病"));

/** A list as a JSON array (with junk or holes sometimes) or as one CSV text. */
function listValue(item: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const holey = fc.array(item, { minLength: 1, maxLength: 4 }).map((a) => {
    const out = [...a];
    delete out[0];
    return out;
  });
  return fc.oneof(
    fc.array(item, { maxLength: 4 }),
    fc
      .tuple(fc.array(item, { maxLength: 4 }), fc.constantFrom("、", ",", "，", " 、 ", "、、", "; "))
      .map(([a, sep]) => a.join(sep)),
    fc.array(fc.oneof(item, fc.constantFrom<unknown>(1, null, undefined, ["低保对象"], true)), { maxLength: 4 }),
    holey,
    fc.sparseArray(item, { maxLength: 4 }),
  );
}

function enumValue(schema: ClaimSchema): fc.Arbitrary<unknown> {
  const values = ["住院", "门诊慢特病", "普通门诊", "市域内", "省内市外", "省外", "居民医保", "职工医保"];
  for (const f of schema.fields) if (f.type.kind === "枚举") values.push(...f.type.values);
  return fc.oneof(padded(fc.constantFrom(...values, "急诊", "住院X", "")), fc.constantFrom<unknown>(1, true, ["住院"]));
}

/** A value for a field of this kind, often a wrong one, sometimes one meant for another kind. */
function valueFor(kind: string, schema: ClaimSchema): fc.Arbitrary<unknown> {
  const own = (k: string): fc.Arbitrary<unknown> => {
    switch (k) {
      case "金额":
        return fc.oneof(amountText, amountNumber);
      case "比例":
        return fc.oneof(padded(fc.constantFrom("70%", "70", "70％", "100%", "100.01%", "12.5%", "12.345%", "-1%", "%", "abc")), amountText, amountNumber);
      case "日期":
        return dateText;
      case "布尔":
        return booleanValue;
      case "文本":
        return textValue;
      case "清单":
        return listValue(diseaseItem);
      case "身份清单":
        return listValue(identityItem(schema));
      default:
        return enumValue(schema);
    }
  };
  const any = fc.oneof(...["金额", "日期", "布尔", "文本", "清单", "身份清单", "枚举"].map(own), junk);
  return fc.oneof({ weight: 5, arbitrary: own(kind) }, { weight: 2, arbitrary: any });
}

function kindsOf(schema: ClaimSchema): Map<string, string> {
  const kinds = new Map<string, string>([
    ["人员编号", "文本"], ["身份", "身份清单"], ["就诊类型", "枚举"], ["结算日期", "日期"], ["个人负担", "金额"], ["病种", "清单"],
    ["规范转诊", "布尔"], ["就医地", "枚举"], ["致伤原因", "文本"], ["参保", "布尔"], ["参保类型", "枚举"], ["申请日期", "日期"],
  ]);
  for (const f of schema.fields) kinds.set(f.name, f.type.kind);
  return kinds;
}

/** Any subset of the schema's fields (and 编号, and a field nobody knows), each with a hostile value. */
function hostileRecord(schema: ClaimSchema): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, kind] of kindsOf(schema)) model[name] = valueFor(kind, schema);
  model["编号"] = fc.oneof(padded(fc.constantFrom("C1", "x", "")), fc.integer(), fc.double(), junk);
  model["未知字段"] = junk;
  return fc.record(model, { requiredKeys: [] });
}

// ------------------------------------------------------------------------------ the differential

describe("validateClaim is the reference validation, faster", () => {
  for (const [label, schema] of SCHEMAS) {
    it(`${label}: ${RUNS} hostile records`, () => {
      fc.assert(
        fc.property(hostileRecord(schema), fc.integer({ min: 1, max: 1e6 }), (raw, no) => same(raw, schema, no)),
        { numRuns: RUNS },
      );
    });
  }

  for (const r of REGIONS) {
    const p = firstVersion(r);
    for (const c of p.calculators) {
      it(`${r.region} ${c.name}: ${RUNS} records of the robustness generator, as JSON and as CSV text`, () => {
        const schema = schemaOf(p, c.name);
        fc.assert(
          fc.property(record(p, { calculator: c.name }), fc.boolean(), (g, csv) => {
            same(csv ? Object.fromEntries(Object.entries(g.raw).map(([k, v]) => [k, cell(v)])) : g.raw, schema);
          }),
          { numRuns: RUNS },
        );
      });
    }
  }

  it("every UTF-16 code unit at the ends of every kind of value", () => {
    const schema = SCHEMAS.find(([label]) => label === "synthetic")![1];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      same(
        {
          编号: `${ch}C${ch}`,
          人员编号: `${ch}P`,
          身份: [`低保对象${ch}`],
          就诊类型: `${ch}住院`,
          结算日期: `2023-01-01${ch}`,
          个人负担: `${ch}12.5`,
          补助: `7${ch}`,
          比例字段: `${ch}70%${ch}`,
          病种: `${ch}a${ch}，${ch}`,
          标签: [ch, `${ch}b`],
          规范转诊: `${ch}是`,
          首诊: `false${ch}`,
          类别: ch,
          致伤原因: ch,
          备注: `${ch}${ch}`,
        },
        schema,
        c + 1,
      );
    }
  });

  it("the bench's generated claims for 营口市, as JSON and as CSV text", () => {
    const r = REGIONS.find((x) => x.region === "营口市")!;
    const p = firstVersion(r);
    const n = DEEP ? 200_000 : 20_000;
    for (const c of p.calculators) {
      const schema = schemaOf(p, c.name);
      let i = 0;
      for (const raw of generateClaims(n)) {
        i++;
        same(raw, schema, i);
        if (i % 10 === 0) same(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, cell(v)])), schema, i);
      }
      expect(i).toBe(n);
    }
  });

  it("isIsoDate, parseAmount and recordId agree with the reference", () => {
    for (let y = 0; y <= 9999; y++) {
      const leapDay = `${String(y).padStart(4, "0")}-02-29`;
      expect(fast.isIsoDate(leapDay), leapDay).toBe(ref.isIsoDate(leapDay));
    }
    for (const y of ["1900", "2000", "2023", "2024"])
      for (let m = 0; m < 20; m++)
        for (let d = 0; d < 40; d++) {
          const text = `${y}-${two(m)}-${two(d)}`;
          expect(fast.isIsoDate(text), text).toBe(ref.isIsoDate(text));
        }
    fc.assert(
      fc.property(fc.oneof(dateText, fc.string()), (text) => {
        expect(fast.isIsoDate(text)).toBe(ref.isIsoDate(text));
      }),
      { numRuns: RUNS * 5 },
    );
    fc.assert(
      fc.property(fc.oneof(amountText, amountNumber, junk), (v) => {
        expect(render(fast.parseAmount("金额", v))).toBe(render(ref.parseAmount("金额", v)));
      }),
      { numRuns: RUNS * 5 },
    );
    const id = fc.oneof(padded(fc.constantFrom("C1", "x", "")), fc.integer(), fc.double(), junk);
    fc.assert(
      fc.property(fc.option(fc.record({ 编号: id }, { requiredKeys: [] }), { nil: undefined }), fc.nat(), (raw, no) => {
        expect(fast.recordId(raw, no)).toBe(ref.recordId(raw, no));
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
