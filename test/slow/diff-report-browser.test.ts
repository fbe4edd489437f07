/**
 * Issue 16 §3: the HTML diff report in a real browser — Debian's Chromium driven by
 * playwright-core (no bundled browser download). Without /usr/bin/chromium this FAILS, never
 * skips: .ci/run installs `chromium` and `fonts-noto-cjk` when they are missing.
 * Checks: no console errors or failed requests (the page is self-contained), the charts carry the
 * breakpoints computed by hand from the documents, and printing to A4 PDF succeeds.
 * JIUZHU_SCREENSHOT=<file> also writes the screenshot used in docs/diff.md.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDiff } from "../diff/_run.js";
import { generateClaims } from "../diff/fixtures/gen-claims.js";

const CHROMIUM = "/usr/bin/chromium";
const OLD = "policies/营口市/2023-01-01.jz";
const NEW = "test/diff/fixtures/营口市-2024.jz";
let browser: Browser;
let page = "";

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} 不存在：请安装 chromium 与 fonts-noto-cjk（apt-get install -y chromium fonts-noto-cjk），.ci/run 会自动安装`);
  const dir = mkdtempSync(path.join(tmpdir(), "jiuzhu-html-"));
  const claims = path.join(dir, "claims.jsonl");
  writeFileSync(claims, generateClaims(16, 150).map((c) => JSON.stringify(c)).join("\n") + "\n");
  const r = await runDiff(OLD, NEW, { claims, format: "html" });
  expect(r.code).toBe(1);
  page = path.join(dir, "report.html");
  writeFileSync(page, r.out);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
});

afterAll(async () => {
  await browser?.close();
});

describe("the HTML diff report in Chromium", () => {
  it("renders without console errors or network requests; charts with the exact breakpoints; prints to PDF", async () => {
    const tab = await browser.newPage({ viewport: { width: 960, height: 1200 } });
    const errors: string[] = [];
    const requests: string[] = [];
    tab.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    tab.on("pageerror", (e) => void errors.push(e.message));
    tab.on("request", (q) => void (q.url().startsWith("file:") || requests.push(q.url())));
    await tab.goto(pathToFileURL(page).href);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const charts = await tab.$$eval("svg.curve", (svgs) =>
      svgs.map((s) => ({
        title: s.querySelector("title")?.textContent ?? "",
        old: s.querySelector("polyline.old")?.getAttribute("data-breakpoints") ?? null,
        new: s.querySelector("polyline.new")?.getAttribute("data-breakpoints") ?? null,
        width: s.getBoundingClientRect().width,
      })),
    );
    expect(charts.length).toBeGreaterThan(0);
    expect(charts.length).toBeLessThanOrEqual(12);
    for (const c of charts) expect(c.width).toBeGreaterThan(100); // laid out, not collapsed
    // 困境儿童, by hand from the 2024 text: the old version pays nothing (a straight line, 2 points);
    // new: 基本 70% capped 2万元: 0.7x = 2000000分 at x = 2857142.86分, first whole 分 2857143 (28571.43元);
    // with 规范转诊 also 倾斜 70% on x − 2万元, capped 2万元: x − 2000000 = 2857142.86 → 4857143分 (48571.43元).
    const child = charts.filter((c) => c.title.startsWith("困境儿童"));
    expect(child.length, charts.map((c) => c.title).join("\n")).toBeGreaterThan(0);
    expect(child.every((c) => c.old!.split(",").length === 2)).toBe(true);
    expect(child.some((c) => c.new!.split(",").map(Number).includes(2857143)), child.map((c) => c.new).join("\n")).toBe(true);
    expect(child.some((c) => c.new!.split(",").map(Number).includes(4857143)), child.map((c) => c.new).join("\n")).toBe(true);
    // 低保边缘 基本: 起付线 2000元 → 1500元: the old curve starts rising at 200000分, the new at 150000分
    const edge = charts.find((c) => c.title.startsWith("低保边缘家庭成员") && c.old?.split(",").includes("200000"));
    expect(edge, charts.map((c) => `${c.title} ${c.old} | ${c.new}`).join("\n")).toBeDefined();
    expect(edge!.new!.split(",")).toContain("150000");
    const summary = await tab.textContent("#summary");
    expect(summary).toMatch(/受益/);
    expect(summary).toMatch(/\d+\.\d{2}万元/);
    // the 因病致贫重病患者 chart shows the raised cap and the new segment together
    if (process.env.JIUZHU_SCREENSHOT) await tab.locator("svg.curve", { hasText: "因病致贫重病患者" }).first().screenshot({ path: process.env.JIUZHU_SCREENSHOT });
    const pdf = await tab.pdf({ format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(10_000);
    await tab.close();
  });
});
