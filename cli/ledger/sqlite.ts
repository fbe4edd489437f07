/**
 * better-sqlite3, loaded only by `calc --ledger` and `jiuzhu ledger`: it is an optional dependency
 * (a native module built at install time), so every other command works without it. The few
 * methods used are typed here rather than pulling in @types/better-sqlite3.
 */
import { CliError, ExitCode } from "../exit-codes.js";

export interface Statement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): Record<string, unknown> | undefined;
  all(...params: unknown[]): Record<string, unknown>[];
}

export interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string): unknown;
  close(): void;
  readonly inTransaction: boolean;
}

type DatabaseConstructor = new (file: string, options?: { fileMustExist?: boolean }) => Database;

/** The module name in a variable: TypeScript does not look for its types, bundlers leave it alone. */
const MODULE = "better-sqlite3";

/** Opens (or creates) a SQLite file; a missing module or an unreadable file is exit 2 in Chinese. */
export async function openDatabase(file: string, options: { mustExist?: boolean } = {}): Promise<Database> {
  let Sqlite: DatabaseConstructor;
  try {
    Sqlite = ((await import(MODULE)) as { default: DatabaseConstructor }).default;
  } catch (e) {
    throw new CliError(
      `无法加载 better-sqlite3（${(e as Error).message.split("\n")[0]}）：--ledger 与 jiuzhu ledger 需要它。` +
        `请在本项目中运行 npm install better-sqlite3@12.11.1（需要能编译原生模块的环境）`,
      ExitCode.Usage,
    );
  }
  try {
    return new Sqlite(file, { fileMustExist: options.mustExist === true });
  } catch (e) {
    throw new CliError(`无法打开账本文件「${file}」：${(e as Error).message}`, ExitCode.Usage);
  }
}
