/**
 * A copy of a compiled module with every trace statement (`if (x !== null) …;`) removed: the
 * module as it would be without explanations, to price what the trace costs when it is off.
 * Only for the bench; the bench checks the copy computes the same as the original.
 */
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Evaluator } from "../runtime/types.js";

const GUARD = "if (x !== null)";

/** End of the statement starting at `i`: a block's closing brace, else the first `;` outside brackets and strings. */
function statementEnd(js: string, i: number): number {
  const start = i;
  let depth = 0;
  for (; i < js.length; i++) {
    const ch = js[i]!;
    if (ch === '"' || ch === "'" || ch === "`") {
      for (i++; js[i] !== ch; i++) if (js[i] === "\\") i++;
    } else if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") {
      // a block statement `{ … }` ends at its closing brace (no `;` follows it)
      if (--depth === 0 && ch === "}" && js.slice(start, i).trimStart().startsWith("{")) return i + 1;
    }
    else if (ch === ";" && depth === 0) return i + 1;
  }
  throw new Error("unterminated trace statement");
}

export function stripTrace(js: string): { js: string; removed: number } {
  let out = "";
  let from = 0;
  let removed = 0;
  for (let i = js.indexOf(GUARD); i >= 0; i = js.indexOf(GUARD, from)) {
    const head = js.slice(from, i);
    from = statementEnd(js, i + GUARD.length);
    // `if (x !== null) …; else …` (a skipped 预警 is counted only without a trace): the else
    // branch is what runs when x is null, so it stays, behind an always-false if
    out += head + (/^\s*else\b/.test(js.slice(from, from + 40)) ? "if (false);" : ";");
    removed++;
  }
  return { js: out + js.slice(from), removed };
}

/**
 * Copies the module's folder and imports the copy, with the trace stripped from `file` if asked.
 * A copy is a separate module instance: a variant run with explain on does not pollute the type
 * feedback (and so the optimised code) of the instance measured with explain off.
 */
export async function loadCopy(
  dir: string,
  file: string,
  strip: boolean,
  parent = os.tmpdir(),
): Promise<{ evaluator: Evaluator; removed: number; module: unknown; file: string }> {
  const copy = await mkdtemp(path.join(parent, "module-copy-"));
  await cp(dir, copy, { recursive: true });
  let removed = 0;
  if (strip) {
    const out = stripTrace(await readFile(path.join(copy, file), "utf8"));
    await writeFile(path.join(copy, file), out.js);
    removed = out.removed;
  }
  const mod = (await import(pathToFileURL(path.join(copy, file)).href)) as Evaluator;
  return { evaluator: { evaluate: mod.evaluate }, removed, module: mod, file: path.join(copy, file) };
}
