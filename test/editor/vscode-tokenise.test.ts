/**
 * The VS Code grammar run by VS Code's own engine (vscode-textmate + vscode-oniguruma, the WASM
 * build of the regex library VS Code uses): every line of every policy is tokenised and the
 * scopes of keywords, declared names, amounts, ratios, dates, raw text after 依据/解释, comments
 * and table pipes are compared with what the text says they are. The expectations are read from
 * the policy text by plain regular expressions, independent of the grammar's own patterns.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";

const root = join(import.meta.dirname, "../..");
const grammarFile = join(root, "editors/vscode/syntaxes/jiuzhu.tmLanguage.json");
let grammar: vsctm.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(createRequire(import.meta.url).resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) => (scope === "source.jiuzhu" ? vsctm.parseRawGrammar(readFileSync(grammarFile, "utf8"), grammarFile) : null),
  });
  grammar = (await registry.loadGrammar("source.jiuzhu"))!;
});

/** Per line, the scopes of every UTF-16 unit (the innermost scope first is not needed: we test membership). */
function tokenise(text: string): string[][][] {
  let stack = vsctm.INITIAL;
  return text.split("\n").map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    const scopes: string[][] = [];
    for (const t of r.tokens) for (let i = t.startIndex; i < Math.min(t.endIndex, line.length); i++) scopes[i] = t.scopes;
    return scopes;
  });
}

const has = (scopes: string[] | undefined, prefix: string) => (scopes ?? []).some((s) => s.startsWith(prefix));

/** A readable failure: the line, the span and the scopes found there. */
function expectScope(lines: string[], scopes: string[][][], line: number, start: number, end: number, prefix: string): void {
  for (let i = start; i < end; i++) {
    if (!has(scopes[line]![i], prefix)) {
      expect({ line: lines[line], text: lines[line]!.slice(start, end), at: i, scopes: scopes[line]![i] }).toEqual({ wanted: prefix });
    }
  }
}

const policies = readdirSync(join(root, "policies")).map((region) => {
  const dir = join(root, "policies", region);
  const file = readdirSync(dir).find((f) => f.endsWith(".jz"))!;
  return { region, text: readFileSync(join(dir, file), "utf8") };
});

