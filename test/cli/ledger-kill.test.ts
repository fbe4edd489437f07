/**
 * `calc --ledger` killed with SIGKILL in the middle of a run and run again on the same input
 * gives exactly what one uninterrupted run gives: the same line for every claim and the same
 * ledger file (nothing lost, nothing counted twice). Bench claims: 6000 claims of 300 persons
 * over two years, so annual totals and limits are reached and carried.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateClaims } from "../../bench/claims.js";
import { buildCli, cli, dumpLedger, jsonl, killMidway, linesById, tempDir } from "./ledger-helpers.js";

beforeAll(buildCli, 300_000);

describe("calc --ledger killed mid-way", () => {
  it("a resumed run equals an uninterrupted one", async () => {
    const dir = tempDir();
    const claims = jsonl(dir, "claims.jsonl", [...generateClaims(6000, 7, 300)]);
    const calc = (ledger: string) => ["calc", "--policy", "policies/营口市", "--ledger", ledger, claims];

    const whole = cli(calc(join(dir, "whole.db")));
    const expected = linesById(whole.stdout);
    expect(expected.size).toBe(6000);
    expect(whole.stderr).toBe("");

    const killed = await killMidway(calc(join(dir, "killed.db")));
    expect(killed.signal).toBe("SIGKILL");
    // what the killed run wrote (only committed batches) is what the whole run wrote
    const partial = linesById(killed.stdout.slice(0, killed.stdout.lastIndexOf("\n") + 1));
    expect(partial.size).toBeGreaterThan(0);
    expect(partial.size).toBeLessThan(6000);
    for (const [id, line] of partial) expect(line).toBe(expected.get(id));

    const resumed = cli(calc(join(dir, "killed.db")));
    expect(resumed.code).toBe(whole.code);
    expect(linesById(resumed.stdout)).toEqual(expected);
    // the settled part came back from the ledger, the rest was computed
    const marked = resumed.out.filter((l) => l.已结算 === true).length;
    expect(marked).toBeGreaterThan(0);
    expect(dumpLedger(join(dir, "killed.db"))).toBe(dumpLedger(join(dir, "whole.db")));
  }, 300_000);
});
