/**
 * Incremental checking in the language service: a keystroke in a city re-parses and re-checks
 * the city only. The base policy's checked result is reused while its text is unchanged, and the
 * floor-total comparison (the costliest pass) is reused while the city's lowered IR is — and
 * neither is ever stale: an edit that changes an amount gives the diagnostics a fresh check gives.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyse, clearBaseCache, diagnostics, type ServiceOptions } from "../../compiler/language-service/index.js";

const policies = join(import.meta.dirname, "../../policies");
const cityFile = join(policies, "济宁市/2021-01-01.jz");
const baseFile = join(policies, "山东省/2020-12-24.jz");
const city = readFileSync(cityFile, "utf8");
const province = readFileSync(baseFile, "utf8");
const withBase = (text: string, reads: string[] = []): ServiceOptions => ({
  readBase: (region, _file, effective) => {
    reads.push(`${region} ${effective}`);
    return { file: baseFile, text };
  },
});
const JN_ITEM = "救助项目 住院救助 依据 一、二是\n  适用 住院\n  基数 个人负担";
/** `text` with `from` replaced by `to`; fails here when a policy no longer has `from`. */
const edit = (text: string, from: string, to: string) => {
  expect(text).toContain(from);
  return text.replace(from, to);
};
const summary = (a: ReturnType<typeof analyse>) => diagnostics(a).map((d) => `${d.code} ${d.range.start.line} ${d.message} ${d.notes.join("；")}`);

describe("incremental checking", () => {
  it("reuses the base's checked result across keystrokes in the city, and re-checks an edited base", () => {
    clearBaseCache();
    const reads: string[] = [];
    const first = analyse(cityFile, city, withBase(province, reads));
    const second = analyse(cityFile, edit(city, "# 组合：", "# 组合： "), withBase(province, reads));
    // the base is asked for the version in force on the city's 生效
    expect(reads).toEqual(["山东省 2021-01-01", "山东省 2021-01-01"]);
    expect(first.base?.policy).toBeDefined();
    expect(second.base).toBe(first.base);
    const edited = analyse(cityFile, city, withBase(edit(province, "地区 山东省", "地区 山东省 ")));
    expect(edited.base).not.toBe(first.base);
  });

  it("a keystroke that changes the city's amounts is checked afresh (the floor totals are not reused stale)", () => {
    clearBaseCache();
    const bypass = edit(city, JN_ITEM, `${JN_ITEM}\n  条件 规范转诊`);
    expect(bypass).not.toBe(city);
    // clean, then the bypass (a 低保 stay not referred: 3500 against a floor of 7000, test/check/floors.test.ts),
    // then a comment typed into the bypassed file (same IR: the reused comparison), then clean again
    const clean = summary(analyse(cityFile, city, withBase(province)));
    const short = summary(analyse(cityFile, bypass, withBase(province)));
    const typed = summary(analyse(cityFile, edit(bypass, "# 组合：", "# 组合：x"), withBase(province)));
    const back = summary(analyse(cityFile, city, withBase(province)));
    expect(clean.filter((d) => d.startsWith("JZ4009"))).toEqual([]);
    expect(short.filter((d) => d.startsWith("JZ4009")).length).toBe(1);
    expect(short[0]).toContain("本政策支付 3500元，基础政策下限 7000元");
    expect(typed).toEqual(short);
    expect(back).toEqual(clean);
    // and each equals what a check with nothing cached gives
    clearBaseCache();
    expect(summary(analyse(cityFile, bypass, withBase(province)))).toEqual(short);
  });

  it("a base that does not check is one error on 基于, not a cascade in the city", () => {
    clearBaseCache();
    const a = analyse(cityFile, city, withBase(edit(province, "身份组 重点救助对象 包括 低保对象、特困人员", "身份组 重点救助对象 包括 低保对像、特困人员")));
    const errors = diagnostics(a).filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.code, d.message])).toEqual([["JZ5005", "无法使用基础政策「山东省」"]]);
    expect(errors[0]!.notes[0]).toContain("未知身份「低保对像」");
    expect(errors[0]!.range.start.line).toBe(city.split("\n").indexOf("基于 山东省"));
  });
});
