/**
 * The ledger file of `calc --ledger`: every settled claim (its record, result line, amount, the
 * policy version and module digest it was settled under) and every person's year ledger, in one
 * SQLite file. Writes go into one transaction per input batch, so a run killed at any point
 * (kill -9) leaves the file as it was after the last whole batch: nothing half-settled, nothing
 * counted twice. Person ledgers are held in an LRU cache of bounded size, read from the file on a
 * miss, so memory does not grow with the number of persons.
 */
import type { CheckedPolicy } from "../../compiler/ir.js";
import type { Claim, PersonLedger } from "../../runtime/types.js";
import { CliError, ExitCode } from "../exit-codes.js";
import { openDatabase, type Database, type Statement } from "./sqlite.js";

/** The file's format; a file of another format is refused rather than misread. */
const FORMAT = "jiuzhu-ledger-1";

export const DEFAULT_LEDGER_CACHE = 100_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS claims (
  id TEXT PRIMARY KEY, person TEXT NOT NULL, year INTEGER NOT NULL, date TEXT NOT NULL,
  record TEXT NOT NULL, content TEXT NOT NULL, amount INTEGER NOT NULL, line TEXT NOT NULL,
  version TEXT NOT NULL, digest TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_person ON claims (person, date);
CREATE TABLE IF NOT EXISTS ledgers (
  person TEXT NOT NULL, year INTEGER NOT NULL, start TEXT NOT NULL, state TEXT NOT NULL,
  PRIMARY KEY (person, year)) WITHOUT ROWID;
`;

/** One settled claim as stored. */
export interface SettledClaim {
  id: string;
  person: string;
  year: number;
  date: string;
  /** the raw record as read (JSON), to recompute it on a reversal */
  record: string;
  /** the validated claim (JSON): a rerun's record is the same claim when this is equal */
  content: string;
  amount: number;
  line: string;
  version: string;
  digest: string;
}

/** A person's ledger in memory, with the lifetime counts it started its year with. */
interface Entry {
  ledger: PersonLedger;
  /** JSON of the lifetime counts at the start of `ledger.year` (a reversal replays from it) */
  start: string;
}

export interface LedgerIdentity {
  region: string;
  calculator: string;
}

export class LedgerStore {
  private readonly cache = new Map<string, Entry>();
  private readonly dirty = new Set<string>();
  private readonly q: Record<string, Statement>;

  private constructor(
    readonly db: Database,
    readonly file: string,
    private readonly capacity: number,
  ) {
    this.q = {
      latest: db.prepare("SELECT year, start, state FROM ledgers WHERE person = ? ORDER BY year DESC LIMIT 1"),
      year: db.prepare("SELECT start, state FROM ledgers WHERE person = ? AND year = ?"),
      years: db.prepare("SELECT year, start, state FROM ledgers WHERE person = ? ORDER BY year"),
      putLedger: db.prepare(
        "INSERT INTO ledgers (person, year, start, state) VALUES (?, ?, ?, ?) " +
          "ON CONFLICT (person, year) DO UPDATE SET start = excluded.start, state = excluded.state",
      ),
      claim: db.prepare("SELECT * FROM claims WHERE id = ?"),
      insertClaim: db.prepare(
        "INSERT INTO claims (id, person, year, date, record, content, amount, line, version, digest) " +
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      updateClaim: db.prepare("UPDATE claims SET amount = ?, line = ?, version = ?, digest = ? WHERE id = ?"),
      deleteClaim: db.prepare("DELETE FROM claims WHERE id = ?"),
      personFrom: db.prepare("SELECT * FROM claims WHERE person = ? AND year >= ? ORDER BY date, rowid"),
      personYear: db.prepare("SELECT * FROM claims WHERE person = ? AND year = ? ORDER BY date, rowid"),
    };
  }

  /**
   * Opens or creates the ledger of `identity` (region and calculator). A file of another region or
   * calculator is exit 2: its year totals belong to other rules.
   */
  static async open(file: string, identity: LedgerIdentity, capacity = DEFAULT_LEDGER_CACHE): Promise<LedgerStore> {
    const db = await openDatabase(file);
    try {
      db.pragma("journal_mode = WAL"); // a reader (ledger show) never blocks a run, a crash never corrupts
      db.pragma("synchronous = NORMAL");
      db.exec(SCHEMA);
      checkIdentity(db, file, identity);
    } catch (e) {
      db.close();
      if (e instanceof CliError) throw e;
      throw new CliError(`账本文件「${file}」无法使用：${(e as Error).message}`, ExitCode.Usage);
    }
    return new LedgerStore(db, file, capacity);
  }

  /** Opens an existing ledger to read (jiuzhu ledger show). */
  static async read(file: string): Promise<LedgerStore> {
    const db = await openDatabase(file, { mustExist: true });
    const format = readMeta(db, "format");
    if (format !== FORMAT) {
      db.close();
      throw new CliError(`「${file}」不是 jiuzhu 账本文件（应由 jiuzhu calc --ledger 创建）`, ExitCode.Usage);
    }
    return new LedgerStore(db, file, DEFAULT_LEDGER_CACHE);
  }

  meta(key: string): string | undefined {
    return readMeta(this.db, key);
  }

  /** Person ledgers for the calc loop: Map-like, read from the file on a miss, least recently used evicted. */
  readonly ledgers = {
    get: (person: string): PersonLedger | undefined => {
      const hit = this.cache.get(person);
      if (hit !== undefined) {
        this.cache.delete(person); // re-inserted: Map order is recency order
        this.cache.set(person, hit);
        return hit.ledger;
      }
      const row = this.q.latest!.get(person);
      if (row === undefined) return undefined;
      const entry = { ledger: JSON.parse(row.state as string) as PersonLedger, start: row.start as string };
      this.remember(person, entry);
      return entry.ledger;
    },
    /** a new ledger object: the person's first claim, or a new year (lifetime counts carried) */
    set: (person: string, ledger: PersonLedger): void => {
      const previous = this.cache.get(person);
      const start =
        previous !== undefined && previous.ledger.year === ledger.year
          ? previous.start
          : JSON.stringify(previous?.ledger.lifetime ?? {}); // the previous year's object is not mutated
      this.cache.delete(person);
      this.remember(person, { ledger, start });
    },
  };

  /** The settled claim `id`, if any. */
  settledClaim(id: string): SettledClaim | undefined {
    return this.q.claim!.get(id) as SettledClaim | undefined;
  }

  /** Records a computed claim; its person's ledger is written with the batch. */
  settle(claim: SettledClaim): void {
    this.begin();
    this.q.insertClaim!.run(
      claim.id,
      claim.person,
      claim.year,
      claim.date,
      claim.record,
      claim.content,
      claim.amount,
      claim.line,
      claim.version,
      claim.digest,
    );
    this.dirty.add(claim.person);
  }

  /** Writes the batch's person ledgers and commits: everything of the batch, or (killed) nothing. */
  commit(): void {
    if (!this.db.inTransaction) return;
    for (const person of this.dirty) this.write(person, this.cache.get(person)!);
    this.dirty.clear();
    this.db.exec("COMMIT");
  }

  close(): void {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
    this.db.close();
  }

  // ---- reversal (settle.ts) and ledger show ----

  /** Removes a settled claim (inside the open transaction) and forgets its person's cached ledger. */
  remove(id: string, person: string): void {
    this.begin();
    this.q.deleteClaim!.run(id);
    this.forget(person);
  }

  /** The person's settled claims of `year` and later (or of `year` only), in settlement order. */
  personClaims(person: string, year: number, onlyYear = false): SettledClaim[] {
    return (onlyYear ? this.q.personYear! : this.q.personFrom!).all(person, year) as unknown as SettledClaim[];
  }

  /** Lifetime counts at the start of the person's `year` (those at the end of the year before). */
  yearStart(person: string, year: number): Record<string, number> {
    const row = this.q.year!.get(person, year);
    if (row !== undefined) return JSON.parse(row.start as string) as Record<string, number>;
    const before = this.personYears(person).filter((y) => y.ledger.year < year).pop();
    return { ...before?.ledger.lifetime };
  }

  /** The person's year ledgers, oldest first. */
  personYears(person: string): { ledger: PersonLedger; start: Record<string, number> }[] {
    return this.q.years!.all(person).map((r) => ({
      ledger: JSON.parse(r.state as string) as PersonLedger,
      start: JSON.parse(r.start as string) as Record<string, number>,
    }));
  }

  /** Writes a recomputed year ledger and a recomputed claim (inside the open transaction). */
  putYear(person: string, ledger: PersonLedger, start: Record<string, number>): void {
    this.begin();
    this.q.putLedger!.run(person, ledger.year, JSON.stringify(start), JSON.stringify(ledger));
  }

  updateClaim(id: string, amount: number, line: string, version: string, digest: string): void {
    this.begin();
    this.q.updateClaim!.run(amount, line, version, digest, id);
  }

  private begin(): void {
    if (!this.db.inTransaction) this.db.exec("BEGIN IMMEDIATE");
  }

  private forget(person: string): void {
    if (this.dirty.has(person)) this.write(person, this.cache.get(person)!);
    this.dirty.delete(person);
    this.cache.delete(person);
  }

  private remember(person: string, entry: Entry): void {
    this.cache.set(person, entry);
    if (this.cache.size <= this.capacity) return;
    const oldest = this.cache.keys().next().value as string;
    // an evicted ledger with unsaved claims is written now, inside the batch's transaction
    if (this.dirty.has(oldest)) {
      this.write(oldest, this.cache.get(oldest)!);
      this.dirty.delete(oldest);
    }
    this.cache.delete(oldest);
  }

  private write(person: string, entry: Entry): void {
    this.q.putLedger!.run(person, entry.ledger.year, entry.start, JSON.stringify(entry.ledger));
  }
}

/** The version a claim was settled under, as stored and shown: `2023-01-01（营政办发〔2023〕1号）`. */
export function versionLabel(policy: CheckedPolicy): string {
  return policy.meta.docNumber ? `${policy.meta.effective}（${policy.meta.docNumber}）` : policy.meta.effective;
}

/** What a rerun compares: the validated claim, so `1000` and `"1000.00"` are the same record. */
export function claimContent(claim: Claim): string {
  return JSON.stringify(claim);
}

function readMeta(db: Database, key: string): string | undefined {
  try {
    return db.prepare("SELECT value FROM meta WHERE key = ?").get(key)?.value as string | undefined;
  } catch {
    return undefined; // no meta table: not a ledger file
  }
}

function checkIdentity(db: Database, file: string, identity: LedgerIdentity): void {
  const format = readMeta(db, "format");
  if (format === undefined) {
    const put = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
    db.exec("BEGIN IMMEDIATE");
    put.run("format", FORMAT);
    put.run("region", identity.region);
    put.run("calculator", identity.calculator);
    db.exec("COMMIT");
    return;
  }
  if (format !== FORMAT) throw new CliError(`「${file}」不是本版本 jiuzhu 的账本文件（格式 ${format}）`, ExitCode.Usage);
  const region = readMeta(db, "region");
  if (region !== identity.region) {
    throw new CliError(
      `账本文件「${file}」属于地区「${region}」，不能用于「${identity.region}」的政策；每个地区请使用各自的账本文件`,
      ExitCode.Usage,
    );
  }
  const calculator = readMeta(db, "calculator");
  if (calculator !== identity.calculator) {
    throw new CliError(
      `账本文件「${file}」记录的是计算器「${calculator}」的结算，不能用于计算器「${identity.calculator}」；请使用各自的账本文件`,
      ExitCode.Usage,
    );
  }
}
