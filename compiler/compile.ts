/**
 * The stage after checking: CheckedPolicy → generated TypeScript (codegen), formatted (prettier),
 * type-checked in strict mode against the runtime sources (a module that does not type-check is a
 * compiler bug: JZ9002), then emitted as JS + .d.ts. writeCompiled lays out a self-contained
 * output folder that is an npm package: the modules, runtime/, a router and package.json.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Project, ts, type SourceFile } from "ts-morph";
import type { CheckedPolicy } from "./ir.js";
import { Codes, error, type Diagnostic } from "./diagnostics.js";
import { formatModule, generateModule } from "./codegen/generate.js";
import { CodegenError } from "./codegen/expr.js";
import { isRuntimeSource, runtimeSourceDir } from "./codegen/paths.js";
import type { Fault as CodegenFault } from "./codegen/faults.js";
import { packageJson, routerDts, routerJs, type PackagedVersion } from "./package-output.js";

/**
 * Deliberate errors to inject into a generated module, so property tests can prove they fail
 * (see codegen/faults.ts for each one's meaning). Never used by `jiuzhu compile` or `calc`.
 */
export type Fault = CodegenFault;

export interface StageTimings {
  /** milliseconds per stage */
  generate: number;
  format: number;
  typeCheck: number;
  emit: number;
}

export interface CompiledPolicy {
  /** `<地区>-<生效>`: the file name (without extension) in an output folder */
  baseName: string;
  region: string;
  effective: string;
  /** the written 失效, or null */
  expires: string | null;
  ts: string;
  js: string;
  dts: string;
  diagnostics: Diagnostic[];
  timings: StageTimings;
}

/** The runtime import of every generated module: runtime/ sits beside it. */
export const RUNTIME_IMPORT = "./runtime/index.js";
const ROOT = "/jiuzhu-out";

/** A file name from policy text: no separators, no dots in front, nothing a shell would mind. */
export function outputBaseName(policy: CheckedPolicy): string {
  const clean = (s: string) => s.replace(/[^\p{L}\p{N}_-]/gu, "_").slice(0, 80);
  return `${clean(policy.meta.region)}-${clean(policy.meta.effective)}`;
}

let shared: { project: Project; runtime: SourceFile[] } | undefined;

/** One in-memory project for the process: lib and runtime files are parsed once. */
async function project(): Promise<{ project: Project; runtime: SourceFile[] }> {
  if (shared) return shared;
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      declaration: true,
      skipLibCheck: true,
      types: [],
      lib: ["lib.es2022.d.ts"],
      outDir: ROOT + "/emit",
      rootDir: ROOT,
    },
  });
  const dir = runtimeSourceDir();
  const runtime: SourceFile[] = [];
  for (const name of (await readdir(dir)).filter(isRuntimeSource).sort()) {
    const text = await readFile(path.join(dir, name), "utf8");
    runtime.push(project.createSourceFile(`${ROOT}/runtime/${name}`, text, { overwrite: true }));
  }
  shared = { project, runtime };
  return shared;
}

function internal(
  policy: CheckedPolicy,
  code: Diagnostic["code"],
  message: string,
  notes: string[],
): Diagnostic {
  return error(code, policy.meta.file, { start: 0, end: 0 }, message, notes);
}

