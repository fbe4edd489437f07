/**
 * Issue 4 (6): malformed claim records. validateClaim directly on thousands of generated records
 * per policy and calculator (never throws; valid → ok, broken → an error naming every broken
 * field), then the built CLI, once per generated file (12 spawns of ~300 records): one output line
 * per input record in order, each broken record one {"编号","错误"} line naming its fields or its
 * broken line, each valid record exactly what the reference interpreter computes for it (with the
 * per-person ledger the contract defines), exit 1 when any record failed and 0 when none did.
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isIsoDate, MAX_FEN, validateClaim, type ClaimSchema } from "../../runtime/claims.js";
import { selectVersion } from "../../compiler/load.js";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { MAIN_CALCULATOR, type CheckedPolicy } from "../../compiler/ir.js";
import type { Evaluator, PersonLedger } from "../../runtime/types.js";
import { errorLine, outcomeLine } from "../../cli/output.js";
import { computableRegions, DEEP, firstVersion } from "./helpers.js";
import { cell, record, type Generated, type Raw } from "./records.js";
import { builtCli, runCli } from "./cli.js";

const REGIONS = computableRegions();

const schemaOf = (p: CheckedPolicy, calculator = MAIN_CALCULATOR): ClaimSchema => ({
  fields: p.fields,
  identityNames: p.identityNames,
  calculatorFields: p.calculators.find((c) => c.name === calculator)?.fields ?? [],
});

/** Every broken field appears in the message, as 「字段」 or as 未知身份 for 身份. */
function namesAll(message: string, fields: string[]): boolean {
  return fields.every((f) => message.includes(`「${f}」`) || (f === "身份" && message.includes("未知身份")) || message.startsWith(`${f} `));
}

describe("validateClaim on generated records", () => {
  const runs = DEEP ? 20_000 : 1_500;
  for (const r of REGIONS) {
    const calculators = r.versions[0]?.calculators.map((c) => c.name) ?? [MAIN_CALCULATOR];
    for (const calc of calculators) {
      it(`${r.region} ${calc}: ${runs} records, valid ones accepted, broken ones name every broken field`, () => {
        const p = firstVersion(r);
        const schema = schemaOf(p, calc);
        fc.assert(
          fc.property(record(p, { calculator: calc }), fc.boolean(), (g, csv) => {
            // the CSV reader hands over strings: the same record as text must validate the same way
            const raw = csv && g.bad.length === 0 ? Object.fromEntries(Object.entries(g.raw).map(([k, v]) => [k, cell(v)])) : g.raw;
            const r = validateClaim(raw, schema, 7);
            if (g.bad.length === 0) {
              expect(r).toMatchObject({ ok: true });
              if (r.ok) wellTyped(p, r.claim);
            } else {
              expect(r.ok).toBe(false);
              if (!r.ok) expect(namesAll(r.错误, g.bad), r.错误).toBe(true);
            }
          }),
          { numRuns: runs },
        );
      });
    }
  }

  it("does not throw on values JSON cannot hold (regression: a BigInt beside a null-prototype object)", () => {
    const p = REGIONS.flatMap((r) => r.versions)[0]!;
    const r = validateClaim({ 个人负担: [Object.create(null), 1n], 结算日期: p.meta.effective }, schemaOf(p), 1);
    expect(r).toMatchObject({ ok: false, 错误: expect.stringContaining("「个人负担」") });
  });

  it("never throws on arbitrary values, and what it accepts is well typed", () => {
    // the policy with the most declared fields, so that most field kinds are fuzzed
    const p = REGIONS.flatMap((r) => r.versions).sort((a, b) => b.fields.length - a.fields.length)[0]!;
    const schema = schemaOf(p);
    const names = p.fields.map((f) => f.name);
    const key = fc.oneof(fc.constantFrom(...p.fields.map((f) => f.name), "__proto__", "constructor"), fc.string());
    const value = fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true });
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 20 }), (raw) => {
        const r = validateClaim(raw, schema, 3);
        if (r.ok) wellTyped(p, r.claim);
        // every complaint (they are joined by ；) names a field of the policy, or is 未知身份「…」
        else for (const part of r.错误.split("；")) expect(names.some((f) => part.includes(`「${f}」`)) || part.startsWith("未知身份「"), part).toBe(true);
      }),
      { numRuns: DEEP ? 50_000 : 3_000 },
    );
  });
});

/** A validated claim has the representation runtime/types.ts promises, field by field. */
function wellTyped(p: CheckedPolicy, c: Raw): void {
  for (const f of p.fields) {
    const v = c[f.name];
    if (v === undefined) continue;
    const ok = (() => {
      switch (f.type.kind) {
        case "金额":
          return Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) < MAX_FEN;
        case "比例":
          return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 10_000;
        case "日期":
          return typeof v === "string" && isIsoDate(v);
        case "布尔":
          return typeof v === "boolean";
        case "文本":
          return typeof v === "string";
        case "清单":
          return Array.isArray(v) && v.every((x) => typeof x === "string" && x !== "");
        case "身份清单":
          return Array.isArray(v) && v.every((x) => p.identities.some((h) => h.name === x));
        case "枚举":
          return f.type.values.includes(v as string);
      }
    })();
    if (!ok) throw new Error(`field ${f.name} is ${JSON.stringify(v)} after validation`);
  }
}

