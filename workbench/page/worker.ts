/**
 * The page's Web Worker: checking, coverage, claims, example tables, curves and 保证 off the main
 * thread, so typing never stalls. Requests merge: a newer text re-queues every part it asks for,
 * and each part is computed on the newest text when its turn comes (stale work is skipped).
 */
import { MAIN_CALCULATOR } from "../../compiler/ir.js";
import { calcLines, checkVersion, coverageOf, diffText, examplesOf, guaranteeViews, regionOf, regionVersions, type GuaranteeView, type Workspace } from "../analysis.js";
import { curvesOf } from "../curves.js";
import { format } from "../../compiler/language-service/index.js";
import { PARTS, type FromWorker, type Part, type ToWorker } from "./protocol.js";

type Update = Extract<ToWorker, { type: "update" }>;

const scope = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
let ws: Workspace | undefined;
let state: Update | undefined;
const pending = new Set<Part>();
let running = false;

const post = (m: FromWorker) => scope.postMessage(m);
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === "init") ws = { site: m.site, edits: {} };
  else if (m.type === "update") {
    state = m;
    for (const p of m.parts) pending.add(p);
    void run();
  } else if (m.type === "fmt") {
    const text = format(m.file, m.text);
    post(text === undefined ? { type: "fmt", file: m.file, before: m.text } : { type: "fmt", file: m.file, before: m.text, text });
  } else if (m.type === "diff" && ws) {
    try {
      const a = checkVersion(ws, m.old.file, m.old.text);
      const b = checkVersion(ws, m.new.file, m.new.text);
      const text = !a.policy || !b.policy ? `${!a.policy ? "旧" : "新"}版本未通过检查，无法对比：请先改正错误` : diffText(a.policy, b.policy);
      post({ type: "diff", seq: m.seq, text });
    } catch (err) {
      post({ type: "failed", seq: m.seq, part: "diff", message: String(err) });
    }
  }
};

async function run(): Promise<void> {
  if (running) return;
  running = true;
  try {
    while (pending.size > 0 && ws && state) {
      await tick(); // let newer requests in before each part
      const part = PARTS.find((p) => pending.has(p))!;
      pending.delete(part);
      const s = state;
      try {
        await compute(part, { ...ws, edits: s.edits }, s);
      } catch (err) {
        post({ type: "failed", seq: s.seq, part, message: err instanceof Error ? err.message : String(err) });
      }
    }
    if (state) post({ type: "idle", seq: state.seq });
  } finally {
    running = false;
  }
}

async function compute(part: Part, w: Workspace, s: Update): Promise<void> {
  const started = Date.now();
  const text = s.edits[s.file] ?? w.site.regions.flatMap((r) => r.versions).find((v) => v.file === s.file)?.text ?? "";
  const v = checkVersion(w, s.file, text);
  const versions = () => regionVersions(w, regionOf(s.file)).flatMap((x) => (x.policy ? [x.policy] : []));
  switch (part) {
    case "diagnostics":
      return post({ type: "diagnostics", seq: s.seq, diagnostics: v.diagnostics, checked: v.policy !== undefined, ms: Date.now() - started });
    case "coverage":
      return post({ type: "coverage", seq: s.seq, coverage: coverageOf(w, v) });
    case "claims": {
      const lines = await calcLines(versions(), s.claims);
      const resultField = v.policy?.calculators.find((c) => c.name === MAIN_CALCULATOR)?.resultField ?? "救助金额";
      return post({ type: "claims", seq: s.seq, resultField, rows: lines.map((raw) => ({ raw, line: JSON.parse(raw) as Record<string, unknown> })) });
    }
    case "examples": {
      const r = examplesOf(w, regionOf(s.file), versions());
      return post({ type: "examples", seq: s.seq, rows: r.rows, errors: r.errors });
    }
    case "curves": {
      if (!v.policy || v.policy.meta.isBase) return post({ type: "curves", seq: s.seq, curves: null, error: v.policy ? "基础政策不单独计算，请打开引用它的地区" : "政策未通过检查" });
      const saved = w.site.regions.flatMap((r) => r.versions).find((x) => x.file === s.file);
      const savedPolicy = saved && saved.text !== text ? checkVersion({ ...w, edits: {} }, s.file, saved.text).policy : undefined;
      return post({ type: "curves", seq: s.seq, curves: curvesOf(v.policy, savedPolicy, MAIN_CALCULATOR, s.caseIndex) });
    }
    case "guarantees": {
      if (!v.policy) return post({ type: "guarantees", seq: s.seq, guarantees: null });
      const out: GuaranteeView[] = [];
      for (const g of guaranteeViews(v.policy)) {
        out.push(g);
        await tick();
        // typing goes first: drop this run, the newest state computes it again
        if (state !== s) return void pending.add("guarantees");
      }
      return post({ type: "guarantees", seq: s.seq, guarantees: out });
    }
  }
}