describe("the VS Code grammar tokenised by vscode-textmate", () => {
  it.each(policies.map((p) => [p.region, p.text] as const))("%s: keywords, names, literals, raw text, comments, pipes", (_region, text) => {
    const lines = text.split("\n");
    const scopes = tokenise(text);
    const seen = { comment: 0, name: 0, raw: 0, pipe: 0, amount: 0, ratio: 0, date: 0, keyword: 0 };
    lines.forEach((l, n) => {
      if (/^\s*#/.test(l)) {
        expectScope(lines, scopes, n, l.indexOf("#"), l.length, "comment.line");
        seen.comment++;
        return;
      }
      const code = l.includes("#") ? l.slice(0, l.indexOf("#")) : l;
      const decl = /^(\s*)(身份组|身份|字段|清单|救助项目|限额组|计算器|预警|保证) ([^\s:：、，,|]+)/.exec(code);
      if (decl) {
        const at = decl[1]!.length;
        expectScope(lines, scopes, n, at, at + decl[2]!.length, "keyword.control");
        const nameAt = at + decl[2]!.length + 1;
        expectScope(lines, scopes, n, nameAt, nameAt + decl[3]!.length, "entity.name");
        seen.name++;
      }
      const raw = /(?:^|\s)(依据|解释|政策|文号|原文|程序性|备注)\s+([^\s|][^#]*)$/.exec(code);
      if (raw) {
        const at = code.lastIndexOf(raw[2]!);
        expectScope(lines, scopes, n, at, at + raw[2]!.trimEnd().length, "string.unquoted.raw");
        seen.raw++;
      }
      if (/^\s*\|/.test(code)) {
        for (let i = code.indexOf("|"); i >= 0; i = code.indexOf("|", i + 1)) expectScope(lines, scopes, n, i, i + 1, "punctuation.separator.table");
        seen.pipe++;
        for (const m of code.matchAll(/(?<![\d.])\d+(?:\.\d+)?(?:万元|元)/g)) {
          expectScope(lines, scopes, n, m.index!, m.index! + m[0].length, "constant.numeric.amount");
          seen.amount++;
        }
        for (const m of code.matchAll(/(?<![\d.])\d+(?:\.\d+)?%/g)) {
          expectScope(lines, scopes, n, m.index!, m.index! + m[0].length, "constant.numeric.ratio");
          seen.ratio++;
        }
      }
      const date = /^(生效|失效) (\d{4}-\d{2}-\d{2})/.exec(code);
      if (date) {
        expectScope(lines, scopes, n, 0, 2, "keyword.control");
        expectScope(lines, scopes, n, 3, 13, "constant.numeric.date");
        seen.date++;
      }
      const clause = /^(\s+)(适用|基数|属于|起付线|分段|条件|对象|次数)\s/.exec(code);
      if (clause) {
        expectScope(lines, scopes, n, clause[1]!.length, clause[1]!.length + clause[2]!.length, "keyword.control");
        seen.keyword++;
      }
    });
    // every policy has each kind at least once (else the loop above proved nothing about it)
    for (const [kind, count] of Object.entries(seen)) if (kind !== "ratio" && kind !== "amount") expect([kind, count > 0]).toEqual([kind, true]);
    expect(seen.amount + seen.ratio).toBeGreaterThan(0);
  });

  it("sample lines: exact scopes of each part", () => {
    const sample = [
      "基于 山东省",
      "身份 特困人员 别名 特困供养人员 依据 二、二是、二、三是",
      "  | 身份 | 比例 | 依据 |",
      "救助项目 原有政策救助 依据 末段",
      "  | 重点救助对象 | 不超过 0 | 不低于 70% | 不低于 1万元 | 二、三是 | # 省定下限",
      "  条件 病种 属于 重特大疾病 且 年龄 < 18",
      "  解释 “不设起付线”即 0；依据 不在此处断开",
    ].join("\n");
    const lines = sample.split("\n");
    const s = tokenise(sample);
    const scopeOf = (line: number, text: string, nth = 0) => {
      let at = -1;
      for (let k = 0; k <= nth; k++) at = lines[line]!.indexOf(text, at + 1);
      return s[line]![at]!.filter((x) => x !== "source.jiuzhu");
    };
    expect(scopeOf(0, "基于")).toEqual(["keyword.control.jiuzhu"]);
    expect(scopeOf(0, "山东省")).toEqual([]);
    expect(scopeOf(1, "特困人员")).toEqual(["entity.name.type.jiuzhu"]);
    expect(scopeOf(1, "别名")).toEqual(["keyword.control.jiuzhu"]);
    expect(scopeOf(1, "依据")).toEqual(["keyword.other.raw.jiuzhu"]);
    expect(scopeOf(1, "二、二是")).toEqual(["string.unquoted.raw.jiuzhu"]);
    // a column named 依据 is a keyword between pipes, not the start of raw text
    expect(scopeOf(2, "依据")).toEqual(["keyword.other.raw.jiuzhu"]);
    expect(scopeOf(2, "|", 3)).toEqual(["punctuation.separator.table.jiuzhu"]);
    // 政策 inside a name is not the 政策 header keyword
    expect(scopeOf(3, "原有政策救助")).toEqual(["entity.name.type.jiuzhu"]);
    expect(scopeOf(3, "末段")).toEqual(["string.unquoted.raw.jiuzhu"]);
    expect(scopeOf(4, "不超过")).toEqual(["keyword.control.jiuzhu"]);
    expect(scopeOf(4, "0 ")).toEqual(["constant.numeric.jiuzhu"]);
    expect(scopeOf(4, "70%")).toEqual(["constant.numeric.ratio.jiuzhu"]);
    expect(scopeOf(4, "1万元")).toEqual(["constant.numeric.amount.jiuzhu"]);
    expect(scopeOf(4, "# 省定下限")).toEqual(["comment.line.number-sign.jiuzhu"]);
    expect(scopeOf(5, "属于")).toEqual(["keyword.control.jiuzhu"]);
    expect(scopeOf(5, "且")).toEqual(["keyword.control.jiuzhu"]);
    expect(scopeOf(5, "18")).toEqual(["constant.numeric.jiuzhu"]);
    expect(scopeOf(5, "病种")).toEqual([]);
    // everything after 解释 is the officer's own words, keywords and all
    expect(scopeOf(6, "依据")).toEqual(["string.unquoted.raw.jiuzhu"]);
    expect(scopeOf(6, "0；")).toEqual(["string.unquoted.raw.jiuzhu"]);
  });
});
