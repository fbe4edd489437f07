/**
 * The baseline for `npm run bench`: 营口市 2023-01-01 rules written by hand in integer 分, the way
 * a contractor would, with no jiuzhu runtime. Same results as the compiled module (total, items,
 * winning identity) on the bench's generated claims; the bench checks that before timing.
 */

export interface HandClaim {
  person: string;
  ids: number; // bitmask of identities, see ID below
  visit: 0 | 1 | 2; // 住院, 门诊慢特病, 普通门诊
  year: number;
  burden: number; // 分
  referral: boolean;
  place: 0 | 1 | 2; // 市域内, 省内市外, 省外
  insured: boolean;
}

/** The 营口 identities without conditions, in declaration order (因病致贫 needs 申请日期; left out). */
export const ID = ["特困人员", "孤儿", "低保对象", "低保边缘家庭成员", "其他特殊困难人员"] as const;
// row parameters after 参照: [basic deductible, basic bp, basic cap, tilt deductible, tilt bp, tilt cap]
const ROWS: number[][] = [
  [0, 7000, 2000000, 0, 7000, 2000000],
  [0, 7000, 2000000, 0, 7000, 2000000],
  [0, 7000, 2000000, 300000, 7000, 2000000],
  [200000, 6000, 2000000, 500000, 6000, 1800000],
  [200000, 6000, 2000000, 500000, 6000, 1800000],
];

export interface HandLedger {
  year: number;
  used: Float64Array; // per identity row: basic ded, basic cap, tilt ded, tilt cap (4 slots)
}

export interface HandResult {
  total: number;
  basic: number;
  tilt: number;
  winner: number; // index into ID, -1 none
}

function mulRatio(fen: number, bp: number): number {
  const q = Math.floor(fen / 10000);
  const r = fen - q * 10000;
  const scaled = r * bp; // < 1e8
  let part = Math.floor(scaled / 10000);
  if (scaled - part * 10000 >= 5000) part += 1;
  return q * bp + part;
}

export function evaluateHand(c: HandClaim, ledger: HandLedger, out: HandResult): void {
  if (ledger.year !== c.year) {
    ledger.year = c.year;
    ledger.used.fill(0);
  }
  out.total = 0;
  out.basic = 0;
  out.tilt = 0;
  out.winner = -1;
  if (!c.insured || (c.place !== 0 && !c.referral) || c.visit === 2) return;
  let best = -1;
  let bestBasic = 0;
  let bestTilt = 0;
  for (let i = 0; i < ID.length; i++) {
    if ((c.ids & (1 << i)) === 0) continue;
    const row = ROWS[i];
    // basic: annual deductible, ratio, annual cap (ledger is per person; identities share it)
    const dedLeft = Math.max(0, row[0] - ledger.used[0]);
    const ded = Math.min(c.burden, dedLeft);
    let basic = mulRatio(c.burden - ded, row[1]);
    basic = Math.min(basic, row[2] - ledger.used[1]);
    let tilt = 0;
    if (c.referral && c.place !== 2) {
      const base = c.burden - basic;
      const tDedLeft = Math.max(0, row[3] - ledger.used[2]);
      const tDed = Math.min(base, tDedLeft);
      tilt = Math.min(mulRatio(base - tDed, row[4]), row[5] - ledger.used[3]);
    }
    if (basic + tilt > bestBasic + bestTilt || best < 0) {
      best = i;
      bestBasic = basic;
      bestTilt = tilt;
    }
  }
  if (best < 0) return;
  const row = ROWS[best];
  ledger.used[0] += Math.min(c.burden, Math.max(0, row[0] - ledger.used[0]));
  ledger.used[1] += bestBasic;
  if (c.referral && c.place !== 2) {
    const base = c.burden - bestBasic;
    ledger.used[2] += Math.min(base, Math.max(0, row[3] - ledger.used[2]));
    ledger.used[3] += bestTilt;
  }
  out.total = bestBasic + bestTilt;
  out.basic = bestBasic;
  out.tilt = bestTilt;
  out.winner = best;
}
