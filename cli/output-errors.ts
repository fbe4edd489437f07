/**
 * Failures writing the results, in Chinese and naming the cause: a full disk is
 * `无法写出结果：磁盘已满`, not an internal error. A closed pipe (`calc … | head`) is no failure
 * of ours: the run stops quietly with exit 2 (README exit codes), nothing on stderr.
 */
import { CliError, ExitCode } from "./exit-codes.js";

export function outputFailure(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case "ENOSPC":
    case "EDQUOT":
      return "无法写出结果：磁盘已满";
    case "EFBIG":
      return "无法写出结果：文件超过系统允许的大小";
    case "EIO":
      return "无法写出结果：输入输出错误（磁盘或设备故障）";
    case "EACCES":
    case "EPERM":
      return "无法写出结果：没有写入权限";
    default:
      return `无法写出结果：${err?.message ?? String(e)}`;
  }
}

/** A write error → the CliError main reports (an empty message for a closed pipe: stop quietly). */
export function outputError(e: unknown): CliError {
  const code = (e as NodeJS.ErrnoException)?.code;
  return new CliError(code === "EPIPE" ? "" : outputFailure(e), ExitCode.Usage);
}
