/**
 * `不超过 X` on an item (阳泉 四、（二）4 “救助20%…不超过个人负担”): the 说明 both engines write
 * on a line the bound lowered, so the explanation names the amount and the rule that set it.
 */
import { plainYuan } from "./money.js";
import type { Fen } from "./types.js";

/** `已达上限（不超过 个人负担）10000元` */
export function boundNote(text: string, bound: Fen): string {
  return `已达上限（不超过 ${text}）${plainYuan(bound)}`;
}
