/**
 * End to end: the built `bin/jiuzhu.js` on the real 营口市 policy. Builds dist/ first (set
 * JIUZHU_E2E_NO_BUILD=1 when dist/ is known fresh). Amounts are the golden cases' hand arithmetic.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const fixtures = join(root, "test", "cli", "fixtures");
const policy = join(root, "policies", "营口市");

function jiuzhu(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(root, "bin", "jiuzhu.js"), ...args], {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, JIUZHU_DEBUG: "" },
  });
  const lines = r.stdout.split("\n").filter((l) => l !== "");
  return { code: r.status, stderr: r.stderr, out: lines.map((l) => JSON.parse(l) as Record<string, any>) };
}

beforeAll(() => {
  if (process.env["JIUZHU_E2E_NO_BUILD"] !== "1") {
    execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], {
      cwd: root,
      stdio: "pipe",
    });
  }
});

describe("jiuzhu calc (built CLI, 营口市)", () => {
  it("reads JSONL from stdin: one line per record, errors in place, exit 1", () => {
    const { code, out, stderr } = jiuzhu(["calc", "--policy", policy, "-"], readFileSync(join(fixtures, "claims.jsonl"), "utf8"));
    expect(stderr).toBe("警告：1 条记录没有人员编号，每条各用新的年度台账，起付线、年度限额不跨记录累计；请补上人员编号\n");
    expect(code).toBe(1);
    expect(out.map((o) => o["编号"])).toEqual(["A1", "2", "A3", "A4", "A5", "A6", "A7", "A8", "A9"]);
    expect(out[0]).toMatchObject({ 救助金额: "7000.00", 适用身份: "特困人员", 其他身份: [] });
    expect(out[0]!["明细"]).toEqual([
      expect.objectContaining({ 项目: "基本救助", 金额: "7000.00" }),
      expect.objectContaining({ 项目: "倾斜救助", 金额: "0.00" }),
      ...out[0]!["明细"].slice(2),
    ]);
    expect(out[1]!["错误"]).toMatch(/^第2行不是有效的 JSON：/);
    expect(out[2]!["错误"]).toBe("未知身份「低保对像」，您是否想写「低保对象」？");
    expect(out[3]).toMatchObject({ 救助金额: "16100.00", 适用身份: "低保对象" }); // 20000*70% + (20000-14000-3000)*70%
    expect(out[4]!["错误"]).toMatch(/结算日期 2023-02-01 早于.*请先按结算日期排序/);
    expect(out[5]!["错误"]).toBe("结算日期 2019-05-01 不在任何版本的施行期内（营口市 现有版本：2023-01-01 起）");
    expect(out[6]).toMatchObject({ 救助金额: "4800.00", 适用身份: "低保边缘家庭成员" }); // (10000-2000)*60%
    expect(out[7]).toMatchObject({ 救助金额: "13000.00" }); // min(30000*70%, 20000-7000): P1's ledger
    expect(out[8]).toMatchObject({ 编号: "A9", 救助金额: "0.00" });
    for (const o of out.filter((o) => o["救助金额"] !== undefined)) {
      const sum = o["明细"].reduce((s: number, l: { 金额: string }) => s + Math.round(Number(l.金额) * 100), 0);
      expect(sum).toBe(Math.round(Number(o["救助金额"]) * 100));
    }
  });

  it("reads CSV with quoted commas, quotes and line breaks", () => {
    const { code, out } = jiuzhu(["calc", "--policy", policy, join(fixtures, "claims.csv")]);
    expect(code).toBe(1);
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual({ 编号: "C1", 错误: "字段「个人负担」不是有效金额：「10,000」" });
    expect(out[1]).toMatchObject({
      编号: "C2",
      救助金额: "7000.00",
      适用身份: "特困人员", // tie with 低保对象: the identity declared first wins
      其他身份: [{ 身份: "低保对象", 救助金额: "7000.00" }],
    });
    expect(out[2]).toEqual({ 编号: "3", 错误: "CSV 第5行有 7 列，表头有 8 列" });
    expect(out[3]).toMatchObject({ 编号: "C4", 救助金额: "9100.00" }); // 10000*70% + 3000*70%
    const stdin = jiuzhu(["calc", "--input-format", "csv", "--policy", policy, "-"], readFileSync(join(fixtures, "claims.csv"), "utf8"));
    expect(stdin.out).toEqual(out);
  });

  it("reads a JSON array; --explain adds 计算过程", () => {
    const { code, out } = jiuzhu(["calc", "--explain", "--policy", policy, join(fixtures, "claims.json")]);
    expect(code).toBe(1);
    expect(out[0]).toMatchObject({ 编号: "J1", 救助金额: "4800.00" });
    expect(out[0]!["计算过程"]).toEqual(expect.arrayContaining([expect.any(String)]));
    // every item step cites its article (contract: one line per step, each with its 依据)
    const itemSteps = (out[0]!["计算过程"] as string[]).filter((l) => /^  (基本救助|倾斜救助|按床日定额救助)：/.test(l));
    // issue 10 §4: 按床日定额救助 does not apply to this claim, so its line is left out by default
    expect(itemSteps).toHaveLength(2);
    for (const step of itemSteps) expect(step).toMatch(/依据 第十一条/);
    expect(out[0]!["明细"]).toHaveLength(3); // 明细 keeps every item
    expect(out[1]).toMatchObject({ 编号: "J2", 救助金额: "20000.00" }); // min(40000*70%, 2万)
    expect(out[2]!["编号"]).toBe("3");
    expect(out[2]!["错误"]).toMatch(/字段「结算日期」.*字段「个人负担」不能为负数/);
  });

  it("--show-inapplicable keeps the 不适用 lines of 计算过程, in both engines", () => {
    for (const engine of ["compiled", "interpreter"]) {
      const args = ["calc", "--engine", engine, "--explain", "--policy", policy, join(fixtures, "claims.json")];
      const hidden = (jiuzhu(args).out[0]!["计算过程"] as string[]).filter((l) => l.includes("（不适用："));
      const shown = (jiuzhu([...args, "--show-inapplicable"]).out[0]!["计算过程"] as string[]).filter((l) =>
        l.includes("（不适用："),
      );
      expect([engine, hidden]).toEqual([engine, []]);
      expect([engine, shown.some((l) => l.includes("按床日定额救助"))]).toEqual([engine, true]);
    }
  });

  it("a capped line says how much of the cap was used and left, in both engines", () => {
    for (const engine of ["compiled", "interpreter"]) {
      const { out } = jiuzhu(["calc", "--engine", engine, "--explain", "--policy", policy, join(fixtures, "claims.json")]);
      // J2: 40000 × 70% = 28000 > 年度限额 2万, nothing used before: 本年已用 0元，余 20000元 (plain 元: computed, not the rule’s wording)
      const steps = out[1]!["计算过程"] as string[];
      expect([engine, steps.some((l) => l.includes("本年已用 0元，余 20000元"))]).toEqual([engine, true]);
    }
  });

  it("gives every zero amount its reason (contract: zero amounts included with the reason)", () => {
    const below = '{"编号":"Z","身份":["低保边缘家庭成员"],"就诊类型":"住院","结算日期":"2023-03-01","个人负担":1500}';
    for (const engine of ["compiled", "interpreter"]) {
      const { out } = jiuzhu(["calc", "--engine", engine, "--policy", policy, "-"], below);
      expect(out[0]).toMatchObject({ 救助金额: "0.00" });
      for (const line of out[0]!["明细"]) expect([engine, line.项目, line.说明]).toEqual([engine, line.项目, expect.any(String)]);
    }
  });

  it("gives the same answers with the reference interpreter", () => {
    const input = readFileSync(join(fixtures, "claims.jsonl"), "utf8");
    const compiled = jiuzhu(["calc", "--policy", policy, "-"], input);
    const interpreted = jiuzhu(["calc", "--engine", "interpreter", "--policy", policy, "-"], input);
    expect(interpreted.out).toEqual(compiled.out);
  });

  it("exits 0 when every record computes, on the shipped example too", () => {
    const ok = jiuzhu(["calc", "--policy", policy, "-"], readFileSync(join(fixtures, "claims.jsonl"), "utf8").split("\n")[0]);
    expect(ok.code).toBe(0);
    const example = jiuzhu(["calc", "--policy", policy, join(root, "examples", "营口市-2023.csv")]);
    expect(example.out).toHaveLength(3);
  });

  it("exits 2 for an unreadable claims file, a broken .json, or an unknown calculator", () => {
    const dir = mkdtempSync(join(tmpdir(), "jiuzhu-e2e-"));
    const missing = jiuzhu(["calc", "--policy", policy, join(dir, "nope.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/无法读取/);
    writeFileSync(join(dir, "bad.json"), '[{"编号": 1},');
    const broken = jiuzhu(["calc", "--policy", policy, join(dir, "bad.json")]);
    expect(broken.code).toBe(2);
    expect(broken.out).toEqual([]);
    expect(broken.stderr).toMatch(/不是有效的 JSON/);
    const calc = jiuzhu(["calc", "--calculator", "不存在", "--policy", policy, join(dir, "bad.json")]);
    expect(calc.code).toBe(2);
    expect(calc.stderr).toMatch(/没有计算器「不存在」/);
    expect(missing.stderr + broken.stderr + calc.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("jiuzhu compile (built CLI)", () => {
  it("writes each version's module and the runtime, listing the files", () => {
    const dir = mkdtempSync(join(tmpdir(), "jiuzhu-e2e-"));
    const r = spawnSync(process.execPath, [join(root, "bin", "jiuzhu.js"), "compile", policy, "-o", dir], {
      cwd: root,
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    const files = r.stdout.split("\n").filter((l) => l !== "");
    expect(files.some((f) => f.endsWith(".js"))).toBe(true);
    expect(files.some((f) => f.endsWith(".d.ts"))).toBe(true);
    for (const f of files) expect(existsSync(f)).toBe(true);
  });
});

describe("jiuzhu check (built CLI)", () => {
  it("is clean on 营口市 and exits 2 on a missing path", () => {
    expect(jiuzhu(["check", policy]).code).toBe(0);
    expect(jiuzhu(["check", join(root, "policies", "没有这个地区")]).code).toBe(2);
  });

  it("exits 1 with positioned Chinese diagnostics on a broken policy", () => {
    const dir = mkdtempSync(join(tmpdir(), "jiuzhu-e2e-"));
    const text = readFileSync(join(policy, "2023-01-01.jz"), "utf8").replace("身份 特困人员", "身分 特困人员");
    writeFileSync(join(dir, "2023-01-01.jz"), text);
    const r = jiuzhu(["check", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2023-01-01\.jz:\d+:\d+/);
    // a policy that does not check stops calc with exit 2
    expect(jiuzhu(["calc", "--policy", dir, "-"], "").code).toBe(2);
  });
});

/**
 * Issue 9 §5: output failures. A full disk (/dev/full) used to print 内部错误（请报告）; a closed
 * pipe exited 0 as if every line had been written.
 */
