/**
 * The person ledgers of a `calc` run without `--ledger` (issue 14: 20 million distinct persons in
 * one run at the default heap). A Map of PersonLedger objects cost ~330 B per person on the V8 heap
 * and died near 765k persons under a 200 MB heap (and a Map holds at most 2^24 entries). Here a
 * person is an index into typed arrays kept outside the heap, grown in chunks so nothing is copied
 * or over-allocated:
 *   - 人员编号 interned in an open-addressing table of indices (FNV-1a hash of the UTF-16 units),
 *     its text in byte arenas (1 byte per unit when every unit is < 256, else 2) — compared in
 *     full on every hit, so two persons never share a ledger whatever their hashes;
 *   - the last 结算日期 as YYYYMMDD (the ledger's year is its first four digits);
 *   - one Int32 column per ledger key (`限额:基本救助` …, lifetime `次数:…` apart), 0 = absent, as
 *     in the evaluators; a value past Int32 (a year's 累计 over 2147万元) goes to the column's
 *     overflow Map, exact.
 * About 40 B per person plus 4 B per key. get() builds the PersonLedger the evaluators take (only
 * the non-zero keys) and set() writes it back, so evaluators and calc-loop are unchanged but for
 * writing back every claim (`copies`). An allocation that fails is a Chinese error with exit code
 * 2, never V8's crash.
 */
import type { PersonLedger } from "../../runtime/types.js";
import { CliError, ExitCode } from "../exit-codes.js";

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
const ARENA = 1 << 20;
/** Longer 人员编号 (none in practice) live in a plain Map beside the arenas. */
const MAX_ID_UNITS = 256;
/** Column value meaning "see the overflow Map". */
const OVER = -2147483648;

/** An Int32 array of any length, in chunks of 2^16 allocated as indices reach them. */
class Int32Chunks {
  private readonly chunks: Int32Array[] = [];
  get(i: number): number {
    const c = this.chunks[i >>> CHUNK_BITS];
    return c === undefined ? 0 : c[i & MASK]!;
  }
  set(i: number, v: number): void {
    let c = this.chunks[i >>> CHUNK_BITS];
    if (c === undefined) {
      while (this.chunks.length <= i >>> CHUNK_BITS) this.chunks.push(allocate(CHUNK));
      c = this.chunks[i >>> CHUNK_BITS]!;
    }
    c[i & MASK] = v;
  }
}

/** One ledger key's values per person: Int32, exact overflow beside. */
class Column {
  readonly values = new Int32Chunks();
  readonly over = new Map<number, number>();
  constructor(readonly key: string) {}
  get(p: number): number {
    const v = this.values.get(p);
    return v === OVER ? this.over.get(p)! : v;
  }
  set(p: number, v: number): void {
    if ((v | 0) === v && v !== OVER) {
      if (this.values.get(p) === OVER) this.over.delete(p);
      this.values.set(p, v);
    } else {
      this.over.set(p, v);
      this.values.set(p, OVER);
    }
  }
}

function allocate(n: number): Int32Array {
  try {
    return new Int32Array(n);
  } catch {
    throw outOfMemory();
  }
}

const outOfMemory = () =>
  new CliError(
    "内存不足：本次计算的人员台账放不下（人员过多）。请用 --ledger <文件> 把台账放在磁盘上，或把记录分批计算",
    ExitCode.Usage,
  );

export class CompactLedgers {
  /** get() returns a copy: calc-loop writes every computed claim's ledger back with set() */
  readonly copies = true;
  private table: Int32Array;
  private tableMask: number;
  private count = 0;
  private readonly hashOf = new Int32Chunks();
  /** arena number × 2^20 + offset; bit 31 unused (arenas < 2048) */
  private readonly idAt = new Int32Chunks();
  /** code units; negative: two bytes per unit */
  private readonly idLen = new Int32Chunks();
  private readonly last = new Int32Chunks();
  private readonly arenas: Uint8Array[] = [];
  private arenaUsed = ARENA;
  private readonly used: Column[] = [];
  private readonly lifetime: Column[] = [];
  private readonly usedIndex = new Map<string, number>();
  private readonly lifetimeIndex = new Map<string, number>();
  private readonly long = new Map<string, PersonLedger>();
  private readonly dates = new Map<number, string>();

  constructor(initialSlots = 1 << 16) {
    this.table = allocate(initialSlots);
    this.tableMask = initialSlots - 1;
  }

  /** Persons held. */
  get size(): number {
    return this.count + this.long.size;
  }

  get(person: string): PersonLedger | undefined {
    if (person.length > MAX_ID_UNITS) {
      const l = this.long.get(person);
      return l === undefined ? undefined : copy(l);
    }
    const p = this.find(person, hash(person));
    if (p < 0) return undefined;
    const d = this.last.get(p);
    return {
      year: Math.floor(d / 10000),
      lastDate: this.dateText(d),
      used: this.read(this.used, p),
      lifetime: this.read(this.lifetime, p),
    };
  }

