/**
 * Parse and check a document as the editor types, with the same diagnostics as `jiuzhu check`.
 *
 * Incremental where it matters: a city policy (`基于 山东省`) needs its base policy parsed and
 * checked first, which costs as much as the city itself. The base's result is cached by its
 * file and exact text, so a keystroke in the city re-parses and re-checks only the city; editing
 * the base (a new text from `readBase`) re-checks it once. Nothing here touches the file system:
 * the host hands texts in through `readBase`.
 */
import { parsePolicy } from "../../grammar/index.js";
import type { PolicyAst } from "../../grammar/ast.js";
import { checkPolicy } from "../check.js";
import { Codes, error, hasErrors, type Diagnostic } from "../diagnostics.js";
import type { CheckedPolicy } from "../ir.js";
import { positionAt } from "./positions.js";

/** A policy file's path (as the host names it) and its text. */
export interface PolicyText { file: string; text: string }

export interface ServiceOptions {
  /**
   * The text of the base policy for `基于 <region>`: the version of that region in force on the
   * citing policy's 生效 (`effective`, ISO date; undefined when the header has none). The host
   * reads it however it can (files beside `file`, a bundle, an open editor buffer).
   */
  readBase?: (region: string, file: string, effective: string | undefined) => PolicyText | undefined;
  /**
   * Older form of `readBase`: an already checked base. Diagnostics only — no hover, definition or
   * references into the base. Ignored when `readBase` is given.
   */
  resolveBase?: (region: string, file: string) => CheckedPolicy | undefined;
  /**
   * The 原文 document the policy names (its `原文` line, as written): its text, for hovers on 依据;
   * or its path and text, and definition on a citation opens the cited article there.
   */
  readSource?: (written: string, file: string) => string | PolicyText | undefined;
}

/** A parsed and checked policy: the open document, or a base policy it builds on. */
export interface Analysis {
  file: string;
  text: string;
  options?: ServiceOptions;
  ast: PolicyAst;
  /** every diagnostic of this file (parse, then check), in the order `jiuzhu check` gives them */
  diagnostics: Diagnostic[];
  /** present iff the file checked without errors */
  policy?: CheckedPolicy;
  /** the base policy of `基于`, when `readBase` found it (checked or not) */
  base?: Analysis;
}

/** Base analyses by file; an entry is reused while its text (and its own base) is unchanged. */
const baseCache = new Map<string, Analysis>();
const BASE_CACHE_SIZE = 16;

/** Parse and check `text` as the file `file`: the same diagnostics as `jiuzhu check`. */
export function analyse(file: string, text: string, options: ServiceOptions = {}): Analysis {
  return analyseWith(file, text, options, new Set([file]));
}

function analyseWith(file: string, text: string, options: ServiceOptions, chain: Set<string>): Analysis {
  const parsed = parsePolicy(file, text);
  const ast = parsed.ast;
  const basedOn = ast.header.basedOn;
  let base: Analysis | undefined;
  let checkedBase: CheckedPolicy | undefined;
  if (basedOn && options.readBase) {
    const found = options.readBase(basedOn.name, file, ast.header.effective?.date.iso);
    if (found && !chain.has(found.file)) base = baseAnalysis(found, options, new Set([...chain, found.file]));
    checkedBase = base?.policy;
  } else if (basedOn) {
    checkedBase = options.resolveBase?.(basedOn.name, file);
  }
  const result: Analysis = { file, text, options, ast, diagnostics: parsed.diagnostics, ...(base ? { base } : {}) };
  if (hasErrors(parsed.diagnostics)) return result;
  if (basedOn && base && !base.policy) {
    // as the loader does: a city is not checked against a base that does not check
    const first = base.diagnostics.find((d) => d.severity === "错误");
    const where = first ? `第${positionAt(base.text, first.span.start).line + 1}行：${first.message}` : "";
    result.diagnostics = [
      ...parsed.diagnostics,
      error(Codes.BasePolicyNotFound, file, basedOn.span, `无法使用基础政策「${basedOn.name}」`, [`${base.file} 有错误，请先改正${where ? `（${where}）` : ""}`]),
    ];
    return result;
  }
  const checked = checkPolicy(ast, { source: text, base: checkedBase });
  result.diagnostics = [...parsed.diagnostics, ...checked.diagnostics];
  if (checked.policy) result.policy = checked.policy;
  return result;
}

function baseAnalysis(found: PolicyText, options: ServiceOptions, chain: Set<string>): Analysis {
  const hit = baseCache.get(found.file);
  if (hit && hit.text === found.text && baseStillCurrent(hit, options)) return hit;
  const a = analyseWith(found.file, found.text, options, chain);
  baseCache.delete(found.file);
  baseCache.set(found.file, a);
  if (baseCache.size > BASE_CACHE_SIZE) baseCache.delete(baseCache.keys().next().value!);
  return a;
}

/** A cached base that itself builds on a base is current only while that base's text is. */
function baseStillCurrent(a: Analysis, options: ServiceOptions): boolean {
  const basedOn = a.ast.header.basedOn;
  if (!basedOn) return true;
  const found = options.readBase?.(basedOn.name, a.file, a.ast.header.effective?.date.iso);
  return found?.file === a.base?.file && found?.text === a.base?.text && (!a.base || baseStillCurrent(a.base, options));
}

/** Forget every cached base (tests; a host that reloads everything). */
export function clearBaseCache(): void {
  baseCache.clear();
}
