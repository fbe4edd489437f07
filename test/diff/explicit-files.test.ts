/**
 * Issue 16 §2 (loaded on their own since issue 9): two files named explicitly are each loaded on
 * their own, so a draft beside the version in force with the same 生效 is compared, not refused as
 * overlapping versions (JZ5006).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runDiff } from "./_run.js";

describe("diff 营口市/2023-01-01.jz 营口市/草案.jz", () => {
  it("compares a draft with the same 生效 in the same folder (exit 1, the change listed), no JZ5006", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "jiuzhu-draft-")), "营口市");
    mkdirSync(dir);
    const inForce = path.join(dir, "2023-01-01.jz");
    copyFileSync("policies/营口市/2023-01-01.jz", inForce);
    const text = readFileSync(inForce, "utf8").replace(/^原文 .*\n/m, "");
    writeFileSync(inForce, text);
    // the draft: same header, same 生效, one cell changed (低保边缘 基本 起付线 2000元 → 1500元)
    const draft = text.replace("| 低保边缘家庭成员         | 2000元 |", "| 低保边缘家庭成员         | 1500元 |");
    expect(draft).not.toBe(text);
    writeFileSync(path.join(dir, "草案.jz"), draft);
    const r = await runDiff(inForce, path.join(dir, "草案.jz"), { format: "text" });
    expect(r.err).not.toMatch(/JZ5006/);
    expect(r.code).toBe(1);
    expect(r.out).toContain("基本救助 · 低保边缘家庭成员 · 起付线：2000元 → 1500元");
  });
});
