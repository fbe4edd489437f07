/**
 * The keyword table: the one place that says which Chinese words are keywords. The lexer builds
 * its tokens from it, error messages describe expected tokens with it, and docs can list it.
 */

export interface KeywordInfo {
  /** Chevrotain token name (ASCII, stable: CST keys and tests use it). */
  name: string;
  /** The keyword as written. */
  text: string;
  /** Short Chinese description, for completion and docs. */
  desc: string;
  /** Can begin a line (a statement or a clause line): used for 您是否想写「…」 suggestions. */
  startsLine?: true;
  /** The rest of the line after it is raw text (citations, 文号, notes, the policy's title). */
  rawAfter?: true;
}

export const KEYWORDS: readonly KeywordInfo[] = [
  // header
  { name: "Policy", text: "政策", desc: "政策名称", startsLine: true, rawAfter: true },
  { name: "Region", text: "地区", desc: "地区", startsLine: true },
  { name: "DocNumber", text: "文号", desc: "发文字号", startsLine: true, rawAfter: true },
  { name: "Effective", text: "生效", desc: "生效日期", startsLine: true },
  { name: "Expires", text: "失效", desc: "失效日期（首个不再有效的日期）", startsLine: true },
  { name: "BasedOn", text: "基于", desc: "组合上级地区的政策", startsLine: true },
  { name: "BasePolicy", text: "基础政策", desc: "本文件只设下限，不能单独计算", startsLine: true },
  { name: "Rounding", text: "舍入", desc: "舍入方式", startsLine: true },
  { name: "HalfUpFen", text: "四舍五入到分", desc: "四舍五入到分" },
  { name: "Source", text: "原文", desc: "原文件文本的位置", startsLine: true, rawAfter: true },
  { name: "Procedural", text: "程序性", desc: "无需计算的程序性条款（以「；」分隔）", startsLine: true, rawAfter: true },
  // identities
  { name: "Identity", text: "身份", desc: "声明身份", startsLine: true },
  { name: "Alias", text: "别名", desc: "身份的别名" },
  { name: "RefersTo", text: "参照", desc: "参照另一身份执行" },
  { name: "UsedFor", text: "用于", desc: "参照的适用范围" },
  { name: "Unspecified", text: "未规定", desc: "文件未作规定" },
  { name: "Group", text: "身份组", desc: "声明身份组", startsLine: true },
  { name: "Includes", text: "包括", desc: "包括的成员" },
  { name: "Multi", text: "多重身份", desc: "多重身份规则", startsLine: true },
  { name: "Highest", text: "就高不重复", desc: "就高不重复" },
  // inputs
  { name: "Field", text: "字段", desc: "声明输入字段", startsLine: true },
  { name: "Default", text: "默认", desc: "记录缺少该字段时的取值" },
  { name: "List", text: "清单", desc: "声明清单（如病种）", startsLine: true },
  { name: "Contains", text: "含", desc: "清单条目所含的子项" },
  { name: "Vocabulary", text: "取值", desc: "文本字段的取值清单" },
  // calculators and items
  { name: "Calculator", text: "计算器", desc: "声明计算器", startsLine: true },
  { name: "Result", text: "结果", desc: "计算器的结果字段" },
  { name: "Item", text: "救助项目", desc: "声明救助项目", startsLine: true },
  { name: "In", text: "属于", desc: "属于", startsLine: true },
  { name: "NotIn", text: "不属于", desc: "不属于" },
  { name: "Applies", text: "适用", desc: "适用的就诊类型", startsLine: true },
  { name: "Targets", text: "对象", desc: "适用的身份", startsLine: true },
  { name: "Condition", text: "条件", desc: "条件", startsLine: true },
  { name: "Base", text: "基数", desc: "计算基数", startsLine: true },
  { name: "Deductible", text: "起付线", desc: "起付线计算方式", startsLine: true },
  { name: "Segments", text: "分段", desc: "分段累计方式", startsLine: true },
  { name: "PerYear", text: "按年", desc: "按年度累计" },
  { name: "PerClaim", text: "按次", desc: "按次计算" },
  { name: "BeforeDeductible", text: "起付线前", desc: "分段按扣除起付线之前的基数计" },
  { name: "AfterDeductible", text: "起付线后", desc: "分段按扣除起付线之后的基数计（默认）" },
  { name: "With", text: "与", desc: "分段 按年 与 <项目> 共用：与另一项目共用年度分段位置" },
  { name: "Shared", text: "共用", desc: "分段 按年 与 <项目> 共用：与另一项目共用年度分段位置" },
  { name: "Times", text: "次数", desc: "次数限制", startsLine: true },
  { name: "OncePerPerson", text: "每人一次", desc: "每人仅一次" },
  { name: "Explain", text: "解释", desc: "对含义不明条文的解读", startsLine: true, rawAfter: true },
  { name: "Remark", text: "备注", desc: "备注", startsLine: true, rawAfter: true },
  { name: "Basis", text: "依据", desc: "条文出处", startsLine: true, rawAfter: true },
  { name: "CapGroup", text: "限额组", desc: "共用限额的项目组", startsLine: true },
  { name: "AnnualCap", text: "年度限额", desc: "年度限额" },
  { name: "Exclude", text: "不予救助", desc: "不予救助的情形", startsLine: true },
  { name: "Except", text: "除外", desc: "例外情形" },
  { name: "Warning", text: "预警", desc: "声明预警", startsLine: true },
  { name: "Counts", text: "统计", desc: "预警统计的就诊类型", startsLine: true },
  { name: "When", text: "当", desc: "预警触发条件", startsLine: true },
  { name: "Guarantee", text: "保证", desc: "声明须始终成立的性质", startsLine: true },
  // conditions and values
  { name: "And", text: "且", desc: "并且" },
  { name: "Or", text: "或", desc: "或者" },
  { name: "Not", text: "非", desc: "否定" },
  { name: "Within", text: "在", desc: "日期在…前…内" },
  { name: "Before", text: "前", desc: "日期在…前…内" },
  { name: "Inside", text: "内", desc: "日期在…前…内" },
  { name: "HasIdentity", text: "有身份", desc: "持有任一已声明身份" },
  { name: "NoIdentity", text: "无身份", desc: "不持有任何已声明身份" },
  { name: "Of", text: "的", desc: "某身份的结果" },
  { name: "Min", text: "较小值", desc: "较小值(A, B)：几个金额中最小的" },
  { name: "WholeYear", text: "全年", desc: "保证中：一人一年内各次的合计" },
  // table cells
  { name: "AtLeast", text: "不低于", desc: "下限" },
  { name: "AtMost", text: "不超过", desc: "上限" },
  { name: "Standard", text: "标准", desc: "基础政策的标准值（市级须相同）" },
  { name: "None", text: "无", desc: "不设此项" },
  { name: "Same", text: "同", desc: "某列同另一救助项目（比例 同 住院救助）" },
  { name: "Raise", text: "提高", desc: "提高 N个百分点：在本行「比例」上加 N 个百分点" },
  { name: "NotSet", text: "不设", desc: "不设此项" },
  { name: "To", text: "至", desc: "分段区间" },
  { name: "Above", text: "以上", desc: "分段区间（无上限）" },
];

const byText = new Map(KEYWORDS.map((k) => [k.text, k]));

/** The keyword spelled exactly `text`, if any. */
export function keywordByText(text: string): KeywordInfo | undefined {
  return byText.get(text);
}
