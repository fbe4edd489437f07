/**
 * issue 10 §1 in both engines: `不予救助 致伤原因 属于 不予救助原因` excludes the list's members
 * (it used to compare the text with the list's name and pay 醉酒 and 自杀 claims), and a record's
 * 致伤原因 is read against the field's 取值 清单 (别名 → entry, near miss → error, else 其他).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createInterpreter } from "../../compiler/interpreter/index.js";
import { claimSchema } from "../../compiler/claim-schema.js";
import type { CheckedPolicy } from "../../compiler/ir.js";
import { validateClaim } from "../../runtime/claims.js";
import { newLedger, type Evaluator } from "../../runtime/types.js";
import { HEADER, policyOf } from "../check/helpers.js";
import { compileAndLoad } from "./fixtures/load.js";

const SRC = `${HEADER}
身份 低保对象 依据 第二条
清单 致伤原因表 依据 第五条
  醉酒、吸毒、自杀、交通肇事（别名 车祸）、其他
清单 不予救助原因 依据 第五条
  醉酒、吸毒、自杀
字段 致伤原因 取值 致伤原因表 依据 第五条

不予救助 致伤原因 属于 不予救助原因 依据 第五条

救助项目 基本救助 依据 第三条
  基数 个人负担
  | 身份     | 比例 |
  | 低保对象 | 70%  |
`;

let policy: CheckedPolicy;
const engines: [string, Evaluator][] = [];

beforeAll(async () => {
  policy = policyOf(SRC);
  engines.push(["compiled", (await compileAndLoad(policy)).module], ["interpreter", createInterpreter(policy)]);
});

function pay(致伤原因: string | undefined): string[] {
  const raw = { 编号: "1", 身份: ["低保对象"], 结算日期: "2023-03-01", 个人负担: 10000, ...(致伤原因 ? { 致伤原因 } : {}) };
  const calc = policy.calculators.find((c) => c.name === "医疗救助")!;
  const v = validateClaim(raw, claimSchema(policy, calc.fields), 1);
  if (!v.ok) return engines.map(() => `错误：${v.错误}`);
  return engines.map(([, e]) => {
    const o = e.evaluate("医疗救助", v.claim, newLedger(2023));
    return o.ok ? (o.金额 / 100).toFixed(2) : `错误：${o.错误}`;
  });
}

describe("属于 <清单> and 取值 in both engines", () => {
  it("醉酒 and 自杀 are excluded (were paid 7000.00)", () => {
    expect(pay("醉酒")).toEqual(["0.00", "0.00"]);
    expect(pay("自杀")).toEqual(["0.00", "0.00"]);
  });

  it("a value not close to any word is 其他 and paid: 10000 × 70% = 7000.00", () => {
    expect(pay("意外摔伤")).toEqual(["7000.00", "7000.00"]);
  });

  it("a 别名 reads as its entry; an absent value matches nothing", () => {
    expect(pay("车祸")).toEqual(["7000.00", "7000.00"]); // 交通肇事 is not excluded here
    expect(pay(undefined)).toEqual(["7000.00", "7000.00"]);
  });

  it("a near miss is a record error with 您是否想写", () => {
    const [a] = pay("醉洒");
    expect(a).toContain("您是否想写「醉酒」？");
  });
});
