/**
 * The baseline for `npm run bench`: 营口市 2023-01-01 rules written by hand in integer 分, the way
 * a contractor would, with no jiuzhu runtime. Same results as the compiled module (total, items,
 * winning identity, the others' totals, why an item is 0 or capped) on the bench's generated
 * claims; the bench checks that before timing. Claims never carry 病种 or 申请日期, so 按床日定额
 * (未规定) and 因病致贫重病患者 are out of scope here.
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
export const ROWS: number[][] = [
  [0, 7000, 2000000, 0, 7000, 2000000],
  [0, 7000, 2000000, 0, 7000, 2000000],
  [0, 7000, 2000000, 300000, 7000, 2000000],
  [200000, 6000, 2000000, 500000, 6000, 1800000],
  [200000, 6000, 2000000, 500000, 6000, 1800000],
];

/** Why an item line has the amount it has (the output program turns these into 说明 texts). */
export const NOTE = {
  none: 0,
  notCovered: 1, // 普通门诊: neither item applies
  condition: 2, // 倾斜: not referred, or 省外
  baseZero: 3,
  underDeductible: 4,
  roundedZero: 5,
  capped: 6,
} as const;

export interface HandLedger {
  year: number;
  used: Float64Array; // basic ded, basic cap, tilt ded, tilt cap (shared by the identities)
}

export interface HandResult {
  total: number;
  basic: number;
  tilt: number;
  winner: number; // index into ID, -1 none
  excluded: 0 | 1 | 2; // 1 not insured (第五条), 2 outside the city without referral (第二十二条)
  basicNote: number;
  tiltNote: number;
  totals: Float64Array; // per identity held (for 其他身份)
}

export function newHandResult(): HandResult {
  const totals = new Float64Array(ID.length);
  return { total: 0, basic: 0, tilt: 0, winner: -1, excluded: 0, basicNote: 0, tiltNote: 0, totals };
}

function mulRatio(fen: number, bp: number): number {
  const q = Math.floor(fen / 10000);
  const r = fen - q * 10000;
  const scaled = r * bp; // < 1e8
  let part = Math.floor(scaled / 10000);
  if (scaled - part * 10000 >= 5000) part += 1;
  return q * bp + part;
}

function zeroNote(base: number, ded: number): number {
  return base === 0 ? NOTE.baseZero : base === ded ? NOTE.underDeductible : NOTE.roundedZero;
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
  out.basicNote = NOTE.none;
  out.tiltNote = NOTE.none;
  out.excluded = !c.insured ? 1 : c.place !== 0 && !c.referral ? 2 : 0;
  if (out.excluded !== 0) return;
  const u = ledger.used;
  const covered = c.visit !== 2;
  const tiltOk = c.referral && c.place !== 2;
  let best = -1;
  let bestTotal = -1;
  for (let i = 0; i < ID.length; i++) {
    if ((c.ids & (1 << i)) === 0) continue;
    const row = ROWS[i]!;
    let basic = 0;
    let tilt = 0;
    let bNote: number = NOTE.notCovered;
    let tNote: number = NOTE.notCovered;
    if (covered) {
      // basic: annual deductible, ratio, annual cap (ledger is per person; identities share it)
      const ded = Math.min(c.burden, Math.max(0, row[0]! - u[0]!));
      basic = mulRatio(c.burden - ded, row[1]!);
      bNote = basic === 0 ? zeroNote(c.burden, ded) : NOTE.none;
      // the room left can be negative when another identity's larger cap was used: clamp at 0
      const room = Math.max(0, row[2]! - u[1]!);
      if (basic > room) {
        basic = room;
        bNote = NOTE.capped;
      }
      tNote = NOTE.condition;
      if (tiltOk) {
        const base = c.burden - basic;
        const tDed = Math.min(base, Math.max(0, row[3]! - u[2]!));
        tilt = mulRatio(base - tDed, row[4]!);
        tNote = tilt === 0 ? zeroNote(base, tDed) : NOTE.none;
        const tRoom = Math.max(0, row[5]! - u[3]!);
        if (tilt > tRoom) {
          tilt = tRoom;
          tNote = NOTE.capped;
        }
      }
    }
    out.totals[i] = basic + tilt;
    // 就高不重复: the largest total, ties to the identity declared first
    if (basic + tilt > bestTotal) {
      best = i;
      bestTotal = basic + tilt;
      out.basic = basic;
      out.tilt = tilt;
      out.basicNote = bNote;
      out.tiltNote = tNote;
    }
  }
  if (best < 0) return;
  out.total = bestTotal;
  out.winner = best;
  if (!covered) return;
  const row = ROWS[best]!;
  u[0] += Math.min(c.burden, Math.max(0, row[0]! - u[0]!));
  u[1] += out.basic;
  if (tiltOk) {
    const base = c.burden - out.basic;
    u[2] += Math.min(base, Math.max(0, row[3]! - u[2]!));
    u[3] += out.tilt;
  }
}
