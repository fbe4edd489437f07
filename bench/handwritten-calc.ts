/**
 * The hand-written counterpart of `jiuzhu calc` for the bench: reads the same JSONL claims and
 * writes one JSON line per claim with the same fields (编号, 救助金额, 明细 with 说明, 适用身份,
 * 其他身份, 预警), using the hand-written 营口 rules. Usage: node handwritten-calc.js <in> <out>.
 * Written plainly, as a contractor would: JSON.parse per line, a Map of persons, buffered output.
 * It trusts its input (the bench generates it), so unlike calc it validates nothing.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import {
  evaluateHand,
  ID,
  newHandResult,
  NOTE,
  ROWS,
  type HandClaim,
  type HandLedger,
} from "./handwritten-yingkou.js";

const IDS = new Map<string, number>(ID.map((name, i) => [name, i]));
const VISITS = new Map<string, number>([["住院", 0], ["门诊慢特病", 1], ["普通门诊", 2]]);
const PLACES = new Map<string, number>([["市域内", 0], ["省内市外", 1], ["省外", 2]]);

interface Person {
  ledger: HandLedger;
  /** 年度累计个人负担 of 住院 and 门诊慢特病 claims, for the 预警 (第十六条) */
  counted: number;
}

/** "1234.5" → 123450 分, from the digits (no float multiplication). */
function fen(text: string): number {
  const dot = text.indexOf(".");
  if (dot < 0) return Number(text) * 100;
  const frac = text.slice(dot + 1).padEnd(2, "0");
  return Number(text.slice(0, dot)) * 100 + Number(frac);
}

function money(f: number): string {
  const s = String(f).padStart(3, "0");
  return s.slice(0, -2) + "." + s.slice(-2);
}

/** 200000 → "2000元", 1800000 → "1.8万元" (the policy's way of writing amounts). */
function yuan(f: number): string {
  const dec = (n: number) => String(n / 100);
  return f >= 1_000_000 && f % 10_000 === 0 ? dec(f / 10_000) + "万元" : dec(f) + "元";
}

const COVERED = "不适用：本项目适用于 住院、门诊慢特病";
const TILT_CONDITION =
  "不符合条件：规范转诊 且 就医地 属于 市域内、省内市外（依据 第十一条（二））";

function note(code: number, deductible: number, cap: number): string | undefined {
  switch (code) {
    case NOTE.notCovered:
      return COVERED;
    case NOTE.condition:
      return TILT_CONDITION;
    case NOTE.baseZero:
      return "基数为0";
    case NOTE.underDeductible:
      return "未超过起付线 " + yuan(deductible);
    case NOTE.roundedZero:
      return "不足0.5分，舍入为0";
    case NOTE.capped:
      return "已达年度限额 " + yuan(cap);
  }
  return undefined;
}

function line(item: string, amount: number, cite: string, why: string | undefined): string {
  const tail = why === undefined ? "}" : `,"说明":${JSON.stringify(why)}}`;
  return `{"项目":"${item}","金额":"${money(amount)}","依据":"${cite}"${tail}`;
}

const EXCLUSIONS = [
  "",
  ["第五条", "不予救助：非 参保"],
  ["第二十二条", "不予救助：就医地 属于 省内市外、省外 且 非 规范转诊"],
] as const;
const NONE = "未持有本政策所列救助对象身份";
const result = newHandResult();
const persons = new Map<string, Person>();

/** A parsed JSON record → the hand-written rules' claim. */
export function toHandClaim(raw: Record<string, unknown>): HandClaim {
  let ids = 0;
  for (const name of raw["身份"] as string[]) ids |= 1 << IDS.get(name)!;
  return {
    person: raw["人员编号"] as string,
    ids,
    visit: VISITS.get(raw["就诊类型"] as string) as HandClaim["visit"],
    year: Number((raw["结算日期"] as string).slice(0, 4)),
    burden: fen(raw["个人负担"] as string),
    referral: raw["规范转诊"] === true,
    place: PLACES.get(raw["就医地"] as string) as HandClaim["place"],
    insured: raw["参保"] !== false,
  };
}

