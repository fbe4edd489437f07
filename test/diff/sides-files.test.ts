/** Issue 9 §3 for a git side (`REV:path`): 基于 stays inside the policies root, bytes must be UTF-8. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSide } from "../../compiler/diff/sides.js";

const version = (basedOn: string) => `政策 某市办法
地区 某市
生效 2021-01-01 依据 第一条
${basedOn}
身份 低保对象 依据 二
救助项目 住院救助 依据 三
  | 身份     | 比例 |
  | 低保对象 | 60% |
`;

function repo(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "jiuzhu-git-side-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir, stdio: "pipe" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "x");
  return dir;
}

describe("a git side", () => {
  it("refuses 基于 「../elsewhere/山东省」 (a path out of the policies root)", () => {
    const dir = repo({
      "elsewhere/山东省/2020-01-01.jz": `政策 省办法\n地区 山东省\n生效 2020-01-01 依据 一\n基础政策\n身份 低保对象 依据 二\n`,
      "p/policies/某市/2021-01-01.jz": version("基于 「../elsewhere/山东省」"),
    });
    expect(() => resolveSide("HEAD:p/policies/某市/2021-01-01.jz", dir)).toThrow(/不能写路径/);
  });

  it("an invalid UTF-8 byte is JZ1001, not U+FFFD", () => {
    const text = Buffer.from(version(""));
    const at = text.indexOf(Buffer.from("第一条"));
    const dir = repo({ "policies/某市/2021-01-01.jz": Buffer.concat([text.subarray(0, at), Buffer.from([0xff]), text.subarray(at)]) });
    expect(() => resolveSide("HEAD:policies/某市/2021-01-01.jz", dir)).toThrow(/JZ1001/);
  });
});
