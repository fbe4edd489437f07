/**
 * The compiled one-ratio payment has three exact paths by size of the part (codegen/item.ts
 * payLines): int32 divisions below 2^31 分, a double division below 2^50 for part × bp, the split
 * form above. Claims on each side of each border, against the definition ⌊(x·bp + 5000)/10000⌋
 * in BigInt. 营口 第七条（三）: 低保边缘家庭成员 资助参保 60% of 个人缴费, no cap, no 起付线.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicyPaths } from "../../compiler/load.js";
import { compileAndLoad, type Loaded } from "./fixtures/load.js";
import { newLedger } from "../../runtime/types.js";

let L: Loaded;
beforeAll(async () => {
  L = await compileAndLoad(loadPolicyPaths(["policies/营口市"]).policies[0]!.policy!);
});

const sixtyPercent = (fen: number): number => Number((BigInt(fen) * 6000n + 5000n) / 10000n);

describe("one-ratio payment, exact on every path", () => {
  it("pays 60% half-up at the borders of the int32 and 2^50 paths", () => {
    const int32 = 2 ** 31 - 1;
    const double = Math.floor(2 ** 50 / 6000);
    const parts = [0, 1, 5, 9999, 10000, int32 - 1, int32, int32 + 1, int32 + 2, double - 1, double, double + 1, 2 ** 52 / 8 + 3, Number.MAX_SAFE_INTEGER / 10000];
    for (const fen of parts.map(Math.floor)) {
      const o = L.module.evaluate("资助参保", { 身份: ["低保边缘家庭成员"], 结算日期: "2023-03-01", 参保类型: "居民医保", 个人缴费: fen }, newLedger(2023));
      if (!o.ok) throw new Error(`${fen}: ${o.错误}`);
      expect(o.金额, `个人缴费 ${fen} 分`).toBe(sixtyPercent(fen));
    }
    // the half-up edges themselves: x·0.6 ending in exactly .5 分 rounds up
    expect(sixtyPercent(int32)).toBe(1288490188); // 2147483647 × 0.6 = 1288490188.2
    expect(sixtyPercent(int32 + 2)).toBe(1288490189); // 2147483649 × 0.6 = 1288490189.4
    expect(sixtyPercent(25)).toBe(15); // 25 × 0.6 = 15
    expect(sixtyPercent(1)).toBe(1); // 0.6 → 1
  });
});