describe("jiuzhu calc output failures (built CLI)", () => {
  const many = Array.from(
    { length: 20_000 },
    (_, i) => `{"编号":"R${i}","人员编号":"P${i}","身份":["特困人员"],"就诊类型":"住院","结算日期":"2023-03-01","个人负担":"100"}`,
  ).join("\n");

  it("a full disk is exit 2 with 无法写出结果：磁盘已满", () => {
    if (!existsSync("/dev/full")) return;
    const full = openSync("/dev/full", "w");
    const r = spawnSync(process.execPath, [join(root, "bin", "jiuzhu.js"), "calc", "--policy", policy, "-"], {
      cwd: root,
      input: many,
      stdio: ["pipe", full, "pipe"],
      encoding: "utf8",
    });
    closeSync(full);
    expect(r.stderr).toContain("无法写出结果：磁盘已满");
    expect(r.stderr).not.toContain("内部错误");
    expect(r.status).toBe(2);
  });

  it("a closed pipe stops quietly with exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "jiuzhu-e2e-"));
    writeFileSync(join(dir, "many.jsonl"), many);
    const script = `"${process.execPath}" "${join(root, "bin", "jiuzhu.js")}" calc --policy "${policy}" "${join(dir, "many.jsonl")}" 2>"${join(dir, "err")}" | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const r = spawnSync("bash", ["-c", script], { cwd: root, encoding: "utf8" });
    expect(r.stdout.trim()).toBe("2");
    expect(readFileSync(join(dir, "err"), "utf8")).toBe("");
  });
});
