import { afterEach, describe, expect, it, vi } from "vitest";
import { PassThrough } from "node:stream";
import { main } from "../../cli/main.js";

// check's module is replaced so the wiring can be tested without the compiler
const checkImpl = vi.hoisted(() => ({ fn: async (_paths: string[]): Promise<number> => 0 }));
vi.mock("../../cli/commands/check.js", () => ({ checkCommand: (paths: string[]) => checkImpl.fn(paths) }));

async function cli(...args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += String(d)));
  stderr.on("data", (d) => (err += String(d)));
  const code = await main(args, { stdout, stderr, stdin: new PassThrough() });
  return { code, out, err };
}

afterEach(() => {
  delete process.env["JIUZHU_DEBUG"];
});

describe("jiuzhu main", () => {
  it("prints Chinese help and exits 0", async () => {
    const { code, out } = await cli("--help");
    expect(code).toBe(0);
    expect(out).toContain("用法：");
    expect(out).toContain("命令：");
    expect(out).toContain("检查政策文件");
    expect(out).not.toMatch(/Usage:|Options:|display help/);
  });

  it("describes calc's options in Chinese and hides --engine", async () => {
    const { code, out } = await cli("calc", "--help");
    expect(code).toBe(0);
    expect(out).toContain("--policy <路径>");
    expect(out).toContain("输出计算过程");
    expect(out).not.toContain("--engine");
  });

  it("prints the version", async () => {
    const { code, out } = await cli("--version");
    expect(code).toBe(0);
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [["calc", "x.jsonl"], /缺少必需的选项「-p, --policy <路径>」/],
    [["calc", "--policy", "p", "x.jsonl", "--bogus"], /未知选项「--bogus」/],
    [["frobnicate"], /未知命令「frobnicate」/],
    [["compile", "p"], /缺少必需的选项「-o, --out <目录>」/],
    [["check"], /缺少参数「路径」/],
  ])("turns usage errors %j into exit 2 with a Chinese message", async (args, message) => {
    const { code, err } = await cli(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain("用法错误：");
  });

  it("exits 2 with help when no command is given", async () => {
    const { code, err } = await cli();
    expect(code).toBe(2);
    expect(err).toContain("用法：");
  });

  it("passes a command's exit code through", async () => {
    checkImpl.fn = async () => 1;
    expect((await cli("check", "a.jz")).code).toBe(1);
  });

  it("reports an internal error without a stack trace unless JIUZHU_DEBUG=1", async () => {
    checkImpl.fn = async () => {
      throw new TypeError("x is undefined");
    };
    const quiet = await cli("check", "a.jz");
    expect(quiet.code).toBe(2);
    expect(quiet.err).toBe("内部错误（请报告）：x is undefined\n");
    process.env["JIUZHU_DEBUG"] = "1";
    const loud = await cli("check", "a.jz");
    expect(loud.err).toContain("at ");
  });
});