// ------------------------------------------------------------------------------ the built CLI

type Format = "jsonl" | "csv" | "json";
type Row = Generated | string;
type Expect = { broken: RegExp } | { bad: string[]; id: string } | { valid: Raw; id: string };

const SEED = Number(process.env["JIUZHU_SEED"] ?? Date.now() % 1_000_000);
const BROKEN: Record<Format, string[]> = {
  jsonl: ['{"编号":"x",', "[1,2]", '"文本"', "42", "null", '{"个人负担": NaN}', "{'编号': 1}", '{"a":1}}'],
  csv: ["只有一列", '"引号"后面,x', "a,b"],
  json: ["42", '"文本"', "null", "[1]"],
};

/**
 * The records of one claims file: generated records with 编号 (string, number or none), 人员编号
 * from a small pool (valid claims of one person in date order, so the ledger is exercised, not
 * tripped), dates outside every version, and broken lines (strings) spliced in.
 */
function claimRows(p: CheckedPolicy, format: Format, calculator: string, badRate: number, seed: number): Row[] {
  const n = DEEP ? 1_000 : 300;
  const [gens] = fc.sample(fc.array(record(p, { calculator, badRate, csv: format === "csv" }), { minLength: n, maxLength: n }), { seed, numRuns: 1 });
  const rows: Row[] = [];
  gens!.forEach((g, i) => {
    if (badRate > 0 && (i * 7919) % 100 < 4) rows.push(BROKEN[format][i % BROKEN[format].length]!);
    const raw: Raw = { ...g.raw };
    if (i % 10 !== 0) raw["编号"] = i % 10 === 1 ? 10_000 + i : `R${i}`;
    if (i % 3 !== 0) raw["人员编号"] = `P${i % 13}`;
    if (badRate > 0 && i % 37 === 5 && g.bad.length === 0) {
      raw["结算日期"] = "2000-01-01"; // before every version: the error names 结算日期
      rows.push({ raw, bad: ["结算日期"] });
    } else rows.push({ raw, bad: g.bad });
  });
  // the valid claims of one person in non-decreasing date order (an earlier one would be an error)
  const byPerson = new Map<unknown, Raw[]>();
  for (const r of rows) {
    if (typeof r === "string" || r.bad.length > 0 || r.raw["人员编号"] === undefined) continue;
    byPerson.set(r.raw["人员编号"], [...(byPerson.get(r.raw["人员编号"]) ?? []), r.raw]);
  }
  for (const raws of byPerson.values()) {
    const dates = raws.map((r) => String(r["结算日期"]).trim()).sort();
    raws.forEach((r, k) => (r["结算日期"] = dates[k]));
  }
  return rows;
}

