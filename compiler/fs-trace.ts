/**
 * What a policy load saw of the file system: every stat, folder listing and file read, with the
 * answer it got. The loader is a pure function of its paths, the cwd and these answers, so if
 * replaying them gives the same answers, the load would give the same result — that is how the
 * checked-policy cache (checked-cache.ts) knows an entry is not stale. Light on purpose: the
 * cache replays traces without loading the parser.
 */
import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { decodePolicy } from "./policy-text.js";

/** Plain data (JSON): pairs, not objects, so no path can collide with "__proto__". */
export interface FsTrace {
  /** path → "dir" or "file" (anything else that exists), null when stat failed */
  stats: [string, "dir" | "file" | null][];
  /** path → its sorted entry names, null when it could not be listed */
  dirs: [string, string[] | null][];
  /** path → sha256 of its bytes, null when it could not be read */
  files: [string, string | null][];
}

const sha256 = (b: Buffer): string => createHash("sha256").update(b).digest("hex");
const kind = (p: string): "dir" | "file" => (statSync(p).isDirectory() ? "dir" : "file");
const list = (p: string): string[] => readdirSync(p).sort();

/** The text a policy file contributes: a BOM becomes a space so offsets stay put. */
export function policyText(bytes: Buffer): string {
  return decodePolicy(bytes).text;
}

/** Far beyond any policy (the largest is ~60 KB): a bigger "policy" is a mistake, not a read. */
const MAX_POLICY_BYTES = 16 * 1024 * 1024;

/**
 * The bytes of a regular file, refusing anything else: a FIFO would hang the read and a symlink to
 * /dev/zero would eat memory. Opened non-blocking (a FIFO's open does not wait for a writer), then
 * checked on the open descriptor, so what is checked is what is read.
 */
export function readRegularFile(p: string): Buffer {
  const fd = openSync(p, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error("不是普通文件（管道、设备或套接字），不能作为政策文件读取");
    if (st.size > MAX_POLICY_BYTES) throw new Error(`文件过大（${st.size} 字节），不像政策文件`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The file system calls the loader makes, recording each answer (errors are rethrown). */
export class TracingFs {
  private readonly stats = new Map<string, "dir" | "file" | null>();
  private readonly dirs = new Map<string, string[] | null>();
  private readonly files = new Map<string, string | null>();
  /** a question got two different answers: the files changed while the load ran */
  private changed = false;

  isDirectory(p: string): boolean {
    return this.record(this.stats, p, () => kind(p)) === "dir";
  }

  /** Sorted entry names. */
  readdir(p: string): string[] {
    return [...this.record(this.dirs, p, () => list(p))];
  }

  readFile(p: string): Buffer {
    let bytes!: Buffer;
    this.record(this.files, p, () => sha256((bytes = readRegularFile(p))));
    return bytes;
  }

  /** What the load saw; undefined when the files changed under it (nothing sound to replay). */
  trace(): FsTrace | undefined {
    if (this.changed) return undefined;
    return { stats: [...this.stats], dirs: [...this.dirs], files: [...this.files] };
  }

  private record<T>(seen: Map<string, T | null>, p: string, look: () => T): T {
    let v: T | null = null;
    try {
      return (v = look());
    } finally {
      if (!seen.has(p)) seen.set(p, v);
      else if (JSON.stringify(seen.get(p)) !== JSON.stringify(v)) this.changed = true;
    }
  }
}

/**
 * Asks every question of `trace` again: the policy texts (by path, as policyText) when every
 * answer is the same, else undefined. Cheap: a policy folder is a few small files.
 */
export function replay(trace: FsTrace): Map<string, string> | undefined {
  const same = <T>(look: () => T, want: T): boolean => {
    let got: T | null;
    try {
      got = look();
    } catch {
      got = null;
    }
    return JSON.stringify(got) === JSON.stringify(want);
  };
  for (const [p, want] of trace.stats) if (!same(() => kind(p), want)) return undefined;
  for (const [p, want] of trace.dirs) if (!same(() => list(p), want)) return undefined;
  const texts = new Map<string, string>();
  for (const [p, want] of trace.files) {
    let bytes: Buffer | undefined;
    if (!same(() => sha256((bytes = readRegularFile(p))), want)) return undefined;
    if (bytes) texts.set(p, policyText(bytes));
  }
  return texts;
}
