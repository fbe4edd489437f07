import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicyPaths, selectVersion } from "../../compiler/load.js";
import { renderDiagnostics } from "../../compiler/render.js";

const version = (region: string, effective: string, body: string, extra = ""): string => `政策 ${region}办法
地区 ${region}
生效 ${effective} 依据 第一条
${extra}
身份 低保对象 依据 二
${body}`;

const ITEM = (ratio: string) => `救助项目 住院救助 依据 三
  | 身份     | 比例 |
  | 低保对象 | ${ratio} |
`;

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "jiuzhu-load-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe("loadPolicyPaths", () => {
  it("loads a folder recursively, fills in 失效 from the next version, selects by date", () => {
    const root = tree({
      "policies/某市/2021-01-01.jz": version("某市", "2021-01-01", ITEM("60%")),
      "policies/某市/2023-01-01.jz": version("某市", "2023-01-01", ITEM("70%")),
      "policies/readme.txt": "not a policy: outside any region folder, ignored",
    });
    const r = loadPolicyPaths([path.join(root, "policies")]);
    expect(r.diagnostics).toEqual([]);
    expect(r.policies.map((p) => path.basename(p.file))).toEqual(["2021-01-01.jz", "2023-01-01.jz"]);
    const [v1, v2] = r.policies.map((p) => p.policy!);
    expect(v1!.meta.expires).toBe("2023-01-01");
    expect(v2!.meta.expires).toBeNull();
    expect(r.sources.size).toBe(2);
    const all = [v1!, v2!];
    expect(selectVersion(all, "2020-12-31")).toBeUndefined();
    expect(selectVersion(all, "2021-01-01")).toBe(v1);
    expect(selectVersion(all, "2022-12-31")).toBe(v1);
    expect(selectVersion(all, "2023-01-01")).toBe(v2);
    expect(selectVersion(all, "2030-06-01")).toBe(v2);
  });

  it("JZ5006 versions of one region that overlap", () => {
    const root = tree({
      "某市/2021-01-01.jz": version("某市", "2021-01-01", ITEM("60%"), "失效 2024-01-01"),
      "某市/2023-01-01.jz": version("某市", "2023-01-01", ITEM("70%")),
    });
    const r = loadPolicyPaths([root]);
    expect(r.diagnostics.map((d) => [d.code, path.basename(d.file)])).toEqual([["JZ5006", "2023-01-01.jz"]]);
  });

  it("基于: checks the base version in force on the city's 生效 first and composes it", () => {
    const province = (eff: string, floor: string) =>
      `政策 省意见\n地区 某省\n生效 ${eff} 依据 一\n基础政策\n身份 低保对象 依据 二\n救助项目 住院救助 依据 三\n  | 身份 | 比例 |\n  | 低保对象 | 不低于 ${floor} |\n`;
    const root = tree({
      "policies/某省/2019-01-01.jz": province("2019-01-01", "50%"),
      "policies/某省/2022-01-01.jz": province("2022-01-01", "80%"),
      "policies/某市/2021-01-01.jz": `政策 市办法\n地区 某市\n生效 2021-01-01 依据 一\n基于 某省\n${ITEM("60%")}`,
      "policies/某市/2023-01-01.jz": `政策 市办法\n地区 某市\n生效 2023-01-01 依据 一\n基于 某省\n${ITEM("60%")}`,
    });
    const r = loadPolicyPaths([path.join(root, "policies/某市")]);
    // 2021 uses the 2019 province (floor 50%): fine; 2023 uses the 2022 province (floor 80%): JZ4009
    expect(r.diagnostics.map((d) => [d.code, path.basename(d.file)])).toEqual([["JZ4009", "2023-01-01.jz"]]);
    expect(r.diagnostics[0]!.notes[0]).toContain("某省/2022-01-01.jz 第 8 行");
    expect(r.policies[0]!.policy!.meta.basedOn).toBe("某省");
    expect(r.policies[1]!.policy).toBeUndefined();
    // the base's text is available for rendering its location
    expect([...r.sources.keys()].some((f) => f.endsWith("某省/2022-01-01.jz"))).toBe(true);
  });

  it("JZ5005 when the base folder or version does not exist", () => {
    const root = tree({
      "policies/某市/2021-01-01.jz": `政策 市办法\n地区 某市\n生效 2021-01-01 依据 一\n基于 某国\n身份 低保对象 依据 二\n${ITEM("60%")}`,
    });
    const r = loadPolicyPaths([path.join(root, "policies")]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["JZ5005"]);
    expect(r.diagnostics[0]!.notes[0]).toContain("某国");
  });

  it("reports unreadable paths and parse errors without throwing", () => {
    const root = tree({ "x/2021-01-01.jz": "政策 甲\n地区 乙\n生效 2021-01-01\n身份 ？？\n" });
    const r = loadPolicyPaths([path.join(root, "nope"), path.join(root, "x")]);
    expect(r.unreadable.map((u) => path.basename(u.path))).toEqual(["nope"]);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.policies[0]!.policy).toBeUndefined();
  });
});

describe("the real policies", () => {
  it("营口市 checks clean", () => {
    const r = loadPolicyPaths(["policies/营口市"]);
    expect(renderDiagnostics(r.diagnostics, r.sources)).toBe("");
    expect(r.policies).toHaveLength(1);
    expect(r.policies[0]!.policy).toBeDefined();
  });

  it("every policy under policies/ checks clean, 济宁市 composed on 山东省", () => {
    const r = loadPolicyPaths(["policies"]);
    expect(renderDiagnostics(r.diagnostics, r.sources)).toBe("");
    expect(r.policies.length).toBeGreaterThanOrEqual(6);
    expect(r.policies.filter((p) => !p.policy)).toEqual([]);
    const jining = r.policies.find((p) => p.file.includes("济宁市"))!.policy!;
    expect(jining.meta.basedOn).toBe("山东省");
    expect(jining.items.map((i) => i.name)).toContain("再救助"); // inherited from the province
  });
});
