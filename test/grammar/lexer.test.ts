import { describe, expect, it } from "vitest";
import { lex } from "../../grammar/lexer.js";
import { normalize } from "../../grammar/normalize.js";
import { KEYWORDS } from "../../grammar/index.js";

const kinds = (text: string) => lex(normalize(text)).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

describe("where a keyword ends and a name begins", () => {
  it("a run that is exactly a keyword is the keyword", () => {
    expect(kinds("规范转诊 且 就医地")).toEqual(["Identifier:规范转诊", "And:且", "Identifier:就医地"]);
  });
  it("a longer run containing keywords is one name", () => {
    expect(kinds("规范转诊且就医地")).toEqual(["Identifier:规范转诊且就医地"]);
    expect(kinds("基本救助")).toEqual(["Identifier:基本救助"]);
    expect(kinds("非参保人员 非 参保")).toEqual(["Identifier:非参保人员", "Not:非", "Identifier:参保"]);
    expect(kinds("身份证 身份组 身份")).toEqual(["Identifier:身份证", "Group:身份组", "Identity:身份"]);
    expect(kinds("不超过个人负担")).toEqual(["Identifier:不超过个人负担"]);
  });
  it("punctuation ends a run", () => {
    expect(kinds("a、身份（含 b）")).toEqual([
      "Identifier:a", "Comma:、", "Identity:身份", "LParen:(", "Contains:含", "Identifier:b", "RParen:)",
    ]);
  });
  it("numbers need no space after a keyword; a digit after a Chinese character starts a number", () => {
    expect(kinds("年度限额5万元")).toEqual(["AnnualCap:年度限额", "AmountLit:5万元"]);
    expect(kinds("0至2万元")).toEqual(["NumberLit:0", "To:至", "AmountLit:2万元"]);
    expect(kinds("2万元以上")).toEqual(["AmountLit:2万元", "Above:以上"]);
    expect(kinds("ICD10编码")).toEqual(["Identifier:ICD10编码"]);
  });
  it("every keyword in the table lexes as itself", () => {
    for (const k of KEYWORDS) {
      const ts = lex(normalize(`${k.text}\n`)).tokens;
      expect(ts[0]?.tokenType.name, k.text).toBe(k.name);
    }
  });
});

describe("literals and raw text", () => {
  it("recognises amounts, ratios, months, dates and numbers", () => {
    expect(kinds("2万元 1.8万元 5000元 70% 7.5% 12个月 2023-01-01 2023年1月1日 3")).toEqual([
      "AmountLit:2万元", "AmountLit:1.8万元", "AmountLit:5000元", "RatioLit:70%", "RatioLit:7.5%",
      "MonthsLit:12个月", "DateLit:2023-01-01", "DateLit:2023年1月1日", "NumberLit:3",
    ]);
  });
  it("takes the rest of the line after 依据 as one trimmed raw text, up to #", () => {
    expect(kinds("依据 二、（二）2.（1）  # 注\n条件")).toEqual([
      "Basis:依据", "RawText:二、(二)2.(1)", "Newline:\n", "Condition:条件",
    ]);
  });
  it("skips comments in both widths and keeps newlines", () => {
    expect(kinds("身份 # 注释\n＃ 全角注释\n")).toEqual(["Identity:身份", "Newline:\n", "Newline:\n"]);
  });
  it("lexes a table row as one token", () => {
    expect(kinds("｜ 身份 ｜ 比例 ｜")).toEqual(["TableRow:| 身份 | 比例 |"]);
  });
  it("reports unknown characters and keeps going", () => {
    const r = lex(normalize("身份 ￥ 特困人员"));
    expect(r.errors).toEqual([{ offset: 3, length: 1 }]);
    expect(r.tokens.map((t) => t.image)).toEqual(["身份", "特困人员"]);
  });
});

describe("normalisation", () => {
  it("maps one code unit to one code unit", () => {
    const s = "，、：；（）％｜＃－−＋＜＞＝≤≥０１２３４５６７８９\u3000〔〕【】";
    const n = normalize(s);
    expect(n.length).toBe(s.length);
    expect(n).toBe(",、:;()%|#--+<>=≤≥0123456789 〔〕【】");
  });
});

describe("raw mode without text", () => {
  it("a newline right after 依据 ends raw mode", () => {
    expect(kinds("依据\n身份")).toEqual(["Basis:依据", "RawNewline:\n", "Identity:身份"]);
  });
});