/** The file's text in `format`, and what each record (by position) must give. */
function claimsFile(p: CheckedPolicy, rows: Row[], format: Format) {
  const expects: Expect[] = rows.map((r, k) => {
    const no = k + 1;
    if (typeof r === "string") {
      return { broken: format === "csv" ? /^CSV 第\d+行/ : format === "json" ? new RegExp(`^第${no}条记录不是 JSON 对象$`) : /^第\d+行不是.*JSON/ };
    }
    const id = typeof r.raw["编号"] === "string" || typeof r.raw["编号"] === "number" ? String(r.raw["编号"]) : String(no);
    return r.bad.length > 0 ? { bad: r.bad, id } : { valid: r.raw, id };
  });
  const header = ["编号", "人员编号", ...p.fields.map((f) => f.name).filter((f) => f !== "编号" && f !== "人员编号")];
  const csvCell = (v: unknown) => {
    const s = cell(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const line = (r: Row) => (typeof r === "string" ? r : format === "csv" ? header.map((h) => csvCell(r.raw[h])).join(",") : JSON.stringify(r.raw));
  const text =
    format === "jsonl"
      ? rows.map(line).join("\n") + "\n"
      : format === "json"
        ? "[" + rows.map(line).join(",\n") + "]"
        : [header.join(","), ...rows.map(line)].join("\r\n") + "\r\n";
  return { text, expects };
}

/** What the CLI must print for each record: the interpreter on the validated record, one ledger per person. */
function expectedLines(versions: CheckedPolicy[], expects: Expect[], calculator: string, explain: boolean) {
  const interpreters = new Map<CheckedPolicy, Evaluator>(versions.map((v) => [v, createInterpreter(v)]));
  const ledgers = new Map<string, PersonLedger>();
  return expects.map((e, i) => {
    if (!("valid" in e)) return e;
    const policy = selectVersion(versions, String(e.valid["结算日期"]).trim())!;
    const v = validateClaim(e.valid, schemaOf(policy, calculator), i + 1);
    if (!v.ok) throw new Error(`generated a valid record that does not validate: ${v.错误} ${JSON.stringify(e.valid)}`);
    const c = v.claim;
    const year = Number(c.结算日期.slice(0, 4));
    const known = c.人员编号 === undefined ? undefined : ledgers.get(c.人员编号);
    const ledger: PersonLedger = known?.year === year ? known : { year, lastDate: "", used: {}, lifetime: { ...known?.lifetime } };
    const o = interpreters.get(policy)!.evaluate(calculator, c, ledger, { explain });
    if (!o.ok) return JSON.parse(errorLine(c.编号, o.错误)) as Raw;
    ledger.lastDate = c.结算日期;
    if (c.人员编号 !== undefined) ledgers.set(c.人员编号, ledger);
    const resultField = policy.calculators.find((k) => k.name === calculator)!.resultField;
    return JSON.parse(outcomeLine(c.编号, resultField, o)) as Raw;
  });
}

describe("jiuzhu calc (built CLI) on generated files of valid and malformed records", () => {
  let bin: string;
  beforeAll(() => {
    bin = builtCli();
  }, 180_000);

  const runs: { region: string; format: Format; calculator?: string; badRate?: number; explain?: boolean }[] = [
    ...REGIONS.map((r) => r.region).flatMap((region) => [
      { region, format: "jsonl" as const },
      { region, format: "csv" as const, explain: true },
    ]),
    { region: "营口市", format: "json", calculator: "资助参保" },
    { region: "阳泉市", format: "jsonl", badRate: 0 },
  ];
  it.each(runs.map((r, k) => [`${r.region} ${r.format}${r.calculator ? " " + r.calculator : ""}${r.badRate === 0 ? " (all valid)" : ""}`, r, k] as const))(
    "%s",
    async (_, run, k) => {
      const region = REGIONS.find((r) => r.region === run.region)!;
      firstVersion(region);
      const { versions, dir } = region;
      const calculator = run.calculator ?? MAIN_CALCULATOR;
      const seed = SEED + k;
      let rows = claimRows(versions[0]!, run.format, calculator, run.badRate ?? 0.35, seed);
      if (run.badRate === 0) {
        // keep only claims that compute (not 未规定 …): errors leave ledgers alone, so the rest stay as they were
        const first = expectedLines(versions, claimsFile(versions[0]!, rows, run.format).expects, calculator, false);
        rows = rows.filter((_, i) => !("错误" in first[i]!));
      }
      const { text, expects } = claimsFile(versions[0]!, rows, run.format);
      const file = join(mkdtempSync(join(tmpdir(), "jiuzhu-claims-")), `claims.${run.format}`);
      writeFileSync(file, text);
      const args = ["calc", "--policy", dir, ...(run.calculator ? ["--calculator", run.calculator] : []), ...(run.explain ? ["--explain"] : []), file];
      const r = await runCli(bin, args);
      const where = `(seed ${seed}: JIUZHU_SEED=${SEED}; file ${file})`;
      // only the once-per-run input notes and warnings (README 输入错误与警告), never anything else
      expect(r.stderr.split("\n").filter((l) => l !== "" && !/^(警告|注意|提示)：/.test(l)), where).toEqual([]);
      const out = r.stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Raw);
      expect(out.length, where).toBe(expects.length);
      const want = expectedLines(versions, expects, calculator, run.explain === true);
      want.forEach((w, i) => {
        const got = out[i]!;
        const at = `record ${i + 1} ${where}`;
        if ("broken" in w) {
          expect(Object.keys(got), at).toEqual(["编号", "错误"]);
          expect(got["编号"], at).toBe(String(i + 1));
          expect(got["错误"], at).toMatch(w.broken as RegExp);
        } else if ("bad" in w) {
          expect(Object.keys(got), at).toEqual(["编号", "错误"]);
          expect(got["编号"], at).toBe(w.id);
          expect(namesAll(String(got["错误"]), w.bad as string[]), `${at}: ${String(got["错误"])} should name ${String(w.bad)}`).toBe(true);
        } else if ("错误" in w) {
          // a valid record the policy cannot compute (未规定, a field only this claim needs): the
          // engines word errors independently, so demand the same kind and the same fields named
          expect(Object.keys(got), at).toEqual(["编号", "错误"]);
          expect(got["编号"], at).toBe(w["编号"]);
          const message = String(got["错误"]);
          for (const [, f] of String(w["错误"]).matchAll(/字段「([^」]+)」/g)) expect(message, at).toContain(`「${f}」`);
          if (String(w["错误"]).startsWith("未规定：")) expect(message, at).toMatch(/^未规定：/);
        } else {
          // the two engines word their traces independently: compare everything else exactly
          const { 计算过程: trace, ...rest } = got;
          const { 计算过程: _, ...want } = w;
          expect(rest, at).toEqual(want);
          if (run.explain && !("错误" in got)) expect(trace, at).toEqual(expect.arrayContaining([expect.stringMatching(/[\u4e00-\u9fff]/)]));
        }
      });
      const failed = out.some((o) => "错误" in o);
      expect(r.code, where).toBe(failed ? 1 : 0);
      if (run.badRate === 0) expect(failed).toBe(false);
    },
  );
});
