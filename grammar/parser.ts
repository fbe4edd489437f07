/**
 * The Chevrotain grammar of one line. Statements are line based, so the driver (index.ts) feeds
 * the parser one line at a time: recovery can never run past a newline, and each line reports its
 * own errors. Block structure (an item's clause lines, a list's entries) is rebuilt by assemble.ts.
 */
import { CstParser, createTokenInstance, type CstNode, type IToken, type TokenType } from "chevrotain";
import * as T from "./lexer.js";
import { errorMessageProvider } from "./messages.js";

const K = (text: string): TokenType => T.KW[text]!;

class LineParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, errorMessageProvider, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  /** Recovery-inserted tokens sit at the previous token's end, so spans stay meaningful. */
  protected override getTokenToInsert(tokType: TokenType): IToken {
    const prev = this.LA(0);
    const at = prev && !Number.isNaN(prev.startOffset) ? prev.startOffset + prev.image.length : 0;
    const tok = createTokenInstance(tokType, "", at, at, NaN, NaN, NaN, NaN);
    tok.isInsertedInRecovery = true;
    return tok;
  }

  // Helpers shared by many rules; index 9 keeps their occurrences apart from the rules' own.
  private kwName(kw: string): void {
    this.CONSUME9(K(kw));
    this.SUBRULE9(this.name);
  }
  private kwList(kw: string): void {
    this.CONSUME8(K(kw));
    this.SUBRULE9(this.nameList);
  }
  private kwRaw(kw: string): void {
    this.CONSUME7(K(kw));
    this.CONSUME9(T.RawText);
  }
  private optCitation(): void {
    this.OPTION9(() => this.SUBRULE8(this.citation));
  }

  public line = this.RULE("line", () => {
    // built once: Chevrotain wants the same alternatives on every call
    this.lineAlts ??= [
      this.policyLine, this.regionLine, this.docNumberLine, this.effectiveLine, this.expiresLine,
      this.basedOnLine, this.isBaseLine, this.roundingLine, this.sourceLine, this.proceduralLine, this.identityLine, this.groupLine,
      this.multiLine, this.fieldLine, this.listLine, this.entryLine, this.calculatorLine,
      this.itemLine, this.inLine, this.appliesLine, this.targetsLine, this.conditionLine,
      this.baseLine, this.boundLine, this.deductibleLine, this.segmentsLine, this.timesLine, this.noteLine,
      this.basisLine, this.tableLine, this.capGroupLine, this.exclusionLine, this.warningLine,
      this.countsLine, this.whenLine, this.guaranteeLine,
    ].map((rule) => ({ ALT: () => this.SUBRULE(rule) }));
    this.OR(this.lineAlts);
    this.CONSUME(T.Newline);
  });
  private lineAlts?: { ALT: () => CstNode }[];

  // ------------------------------------------------------------------ header
  private policyLine = this.RULE("policyLine", () => this.kwRaw("政策"));
  private regionLine = this.RULE("regionLine", () => this.kwName("地区"));
  private docNumberLine = this.RULE("docNumberLine", () => this.kwRaw("文号"));
  private effectiveLine = this.RULE("effectiveLine", () => {
    this.CONSUME(K("生效"));
    this.CONSUME(T.DateLit);
    this.optCitation();
  });
  private expiresLine = this.RULE("expiresLine", () => {
    this.CONSUME(K("失效"));
    this.CONSUME(T.DateLit);
    this.optCitation();
  });
  private basedOnLine = this.RULE("basedOnLine", () => this.kwName("基于"));
  private sourceLine = this.RULE("sourceLine", () => this.kwRaw("原文"));
  private proceduralLine = this.RULE("proceduralLine", () => this.kwRaw("程序性"));
  private isBaseLine = this.RULE("isBaseLine", () => this.CONSUME(K("基础政策")));
  private roundingLine = this.RULE("roundingLine", () => {
    this.CONSUME(K("舍入"));
    this.CONSUME(K("四舍五入到分"));
  });

  // ------------------------------------------------------------------ declarations
  private identityLine = this.RULE("identityLine", () => {
    this.kwName("身份");
    this.MANY(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(K("别名"));
            this.SUBRULE(this.nameList, { LABEL: "aliases" });
          },
        },
        { ALT: () => this.SUBRULE(this.refClause) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        {
          ALT: () => {
            this.CONSUME(K("条件"));
            this.SUBRULE(this.cond);
          },
        },
        { ALT: () => this.CONSUME(K("未规定")) },
      ]),
    );
    this.optCitation();
  });
  private refClause = this.RULE("refClause", () => {
    this.CONSUME(K("参照"));
    this.SUBRULE(this.name);
    this.OPTION(() => {
      this.CONSUME(K("用于"));
      this.SUBRULE(this.nameList);
    });
  });
  private groupLine = this.RULE("groupLine", () => {
    this.kwName("身份组");
    this.kwList("包括");
    this.optCitation();
  });
  private multiLine = this.RULE("multiLine", () => {
    this.CONSUME(K("多重身份"));
    this.CONSUME(K("就高不重复"));
    this.optCitation();
  });
  private fieldLine = this.RULE("fieldLine", () => {
    this.kwName("字段");
    // `字段 致伤原因 取值 致伤原因表`: a built-in text field gets a vocabulary without a type
    this.OPTION1(() =>
      this.OR([
        { ALT: () => this.CONSUME(T.Identifier, { LABEL: "type" }) },
        { ALT: () => this.CONSUME(K("清单"), { LABEL: "type" }) },
      ]),
    );
    this.OPTION2(() => {
      this.CONSUME(K("取值"));
      this.SUBRULE2(this.name, { LABEL: "vocabulary" });
    });
    this.OPTION3(() => {
      this.CONSUME(K("默认"));
      this.OR2([
        { ALT: () => this.CONSUME2(T.Identifier, { LABEL: "default" }) },
        { ALT: () => this.CONSUME(T.StringLit, { LABEL: "default" }) },
        { ALT: () => this.CONSUME(T.AmountLit, { LABEL: "default" }) },
        { ALT: () => this.CONSUME(T.RatioLit, { LABEL: "default" }) },
        { ALT: () => this.CONSUME(T.DateLit, { LABEL: "default" }) },
        { ALT: () => this.CONSUME(T.NumberLit, { LABEL: "default" }) },
      ]);
    });
    this.optCitation();
  });
  private listLine = this.RULE("listLine", () => {
    this.kwName("清单");
    this.optCitation();
  });
  /** List entries on the lines after 清单; a trailing 、 continues onto the next line. */
  private entryLine = this.RULE("entryLine", () => {
    this.SUBRULE(this.entry);
    this.OR([
      {
        // `比例 同 住院救助` (a column taken from another item) starts like an entry line
        ALT: () => {
          this.CONSUME(K("同"), { LABEL: "same" });
          this.SUBRULE(this.name, { LABEL: "sameItem" });
        },
      },
      {
        ALT: () =>
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.OPTION(() => this.SUBRULE2(this.entry));
          }),
      },
    ]);
  });
  private entry = this.RULE("entry", () => {
    this.SUBRULE(this.name);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OR([
        { ALT: () => this.CONSUME(K("含")) },
        { ALT: () => this.CONSUME(K("别名")) },
      ]);
      this.SUBRULE(this.nameList);
      this.CONSUME(T.RParen);
    });
  });
  private calculatorLine = this.RULE("calculatorLine", () => {
    this.kwName("计算器");
    this.CONSUME(K("结果"));
    this.SUBRULE2(this.name, { LABEL: "result" });
    this.optCitation();
  });
  private itemLine = this.RULE("itemLine", () => {
    this.kwName("救助项目");
    this.optCitation();
  });
  private capGroupLine = this.RULE("capGroupLine", () => {
    this.kwName("限额组");
    // 年度限额 X: one cap for everyone; without it the caps come from a | 身份 | 年度限额 | table
    this.OPTION(() => {
      this.CONSUME(K("年度限额"));
      this.OR([
        { ALT: () => this.CONSUME(T.AmountLit, { LABEL: "cap" }) },
        { ALT: () => this.CONSUME(T.NumberLit, { LABEL: "cap" }) },
      ]);
    });
    this.CONSUME(K("包括"));
    this.SUBRULE(this.nameList);
    this.optCitation();
  });
  private exclusionLine = this.RULE("exclusionLine", () => {
    this.CONSUME(K("不予救助"));
    this.SUBRULE(this.cond, { LABEL: "when" });
    this.OPTION(() => {
      this.CONSUME(K("除外"));
      this.SUBRULE2(this.cond, { LABEL: "unless" });
    });
    this.optCitation();
  });
  private warningLine = this.RULE("warningLine", () => {
    this.kwName("预警");
    this.optCitation();
  });
  private guaranteeLine = this.RULE("guaranteeLine", () => {
    this.kwName("保证");
    this.CONSUME(T.Colon);
    this.SUBRULE(this.cond);
    this.optCitation();
  });

  // ------------------------------------------------------------------ clause lines
  private inLine = this.RULE("inLine", () => this.kwName("属于"));
  private appliesLine = this.RULE("appliesLine", () => this.kwList("适用"));
  private targetsLine = this.RULE("targetsLine", () => this.kwList("对象"));
  private conditionLine = this.RULE("conditionLine", () => {
    this.CONSUME(K("条件"));
    this.SUBRULE(this.cond);
    this.optCitation();
  });
  private baseLine = this.RULE("baseLine", () => {
    this.CONSUME(K("基数"));
    this.SUBRULE(this.valueExpr);
  });
  /** 不超过 个人负担: the item never pays more than this amount (阳泉 “救助20%…不超过个人负担”) */
  private boundLine = this.RULE("boundLine", () => {
    this.CONSUME(K("不超过"));
    this.SUBRULE(this.valueExpr);
  });
  private deductibleLine = this.RULE("deductibleLine", () => {
    this.CONSUME(K("起付线"));
    this.OR([
      { ALT: () => this.SUBRULE(this.period) },
      {
        // 起付线 同 住院救助
        ALT: () => {
          this.CONSUME(K("同"), { LABEL: "same" });
          this.SUBRULE(this.name, { LABEL: "sameItem" });
        },
      },
    ]);
  });
  /** 分段 [按年|按次] [起付线前|起付线后]: where segment positions count from, and on what amount */
  private segmentsLine = this.RULE("segmentsLine", () => {
    this.CONSUME(K("分段"));
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.period);
          this.OPTION(() => this.SUBRULE(this.segmentBasis));
        },
      },
      { ALT: () => this.SUBRULE2(this.segmentBasis) },
    ]);
    // 分段 按年 与 住院救助 共用: one year position for both items (台州 特殊病种门诊 按住院标准)
    this.OPTION2(() => {
      this.CONSUME(K("与"));
      this.SUBRULE(this.name, { LABEL: "shareWith" });
      this.CONSUME(K("共用"));
    });
  });
  private segmentBasis = this.RULE("segmentBasis", () =>
    this.OR([{ ALT: () => this.CONSUME(K("起付线前")) }, { ALT: () => this.CONSUME(K("起付线后")) }]),
  );
  private period = this.RULE("period", () => this.OR([{ ALT: () => this.CONSUME(K("按年")) }, { ALT: () => this.CONSUME(K("按次")) }]));
  private timesLine = this.RULE("timesLine", () => {
    this.CONSUME(K("次数"));
    this.CONSUME(K("每人一次"));
  });
  private noteLine = this.RULE("noteLine", () => {
    this.OR([
      { ALT: () => this.CONSUME(K("解释"), { LABEL: "kind" }) },
      { ALT: () => this.CONSUME(K("备注"), { LABEL: "kind" }) },
    ]);
    this.CONSUME(T.RawText);
  });
  private basisLine = this.RULE("basisLine", () => this.SUBRULE(this.citation));
  private tableLine = this.RULE("tableLine", () => this.CONSUME(T.TableRow));
  private countsLine = this.RULE("countsLine", () => this.kwList("统计"));
  private whenLine = this.RULE("whenLine", () => {
    this.CONSUME(K("当"));
    this.SUBRULE(this.cond);
  });

  // ------------------------------------------------------------------ pieces
  private citation = this.RULE("citation", () => this.kwRaw("依据"));
  private name = this.RULE("name", () => this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.StringLit) }]));
  private nameList = this.RULE("nameList", () => {
    this.SUBRULE(this.name);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.name);
    });
  });

  // 或 binds loosest, then 且, then 非.
  private cond = this.RULE("cond", () => {
    this.SUBRULE(this.andCond);
    this.MANY(() => {
      this.CONSUME(K("或"));
      this.SUBRULE2(this.andCond);
    });
  });
  private andCond = this.RULE("andCond", () => {
    this.SUBRULE(this.notCond);
    this.MANY(() => {
      this.CONSUME(K("且"));
      this.SUBRULE2(this.notCond);
    });
  });
  private notCond = this.RULE("notCond", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K("非"));
          this.SUBRULE(this.notCond);
        },
      },
      { ALT: () => this.SUBRULE(this.atom) },
    ]);
  });
  private atom = this.RULE("atom", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.cond);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.CONSUME(K("有身份"), { LABEL: "has" }) },
      { ALT: () => this.CONSUME(K("无身份"), { LABEL: "hasNot" }) },
      { ALT: () => this.SUBRULE(this.predicate) },
    ]);
  });
  /** A value, optionally followed by 属于/不属于/comparison/在…前…内; alone it is a 布尔 flag. */
  private predicate = this.RULE("predicate", () => {
    this.SUBRULE(this.valueExpr, { LABEL: "left" });
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.OR2([
              { ALT: () => this.CONSUME(K("属于"), { LABEL: "member" }) },
              { ALT: () => this.CONSUME(K("不属于"), { LABEL: "member" }) },
            ]);
            this.SUBRULE(this.nameList);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.CompareOp);
            this.SUBRULE2(this.valueExpr, { LABEL: "right" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K("在"));
            this.SUBRULE(this.name, { LABEL: "reference" });
            this.CONSUME(K("前"));
            this.CONSUME(T.MonthsLit);
            this.CONSUME(K("内"));
          },
        },
      ]),
    );
  });
  private valueExpr = this.RULE("valueExpr", () => {
    this.SUBRULE(this.valueTerm);
    this.MANY(() => {
      this.CONSUME(T.AddOp);
      this.SUBRULE2(this.valueTerm);
    });
  });
  private valueTerm = this.RULE("valueTerm", () => {
    this.OR([
      {
        ALT: () => {
          // 全年 X (only inside 保证): X summed over one person's claims of the year
          this.OPTION2(() => this.CONSUME(K("全年"), { LABEL: "year" }));
          // a name declared in quotes (「…」) can be referred to in quotes
          this.OR2([
            { ALT: () => this.CONSUME(T.Identifier, { LABEL: "ref" }) },
            { ALT: () => this.CONSUME(T.StringLit, { LABEL: "ref" }) },
          ]);
          this.OPTION(() => {
            this.CONSUME(K("的"));
            this.OR3([
              { ALT: () => this.CONSUME2(T.Identifier, { LABEL: "field" }) },
              { ALT: () => this.CONSUME2(T.StringLit, { LABEL: "field" }) },
            ]);
          });
        },
      },
      {
        // 较小值(A, B, …): "not more than what the person bears" as one expression
        ALT: () => {
          this.CONSUME(K("较小值"), { LABEL: "min" });
          this.CONSUME(T.LParen);
          this.SUBRULE(this.valueExpr, { LABEL: "arg" });
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.SUBRULE2(this.valueExpr, { LABEL: "arg" });
          });
          this.CONSUME(T.RParen);
        },
      },
      // 身份 is a keyword but also the built-in field `身份 属于 …`
      { ALT: () => this.CONSUME(K("身份"), { LABEL: "ref" }) },
      { ALT: () => this.CONSUME(T.AmountLit, { LABEL: "lit" }) },
      { ALT: () => this.CONSUME(T.RatioLit, { LABEL: "lit" }) },
      { ALT: () => this.CONSUME(T.NumberLit, { LABEL: "lit" }) },
      { ALT: () => this.CONSUME(T.DateLit, { LABEL: "lit" }) },
    ]);
  });
}

/** One shared instance: Chevrotain parsers are built once and re-fed with `input`. */
export const lineParser = new LineParser();

export function parseLine(tokens: IToken[]): CstNode {
  lineParser.input = tokens;
  return lineParser.line();
}
