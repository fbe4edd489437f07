/**
 * The stage after checking: CheckedPolicy → generated TypeScript (codegen), formatted (prettier),
 * type-checked in strict mode against the runtime sources (a module that does not type-check is a
 * compiler bug: JZ9002), then emitted as JS + .d.ts. writeCompiled lays out a self-contained
 * output folder: the modules, runtime/ (.ts, .js, .d.ts) and a package.json marking ESM.
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
  const result: CompiledPolicy = { baseName, ts: "", js: "", dts: "", diagnostics: [], timings };
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

/** The mark in an output folder's package.json that says jiuzhu wrote the folder. */
export const OUTPUT_MARK = { generated: true } as const;

/**
 * Why `compile -o dir` must not write into `dir`, or undefined when it may: a folder that does not
 * exist yet, an empty one, or one whose package.json carries `"jiuzhu": {"generated": true}`
 * (written by writeCompiled). Anything else is someone's project: writing would replace its
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

/**
 * Write `<地区>-<生效>.ts/.js/.d.ts` per compiled version plus runtime/ and package.json
 * ({"type":"module"}, so the .js files are ESM wherever the folder is copied, and the
 * `"jiuzhu": {"generated": true}` mark by which a later compile knows it may write here again).
 * Results with errors are skipped; returns the paths written.
 */
export async function writeCompiled(
  outDir: string,
  results: readonly CompiledPolicy[],
): Promise<string[]> {
  const written: string[] = [];
  const put = async (file: string, text: string) => {
    await writeFile(file, text, "utf8");
    written.push(file);
  };
  await mkdir(path.join(outDir, "runtime"), { recursive: true });
  await put(
    path.join(outDir, "package.json"),
    JSON.stringify({ type: "module", private: true, jiuzhu: OUTPUT_MARK }, null, 2) + "\n",
  );
  for (const f of await runtimeOutput()) await put(path.join(outDir, "runtime", f.name), f.text);
  for (const r of results) {
    if (r.js === "") continue;
    await put(path.join(outDir, r.baseName + ".ts"), r.ts);
    await put(path.join(outDir, r.baseName + ".js"), r.js);
    await put(path.join(outDir, r.baseName + ".d.ts"), r.dts);
  }
  return written;
}
