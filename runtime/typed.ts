/**
 * The typed surface a compiled module shows its callers (its `.d.ts`): a branded 分 so that an
 * amount in 元 cannot be passed by accident, and the result and validate() shapes parameterised
 * by the module's own item and identity names, with read-only lists. Inside, modules keep the
 * plain shapes of types.ts; these are the same values seen through narrower types.
 */
import { parseAmount } from "./claims.js";

declare const 分标记: unique symbol;

/**
 * Integer 分, branded: a plain number (or an amount in 元) is not a 分 until it goes through
 * `分(n)` or `元("5000.00")`, or comes from `validate` or a result. Arithmetic on it gives a
 * plain number again, as it should: wrap the sum when you mean it as 分.
 */
export type 分 = number & { readonly [分标记]: true };

/** A whole number of 分 (`分(500000)` is 5000.00元); anything else is a RangeError. */
export function 分(n: number): 分 {
  if (!(Number.isSafeInteger(n) && n >= 0)) throw new RangeError(`分(${String(n)})：金额应为不小于 0 的整数分`);
  return n as 分;
}

/**
 * 元 written as decimal text (or a number, read by its digits) → 分, exactly as validate() reads
 * an amount: `元("5000.00")` is 500000 分; `元("1万")` and three decimals are a RangeError.
 */
export function 元(amount: string | number): 分 {
  const r = parseAmount("金额", amount);
  if (!r.ok) throw new RangeError(r.error);
  return r.value as 分;
}

/** One item line of a typed result (types.ts ItemLine with the module's item names). */
export interface 明细行<Item extends string = string> {
  readonly 项目: Item;
  readonly 金额: 分;
  readonly 依据: string;
  readonly 说明?: string | undefined;
}

/** A typed result (types.ts Outcome): the module's item and identity names, 分, read-only lists. */
export type TypedOutcome<Item extends string, Identity extends string> =
  | {
      readonly ok: true;
      /** total of the calculator's items */
      readonly 金额: 分;
      readonly 明细: readonly 明细行<Item>[];
      /** winning identity (canonical, before 参照); absent when the claim holds none */
      readonly 适用身份?: Identity | undefined;
      readonly 其他身份: readonly { readonly 身份: Identity; readonly 金额: 分 }[];
      readonly 预警?: readonly { readonly 名称: string; readonly 年度累计个人负担: 分; readonly 依据: string }[] | undefined;
      /** readable Chinese steps, only when explain was asked */
      readonly 计算过程?: readonly string[] | undefined;
    }
  | {
      readonly ok: false;
      /** Chinese message naming the field; starts with 未规定： when the document sets no number */
      readonly 错误: string;
    };

/** What a module's validate() returns, typed with the module's record (claims.ts ValidateResult). */
export type TypedValidateResult<Record> = (
  | { readonly ok: true; readonly claim: Record }
  | { readonly ok: false; readonly 编号: string; readonly 错误: string }
) & { readonly 警告?: readonly string[] | undefined };
