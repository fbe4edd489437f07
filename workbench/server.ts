/**
 * The local server behind `jiuzhu workbench`: 127.0.0.1 only, the bundled page, site.json (read
 * afresh on each load) and POST api/save, which writes a served policy file back and nothing else.
 * Nothing else on the machine can be read through it: paths are never taken from the URL.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { readSite, savePath, type Served } from "./site.js";

const ASSETS: Record<string, string> = {
  "/": "index.html",
  "/index.html": "index.html",
  "/app.js": "app.js",
  "/worker.js": "worker.js",
  "/style.css": "style.css",
};
const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json; charset=utf-8",
};
/** a policy file is tens of KB: anything far larger is not one */
const MAX_BODY = 4 << 20;

export interface Workbench {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function serveWorkbench(target: string, staticDir: string, port: number): Promise<Workbench> {
  // read once now, so a bad path is an error before the URL is printed
  let served: Served = readSite(target, true);
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 500, "json", JSON.stringify({ error: `内部错误：${(e as Error).message}` })));
  });
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { "content-type": TYPES[type] ?? "application/octet-stream", "cache-control": "no-store", "x-content-type-options": "nosniff" });
    res.end(body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const address = server.address();
    const own = typeof address === "object" && address ? `127.0.0.1:${address.port}` : "";
    // another host name pointing here (DNS rebinding) or another site's page posting to us: refuse
    if (req.headers.host !== own && req.headers.host !== own.replace("127.0.0.1", "localhost")) return send(res, 403, "json", JSON.stringify({ error: "只接受 127.0.0.1 的请求" }));
    const url = new URL(req.url ?? "/", `http://${own}`);
    if (req.method === "GET" && ASSETS[url.pathname]) {
      const name = ASSETS[url.pathname]!;
      return send(res, 200, name.split(".").pop()!, readFileSync(path.join(staticDir, name)));
    }
    if (req.method === "GET" && url.pathname === "/site.json") {
      served = readSite(target, true);
      return send(res, 200, "json", JSON.stringify(served.data));
    }
    if (req.method === "POST" && url.pathname === "/api/save") {
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${req.headers.host}`) return send(res, 403, "json", JSON.stringify({ error: "只接受本工作台页面的保存请求" }));
      if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) return send(res, 415, "json", JSON.stringify({ error: "保存请求应为 JSON" }));
      const body = await readBody(req);
      if (body === undefined) return send(res, 413, "json", JSON.stringify({ error: "内容过大" }));
      let parsed: { file?: unknown; text?: unknown };
      try {
        parsed = JSON.parse(body) as { file?: unknown; text?: unknown };
      } catch {
        return send(res, 400, "json", JSON.stringify({ error: "保存请求不是有效的 JSON" }));
      }
      if (typeof parsed.text !== "string") return send(res, 400, "json", JSON.stringify({ error: "缺少文件内容" }));
      const target = savePath(served, parsed.file);
      if (typeof target !== "string") return send(res, 403, "json", JSON.stringify(target));
      writeFileSync(target, parsed.text);
      return send(res, 200, "json", JSON.stringify({ ok: true, file: parsed.file }));
    }
    send(res, 404, "json", JSON.stringify({ error: "没有这个地址" }));
  };
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const a = server.address();
      const p = typeof a === "object" && a ? a.port : port;
      resolve({
        url: `http://127.0.0.1:${p}/`,
        port: p,
        close: () => new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
      });
    });
  });
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on("data", (b: Buffer) => {
      size += b.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
      } else parts.push(b);
    });
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}
