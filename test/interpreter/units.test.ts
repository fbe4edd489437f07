import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { add, cmp, mul, rat, roundHalfUp, sub, toDecimal } from "../../compiler/interpreter/rational.js";
import { evalCond, minusMonths } from "../../compiler/interpreter/conditions.js";
import { yuan } from "../../compiler/interpreter/format.js";
import { claim, identity, item, ok, policy, runAll } from "./_helpers.js";

describe("rational", () => {
  it("normalises and computes exactly", () => {
    expect(rat(6, -4)).toEqual({ num: -3n, den: 2n });
    expect(add(rat(1, 3), rat(1, 6))).toEqual(rat(1, 2));
    expect(sub(rat(1, 3), rat(1, 3))).toEqual(rat(0));
    expect(mul(rat(333), rat(5000, 10000))).toEqual(rat(333, 2));
    expect(cmp(rat(1, 3), rat(1, 2))).toBe(-1);
  });

  it("rounds half-up", () => {
    expect(roundHalfUp(rat(333, 2))).toBe(167n); // 166.5 → 167
    expect(roundHalfUp(rat(9999, 10000))).toBe(1n);
    expect(roundHalfUp(rat(4999, 10000))).toBe(0n);
    expect(roundHalfUp(rat(1, 2))).toBe(1n);
  });

  it("half-up agrees with a decimal reference", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 10000 }), (fen, bp) => {
        // fen × bp / 10000 rounded half-up == floor((fen × bp + 5000) / 10000)
        const want = (BigInt(fen) * BigInt(bp) + 5000n) / 10000n;
        expect(roundHalfUp(mul(rat(fen), rat(bp, 10000)))).toBe(want);
      }),
    );
  });

  it("prints exact decimals and amounts", () => {
    expect(toDecimal(rat(333, 2))).toBe("166.5");
    expect(toDecimal(rat(-1, 8))).toBe("-0.125");
    expect(yuan(2_000_000)).toBe("2万元");
    expect(yuan(1_800_000)).toBe("1.8万元");
    expect(yuan(500_000)).toBe("5000元");
    expect(yuan(12_345)).toBe("123.45元");
  });
});

describe("dates and conditions", () => {
  it("subtracts calendar months with month-end clamp", () => {
    expect(minusMonths("2024-03-31", 1)).toBe("2024-02-29");
    expect(minusMonths("2023-03-31", 1)).toBe("2023-02-28");
    expect(minusMonths("2024-01-15", 12)).toBe("2023-01-15");
    expect(minusMonths("2024-01-31", 2)).toBe("2023-11-30");
  });

  it("within is (reference − N months, reference]", () => {
    const env = (d: string) => ({ claim: claim({ 结算日期: d, 申请日期: "2024-03-31" }), held: [] });
    const w = { kind: "within" as const, subject: "结算日期", reference: "申请日期", months: 1 };
    expect(evalCond(w, env("2024-02-29"))).toBe(false);
    expect(evalCond(w, env("2024-03-01"))).toBe(true);
    expect(evalCond(w, env("2024-03-31"))).toBe(true);
    expect(evalCond(w, env("2024-04-01"))).toBe(false);
  });

  it("list, enum and date comparisons", () => {
    const e = { claim: claim({ 病种: ["白血病"], 就医地: "省外", 结算日期: "2024-05-01" }), held: ["低保对象"] };
    expect(evalCond({ kind: "listIntersects", field: "病种", members: ["恶性肿瘤", "白血病"], lists: ["门诊大额疾病"] }, e)).toBe(true);
    expect(evalCond({ kind: "enumIn", field: "就医地", values: ["市域内", "省内市外"] }, e)).toBe(false);
    expect(evalCond({ kind: "compare", op: ">=", left: { kind: "date", field: "结算日期" }, right: { kind: "dateConst", iso: "2024-05-01" } }, e)).toBe(true);
    expect(evalCond({ kind: "hasIdentity" }, e)).toBe(true);
    expect(evalCond({ kind: "identityIn", identities: ["特困人员"] }, e)).toBe(false);
  });
});

describe("invariants", () => {
  it("Σ明细 = 金额 and 金额 ≤ 个人负担 for ratio items", () => {
    const p = policy({
      identities: [identity("甲"), identity("乙")],
      items: [
        item("一", { 甲: { deductible: 50_000, segments: [[0, 2_000_000, 7000], [2_000_000, null, 8000]], annualCap: 3_000_000 }, 乙: { bp: 6000 } }, { deductiblePeriod: "年", segmentPeriod: "年" }),
        item("二", { 甲: { bp: 5000, perClaimCap: 100_000 }, 乙: { bp: 3333 } }, {
          base: { kind: "sub", left: { kind: "field", name: "个人负担" }, right: { kind: "item", name: "一" } },
        }),
      ],
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5_000_000 }), fc.subarray(["甲", "乙"])), { maxLength: 6 }), (cs) => {
        const claims = cs.map(([b, ids], i) => claim({ 个人负担: b, 身份: ids, 结算日期: `2024-0${i + 1}-01` }));
        const { outs } = runAll(p, claims);
        outs.forEach((o, i) => expect(ok(o).金额).toBeLessThanOrEqual(claims[i]!.个人负担!));
      }),
    );
  });
});
