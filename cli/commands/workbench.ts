/**
 * `jiuzhu workbench [policies/<地区>] [--port N] [--no-open]`: the browser workbench on 127.0.0.1
 * (first stdout line exactly `http://127.0.0.1:<port>/`), until SIGINT (exit 0).
 * `jiuzhu workbench --export <dir>`: the same page as static files for any static host.
 */
import type { Command } from "commander";
import { spawn } from "node:child_process";
import { CliError, ExitCode } from "../exit-codes.js";
import { writeText, type Io } from "../io.js";

export interface WorkbenchOptions {
  port?: string;
  open?: boolean;
  export?: string;
}

export async function workbenchCommand(target: string | undefined, options: WorkbenchOptions, io: Io): Promise<number> {
  const where = target ?? "policies";
  const port = Number(options.port ?? "0");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port 应为 0 到 65535 的整数（0 表示任选空闲端口），而不是「${options.port}」`);
  if (options.export !== undefined) {
    const { exportSite } = await import("../../workbench/static.js");
    const r = await guard(() => exportSite(where, options.export!));
    writeText(io.stdout, `已写出工作台静态站点：${options.export}（${r.files.join("、")}）`);
    return ExitCode.Ok;
  }
  const { staticDir } = await import("../../workbench/static.js");
  const { serveWorkbench } = await import("../../workbench/server.js");
  const dir = await guard(() => staticDir());
  const wb = await guard(() => serveWorkbench(where, dir, port));
  io.stdout.write(`${wb.url}\n`);
  writeText(io.stderr, `工作台已启动（${where}），按 Ctrl+C 退出`);
  if (options.open !== false && (process.env["DISPLAY"] || process.env["WAYLAND_DISPLAY"])) openBrowser(wb.url);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await wb.close();
  return ExitCode.Ok;
}

/** A path that is no policies folder, a port in use: a Chinese usage error, not a stack. */
async function guard<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EADDRINUSE") throw new CliError("端口已被占用：请换一个 --port，或用 --port 0 任选空闲端口");
    throw new CliError(err.message);
  }
}

function openBrowser(url: string): void {
  try {
    const child = spawn("xdg-open", [url], { stdio: "ignore", detached: true });
    child.on("error", () => {}); // no xdg-open: the URL is printed anyway
    child.unref();
  } catch {
    // the URL is on stdout; opening a browser is a convenience
  }
}

export function registerWorkbench(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command("workbench")
    .usage("[policies/<地区>] [--port N] [--no-open] | --export <目录>")
    .description("浏览器工作台：原文、政策文件与计算结果并排，边改边看（只监听 127.0.0.1）")
    .argument("[路径]", "policies 文件夹或其中一个地区文件夹（默认 policies）")
    .option("--port <端口>", "监听端口（默认 0：任选空闲端口）")
    .option("--no-open", "不自动打开浏览器")
    .option("--export <目录>", "不启动服务，把工作台写成静态站点（页面、所选政策及其原文）")
    .action(async (path: string | undefined, opts: WorkbenchOptions) => {
      setCode(await workbenchCommand(path, opts, io));
    });
}