  set(person: string, ledger: PersonLedger): void {
    if (person.length > MAX_ID_UNITS) {
      this.long.set(person, copy(ledger));
      return;
    }
    const h = hash(person);
    let p = this.find(person, h);
    if (p < 0) p = this.add(person, h);
    // a ledger is only kept once a claim computed, so lastDate is a valid ISO date
    const date = ledger.lastDate;
    this.last.set(p, digitsAt(date, 0, 4) * 10000 + digitsAt(date, 5, 2) * 100 + digitsAt(date, 8, 2));
    this.write(this.used, this.usedIndex, p, ledger.used);
    this.write(this.lifetime, this.lifetimeIndex, p, ledger.lifetime);
  }

  private read(cols: Column[], p: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (let j = 0; j < cols.length; j++) {
      const v = cols[j]!.get(p);
      if (v !== 0) out[cols[j]!.key] = v;
    }
    return out;
  }

  private write(cols: Column[], index: Map<string, number>, p: number, values: Record<string, number>): void {
    for (let j = 0; j < cols.length; j++) if (cols[j]!.get(p) !== 0) cols[j]!.set(p, 0);
    for (const key in values) {
      const v = values[key]!;
      if (v === 0 || v === undefined) continue;
      let j = index.get(key);
      if (j === undefined) {
        index.set(key, (j = cols.length));
        cols.push(new Column(key));
      }
      cols[j]!.set(p, v);
    }
  }

  private dateText(d: number): string {
    let s = this.dates.get(d);
    if (s === undefined) {
      const y = Math.floor(d / 10000);
      const m = Math.floor(d / 100) % 100;
      s = `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d % 100 < 10 ? "0" : ""}${d % 100}`;
      if (this.dates.size < 10_000) this.dates.set(d, s);
    }
    return s;
  }

  /** The person's index, or -1. */
  private find(id: string, h: number): number {
    const t = this.table;
    for (let i = h & this.tableMask; ; i = (i + 1) & this.tableMask) {
      const e = t[i]!;
      if (e === 0) return -1;
      const p = e - 1;
      if (this.hashOf.get(p) === h && this.same(p, id)) return p;
    }
  }

  private same(p: number, id: string): boolean {
    const len = this.idLen.get(p);
    const units = len < 0 ? -len : len;
    if (units !== id.length) return false;
    const at = this.idAt.get(p);
    const a = this.arenas[at >>> 20]!;
    let o = at & (ARENA - 1);
    if (len >= 0) {
      for (let i = 0; i < units; i++) if (a[o + i] !== id.charCodeAt(i)) return false;
    } else {
      for (let i = 0; i < units; i++, o += 2) if ((a[o]! | (a[o + 1]! << 8)) !== id.charCodeAt(i)) return false;
    }
    return true;
  }

  private add(id: string, h: number): number {
    const p = this.count;
    if ((p + 1) * 10 > this.table.length * 7) this.grow();
    let narrow = true;
    for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) > 255) narrow = false;
    const bytes = narrow ? id.length : id.length * 2;
    if (this.arenaUsed + bytes > ARENA) {
      if (this.arenas.length >= 2047) throw outOfMemory();
      try {
        this.arenas.push(new Uint8Array(ARENA));
      } catch {
        throw outOfMemory();
      }
      this.arenaUsed = 0;
    }
    const a = this.arenas[this.arenas.length - 1]!;
    const o = this.arenaUsed;
    if (narrow) for (let i = 0; i < id.length; i++) a[o + i] = id.charCodeAt(i);
    else
      for (let i = 0; i < id.length; i++) {
        const u = id.charCodeAt(i);
        a[o + 2 * i] = u & 255;
        a[o + 2 * i + 1] = u >>> 8;
      }
    this.arenaUsed += bytes;
    this.idAt.set(p, ((this.arenas.length - 1) << 20) | o);
    this.idLen.set(p, narrow ? id.length : -id.length);
    this.hashOf.set(p, h);
    this.count++;
    this.place(p, h);
    return p;
  }

  private place(p: number, h: number): void {
    const t = this.table;
    let i = h & this.tableMask;
    while (t[i] !== 0) i = (i + 1) & this.tableMask;
    t[i] = p + 1;
  }

  /** Doubles the index table (load ≤ 0.7) and re-places every person by its stored hash. */
  private grow(): void {
    if (this.table.length >= 1 << 30) throw outOfMemory();
    this.table = allocate(this.table.length * 2);
    this.tableMask = this.table.length - 1;
    for (let p = 0; p < this.count; p++) this.place(p, this.hashOf.get(p));
  }
}

/** A ledger without its zero entries (0 and absent are the same to the evaluators). */
function copy(l: PersonLedger): PersonLedger {
  const strip = (r: Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const k in r) if (r[k] !== 0 && r[k] !== undefined) out[k] = r[k]!;
    return out;
  };
  return { year: l.year, lastDate: l.lastDate, used: strip(l.used), lifetime: strip(l.lifetime) };
}

/** FNV-1a over UTF-16 units (Int32). */
function hash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function digitsAt(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}
