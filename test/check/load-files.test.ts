/**
 * Issue 9 §3: what may sit in a region folder, files named explicitly, 基于 only inside the
 * policies root, FIFOs and devices refused, and bytes that are not UTF-8.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicyPaths, selectVersion } from "../../compiler/load.js";

const version = (region: string, effective: string, ratio: string, extra = ""): string => `政策 ${region}办法
地区 ${region}
生效 ${effective} 依据 第一条
${extra}
身份 低保对象 依据 二
救助项目 住院救助 依据 三
  | 身份     | 比例 |
  | 低保对象 | ${ratio} |
`;

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), "jiuzhu-files-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    if (rel.endsWith("/")) mkdirSync(path.join(root, rel), { recursive: true });
    else writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const codes = (r: ReturnType<typeof loadPolicyPaths>) =>
  r.diagnostics.map((d) => [d.code, d.severity, path.basename(d.file)]);

describe("a region folder holds <生效>.jz versions and 例/ only", () => {
  it("2024-01-01.JZ is an error, not a version silently skipped (2024 claims would get 2023 rates)", () => {
    const root = tree({
      "某市/2023-01-01.jz": version("某市", "2023-01-01", "60%"),
      "某市/2024-01-01.JZ": version("某市", "2024-01-01", "70%"),
    });
    const r = loadPolicyPaths([path.join(root, "某市")]);
    expect(codes(r)).toEqual([["JZ5008", "错误", "2024-01-01.JZ"]]);
  });

  it("foo.jz and a folder x.jz are errors; 例/ is allowed; readme.txt is a warning", () => {
    const root = tree({
      "某市/2023-01-01.jz": version("某市", "2023-01-01", "60%"),
      "某市/foo.jz": version("某市", "2025-01-01", "90%"),
      "某市/x.jz/": "",
      "某市/例/a.json": "{}",
      "某市/readme.txt": "说明",
    });
    const r = loadPolicyPaths([path.join(root, "某市")]);
    expect(codes(r).sort()).toEqual([
      ["JZ5008", "警告", "readme.txt"],
      ["JZ5008", "错误", "foo.jz"],
      ["JZ5008", "错误", "x.jz"],
    ]);
    expect(r.policies.map((p) => path.basename(p.file))).toEqual(["2023-01-01.jz"]);
  });

  it("a folder x.jz among region folders is reported, not walked into", () => {
    const root = tree({ "policies/某市/2023-01-01.jz": version("某市", "2023-01-01", "60%"), "policies/x.jz/": "" });
    const r = loadPolicyPaths([path.join(root, "policies")]);
    expect(codes(r)).toEqual([["JZ5008", "错误", "x.jz"]]);
  });

  it("JZ5009 when the file name is not the version's 生效", () => {
    const root = tree({ "某市/2023-01-01.jz": version("某市", "2023-07-01", "60%") });
    const r = loadPolicyPaths([path.join(root, "某市")]);
    expect(codes(r)).toEqual([["JZ5009", "错误", "2023-01-01.jz"]]);
    expect(r.diagnostics[0]!.notes[0]).toContain("2023-07-01.jz");
  });
});

describe("a file named explicitly", () => {
  it("may have any name ending in .jz and is loaded alone, without its folder's overlap check", () => {
    const root = tree({
      "某市/2021-01-01.jz": version("某市", "2021-01-01", "60%", "失效 2024-01-01"),
      "某市/2023-01-01.jz": version("某市", "2023-01-01", "70%"),
      "草案.jz": version("某市", "2023-01-01", "80%"),
    });
    // in the folder the two versions overlap (JZ5006); named alone, 2023-01-01.jz checks clean
    expect(codes(loadPolicyPaths([path.join(root, "某市")]))).toEqual([["JZ5006", "错误", "2023-01-01.jz"]]);
    const alone = loadPolicyPaths([path.join(root, "某市", "2023-01-01.jz")]);
    expect(alone.diagnostics).toEqual([]);
    expect(alone.policies).toHaveLength(1);
    const draft = loadPolicyPaths([path.join(root, "草案.jz")]);
    expect(draft.diagnostics).toEqual([]);
    expect(draft.policies[0]!.policy!.meta.effective).toBe("2023-01-01");
  });

  it("its 基于 still resolves from the policies root (the parent of its folder)", () => {
    const root = tree({
      "policies/某省/2020-01-01.jz": `政策 省办法\n地区 某省\n生效 2020-01-01 依据 一\n基础政策\n身份 低保对象 依据 二\n`,
      "policies/某市/草案.jz": version("某市", "2021-01-01", "60%", "基于 某省"),
    });
    const r = loadPolicyPaths([path.join(root, "policies", "某市", "草案.jz")]);
    expect(r.diagnostics.filter((d) => d.severity === "错误")).toEqual([]);
    expect(r.policies[0]!.policy).toBeDefined();
  });

  it("a name not ending in .jz is refused", () => {
    const root = tree({ "草案.txt": version("某市", "2021-01-01", "60%") });
    expect(codes(loadPolicyPaths([path.join(root, "草案.txt")]))).toEqual([["JZ5008", "错误", "草案.txt"]]);
  });
});

describe("基于 names a region inside the policies root only", () => {
  it.each(["../elsewhere/山东省", "..", "a/b", "a\\b"])("基于 「%s」 is JZ5005", (name) => {
    const root = tree({
      "elsewhere/山东省/2020-01-01.jz": `政策 省办法\n地区 山东省\n生效 2020-01-01 依据 一\n基础政策\n身份 低保对象 依据 二\n`,
      "p/policies/某市/2021-01-01.jz": version("某市", "2021-01-01", "60%", `基于 「${name}」`),
    });
    const r = loadPolicyPaths([path.join(root, "p", "policies", "某市")]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["JZ5005"]);
    expect(r.diagnostics[0]!.notes[0]).toContain("不能写路径");
  });
});

describe("only regular files are read", () => {
  it("a FIFO is refused at once, not waited on", () => {
    const root = tree({});
    const fifo = path.join(root, "管道.jz");
    execFileSync("mkfifo", [fifo]);
    const r = loadPolicyPaths([fifo]);
    expect(r.unreadable.map((u) => u.message)).toEqual([expect.stringContaining("不是普通文件")]);
  });

  it("a symlink to /dev/zero in a region folder is refused, not read", () => {
    const root = tree({ "某市/2023-01-01.jz": version("某市", "2023-01-01", "60%") });
    symlinkSync("/dev/zero", path.join(root, "某市", "2024-01-01.jz"));
    const r = loadPolicyPaths([path.join(root, "某市")]);
    expect(r.unreadable).toEqual([{ path: path.join(root, "某市", "2024-01-01.jz"), message: expect.stringContaining("不是普通文件") }]);
  });
});

describe("a policy file is UTF-8", () => {
  it("an invalid byte inside a citation is JZ1001 at that place (was U+FFFD, checked clean)", () => {
    const text = Buffer.from(version("某市", "2023-01-01", "60%"));
    const at = text.indexOf(Buffer.from("第一条"));
    const bytes = Buffer.concat([text.subarray(0, at), Buffer.from([0xff]), text.subarray(at)]);
    const root = tree({ "某市/2023-01-01.jz": bytes });
    const r = loadPolicyPaths([path.join(root, "某市")]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["JZ1001"]);
    const offset = Buffer.from(text.subarray(0, at)).toString("utf8").length;
    expect(r.diagnostics[0]!.span.start).toBe(offset);
    expect(r.policies[0]!.policy).toBeUndefined();
  });

  it("a GBK file is JZ1001, not accepted", () => {
    const root = tree({ "某市/2023-01-01.jz": Buffer.concat([Buffer.from("政策 "), Buffer.from([0xc4, 0xb3, 0xca, 0xd0])]) });
    const r = loadPolicyPaths([path.join(root, "某市")]);
    expect(r.diagnostics.map((d) => d.code)).toContain("JZ1001");
  });

  it.each([
    ["with a BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(version("某市", "2023-01-01", "60%"), "utf16le")])],
    ["without a BOM", Buffer.from(version("某市", "2023-01-01", "60%"), "utf16le")],
  ])("a UTF-16 file %s says so in one diagnostic", (_, bytes) => {
    const root = tree({ "某市/2023-01-01.jz": bytes });
    const r = loadPolicyPaths([path.join(root, "某市")]);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([["JZ1001", expect.stringContaining("UTF-16")]]);
  });

  it("a UTF-8 BOM is still fine", () => {
    const root = tree({ "某市/2023-01-01.jz": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(version("某市", "2023-01-01", "60%"))]) });
    const r = loadPolicyPaths([path.join(root, "某市")]);
    expect(r.diagnostics).toEqual([]);
    expect(selectVersion([r.policies[0]!.policy!], "2023-05-01")).toBeDefined();
  });
});
