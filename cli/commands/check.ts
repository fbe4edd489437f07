/** `jiuzhu check`: diagnostics on stderr; 0 clean, 1 any error, 2 a path cannot be read or holds no policy. */
import { hasErrors } from "../../compiler/diagnostics.js";
import { loadPolicyPaths } from "../../compiler/load.js";
import { renderDiagnostics, renderSummary } from "../../compiler/render.js";
import { ExitCode } from "../exit-codes.js";
import { writeText, type Io } from "../io.js";

export async function checkCommand(paths: string[], io: Io): Promise<number> {
  const loaded = await loadPolicyPaths(paths);
  writeText(io.stderr, renderDiagnostics(loaded.diagnostics, loaded.sources));
  for (const u of loaded.unreadable) writeText(io.stderr, `无法读取「${u.path}」：${u.message}`);
  writeText(io.stderr, renderSummary(loaded.diagnostics));
  if (loaded.unreadable.length > 0) return ExitCode.Usage;
  // like calc: a folder with no policy in it is a wrong path, not a clean check
  if (loaded.policies.length === 0 && !hasErrors(loaded.diagnostics)) {
    writeText(io.stderr, `「${paths.join("、")}」中没有政策文件`);
    return ExitCode.Usage;
  }
  return hasErrors(loaded.diagnostics) ? ExitCode.Findings : ExitCode.Ok;
}
