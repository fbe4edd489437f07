/**
 * Finding 基于's base without a file system (compiler/language-service/bases.ts): what the browser
 * workbench uses over its bundle of policy texts, and the server over the disk.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyse, baseFolder, chooseVersion, diagnostics, readBaseFromTexts } from "../../compiler/language-service/index.js";

describe("the base of 基于 from texts in hand", () => {
  it("chooses the latest version not after the citing policy's 生效", () => {
    const names = ["2019-01-01.jz", "2021-01-01.jz", "2020-12-24.jz", "例", "notes.md", "2022-1-1.jz"];
    expect(chooseVersion(names, "2021-01-01")).toBe("2021-01-01.jz");
    expect(chooseVersion(names, "2020-12-31")).toBe("2020-12-24.jz");
    expect(chooseVersion(names, "2018-06-01")).toBeUndefined();
    expect(chooseVersion(names, undefined)).toBe("2021-01-01.jz");
  });

  it("looks beside the citing region's folder, with either separator", () => {
    expect(baseFolder("policies/济宁市/2021-01-01.jz", "山东省")).toBe("policies/山东省");
    expect(baseFolder("C:\\repo\\policies\\济宁市\\2021-01-01.jz", "山东省")).toBe("C:\\repo\\policies\\山东省");
  });

  it("composes 济宁 with 山东 from a bundle: clean, and the hover reaches the province", () => {
    const root = join(import.meta.dirname, "../../policies");
    const bundle = {
      "policies/济宁市/2021-01-01.jz": readFileSync(join(root, "济宁市/2021-01-01.jz"), "utf8"),
      "policies/山东省/2020-12-24.jz": readFileSync(join(root, "山东省/2020-12-24.jz"), "utf8"),
      "policies/山东省/2099-01-01.jz": "政策 未来的版本\n", // not yet in force on 2021-01-01: never chosen
      "policies/山东省例/2020-01-01.jz": "政策 另一个地区\n", // a folder whose name starts the same
    };
    const readBase = readBaseFromTexts(bundle);
    expect(readBase("山东省", "policies/济宁市/2021-01-01.jz", "2021-01-01")?.file).toBe("policies/山东省/2020-12-24.jz");
    expect(readBase("河南省", "policies/济宁市/2021-01-01.jz", "2021-01-01")).toBeUndefined();
    const a = analyse("policies/济宁市/2021-01-01.jz", bundle["policies/济宁市/2021-01-01.jz"], { readBase });
    expect(diagnostics(a).filter((d) => d.severity === "error")).toEqual([]);
    expect(a.base?.file).toBe("policies/山东省/2020-12-24.jz");
    // with no base found: JZ5005 on the 基于 line, nothing else
    const alone = analyse("policies/济宁市/2021-01-01.jz", bundle["policies/济宁市/2021-01-01.jz"], { readBase: readBaseFromTexts(new Map()) });
    expect(diagnostics(alone).filter((d) => d.severity === "error").map((d) => d.code)).toEqual(["JZ5005"]);
  });
});
