/** `jiuzhu test`: one line per 保证, the Chinese counterexample report, and the exit codes. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, RUNS, TINY, tree } from "./_helpers.js";

const tiny = (extra = "") => path.join(tree({ "试点市/2023-01-01.jz": TINY + extra }), "试点市", "2023-01-01.jz");

describe("jiuzhu test", () => {
  it("exit 0 when every 保证 holds: one ✓ line citing file:line, then a summary", async () => {
    const file = tiny();
    const { code, out, err } = await cli("test", file, "--engine", "interpreter");
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toBe(`✓ 试点市 2023-01-01 · 不超过个人负担（${file}:9）\n共检查 1 条保证：1 条成立\n`);
  });

  it("exit 1 for a false 保证, with the smallest counterexample, both sides and the trace", async () => {
    const file = tiny("保证 错的：救助金额 < 1元\n");
    const { code, out } = await cli("test", file, "--engine", "interpreter", "--seed", "42");
    expect(code).toBe(1);
    const lines = out.split("\n");
    expect(lines).toContain(`✗ 试点市 2023-01-01 · 错的（${file}:10）`);
    expect(lines).toContain("  保证不成立：救助金额 < 1元");
    expect(out).toMatch(/最小反例（第 \d+ 条随机记录发现，缩小 \d+ 步；加 --seed 42 可重现）/);
    const record = JSON.parse(lines.find((l) => l.startsWith("    {"))!) as Record<string, unknown>;
    expect(record).toMatchObject({ 身份: ["低保对象"], 个人负担: "1.43" });
    expect(lines).toContain("  救助金额 < 1元：左边 1元，右边 1元，不成立");
    expect(lines).toContain("  计算过程（救助金额：按记录所持身份）：");
    expect(out).toMatch(/ {4}.*住院救助.*1\.43元/);
    expect(lines).toContain("共检查 2 条保证：1 条成立，1 条不成立");
  });

  it("the same --seed gives the same report", async () => {
    const file = tiny("保证 错的：救助金额 < 1元\n");
    const a = await cli("test", file, "--engine", "interpreter", "--seed", "7", "--runs", "50");
    const b = await cli("test", file, "--engine", "interpreter", "--seed", "7", "--runs", "50");
    expect(a.out).toBe(b.out);
  });

  it("cites an inherited 保证 at its line in the base policy's file", async () => {
    const root = tree({
      "某省/2020-01-01.jz": "政策 省意见\n地区 某省\n生效 2020-01-01 依据 一\n基础政策\n身份 低保对象 依据 二\n救助项目 住院救助 依据 三\n  | 身份 | 比例 |\n  | 低保对象 | 不低于 50% |\n保证 不超过个人负担：救助金额 <= 个人负担\n",
      "某市/2021-01-01.jz": "政策 市办法\n地区 某市\n生效 2021-01-01 依据 一\n基于 某省\n救助项目 住院救助 依据 三\n  | 身份 | 比例 |\n  | 低保对象 | 60% |\n",
    });
    const { code, out } = await cli("test", root, "--engine", "interpreter", "--runs", "50");
    expect(code).toBe(0);
    // the 基础政策 itself is not checked: it cannot compute alone
    expect(out).toBe(`✓ 某市 2021-01-01 · 不超过个人负担（${path.join(root, "某省", "2020-01-01.jz")}:9）\n共检查 1 条保证：1 条成立\n`);
  });

  it.each([
    [["test", "no/such/policy.jz"], /无法读取/],
    [["test", tiny("保证 错的：救助金额 < 未知字段\n")], /政策未通过检查/],
    [["test", "policies/营口市", "--runs", "0"], /选项「--runs」应为正整数/],
    [["test", "policies/营口市", "--runs", "many"], /选项「--runs」应为正整数/],
    [["test", "policies/营口市", "--seed", "x"], /选项「--seed」应为整数/],
    [["test", "policies/营口市", "--engine", "fast"], /未知的计算引擎/],
    [["test"], /缺少参数「路径」/],
  ])("exit 2: %j", async (args, message) => {
    const { code, err } = await cli(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it("says so when there is nothing to check", async () => {
    const { code, err } = await cli("test", "policies/山东省");
    expect(code).toBe(0);
    expect(err).toContain("没有保证");
  });

  it("every 保证 of the real policies holds (compiled modules, the default engine)", async () => {
    const { code, out, err } = await cli("test", "policies", "--runs", String(RUNS), "--seed", "1");
    expect(err).toBe("");
    expect(out).not.toMatch(/^[✗?]/m);
    const lines = out.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("✓ ")).length).toBe(lines.length - 1);
    expect(lines.at(-1)).toMatch(/^共检查 (\d+) 条保证：\1 条成立$/);
    for (const region of ["营口市", "台州市", "济宁市", "威海经济技术开发区", "阳泉市"]) {
      expect(out).toContain(`✓ ${region} `);
      // issue 11 §3: each region's example tables run beside its 保证, on both engines
      expect(out).toMatch(new RegExp(`^✓ ${region}：案例 \\d+ 条（编译模块和参考解释器各算一遍），全部相符$`, "m"));
    }
    expect(code).toBe(0);
  }, 300_000);
});
