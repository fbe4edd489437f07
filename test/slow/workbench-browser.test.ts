/**
 * Issue 18: the workbench in a real browser — Debian's Chromium driven by playwright-core, the page
 * served by the built `jiuzhu workbench`. FAILS, never skips, without /usr/bin/chromium or the CJK
 * fonts (.ci/run installs `chromium` and `fonts-noto-cjk`). Screenshots of each step go to
 * test-output/workbench/ (docs/img/workbench.png is one of them).
 * Latency is printed, not asserted (no timing assertions on a shared machine): the waits are generous.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const SHOTS = path.resolve("test-output", "workbench");
const CLAIM = '{"人员编号":"甲","结算日期":"2023-03-01","就诊类型":"住院","身份":"特困人员","个人负担":10000,"规范转诊":"是"}';
const WAIT = 30_000;

let browser: Browser;
let server: ChildProcess;
let url = "";
let exited: Promise<number | null>;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} 不存在：请安装 chromium 与 fonts-noto-cjk（apt-get install -y chromium fonts-noto-cjk），.ci/run 会自动安装`);
  const fonts = spawnSync("fc-list", { encoding: "utf8" }).stdout ?? "";
  if (!/Noto Sans CJK/i.test(fonts)) throw new Error("缺少中文字体 fonts-noto-cjk：中文会显示为方框（apt-get install -y fonts-noto-cjk）");
  // the CLI and the page as `npm run build` makes them
  execFileSync("npm", ["run", "build"], { stdio: "pipe" });
  mkdirSync(SHOTS, { recursive: true });
  const env = { ...process.env };
  delete env["DISPLAY"];
  delete env["WAYLAND_DISPLAY"];
  server = spawn(process.execPath, ["bin/jiuzhu.js", "workbench", "--no-open"], { env, stdio: ["ignore", "pipe", "pipe"] });
  exited = new Promise((r) => server.on("exit", (code) => r(code)));
  url = await new Promise<string>((resolve, reject) => {
    let out = "";
    server.stdout!.on("data", (d) => {
      out += String(d);
      if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
    });
    server.on("exit", (code) => reject(new Error(`jiuzhu workbench 退出：${code}`)));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  server?.kill("SIGINT");
});

async function open(hash: string): Promise<{ tab: Page; errors: string[] }> {
  const tab = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors: string[] = [];
  tab.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  tab.on("pageerror", (e) => void errors.push(e.message));
  tab.on("requestfailed", (q) => void errors.push(`请求失败 ${q.url()}`));
  await tab.goto(`${url}#${encodeURIComponent(hash)}`);
  await tab.waitForSelector("body[data-ready]", { timeout: WAIT });
  return { tab, errors };
}

describe("jiuzhu workbench in Chromium", () => {
  it("prints exactly http://127.0.0.1:<port>/ first", () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/$/);
  });

  it("opens every region with no console errors and no diagnostics", async () => {
    for (const region of ["营口市", "台州市", "威海经济技术开发区", "济宁市", "阳泉市", "山东省"]) {
      const { tab, errors } = await open(region);
      expect(await tab.inputValue("#region"), region).toBe(region);
      expect(errors, region).toEqual([]);
      expect(await tab.textContent("#diag-count"), region).toBe("无");
      expect(await tab.locator("#source .hd").count(), region).toBeGreaterThan(5);
      await tab.screenshot({ path: path.join(SHOTS, `01-${region}.png`) });
      await tab.close();
    }
  });

  it("a misspelled keyword shows the checker's Chinese diagnostic at its line", async () => {
    const { tab, errors } = await open("营口市/2023-01-01.jz");
    const line = tab.locator(".cm-line", { hasText: /^舍入 四舍五入到分$/ });
    await line.click();
    await tab.keyboard.press("Home");
    await tab.keyboard.press("ArrowRight");
    await tab.keyboard.press("Shift+ArrowRight");
    const typed = Date.now();
    await tab.keyboard.type("人");
    const diag = tab.locator('#diagnostics li[data-line="9"]', { hasText: "您是否想写「舍入」" });
    await diag.waitFor({ timeout: WAIT });
    process.stdout.write(`工作台：输入到诊断出现 ${Date.now() - typed} ms\n`);
    expect(await diag.textContent()).toMatch(/错误 JZ\d{4}：/);
    await tab.screenshot({ path: path.join(SHOTS, "02-diagnostic.png") });
    // the edit is kept in the browser; 还原 drops it
    expect(await tab.textContent("#file-name")).toMatch(/已修改/);
    await tab.click("#revert");
    await tab.locator("#diagnostics li").first().waitFor({ state: "detached", timeout: WAIT });
    expect(errors).toEqual([]);
    await tab.close();
  });

  it("a claim shows the amount jiuzhu calc gives; its 依据 highlights the article", async () => {
    const { tab, errors } = await open("营口市/2023-01-01.jz");
    await tab.fill("#claims", CLAIM);
    const amount = tab.locator("#claims-results td.amount").first();
    await amount.waitFor({ timeout: WAIT });
    const calc = spawnSync(process.execPath, ["bin/jiuzhu.js", "calc", "--policy", "policies/营口市", "-"], { input: CLAIM + "\n", encoding: "utf8" });
    const fromCalc = JSON.parse(calc.stdout.trim().split("\n")[0]!) as { 救助金额: string; 适用身份: string };
    // by hand, 第十一条（一）（二）: 10000×70% = 7000 基本救助, (10000 − 7000)×70% = 2100 倾斜救助 → 9100.00
    expect(fromCalc.救助金额).toBe("9100.00");
    expect(await amount.textContent()).toBe(fromCalc.救助金额);
    expect(await tab.locator("#claims-results tbody tr").first().locator("td").nth(2).textContent()).toBe(fromCalc.适用身份);
    await tab.click("#claims-results details summary");
    await tab.locator("#claims-results .items a.cite", { hasText: "第十一条（二）1、2、3" }).click();
    const hl = tab.locator("#source .hl");
    expect(await hl.count()).toBeGreaterThan(0);
    expect(await tab.locator("#article").textContent()).toMatch(/已编码/);
    await tab.screenshot({ path: path.join(SHOTS, "03-claim.png") });
    expect(errors).toEqual([]);
    await tab.close();
  });

  it("clicking a 依据 in the editor highlights the article in the 原文; the article lists the rules citing it", async () => {
    const { tab, errors } = await open("营口市/2023-01-01.jz");
    await tab.locator(".cm-line", { hasText: "生效 2023-01-01 依据 第三十三条" }).locator(".t-raw").click();
    const hl = tab.locator("#source .hl");
    await hl.first().waitFor({ timeout: WAIT });
    expect(await hl.count()).toBe(1);
    expect(await hl.textContent()).toMatch(/^第三十三条/);
    expect(await tab.locator("#article").textContent()).toMatch(/第三十三条.*已编码.*第8行 生效/);
    // an article clicked in the 原文 shows its coverage: 第一条 is listed 程序性
    await tab.locator("#source .hd", { hasText: /^第一条/ }).click();
    expect(await tab.locator("#article").textContent()).toMatch(/第一条程序性/);
    expect(errors).toEqual([]);
    await tab.close();
  });

  it("each identity's curve bends at the document's thresholds; the full page is the README screenshot", async () => {
    const { tab, errors } = await open("营口市/2023-01-01.jz");
    await tab.fill("#claims", CLAIM);
    await tab.locator("#claims-results td.amount").first().waitFor({ timeout: WAIT });
    const bp = async (identity: string) =>
      ((await tab.locator(`#curves figure[data-identity="${identity}"] polyline.new`).getAttribute("data-breakpoints")) ?? "").split(",").map(Number);
    // 特困人员 70% up to 2万元: 0.7x = 2000000分 at 2857142.86分 → 2857143
    expect(await bp("特困人员")).toContain(2857143);
    // 低保边缘家庭成员 起付线 2000元; 60% reaches 2万元 at 200000 + 3333333.33 → 3533334
    expect(await bp("低保边缘家庭成员")).toEqual(expect.arrayContaining([200000, 3533334]));
    // 因病致贫重病患者 起付线 5000元; 50% reaches 2万元 at 500000 + 4000000
    expect(await bp("因病致贫重病患者")).toEqual(expect.arrayContaining([500000, 4500000]));
    expect(await tab.textContent("#example-count")).toMatch(/全部相符/);
    expect(await tab.textContent("#guarantee-count")).toMatch(/全部成立/);
    // the README's picture: a claim's 计算过程 open, its 依据 lit in the 原文, the citing rule in view
    await tab.click("#claims-results details summary");
    await tab.locator("#claims-results .items a.cite", { hasText: "第十一条（一）1、2、3" }).click();
    await tab.locator("#article .goto").first().click();
    await tab.screenshot({ path: path.join(SHOTS, "workbench.png") });
    expect(errors).toEqual([]);
    await tab.close();
  });

  it("the 对比 tab shows jiuzhu diff between the saved file and the edited one", async () => {
    const { tab, errors } = await open("营口市/2023-01-01.jz");
    const line = tab.locator(".cm-line", { hasText: /^\s*\| 低保边缘家庭成员\s+\| 2000元/ }).first();
    // CodeMirror draws only the lines in view: scroll down to the table
    for (let y = 0; y < 40_000 && (await line.count()) === 0; y += 400) {
      await tab.locator(".cm-scroller").evaluate((e, top) => void (e.scrollTop = top), y);
      await tab.waitForTimeout(50);
    }
    await line.click();
    await tab.keyboard.press("Home");
    const text = (await line.textContent())!;
    // Home stops after the indentation (CodeMirror's line-boundary move)
    for (let i = 0; i < text.trimStart().indexOf("2000元"); i++) await tab.keyboard.press("ArrowRight");
    await tab.keyboard.press("Delete");
    await tab.keyboard.type("1");
    await tab.keyboard.press("Delete");
    await tab.keyboard.type("5");
    await tab.click('#tabs button[data-tab="diff"]');
    const diff = tab.locator("#diff-text", { hasText: "政策语义差异" });
    await diff.waitFor({ timeout: WAIT });
    expect(await diff.textContent()).toContain("基本救助 · 低保边缘家庭成员 · 起付线：2000元 → 1500元");
    await tab.screenshot({ path: path.join(SHOTS, "04-diff.png") });
    await tab.click("#tabs button[data-tab=work]");
    await tab.click("#revert");
    expect(errors).toEqual([]);
    await tab.close();
  });

  it("exits 0 on SIGINT", async () => {
    await browser.close();
    server.kill("SIGINT");
    expect(await exited).toBe(0);
  });
});
