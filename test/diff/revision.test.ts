/**
 * Issue 16's scenario end to end: the 营口市 2024 revision (a lower 基本 deductible, a higher cap,
 * a new identity, a new segment) over seeded claims. The expected totals come from `jiuzhu calc`
 * run on each side on its own — not from the diff code — and are compared with the population
 * section, one-side records included.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { calcCommand } from "../../cli/commands/calc.js";
import { runDiff } from "./_run.js";
import { generateClaims } from "./fixtures/gen-claims.js";

const OLD = "policies/营口市/2023-01-01.jz";
const NEW = "test/diff/fixtures/营口市-2024.jz";
const dir = mkdtempSync(path.join(tmpdir(), "jiuzhu-revision-"));
const claimsFile = path.join(dir, "claims.jsonl");

type Line = { 编号?: string; 救助金额?: string; 错误?: string };
/** calc writes 元 with two decimals: "1234.50" → 123450 分, by the digits (no float). */
const fen = (l: Line) => {
  const [w, f = ""] = l.救助金额!.split(".");
  return Number(w) * 100 + Math.sign(Number(w) || 1) * Number(f.padEnd(2, "0"));
};
const ok = (l: Line) => l.救助金额 !== undefined;

async function calc(policy: string): Promise<Line[]> {
  const stdout = new PassThrough();
  let out = "";
  stdout.on("data", (d) => (out += d));
  await calcCommand(claimsFile, { policy, engine: "interpreter" }, { stdout, stderr: new PassThrough(), stdin: new PassThrough() });
  return out.trim().split("\n").map((l) => JSON.parse(l) as Line);
}

describe("营口市 2024 revision over seeded claims", () => {
  let old: Line[];
  let neu: Line[];
  beforeAll(async () => {
    writeFileSync(claimsFile, generateClaims(16, 150).map((c) => JSON.stringify(c)).join("\n") + "\n");
    [old, neu] = [await calc(OLD), await calc(NEW)];
  });

  it("the population section agrees with calc run on each side: totals, one-side records, increases, decreases, failures", async () => {
    const failures = path.join(dir, "failures.jsonl");
    const r = await runDiff(OLD, NEW, { claims: claimsFile, format: "json", failures });
    expect(r.code).toBe(1);
    const p = JSON.parse(r.out).population;
    expect(old.length).toBe(neu.length);
    let oldTotal = 0, newTotal = 0, onlyNew = 0, onlyOld = 0, failed = 0;
    const up = { count: 0, sum: 0 };
    const down = { count: 0, sum: 0 };
    old.forEach((o, i) => {
      const n = neu[i]!;
      if (ok(o)) oldTotal += fen(o);
      if (ok(n)) newTotal += fen(n);
      if (ok(n) && !ok(o)) onlyNew += fen(n);
      if (ok(o) && !ok(n)) onlyOld += fen(o);
      if (!ok(o) || !ok(n)) failed++;
      if (ok(o) && ok(n) && fen(n) !== fen(o)) {
        const m = fen(n) > fen(o) ? up : down;
        m.count++;
        m.sum += fen(n) - fen(o);
      }
    });
    // the scenario must exercise what the issue is about, or the comparison proves nothing
    expect(onlyNew).toBeGreaterThan(0); // 困境儿童: only the new version computes them
    expect(down.count).toBeGreaterThan(0); // the segment and the deductible move money both ways
    expect([p.oldTotal, p.newTotal]).toEqual([oldTotal, newTotal]);
    expect(p.oneSide.filter((x: { side: string }) => x.side === "新").reduce((s: number, x: { total: number }) => s + x.total, 0)).toBe(onlyNew);
    expect(p.oneSide.filter((x: { side: string }) => x.side === "旧").reduce((s: number, x: { total: number }) => s + x.total, 0)).toBe(onlyOld);
    expect([p.increases.count, p.increases.sum]).toEqual([up.count, up.sum]);
    expect([p.decreases.count, p.decreases.sum]).toEqual([down.count, down.sum]);
    // every failing record is in --failures, one JSON line each; the report lists the first 20
    const lines = readFileSync(failures, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.length).toBe(failed);
    expect(p.failures).toEqual(lines.slice(0, 20));
    expect(JSON.parse(r.out).schemaVersion).toBe(2);
  });

  it("--format html: one self-contained page with the summary, both 依据 and a chart per changed group", async () => {
    const r = await runDiff(OLD, NEW, { claims: claimsFile, format: "html" });
    expect(r.out.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(r.out).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/); // nothing fetched
    expect(r.out).toContain("摘要");
    expect(r.out).toMatch(/万元/);
    expect(r.out).toContain("@media print");
    const charts = r.out.match(/<svg[^>]*class="curve"/g) ?? [];
    expect(charts.length).toBeGreaterThan(0);
    expect(charts.length).toBeLessThanOrEqual(12);
    expect(r.out).toContain('class="histogram"');
  });
});
