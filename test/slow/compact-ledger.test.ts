/**
 * Issue 14: `calc` without --ledger handles 20 million distinct persons in one run at the default
 * heap (cli/ledger/compact.ts), never V8's out-of-memory crash. The built CLI reads the claims
 * from stdin (generated here, never held: 20M lines are ~2.4 GB) and its output is consumed as it
 * comes. After the 20M persons, the first persons claim again: their 预警 年度累计个人负担 shows
 * that the ledger of a person seen 20 million claims earlier was kept. Peak RSS is printed (by
 * /usr/bin/time -v when present), not asserted: it depends on the machine.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli } from "../cli/ledger-helpers.js";

const N = 20_000_000;
const IDS = ["特困人员", "低保对象", "低保边缘家庭成员", "孤儿"];

/** Claim i: person P<i>, 住院, February 2023, 个人负担 (i mod 9973)×3 + 100 元. */
function claim(i: number): string {
  const day = 1 + Math.floor((i * 28) / N);
  const date = `2023-02-${day < 10 ? "0" + day : day}`;
  return `{"编号":"C${i}","人员编号":"P${i}","身份":["${IDS[i & 3]}"],"就诊类型":"住院","结算日期":"${date}","个人负担":"${(i % 9973) * 3 + 100}.00"}\n`;
}

/** After everyone: P0 (特困人员, 100.00 in February) and P1 (低保对象, 103.00) claim 5000.00 in March. */
const AGAIN =
  '{"编号":"again-0","人员编号":"P0","身份":["特困人员"],"就诊类型":"住院","结算日期":"2023-03-01","个人负担":"5000.00"}\n' +
  '{"编号":"again-1","人员编号":"P1","身份":["低保对象"],"就诊类型":"住院","结算日期":"2023-03-01","个人负担":"5000.00"}\n';

beforeAll(() => buildCli(), 600_000);

describe("calc without --ledger, 20 million distinct persons", () => {
  it("completes at the default heap and keeps every person's ledger", { timeout: 3_600_000 }, async () => {
    const time = existsSync("/usr/bin/time");
    const args = ["bin/jiuzhu.js", "calc", "--policy", "policies/营口市", "-"];
    const child = spawn(time ? "/usr/bin/time" : process.execPath, time ? ["-v", process.execPath, ...args] : args, {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const started = performance.now();

    const feed = (async () => {
      let buf = "";
      for (let i = 0; i < N; i++) {
        buf += claim(i);
        if (buf.length > 1 << 16) {
          if (!child.stdin.write(buf)) await new Promise((r) => child.stdin.once("drain", r));
          buf = "";
        }
      }
      child.stdin.end(buf + AGAIN);
    })();

    let lines = 0;
    let errors = 0;
    let firstError = "";
    const again = new Map<string, string>();
    for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
      lines++;
      if (line.includes('"错误"')) {
        if (errors++ === 0) firstError = line;
      }
      if (line.startsWith('{"编号":"again-')) again.set(line.slice(7, 14), line);
    }
    await feed;
    const code = await new Promise<number>((r) => child.on("close", (c) => r(c ?? -1)));
    const seconds = (performance.now() - started) / 1000;
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
    console.log(
      `20M persons: ${seconds.toFixed(0)} s wall, peak RSS ${rss ? (Number(rss) / 1024).toFixed(0) + " MB" : "(no /usr/bin/time)"}`,
    );

    expect(stderr).not.toMatch(/heap out of memory|FATAL|内存不足/);
    expect(code).toBe(0);
    expect(errors, firstError).toBe(0);
    expect(lines).toBe(N + 2);
    // P0: 100.00 in February + 5000.00 now = 5100.00 ≥ 5000元 (因病返贫风险); without the kept
    // ledger it would read 5000.00. P1 likewise: 103.00 + 5000.00 = 5103.00.
    expect(again.get("again-0")).toContain('"年度累计个人负担":"5100.00"');
    expect(again.get("again-1")).toContain('"年度累计个人负担":"5103.00"');
  });
});
