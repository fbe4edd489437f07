/**
 * Stands in for node:fs, node:path, node:fs/promises, node:child_process, node:crypto and node:buffer in the page's bundle
 * (build.ts aliases them here). The page only calls pure functions; a module it imports may still
 * import these for file reading it never does, and a call reaching here is a bug said in Chinese.
 */
const unavailable = (name: string) => (): never => {
  throw new Error(`浏览器中不能使用 ${name}（工作台内部错误，请报告）`);
};

export const readdirSync = unavailable("readdirSync");
export const readFileSync = unavailable("readFileSync");
export const statSync = unavailable("statSync");
export const existsSync = unavailable("existsSync");
export const realpathSync = unavailable("realpathSync");
export const open = unavailable("open");
export const stat = unavailable("stat");
export const execFileSync = unavailable("execFileSync");
export const closeSync = unavailable("closeSync");
export const openSync = unavailable("openSync");
export const fstatSync = unavailable("fstatSync");
export const lstatSync = unavailable("lstatSync");
export const writeFileSync = unavailable("writeFileSync");
export const mkdirSync = unavailable("mkdirSync");
export const constants = {};
export const createHash = unavailable("createHash");
/** node:buffer: only reached when decoding bytes, which the page never does (it passes text) */
export const isAscii = unavailable("isAscii");
export const extname = (p: string): string => /\.[^./]*$/.exec(p)?.[0] ?? "";
const path = {
  extname,
  join: unavailable("path.join"),
  resolve: unavailable("path.resolve"),
  dirname: unavailable("path.dirname"),
  basename: unavailable("path.basename"),
  relative: unavailable("path.relative"),
  isAbsolute: unavailable("path.isAbsolute"),
  posix: { join: unavailable("path.posix.join"), dirname: unavailable("path.posix.dirname") },
};
export default path;
