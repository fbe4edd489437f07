/**
 * The compiled one-ratio payment has three exact paths by size of the part (codegen/item.ts
 * payLines): int32 divisions below 2^31 分, a double division below 2^50 for part × bp, the split
 * form above. Claims on each side of each border, against the definition ⌊(x·5000 + 5000)/10000⌋
 * in BigInt. The fixture pays 50% with no 起付线 and no cap, so every odd amount ends in exactly
 * half a 分 and must round up.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicyPaths } from "../../compiler/load.js";
import { compileAndLoad, type Loaded } from "./fixtures/load.js";
import { newLedger, type Claim } from "../../runtime/types.js";

let L: Loaded;
beforeAll(async () => {
  L = await compileAndLoad(loadPolicyPaths(["test/codegen/fixtures/ratio-paths/测试市"]).policies[0]!.policy!);
});

const half = (fen: number): number => Number((BigInt(fen) * 5000n + 5000n) / 10000n);

describe("one-ratio payment, exact on every path", () => {
  it("pays 50% half-up at the borders of the int32 and 2^50 paths", () => {
    const int32 = 2 ** 31 - 1; // odd
    const double = Math.floor(2 ** 50 / 5000); // part × bp ≤ 2^50 up to here
    const parts = [0, 1, 3, 9999, 10001, int32 - 1, int32, int32 + 1, int32 + 2, double - 1, double, double + 1, double + 2, 2 ** 52 + 1, Number.MAX_SAFE_INTEGER];
    let odd = 0;
    for (const fen of parts) {
      const o = L.module.evaluate("医疗救助", { 身份: ["低保对象"], 就诊类型: "住院", 结算日期: "2023-03-01", 个人负担: fen } as unknown as Claim, newLedger(2023));
      if (!o.ok) throw new Error(`${fen}: ${o.错误}`);
      expect(o.金额, `个人负担 ${fen} 分`).toBe(half(fen));
      if (fen % 2 === 1) odd++;
    }
    expect(odd).toBeGreaterThanOrEqual(6);
    // by hand: 2147483647 × 50% = 1073741823.5 → 1073741824; 3 × 50% = 1.5 → 2; 1 → 0.5 → 1
    expect(half(int32)).toBe(1073741824);
    expect(half(3)).toBe(2);
    expect(half(1)).toBe(1);
  });
});
