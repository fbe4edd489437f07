/**
 * Compile time of one policy by stage: parse (Chevrotain), check (all passes), generate (ts-morph),
 * format (prettier), type-check (TypeScript, strict) and emit (JS + .d.ts). The first compile in a
 * process also pays for loading the compiler and parsing lib + runtime .d.ts (cold); later ones
 * show what each stage costs per policy (warm, median of several).
 */
import { readFileSync } from "node:fs";
import { parsePolicy } from "../grammar/index.js";
import { checkPolicy } from "../compiler/check.js";
import { compilePolicy } from "../compiler/compile.js";

export const STAGES = ["parse", "check", "generate", "format", "typeCheck", "emit"] as const;
export type Stage = (typeof STAGES)[number];
export type StageTimes = Record<Stage, number>;

async function once(file: string): Promise<StageTimes> {
  const text = readFileSync(file, "utf8");
  let t = performance.now();
  const { ast } = parsePolicy(file, text);
  const parse = performance.now() - t;
  t = performance.now();
  const checked = checkPolicy(ast, { source: text });
  const check = performance.now() - t;
  if (!checked.policy) throw new Error(`${file} does not check`);
  const r = await compilePolicy(checked.policy, { sourceText: text });
  if (r.js === "") throw new Error(`${file} does not compile: ${r.diagnostics[0]?.message}`);
  return { parse, check, ...r.timings };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export async function compileStages(
  file: string,
  warmRuns = 5,
): Promise<{ cold: StageTimes; warm: StageTimes }> {
  const cold = await once(file);
  const runs: StageTimes[] = [];
  for (let i = 0; i < warmRuns; i++) runs.push(await once(file));
  const warm = Object.fromEntries(STAGES.map((s) => [s, median(runs.map((r) => r[s]))]));
  return { cold, warm: warm as StageTimes };
}
