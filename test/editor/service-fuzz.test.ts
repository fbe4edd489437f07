/**
 * The language service answers, never throws: every policy under random edits (test/robustness/
 * mutate.ts), with every feature asked at random positions. An editor calls it on half-typed text
 * on every keystroke; a throw would be a dead server, not a diagnostic.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as ls from "../../compiler/language-service/index.js";
import { applyAll, mutations } from "../robustness/mutate.js";

const root = join(import.meta.dirname, "../../policies");
const files = readdirSync(root).map((r) => join(root, r, readdirSync(join(root, r)).find((f) => f.endsWith(".jz"))!));
const texts = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));
const options: ls.ServiceOptions = {
  // the base as it is on disk: a mutated city still composes with the real province
  readBase: (region) => {
    const f = files.find((x) => x.includes(`/${region}/`));
    return f ? { file: f, text: texts.get(f)! } : undefined;
  },
};

describe("the language service on mutated policies", () => {
  it.each(files.map((f) => [f.slice(root.length + 1), f] as const))("%s", (_name, file) => {
    fc.assert(
      fc.property(mutations, fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), (ms, at) => {
        const text = applyAll(texts.get(file)!, ms);
        const a = ls.analyse(file, text, options);
        const ds = ls.diagnostics(a);
        for (const d of ds) expect(d.message).toMatch(/[\u4e00-\u9fff]/);
        const lines = text.split("\n");
        for (const n of at) {
          const line = n % lines.length;
          const p = { line, character: Math.floor(n / lines.length) % (lines[line]!.length + 1) };
          ls.hover(a, p);
          ls.definition(a, p);
          ls.references(a, p);
          ls.completions(a, p);
          ls.codeActions(a, { start: p, end: p });
        }
        ls.documentSymbols(a);
      }),
      { numRuns: 25, seed: 17 },
    );
  });
});
