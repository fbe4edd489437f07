/**
 * Generated 营口 claims for the bench: a seeded PRNG, so every run and both programs see exactly
 * the same records. A fixed population of persons (memory may grow with persons, never with
 * claims), dates non-decreasing over 2023–2024 so each person's claims are in order and the year
 * ledger rolls over once.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { ID } from "./handwritten-yingkou.js";

export const PERSONS = 20_000;
export const SEED = 20230101;

/** mulberry32: small, fast, good enough to spread test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAYS: string[] = (() => {
  const out: string[] = [];
  for (let d = Date.UTC(2023, 0, 1); d < Date.UTC(2025, 0, 1); d += 86_400_000)
    out.push(new Date(d).toISOString().slice(0, 10));
  return out;
})();

interface Person {
  id: string;
  identities: string[];
  scheme: "居民医保" | "职工医保";
}

function persons(rand: () => number, count: number): Person[] {
  const out: Person[] = [];
  for (let i = 0; i < count; i++) {
    const r = rand();
    // 10% none, 65% one identity, 25% two (就高不重复 has something to choose)
    const n = r < 0.1 ? 0 : r < 0.75 ? 1 : 2;
    const identities: string[] = [];
    while (identities.length < n) {
      const name = ID[Math.floor(rand() * ID.length)]!;
      if (!identities.includes(name)) identities.push(name);
    }
    out.push({
      id: "P" + String(i).padStart(6, "0"),
      identities,
      scheme: rand() < 0.8 ? "居民医保" : "职工医保",
    });
  }
  return out;
}

/** 元 with two decimals as text: 0–2000 (30%), 2000–30000 (50%), 30000–100000 (20%), some 0. */
function burden(rand: () => number): string {
  const r = rand();
  if (r < 0.01) return "0";
  const yuan = r < 0.3 ? rand() * 2000 : r < 0.8 ? 2000 + rand() * 28000 : 30000 + rand() * 70000;
  return (Math.floor(yuan * 100) / 100).toFixed(2);
}

function pick<T>(rand: () => number, options: readonly T[], weights: readonly number[]): T {
  let r = rand();
  for (let i = 0; i < options.length; i++) if ((r -= weights[i]!) < 0) return options[i]!;
  return options[options.length - 1]!;
}

/** The n claims as JSON records (the CLI's standard record), in file order. */
export function* generateClaims(
  n: number,
  seed = SEED,
  population = PERSONS,
): Generator<Record<string, unknown>> {
  const rand = prng(seed);
  const people = persons(rand, population);
  for (let i = 0; i < n; i++) {
    const p = people[Math.floor(rand() * people.length)]!;
    yield {
      编号: "C" + String(i + 1).padStart(7, "0"),
      人员编号: p.id,
      身份: p.identities,
      就诊类型: pick(rand, ["住院", "门诊慢特病", "普通门诊"], [0.6, 0.3, 0.1]),
      结算日期: DAYS[Math.floor((i * DAYS.length) / n)]!,
      个人负担: burden(rand),
      规范转诊: rand() < 0.6,
      就医地: pick(rand, ["市域内", "省内市外", "省外"], [0.7, 0.2, 0.1]),
      参保: rand() < 0.97,
      参保类型: p.scheme,
    };
  }
}

/** Writes the claims as JSONL; returns the file's size in bytes. */
export async function writeClaims(file: string, n: number, seed = SEED): Promise<number> {
  const out = createWriteStream(file);
  let buf = "";
  let bytes = 0;
  for (const c of generateClaims(n, seed)) {
    buf += JSON.stringify(c) + "\n";
    if (buf.length > 1 << 16) {
      bytes += Buffer.byteLength(buf);
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  bytes += Buffer.byteLength(buf);
  out.end(buf);
  await once(out, "finish");
  return bytes;
}
