/**
 * `calc --ledger` on 100k bench claims (20000 persons over 2023–2024, in 结算日期 order), issue 14:
 * two batches split mid-year equal one run; a second run of a batch changes nothing; a run
 * killed with SIGKILL and resumed equals an uninterrupted one; reversals leave exactly the
 * amounts of recomputing without the reversed claims. The small versions with hand-computed
 * amounts are test/cli/ledger*.test.ts; here the reference is the plain one-process run.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateClaims } from "../../bench/claims.js";
import { amounts, buildCli, cli, dumpLedger, jiuzhu, jsonl, killMidway, linesById, tempDir } from "../cli/ledger-helpers.js";

const N = 100_000;
const policy = "policies/营口市";
const dir = tempDir();
const all = [...generateClaims(N)];
const SPLIT = "2024-07-01"; // mid-year: annual totals must carry from the first batch into the second
const allFile = jsonl(dir, "all.jsonl", all);
const firstFile = jsonl(dir, "first.jsonl", all.filter((c) => (c.结算日期 as string) < SPLIT));
const secondFile = jsonl(dir, "second.jsonl", all.filter((c) => (c.结算日期 as string) >= SPLIT));
const ledger = join(dir, "monthly.db");
let plain: Map<string, string>;

beforeAll(async () => {
  buildCli();
  plain = linesById((await jiuzhu(["calc", "--policy", policy, allFile])).stdout);
}, 600_000);

describe("calc --ledger on 100k claims", () => {
  it("two batches equal one combined batch, line for line", async () => {
    const first = await jiuzhu(["calc", "--policy", policy, "--ledger", ledger, "--ledger-cache", "5000", firstFile]);
    const second = await jiuzhu(["calc", "--policy", policy, "--ledger", ledger, "--ledger-cache", "5000", secondFile]);
    expect(first.stderr + second.stderr).toBe("");
    const batches = new Map([...linesById(first.stdout), ...linesById(second.stdout)]);
    expect(batches.size).toBe(N);
    expect(batches).toEqual(plain);
  });

  it("a second run of the same batch changes nothing", async () => {
    const before = dumpLedger(ledger);
    const again = await jiuzhu(["calc", "--policy", policy, "--ledger", ledger, secondFile]);
    expect(dumpLedger(ledger)).toBe(before);
    const computed = again.out.filter((l) => l.错误 === undefined);
    expect(computed.every((l) => l.已结算 === true)).toBe(true);
    for (const [id, line] of linesById(again.stdout)) expect(line).toBe(plain.get(id));
  });

  it("reversals leave the amounts of recomputing without the reversed claims", async () => {
    // every 4999th claim that computed: spread over both years and both batches
    const settled = [...plain].filter(([, l]) => !l.includes('"错误"')).map(([id]) => id);
    const reversed = settled.filter((_, i) => i % 4999 === 17);
    const r = await jiuzhu(["calc", "--policy", policy, "--ledger", ledger, "--reverse", reversed.join(",")]);
    expect(r.code).toBe(0);
    const after = amounts([...plain.values()].map((l) => JSON.parse(l) as Record<string, any>));
    for (const l of r.out) {
      if (l.冲正 === true) after.delete(l.编号);
      else after.set(l.编号, l.新金额);
    }
    const gone = new Set(reversed);
    const fresh = await jiuzhu(["calc", "--policy", policy, jsonl(dir, "without.jsonl", all.filter((c) => !gone.has(c.编号 as string)))]);
    expect(after).toEqual(amounts(fresh.out));
    expect(r.out.filter((l) => l.更正 !== undefined).length).toBeGreaterThan(0); // the test reaches corrections
    // and the ledger file agrees: a rerun of everything but the reversed claims re-emits those amounts
    const rerun = await jiuzhu(["calc", "--policy", policy, "--ledger", ledger, join(dir, "without.jsonl")]);
    expect(amounts(rerun.out)).toEqual(amounts(fresh.out));
  });

  it("a run killed with SIGKILL and resumed equals an uninterrupted one", async () => {
    const args = (db: string) => ["calc", "--policy", policy, "--ledger", join(dir, db), allFile];
    const whole = cli(args("whole.db"));
    expect(linesById(whole.stdout)).toEqual(plain);
    const killed = await killMidway(args("killed.db"));
    expect(killed.signal).toBe("SIGKILL");
    const resumed = cli(args("killed.db"));
    expect(linesById(resumed.stdout)).toEqual(plain);
    expect(resumed.out.some((l) => l.已结算 === true)).toBe(true);
    expect(dumpLedger(join(dir, "killed.db"))).toBe(dumpLedger(join(dir, "whole.db")));
  });
});
