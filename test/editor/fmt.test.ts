import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPolicy, sameShape } from "../../compiler/fmt/index.js";
import { layout } from "../../compiler/fmt/layout.js";
import { parsePolicy } from "../../grammar/index.js";

const root = join(import.meta.dirname, "../../policies");
const policies = readdirSync(root).flatMap((d) =>
  readdirSync(join(root, d)).filter((f) => f.endsWith(".jz")).map((f) => join(root, d, f)),
);

describe("jiuzhu fmt layout", () => {
  it("aligns a table by display width (CJK two columns, ambiguous “×” one)", () => {
    const text = "| 身份 | 比例 |\n| 低保对象 | 70% |\n| “×” | 5% |\n";
    expect(layout(text)).toBe("| 身份     | 比例 |\n| 低保对象 | 70%  |\n| “×”      | 5%   |\n");
  });

  it("one space between tokens, two-space body indent; raw text, strings and comments verbatim", () => {
    const text = "身份   低保对象    依据  四、（一）1   说明  两个空格\n\t解释  原文  照录  # 注释  保留\n\n\n# 独立  注释   \n";
    expect(layout(text)).toBe("身份 低保对象 依据 四、（一）1   说明  两个空格\n  解释 原文  照录 # 注释  保留\n\n\n# 独立  注释\n");
  });

  it("leaves a file with syntax errors unchanged and says why", () => {
    const r = formatPolicy("坏.jz", "身份 ？？\n");
    expect(r.ok).toBe(false);
  });

  for (const file of policies) {
    it(`is idempotent and keeps the AST of ${file.slice(root.length + 1)}`, () => {
      const text = readFileSync(file, "utf8");
      const once = layout(text);
      expect(layout(once)).toBe(once);
      expect(sameShape(parsePolicy(file, text).ast, parsePolicy(file, once).ast)).toBe(true);
    });
  }

  it("random extra spaces, tabs and trailing blanks never change the AST (so never an amount)", () => {
    const file = policies.find((f) => f.includes("营口市"))!;
    const lines = readFileSync(file, "utf8").split("\n");
    const ast = parsePolicy(file, lines.join("\n")).ast;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(lines.length - 1), fc.constantFrom("  ", "\t", " \t "), fc.boolean()), { minLength: 1, maxLength: 8 }),
        (edits) => {
          const m = [...lines];
          for (const [i, ws, trailing] of edits) {
            // only in separators outside raw text: at the line end, or doubling an existing space before the first raw keyword
            if (trailing) m[i] = m[i]! + ws;
            else if (/^(\s*)(身份|字段|清单|项目)\s/.test(m[i]!)) m[i] = m[i]!.replace(/^(\s*\S+) /, `$1${ws}`);
          }
          const mutated = m.join("\n");
          const once = layout(mutated);
          expect(layout(once)).toBe(once);
          expect(sameShape(ast, parsePolicy(file, once).ast)).toBe(true);
          // only whitespace between tokens changed, so the canonical layout is the original's
          expect(once).toBe(layout(lines.join("\n")));
          const r = formatPolicy(file, mutated);
          expect(r.ok && r.text).toBe(once);
        },
      ),
      { numRuns: 40 },
    );
  });
});
