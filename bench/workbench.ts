/**
 * The browser workbench (issue 18): the size of its bundle and its first-load time in Chromium —
 * from navigation until the worker has checked the policy and every pane is filled (the page sets
 * body[data-ready]). Prints 未测 when /usr/bin/chromium is absent. A benchmark, not a test.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { builtDir } from "../workbench/build.js";
import { serveWorkbench } from "../workbench/server.js";
import { log, ms, table } from "./report.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const FILES = ["index.html", "style.css", "app.js", "worker.js"];

export async function benchWorkbench(runs = 3): Promise<void> {
  log("\n## 浏览器工作台：页面大小与首次加载（营口市，到各窗格计算完毕）\n");
  const dir = builtDir();
  if (!FILES.every((f) => existsSync(path.join(dir, f)))) {
    log(`未测：${dir} 中没有构建好的页面（npm run build）`);
    return;
  }
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  const sizes = FILES.map((f) => statSync(path.join(dir, f)).size);
  let load = "未测（没有 /usr/bin/chromium）";
  if (existsSync(CHROMIUM)) {
    const { chromium } = await import("playwright-core");
    const wb = await serveWorkbench("policies", dir, 0);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage(); // a fresh context: nothing cached, nothing in localStorage
        const t0 = performance.now();
        await page.goto(`${wb.url}#${encodeURIComponent("营口市")}`);
        await page.waitForSelector("body[data-ready]", { timeout: 120_000 });
        times.push(performance.now() - t0);
        await page.close();
      }
      times.sort((a, b) => a - b);
      load = `${ms(times[runs >> 1]!)}（中位数，${runs} 次）`;
    } finally {
      await browser.close();
      await wb.close();
    }
  }
  table(["页面", "app.js", "worker.js", "合计", "首次加载"], [[kb(sizes[0]! + sizes[1]!), kb(sizes[2]!), kb(sizes[3]!), kb(sizes.reduce((a, b) => a + b, 0)), load]]);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchWorkbench();
