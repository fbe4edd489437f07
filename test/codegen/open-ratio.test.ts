/**
 * issue 10 §3 in both engines: under 就高不重复, a held identity whose row leaves only the 比例
 * open pays at most the item's base; when that bound cannot beat the identity taken, the amount is
 * determined and 说明 says so. A 未规定 定额 or an identity-level 未规定 stays 未规定.
 */
import { describe, expect, it } from "vitest";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { HEADER, policyOf } from "../check/helpers.js";
import { claim, compileAndLoad } from "./fixtures/load.js";
import { newLedger, type Outcome } from "../../runtime/types.js";

const policy = (table: string, extra = "") => `${HEADER}
身份 甲 依据 第二条
身份 乙 依据 第二条
身份 丙 依据 第二条
${extra}
救助项目 资助 依据 第七条
  基数 个人负担
${table}`;

const RATIO = `  | 身份 | 比例 |
  | 甲   | 100% |
  | 丙   | 60%  |
  | 乙   | 未规定 |
`;

async function both(src: string, 身份: string[], 个人负担 = 35000): Promise<Outcome[]> {
  const p = policyOf(src);
  const compiled = (await compileAndLoad(p)).module;
  const c = claim({ 身份, 个人负担 });
  return [compiled, createInterpreter(p)].map((e) => {
    try {
      return e.evaluate("医疗救助", c, newLedger(2023));
    } catch (err) {
      return { ok: false, 错误: String((err as Error).message) } as Outcome;
    }
  });
}

describe("open 比例 bounded by the base (docs/语义.md §4)", () => {
  it("甲 pays the whole base 350.00 = 35000分 × 100%: 乙 cannot pay more", async () => {
    const [a, b] = await both(policy(RATIO), ["甲", "乙"]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ ok: true, 金额: 35000, 适用身份: "甲", 其他身份: [] });
    const line = (a as Extract<Outcome, { ok: true }>).明细[0]!;
    expect(line.说明).toBe("另持身份「乙」本项比例本文件未规定（依据 第七条），按任何比例至多为基数 350元，不会多于所取身份的金额");
  });

  it("a base of 20000.00 is said in plain 元 (not 2万元), and the explanation names 乙's open row", async () => {
    const p = policyOf(policy(RATIO));
    const compiled = (await compileAndLoad(p)).module;
    const c = claim({ 身份: ["甲", "乙"], 个人负担: 2_000_000 });
    for (const e of [compiled, createInterpreter(p)]) {
      const o = e.evaluate("医疗救助", c, newLedger(2023), { explain: true }) as Extract<Outcome, { ok: true }>;
      // 甲: 20000 × 100% = 20000 ≥ any ratio of 乙 on the same base
      expect(o.金额).toBe(2_000_000);
      const note = "另持身份「乙」本项比例本文件未规定（依据 第七条），按任何比例至多为基数 20000元，不会多于所取身份的金额";
      expect(o.明细[0]!.说明).toBe(note);
      expect(o.计算过程).toContain("  资助：" + note);
    }
  });

  it("丙 pays 350 × 60% = 210.00 < 350: 乙 might pay more, still 未规定", async () => {
    const [a, b] = await both(policy(RATIO), ["乙", "丙"]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ ok: false });
    expect((a as { 错误: string }).错误).toMatch(/^未规定：资助 · 乙/);
  });

  it("乙 alone: 未规定", async () => {
    const [a, b] = await both(policy(RATIO), ["乙"]);
    expect(a).toEqual(b);
    expect(a.ok).toBe(false);
  });

  it("a 未规定 定额 stays 未规定 even beside a full payment", async () => {
    const table = `  | 身份 | 定额 |
  | 甲   | 350元 |
  | 丙   | 100元 |
  | 乙   | 未规定 |
`;
    const [a, b] = await both(policy(table), ["甲", "乙"]);
    expect(a).toEqual(b);
    expect(a.ok).toBe(false);
  });

  it("an identity-level 未规定 stays 未规定", async () => {
    const src = policy(RATIO, "身份 丁 未规定 依据 第九条\n");
    const [a, b] = await both(src, ["甲", "丁"]);
    expect(a).toEqual(b);
    expect((a as { 错误: string }).错误).toContain("未规定：身份「丁」");
  });
});