export async function compilePolicy(
  policy: CheckedPolicy,
  options: { sourceText?: string; faults?: readonly Fault[] } = {},
): Promise<CompiledPolicy> {
  const timings: StageTimings = { generate: 0, format: 0, typeCheck: 0, emit: 0 };
  const baseName = outputBaseName(policy);
  const { region, effective, expires } = policy.meta;
  const result: CompiledPolicy = { baseName, region, effective, expires, ts: "", js: "", dts: "", diagnostics: [], timings };
  let t = performance.now();
  const lap = (): number => -t + (t = performance.now());

  let code: string;
  try {
    code = generateModule(policy, {
      runtimeImport: RUNTIME_IMPORT,
      sourceText: options.sourceText,
      faults: options.faults,
    });
  } catch (e) {
    if (!(e instanceof CodegenError || e instanceof RangeError)) throw e;
    result.diagnostics.push(
      internal(policy, Codes.InternalError, "无法为本政策生成代码（编译器缺陷）", [e.message]),
    );
    return result;
  }
  timings.generate = lap();
  result.ts = await formatModule(code);
  timings.format = lap();

  const { project: pj } = await project();
  lap(); // project setup (first call only) is not the policy's type-check
  const sf = pj.createSourceFile(`${ROOT}/${baseName}.ts`, result.ts, { overwrite: true });
  try {
    const errors = sf.getPreEmitDiagnostics();
    timings.typeCheck = lap();
    if (errors.length > 0) {
      const notes = errors.map((d) => {
        const where = d.getSourceFile()
          ? `${d.getSourceFile()!.getBaseName()}:${d.getLineNumber() ?? 0}`
          : "";
        return `${where} TS${d.getCode()}: ${ts.flattenDiagnosticMessageText(d.getMessageText() as never, "\n")}`;
      });
      result.diagnostics.push(
        internal(
          policy,
          Codes.GeneratedCodeTypeError,
          "生成的 TypeScript 未通过类型检查（编译器缺陷）",
          notes,
        ),
      );
      return result;
    }
    for (const f of pj.emitToMemory({ targetSourceFile: sf }).getFiles()) {
      // the declaration emitter prints string-literal types raw: re-escape what lit() escaped
      // (line/paragraph separators, bidi controls: Trojan Source in the .d.ts otherwise)
      if (f.filePath.endsWith(".d.ts"))
        result.dts = f.text.replace(/[\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
      else if (f.filePath.endsWith(".js")) result.js = f.text;
    }
    timings.emit = lap();
  } finally {
    pj.removeSourceFile(sf);
  }
  return result;
}

let runtimeFiles: Promise<{ name: string; text: string }[]> | undefined;

/** runtime/*.ts with their emitted .js and .d.ts (emitted once per process). */
export function runtimeOutput(): Promise<{ name: string; text: string }[]> {
  runtimeFiles ??= (async () => {
    const { project: pj, runtime } = await project();
    const out: { name: string; text: string }[] = [];
    for (const sf of runtime) {
      out.push({ name: sf.getBaseName(), text: sf.getFullText() });
      for (const f of pj.emitToMemory({ targetSourceFile: sf }).getFiles()) {
        out.push({ name: path.basename(f.filePath), text: f.text });
      }
    }
    return out;
  })();
  return runtimeFiles;
}

/**
 * Why `compile -o dir` must not write into `dir`, or undefined when it may: a folder that does not
 * exist yet, an empty one, or one whose package.json carries `"jiuzhu": {"generated": true}`
 * (package-output.ts writes it). Anything else is someone's project: writing would replace its
 * package.json and runtime/.
 */
export async function outputFolderProblem(outDir: string): Promise<string | undefined> {
  let entries: string[];
  try {
    entries = await readdir(outDir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "ENOTDIR") return "它不是文件夹";
    return `无法读取（${code ?? (e as Error).message}）`;
  }
  if (entries.length === 0) return undefined;
  let pkg: unknown;
  try {
    pkg = JSON.parse(await readFile(path.join(outDir, "package.json"), "utf8"));
  } catch {
    return "它不是空文件夹，也没有 jiuzhu 生成的 package.json";
  }
  const mark = (pkg as { jiuzhu?: { generated?: unknown } } | null)?.jiuzhu?.generated;
  return mark === true ? undefined : "它不是空文件夹，其 package.json 也没有 jiuzhu 生成的标记";
}

export interface WriteOptions {
  /** the npm package name (ASCII, npm's rules); default `jiuzhu-policy` */
  name?: string;
  /** also write the .ts sources of the modules and the runtime (default: .js + .d.ts only) */
  emitTs?: boolean;
  /** name modules `v<生效>` instead of `<地区>-<生效>` */
  asciiNames?: boolean;
}

/**
 * Write one `.js` + `.d.ts` per compiled version (and `.ts` with emitTs), runtime/, the router
 * `index.js`/`index.d.ts` and package.json (package-output.ts). JS and declarations by default so
 * a consumer's compiler never re-checks generated sources under its own flags.
 * Results with errors are skipped; returns the paths written.
 */
export async function writeCompiled(
  outDir: string,
  results: readonly CompiledPolicy[],
  options: WriteOptions = {},
): Promise<string[]> {
  const written: string[] = [];
  const put = async (file: string, text: string) => {
    await writeFile(file, text, "utf8");
    written.push(file);
  };
  const done = results.filter((r) => r.js !== "");
  const versions: PackagedVersion[] = done.map((r) => ({
    file: options.asciiNames ? `v${r.effective}` : r.baseName,
    effective: r.effective,
    expires: r.expires,
  }));
  const region = done[0]?.region ?? "";
  await mkdir(path.join(outDir, "runtime"), { recursive: true });
  await put(path.join(outDir, "package.json"), packageJson(options.name ?? DEFAULT_PACKAGE_NAME, region, versions));
  for (const f of await runtimeOutput()) {
    if (f.name.endsWith(".ts") && !f.name.endsWith(".d.ts") && !options.emitTs) continue;
    await put(path.join(outDir, "runtime", f.name), f.text);
  }
  for (const [i, r] of done.entries()) {
    const file = versions[i]!.file;
    if (options.emitTs) await put(path.join(outDir, file + ".ts"), r.ts);
    await put(path.join(outDir, file + ".js"), r.js);
    await put(path.join(outDir, file + ".d.ts"), r.dts);
  }
  await put(path.join(outDir, "index.js"), routerJs(region, versions));
  await put(path.join(outDir, "index.d.ts"), routerDts(region, versions));
  return written;
}

export const DEFAULT_PACKAGE_NAME = "jiuzhu-policy";