/** One input line → one output line. */
export function calcLine(text: string): string {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const c = toHandClaim(raw);
  const ids = c.ids;
  let p = persons.get(c.person);
  if (p === undefined) {
    p = { ledger: { year: c.year, used: new Float64Array(4) }, counted: 0 };
    persons.set(c.person, p);
  }
  if (p.ledger.year !== c.year) p.counted = 0;
  const r = result;
  evaluateHand(c, p.ledger, r);

  let s = `{"编号":${JSON.stringify(raw["编号"])},"救助金额":"${money(r.total)}","明细":[`;
  if (r.excluded !== 0) {
    const [cite, why] = EXCLUSIONS[r.excluded];
    s += `${line("基本救助", 0, cite, why)},${line("倾斜救助", 0, cite, why)},${line("按床日定额救助", 0, cite, why)}]`;
  } else if (r.winner < 0) {
    s += `${line("基本救助", 0, "第十条、第十一条（一）", NONE)},${line("倾斜救助", 0, "第十一条（二）", NONE)},${line("按床日定额救助", 0, "第十一条（二）4", NONE)}]`;
  } else {
    const row = ROWS[r.winner]!;
    const w = r.winner;
    const perDiem =
      c.visit !== 0
        ? "不适用：本项目适用于 住院"
        : w > 2
          ? `不适用：身份「${ID[w]}」不在本项目对象中`
          : "不符合条件：病种 属于 严重精神障碍（依据 第十一条（二）4）";
    s += line("基本救助", r.basic, "第十一条（一）1、2、3", note(r.basicNote, row[0]!, row[2]!));
    s += "," + line("倾斜救助", r.tilt, "第十一条（二）1、2、3", note(r.tiltNote, row[3]!, row[5]!));
    s += "," + line("按床日定额救助", 0, "第十一条（二）4", perDiem) + "]";
    s += `,"适用身份":"${ID[w]}"`;
  }
  s += `,"其他身份":[`;
  let first = true;
  for (let i = 0; i < ID.length; i++) {
    if ((ids & (1 << i)) === 0 || i === r.winner || r.winner < 0) continue;
    s += `${first ? "" : ","}{"身份":"${ID[i]}","救助金额":"${money(r.totals[i]!)}"}`;
    first = false;
  }
  s += "]";
  // 预警 (第十六条): counted whatever the identity or exclusion
  if (c.visit !== 2) p.counted += c.burden;
  let warn: readonly [string, string] | undefined;
  if (ids !== 0 && p.counted >= 500_000) warn = ["因病返贫风险", "第十五条、第十六条（一）"];
  else if (ids === 0 && c.insured) {
    const staff = raw["参保类型"] === "职工医保";
    if (!staff && p.counted >= 2_000_000) warn = ["因病致贫风险居民医保", "第十五条、第十六条（二）"];
    else if (staff && p.counted >= 5_000_000) warn = ["因病致贫风险职工医保", "第十五条、第十六条（三）"];
  }
  if (warn !== undefined)
    s += `,"预警":[{"名称":"${warn[0]}","年度累计个人负担":"${money(p.counted)}","依据":"${warn[1]}"}]`;
  return s + "}";
}

async function main(input: string, output: string): Promise<void> {
  const out = createWriteStream(output);
  let buf = "";
  let rest = "";
  for await (const chunk of createReadStream(input, { encoding: "utf8", highWaterMark: 1 << 16 })) {
    const lines = (rest + (chunk as string)).split("\n");
    rest = lines.pop()!;
    for (const l of lines) if (l !== "") buf += calcLine(l) + "\n";
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  if (rest !== "") buf += calcLine(rest) + "\n";
  out.end(buf);
  await once(out, "finish");
}

if (process.argv[1]?.endsWith("handwritten-calc.js")) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error("usage: node handwritten-calc.js <claims.jsonl> <out.jsonl>");
    process.exit(2);
  }
  await main(input, output);
}
