import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYWORDS } from "../../grammar/keywords.js";
import { tmGrammar } from "../../editors/vscode/scripts/grammar.js";

const file = join(import.meta.dirname, "../../editors/vscode/syntaxes/jiuzhu.tmLanguage.json");

describe("VS Code TextMate grammar", () => {
  it("the checked-in grammar is the generated one (npm run grammar:vscode after adding a keyword)", () => {
    if (process.env["JIUZHU_WRITE_GRAMMAR"]) writeFileSync(file, JSON.stringify(tmGrammar(), null, 2) + "\n");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(tmGrammar());
  });

  it("names every keyword of grammar/keywords.ts", () => {
    const text = readFileSync(file, "utf8");
    const missing = KEYWORDS.filter((k) => !text.includes(k.text)).map((k) => k.text);
    expect(missing).toEqual([]);
  });

  it("highlights keywords, raw text after 依据, amounts and comments", () => {
    const g = tmGrammar() as { repository: Record<string, any> };
    const raw = new RegExp(g.repository.raw.match);
    expect(raw.exec("身份 孤儿 依据 四、（一）1")?.[3]).toBe("四、（一）1");
    const kw = new RegExp(g.repository.keywords.match, "g");
    expect("身份 低保对象 别名 城乡低保对象".match(kw)).toEqual(["身份", "别名"]);
    expect(new RegExp(g.repository.literals.patterns[1].match).exec("不超过 15000元")?.[0]).toBe("15000元");
  });
});
