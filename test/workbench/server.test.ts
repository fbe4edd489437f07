/**
 * Issue 18: `jiuzhu workbench` serves 127.0.0.1 only, only the served regions, and 保存 writes back
 * only a served policy file inside the policies folder (path traversal and symlinks refused).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveWorkbench, type Workbench } from "../../workbench/server.js";
import { runCli } from "../cli/_run.js";

let dir: string;
let wb: Workbench;
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${wb.url}api/save`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "jiuzhu-wb-"));
  cpSync("policies/营口市", path.join(dir, "policies", "营口市"), { recursive: true });
  cpSync("policies/阳泉市", path.join(dir, "policies", "阳泉市"), { recursive: true });
  writeFileSync(path.join(dir, "outside.jz"), "不应被改写");
  // a version that is a symlink to a file outside the policies folder
  symlinkSync(path.join(dir, "outside.jz"), path.join(dir, "policies", "营口市", "2030-01-01.jz"));
  const assets = path.join(dir, "static");
  mkdirSync(assets);
  for (const f of ["index.html", "app.js", "worker.js", "style.css"]) writeFileSync(path.join(assets, f), `/* ${f} */`);
  wb = await serveWorkbench(path.join(dir, "policies", "营口市"), assets, 0);
});

afterAll(async () => {
  await wb?.close();
});

describe("jiuzhu workbench server", () => {
  it("listens on 127.0.0.1 at a free port and serves only the region asked for", async () => {
    expect(wb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(wb.port).toBeGreaterThan(0);
    const site = (await (await fetch(`${wb.url}site.json`)).json()) as { regions: { name: string }[]; canSave: boolean };
    expect(site.regions.map((r) => r.name)).toEqual(["营口市"]);
    expect(site.canSave).toBe(true);
    expect(await (await fetch(wb.url)).text()).toBe("/* index.html */");
    for (const p of ["../package.json", "%2e%2e/package.json", "营口市/2023-01-01.jz", "static/app.js"]) expect((await fetch(`${wb.url}${p}`)).status, p).toBe(404);
  });

  it("保存 writes a served policy file back", async () => {
    const r = await post({ file: "营口市/2023-01-01.jz", text: "# 已保存\n" });
    expect(r.status).toBe(200);
    expect(readFileSync(path.join(dir, "policies", "营口市", "2023-01-01.jz"), "utf8")).toBe("# 已保存\n");
  });

  it("refuses to write anything else: traversal, absolute paths, other regions, new files, symlinks out", async () => {
    for (const file of ["../outside.jz", "营口市/../../outside.jz", path.join(dir, "outside.jz"), "阳泉市/2020-01-01.jz", "营口市/新.jz", "营口市/例/案例.csv", "营口市\\..\\..\\outside.jz", "营口市/2030-01-01.jz", 7]) {
      const r = await post({ file, text: "x" });
      expect(r.status, String(file)).toBe(403);
      expect(((await r.json()) as { error: string }).error).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(readFileSync(path.join(dir, "outside.jz"), "utf8")).toBe("不应被改写");
    expect(existsSync(path.join(dir, "policies", "营口市", "新.jz"))).toBe(false);
  });

  it("refuses requests for another host name or from another site's page", async () => {
    // fetch may not set Host: a plain request does, as a rebinding DNS name would
    const status = await new Promise<number | undefined>((resolve, reject) =>
      get({ host: "127.0.0.1", port: wb.port, path: "/site.json", headers: { host: `evil.example:${wb.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on("error", reject),
    );
    expect(status).toBe(403);
    const cross = await post({ file: "营口市/2023-01-01.jz", text: "x" }, { origin: "http://evil.example" });
    expect(cross.status).toBe(403);
    const form = await fetch(`${wb.url}api/save`, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ file: "营口市/2023-01-01.jz", text: "x" }) });
    expect(form.status).toBe(415);
    expect(readFileSync(path.join(dir, "policies", "营口市", "2023-01-01.jz"), "utf8")).toBe("# 已保存\n");
  });
});

describe("jiuzhu workbench (command line)", () => {
  it("--export writes the static site: the page, the chosen policies and the 原文 they name", async () => {
    const out = path.join(dir, "site");
    const r = await runCli(["workbench", "policies/济宁市", "--export", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    for (const f of ["index.html", "app.js", "worker.js", "style.css", "site.json"]) expect(existsSync(path.join(out, f)), f).toBe(true);
    const site = JSON.parse(readFileSync(path.join(out, "site.json"), "utf8")) as { regions: { name: string }[]; sources: Record<string, string>; canSave: boolean };
    // 济宁市 is 基于 山东省: the base comes along, nothing else
    expect(site.regions.map((r) => r.name).sort()).toEqual(["山东省", "济宁市"]);
    expect(Object.keys(site.sources)).toHaveLength(1);
    expect(site.canSave).toBe(false);
    expect(readFileSync(path.join(out, "app.js"), "utf8")).not.toMatch(/from\s*["']node:/);
  });

  it("a bad port or a folder without policies is a Chinese usage error", async () => {
    const port = await runCli(["workbench", "--port", "abc", "--no-open"]);
    expect(port.code).toBe(2);
    expect(port.err).toMatch(/--port 应为/);
    const none = await runCli(["workbench", "test", "--export", path.join(dir, "x")]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/没有政策文件/);
  });
});
