/**
 * `jiuzhu fmt <files|folders>` rewrites policy files in the canonical layout (compiler/fmt);
 * `jiuzhu fmt -` reads stdin, writes stdout. `--check` writes nothing: it prints each file that
 * would change, one path per line on stdout. Exit: 0 nothing to change, 1 some would change,
 * 2 a file does not parse (left unchanged, diagnostics on stderr) or cannot be read.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatPolicy } from "../../compiler/fmt/index.js";
import { renderDiagnostics } from "../../compiler/render.js";
import { ExitCode } from "../exit-codes.js";
import { writeText, type Io } from "../io.js";

export interface FmtOptions {
  check?: boolean;
}

/** Every .jz file under the given paths, in a stable order. */
function policyFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((n) => {
      const p = join(path, n);
      return statSync(p).isDirectory() ? policyFiles(p) : n.endsWith(".jz") ? [p] : [];
    });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

export async function fmtCommand(paths: string[], options: FmtOptions, io: Io): Promise<number> {
  let code: number = ExitCode.Ok;
  const worse = (c: number) => (code = Math.max(code, c));
  if (paths.length === 1 && paths[0] === "-") {
    const text = await readAll(io.stdin);
    const r = formatPolicy("<标准输入>", text);
    if (!r.ok) {
      writeText(io.stderr, renderDiagnostics(r.diagnostics, new Map([["<标准输入>", text]])));
      io.stdout.write(text); // a filter never loses its input
      return ExitCode.Usage;
    }
    if (options.check) {
      if (r.changed) writeText(io.stdout, "-");
      return r.changed ? ExitCode.Findings : ExitCode.Ok;
    }
    io.stdout.write(r.text);
    return ExitCode.Ok;
  }
  for (const path of paths) {
    let files: string[];
    try {
      files = policyFiles(path);
    } catch (e) {
      writeText(io.stderr, `无法读取「${path}」：${(e as Error).message}`);
      worse(ExitCode.Usage);
      continue;
    }
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (e) {
        writeText(io.stderr, `无法读取「${file}」：${(e as Error).message}`);
        worse(ExitCode.Usage);
        continue;
      }
      const r = formatPolicy(file, text);
      if (!r.ok) {
        writeText(io.stderr, renderDiagnostics(r.diagnostics, new Map([[file, text]])));
        writeText(io.stderr, `「${file}」有语法错误，未格式化`);
        worse(ExitCode.Usage);
        continue;
      }
      if (!r.changed) continue;
      if (options.check) {
        writeText(io.stdout, file);
        worse(ExitCode.Findings);
      } else {
        writeFileSync(file, r.text);
      }
    }
  }
  return code;
}
