import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { coverageCommand } from "../../cli/commands/coverage.js";
import { main } from "../../cli/main.js";
import { classify, collectUses, type Use } from "../../compiler/coverage/coverage.js";
import { extractHeadings } from "../../compiler/coverage/headings.js";
import { parsePolicy } from "../../grammar/index.js";

const SEED = [
  "为做好医疗救助工作，制定本细则。",
  "一、总体要求",
  "二、救助",
  "（一）救助对象",
  "1.低保对象。",
  "2.特困人员。",
  "（二）救助标准",
  "1.住院救助70%。",
  "2.门诊救助，标准另定。",
  "（三）救助条件",
  "须提供正规票据，应剔除下列费用：",
  "1.减免的费用；",
  "2.帮扶资金。",
  "三、实施程序",
  "（一）申请",
  "（二）审批",
].join("\n");

const POLICY = `政策 测试细则
地区 测试区
生效 2020-01-01 依据 落款日期
原文 seed.txt
程序性 一、；二、（三）首句；三、
身份 低保对象 依据 二、（一）1
身份 特困人员 依据 二、（一）2
救助项目 住院救助 依据 二、（二）1
  适用 住院
  基数 个人负担
  | 身份               | 比例 |
  | 低保对象、特困人员 | 70%  |
救助项目 门诊救助 依据 二、（二）2
  适用 门诊慢特病
  基数 个人负担
  | 身份               | 比例   |
  | 低保对象、特困人员 | 未规定 |
保证 不超过个人负担：救助金额 <= 个人负担 依据 二、（九）
`;

function run() {
  const { ast, diagnostics } = parsePolicy("p.jz", POLICY);
  expect(diagnostics.filter((d) => d.severity === "错误")).toEqual([]);
  const headings = extractHeadings(SEED).headings;
  const procedural: Use[] = ast.header.procedural!.map((c) => ({ label: "程序性", line: 5, citation: c.text, unspecified: false }));
  const result = classify(headings, collectUses(ast, POLICY), procedural);
  const status = Object.fromEntries(result.rows.map((r) => [r.heading.id, r.status]));
  return { ...result, status };
}

describe("classify", () => {
  it("marks each heading 已编码, 未规定, 程序性 or 未覆盖", () => {
    expect(run().status).toEqual({
      序言: "未覆盖",
      "一、": "程序性",
      "二、": "已编码", // through its sub-provisions
      "二、（一）": "已编码",
      "二、（一）1": "已编码",
      "二、（一）2": "已编码",
      "二、（二）": "已编码",
      "二、（二）1": "已编码",
      "二、（二）2": "未规定", // only an all-未规定 item cites it
      "二、（三）": "程序性", // listed with 首句: itself only…
      "二、（三）1": "未覆盖", // …not its items
      "二、（三）2": "未覆盖",
      "三、": "程序性",
      "三、（一）": "程序性", // a listed parent covers its children
      "三、（二）": "程序性",
    });
  });

  it("lists where each heading is encoded, with lines", () => {
    const rows = run().rows;
    const one = rows.find((r) => r.heading.id === "二、（二）1")!;
    expect(one.direct.map((u) => [u.label, u.line])).toEqual([["救助项目 住院救助", 8]]);
    expect(rows.find((r) => r.heading.id === "二、")!.via).toEqual(["二、（一）", "二、（二）"]);
    expect(rows.find((r) => r.heading.id === "三、（一）")!.note).toBe("上级 三、 列为程序性");
  });

  it("reports a 依据 that names no heading, and accepts 落款", () => {
    expect(run().unmatched.map((u) => [u.id, u.use.label, u.use.line])).toEqual([["二、（九）", "保证 不超过个人负担", 18]]);
  });

  it("counts a parent as covered when all its children are", () => {
    const headings = extractHeadings("一、程序\n（一）申请\n（二）审批").headings;
    const listed: Use[] = ["一、（一）", "一、（二）"].map((citation) => ({ label: "程序性", line: 1, citation, unspecified: false }));
    const rows = classify(headings, [], listed).rows;
    expect(rows.map((r) => [r.heading.id, r.status, r.note])).toEqual([
      ["一、", "程序性", "下级条款均为程序性"],
      ["一、（一）", "程序性", undefined],
      ["一、（二）", "程序性", undefined],
    ]);
  });
});

describe("jiuzhu coverage", () => {
  function tree(withSource = true) {
    const dir = mkdtempSync(path.join(tmpdir(), "jz-coverage-"));
    mkdirSync(path.join(dir, "policies", "测试区"), { recursive: true });
    writeFileSync(path.join(dir, "seed.txt"), SEED);
    const text = withSource ? POLICY : POLICY.replace(/^原文 .*\n/m, "");
    writeFileSync(path.join(dir, "policies", "测试区", "2020-01-01.jz"), text);
    return dir;
  }
  async function cli(paths: string[], opts: { out?: string; check?: boolean }) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = "";
    let err = "";
    stdout.on("data", (d) => (out += String(d)));
    stderr.on("data", (d) => (err += String(d)));
    const code = await coverageCommand(paths, opts, { stdout, stderr, stdin: new PassThrough() });
    return { code, out, err };
  }

  it("prints the table, finds 原文 in a folder above the policy, warns about unmatched 依据", async () => {
    const dir = tree();
    const r = await cli([path.join(dir, "policies")], {});
    expect(r.code).toBe(0);
    expect(r.out).toContain("# 测试区 条款覆盖表");
    expect(r.out).toContain("| 二、（二）1 | 住院救助70%。 | 已编码 | 救助项目 住院救助（2020-01-01.jz:8） |");
    expect(r.out).toContain("统计：已编码 6 · 程序性 5 · 未规定 1 · 未覆盖 3");
    expect(r.err).toContain("警告：");
    expect(r.err).toContain("原文中没有条款 二、（九）");
  });

  it("--check exits 1 and lists the 未覆盖 headings in Chinese; --out writes <地区>.覆盖表.md", async () => {
    const dir = tree();
    const out = path.join(dir, "docs");
    const r = await cli([path.join(dir, "policies")], { out, check: true });
    expect(r.code).toBe(1);
    expect(r.err).toContain("未覆盖的条款共 3 条");
    expect(r.err).toContain("二、（三）1（原文第 12 行）减免的费用；");
    expect(r.out).toContain(path.join(out, "测试区.覆盖表.md"));
  });

  it("exits 2 when a policy has no 原文 line", async () => {
    const r = await cli([path.join(tree(false), "policies")], {});
    expect(r.code).toBe(2);
    expect(r.err).toContain("没有“原文”行");
  });

  it("is registered in the CLI (台州市 has no 未覆盖 heading)", async () => {
    const io = () => ({ stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() });
    expect(await main(["coverage", "policies/台州市", "--check"], io())).toBe(0);
  });
});
