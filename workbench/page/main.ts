/**
 * The workbench page: 原文 | the .jz file in CodeMirror 6 | claims, curves, 保证 and the example
 * table. The page only shows; everything it knows about the policy comes from the worker
 * (worker.ts), asked ~300 ms after the last keystroke. Edits live in localStorage until 保存
 * (under `jiuzhu workbench`) or 下载.
 */
import { EditorState, RangeSetBuilder, type Extension } from "@codemirror/state";
import { Decoration, EditorView, ViewPlugin, drawSelection, highlightActiveLine, keymap, lineNumbers, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import { splitCitation } from "../../compiler/coverage/citations.js";
import { resolve as resolveHeading } from "../../compiler/coverage/coverage.js";
import type { CoverageView } from "../analysis.js";
import type { SiteData } from "../site-data.js";
import { highlightSpans } from "./highlight.js";
import type { FromWorker, Part, ToWorker } from "./protocol.js";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = (tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};
const STORE = "jiuzhu-workbench:";
const DEBOUNCE_MS = 300;

let site: SiteData;
let file = "";
let seq = 0;
let diffSeq = 0;
let coverage: CoverageView | undefined;
let caseIndex = 0;
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
const send = (m: ToWorker) => worker.postMessage(m);

// ------------------------------------------------------------------ editor

const marks: Record<string, Decoration> = {};
const markOf = (cls: string) => (marks[cls] ??= Decoration.mark({ class: `t-${cls}` }));

/** Highlighting from grammar/lexer.ts, recomputed on each change (policies are a few hundred lines). */
const lexerHighlight = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = this.build(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged) this.decorations = this.build(u.view);
    }
    build(view: EditorView): DecorationSet {
      const b = new RangeSetBuilder<Decoration>();
      let last = 0;
      for (const s of highlightSpans(view.state.doc.toString())) {
        if (s.from < last) continue;
        b.add(s.from, s.to, markOf(s.cls));
        last = s.to;
      }
      return b.finish();
    }
  },
  { decorations: (v) => v.decorations },
);

/** Clicking the citation after 依据 (or in a 依据 table cell) highlights the article in the 原文. */
const citationClicks = EditorView.domEventHandlers({
  click(event, view) {
    const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
    if (pos === null) return false;
    const line = view.state.doc.lineAt(pos);
    const cited = citationAt(line.text, pos - line.from);
    if (cited) showCitation(cited);
    return false;
  },
});

/** The citation text under column `col` of a line: after 依据 up to #, or a table cell that is one. */
export function citationAt(line: string, col: number): string | undefined {
  for (let at = line.indexOf("依据"); at >= 0; at = line.indexOf("依据", at + 2)) {
    const rest = line.slice(at + 2);
    const end = rest.search(/[#|｜]/);
    const text = (end < 0 ? rest : rest.slice(0, end)).trim();
    if (col >= at && col <= at + 2 + (end < 0 ? rest.length : end) && text) return text;
  }
  if (/^\s*[|｜]/.test(line)) {
    const before = line.slice(0, col);
    const start = Math.max(before.lastIndexOf("|"), before.lastIndexOf("｜")) + 1;
    const after = line.slice(col).search(/[|｜]/);
    const cell = line.slice(start, after < 0 ? line.length : col + after).trim();
    if (coverage && cell && splitCitation(cell).refs.some((r) => resolveHeading(r, coverage!.headings))) return cell;
  }
  return undefined;
}

let view: EditorView;
let debounce: ReturnType<typeof setTimeout> | undefined;

function editorExtensions(): Extension[] {
  return [
    lineNumbers(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    lintGutter(),
    keymap.of([...defaultKeymap, ...historyKeymap]),
    lexerHighlight,
    citationClicks,
    EditorView.lineWrapping,
    EditorView.updateListener.of((u) => {
      if (!u.docChanged) return;
      const text = u.state.doc.toString();
      if (text === savedText(file)) localStorage.removeItem(STORE + file);
      else localStorage.setItem(STORE + file, text);
      markDirty();
      clearTimeout(debounce);
      debounce = setTimeout(() => request(["diagnostics", "coverage", "claims", "examples", "curves", "guarantees"]), DEBOUNCE_MS);
    }),
  ];
}

const savedText = (f: string) => site.regions.flatMap((r) => r.versions).find((v) => v.file === f)?.text ?? "";
const currentText = () => view.state.doc.toString();

function edits(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of site.regions)
    for (const v of r.versions) {
      const t = v.file === file ? currentText() : localStorage.getItem(STORE + v.file);
      if (t !== null && t !== v.text) out[v.file] = t;
    }
  return out;
}

/** per part, the request whose answer the page waits for: older answers are stale */
const need: Partial<Record<Part, number>> = {};

function request(parts: Part[]): void {
  seq++;
  for (const p of parts) need[p] = seq;
  delete document.body.dataset.ready;
  setStatus("计算中…");
  send({ type: "update", seq, file, edits: edits(), claims: $<HTMLTextAreaElement>("claims").value, caseIndex, parts });
}

function markDirty(): void {
  const dirty = currentText() !== savedText(file);
  $("file-name").textContent = file + (dirty ? "（已修改，未保存）" : "");
  $<HTMLButtonElement>("save").disabled = !site.canSave || !dirty;
  $<HTMLButtonElement>("revert").disabled = !dirty;
}

function setStatus(s: string): void {
  $("status").textContent = s;
}

function openFile(f: string): void {
  file = f;
  const text = localStorage.getItem(STORE + f) ?? savedText(f);
  const state = EditorState.create({ doc: text, extensions: editorExtensions() });
  if (view) view.setState(state);
  else view = new EditorView({ state, parent: $("editor") });
  caseIndex = 0;
  $<HTMLTextAreaElement>("claims").value = localStorage.getItem(`${STORE}claims:${f.split("/")[0]}`) ?? "";
  markDirty();
  fillDiffSelects();
  request(["diagnostics", "coverage", "claims", "examples", "curves", "guarantees"]);
}

function gotoLine(line: number): void {
  const l = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines)));
  view.dispatch({ selection: { anchor: l.from }, effects: EditorView.scrollIntoView(l.from, { y: "center" }) });
  view.focus();
}

// ------------------------------------------------------------------ 原文

function renderSource(c: CoverageView): void {
  coverage = c;
  $("source-name").textContent = c.source ?? "";
  const box = $("source");
  box.replaceChildren();
  if (c.text === undefined) {
    box.append(el("p", { class: "error" }, c.source ? `未提供原文「${c.source}」（只提供政策“原文”行所写的文件）` : "政策没有“原文”行"));
    return;
  }
  const byLine = new Map<number, number>();
  c.headings.forEach((h, i) => byLine.set(h.line, i));
  const status = new Map(c.rows.map((r) => [r.heading, r.status]));
  const frag = document.createDocumentFragment();
  c.text.split(/\r?\n/).forEach((text, i) => {
    const n = i + 1;
    const h = byLine.get(n);
    const div = el("div", { class: "ln" + (n < c.from || n > c.to ? " out" : ""), "data-line": String(n) }, text || " ");
    if (h !== undefined) {
      const s = status.get(h) ?? "未覆盖";
      div.classList.add("hd", `s-${s}`);
      div.dataset.heading = String(h);
      div.append(el("span", { class: `badge s-${s}` }, s));
      div.addEventListener("click", () => showArticle(h));
    }
    frag.append(div);
  });
  box.append(frag);
}

/** Highlights the article(s) a citation names and shows the first one's coverage. */
function showCitation(text: string): void {
  if (!coverage) return;
  const found = splitCitation(text).refs.flatMap((r) => {
    const h = resolveHeading(r, coverage!.headings);
    return h ? [coverage!.headings.indexOf(h)] : [];
  });
  document.querySelectorAll("#source .hl").forEach((e) => e.classList.remove("hl"));
  if (found.length === 0) {
    $("article").replaceChildren(el("span", { class: "error" }, `原文中找不到「${text}」所指的条款`));
    return;
  }
  for (const h of found) document.querySelector(`#source [data-heading="${h}"]`)?.classList.add("hl");
  document.querySelector(`#source [data-heading="${found[0]}"]`)?.scrollIntoView({ block: "center" });
  showArticle(found[0]!, false);
}

/** Which rules cite an article and whether it is 已编码/程序性/未规定/未覆盖 (the live coverage row). */
function showArticle(h: number, mark = true): void {
  if (!coverage) return;
  const head = coverage.headings[h]!;
  const row = coverage.rows.find((r) => r.heading === h);
  if (mark) {
    document.querySelectorAll("#source .hl").forEach((e) => e.classList.remove("hl"));
    document.querySelector(`#source [data-heading="${h}"]`)?.classList.add("hl");
  }
  const box = $("article");
  box.replaceChildren();
  const title = el("div");
  title.append(el("strong", {}, head.id), el("span", { class: `badge s-${row?.status ?? "未覆盖"}` }, row?.status ?? "未覆盖"));
  box.append(title);
  const uses = row?.uses ?? [];
  if (uses.length === 0 && !row?.via.length) box.append(el("div", {}, row?.note ?? "没有规则直接引用本条"));
  for (const u of uses) {
    const a = el("a", { class: "goto", "data-line": String(u.line) }, `第${u.line}行 ${u.label}`);
    a.addEventListener("click", () => gotoLine(u.line));
    box.append(el("div"), a);
  }
  if (row?.via.length) box.append(el("div", {}, `经下级条款：${row.via.join("、")}`));
  if (row?.note && uses.length) box.append(el("div", {}, row.note));
}

/** A text with every "依据 …" (up to the closing bracket or the end) made clickable. */
function withCitations(text: string): HTMLElement {
  const span = el("span");
  let rest = text;
  for (;;) {
    const at = rest.indexOf("依据 ");
    if (at < 0) break;
    span.append(rest.slice(0, at + 3));
    let depth = 0;
    let end = at + 3;
    for (; end < rest.length; end++) {
      const ch = rest[end]!;
      if (ch === "（" || ch === "(") depth++;
      else if (ch === "）" || ch === ")") {
        if (depth === 0) break;
        depth--;
      }
    }
    span.append(citeLink(rest.slice(at + 3, end)));
    rest = rest.slice(end);
  }
  span.append(rest);
  return span;
}

function citeLink(text: string): HTMLElement {
  const a = el("a", { class: "cite" }, text);
  a.addEventListener("click", () => showCitation(text));
  return a;
}

// ------------------------------------------------------------------ results

function renderDiagnostics(m: Extract<FromWorker, { type: "diagnostics" }>): void {
  const doc = view.state.doc;
  const off = (p: { line: number; character: number }) => Math.min(doc.line(Math.min(p.line + 1, doc.lines)).from + p.character, doc.length);
  const cm: CmDiagnostic[] = m.diagnostics.map((d) => ({
    from: off(d.range.start),
    to: Math.max(off(d.range.end), off(d.range.start)),
    severity: d.severity,
    message: `${d.code} ${d.message}${d.notes.length ? "\n" + d.notes.join("\n") : ""}`,
  }));
  view.dispatch(setDiagnostics(view.state, cm));
  const list = $("diagnostics");
  list.replaceChildren();
  for (const d of m.diagnostics) {
    const line = d.range.start.line + 1;
    const li = el("li", { class: d.severity, "data-line": String(line), "data-code": d.code });
    li.append(el("strong", {}, `第${line}行 `), `${d.severity === "error" ? "错误" : d.severity === "warning" ? "警告" : "提示"} ${d.code}：${d.message}`);
    if (d.notes.length) li.append(el("div", { class: "notes" }, d.notes.join("\n")));
    li.addEventListener("click", () => gotoLine(line));
    list.append(li);
  }
  const errors = m.diagnostics.filter((d) => d.severity === "error").length;
  $("diag-count").textContent = m.diagnostics.length ? `${errors} 个错误，${m.diagnostics.length - errors} 个警告或提示` : "无";
}

const fmtAmount = (v: unknown) => (typeof v === "string" ? v : "");

function renderClaims(m: Extract<FromWorker, { type: "claims" }>): void {
  const body = $("claims-results").querySelector("tbody")!;
  body.replaceChildren();
  for (const { line } of m.rows) {
    const tr = el("tr", { "data-id": String(line["编号"] ?? "") });
    const err = typeof line["错误"] === "string" ? (line["错误"] as string) : undefined;
    tr.append(el("td", {}, String(line["编号"] ?? "")));
    if (err) {
      tr.classList.add("bad");
      const td = el("td", { colspan: "2", class: "error" });
      td.append(withCitations(err));
      tr.append(td);
      body.append(tr);
      continue;
    }
    tr.append(el("td", { class: "amount" }, fmtAmount(line[m.resultField])), el("td", {}, String(line["适用身份"] ?? "—")));
    body.append(tr);
    const more = el("tr", { class: "steps-row" });
    const td = el("td", { colspan: "3" });
    const det = el("details");
    det.append(el("summary", {}, "计算过程"));
    const steps = el("div", { class: "steps" });
    for (const s of (line["计算过程"] as string[] | undefined) ?? []) steps.append(withCitations(s), el("br"));
    det.append(steps);
    const items = el("div", { class: "items" });
    for (const it of (line["明细"] as { 项目: string; 金额: string; 依据: string; 说明?: string }[] | undefined) ?? []) {
      const row = el("div");
      row.append(`${it.项目} ${it.金额} 元 · 依据 `, citeLink(it.依据), it.说明 ? ` · ${it.说明}` : "");
      items.append(row);
    }
    det.append(items);
    td.append(det);
    more.append(td);
    body.append(more);
  }
}

function renderCurves(m: Extract<FromWorker, { type: "curves" }>): void {
  const box = $("curves");
  box.replaceChildren();
  const select = $<HTMLSelectElement>("case");
  if (!m.curves) {
    select.replaceChildren();
    box.append(el("p", { class: "curve-note" }, m.error ?? "无曲线"));
    return;
  }
  const c = m.curves;
  select.replaceChildren(...c.cases.map((label, i) => {
    const o = el("option", { value: String(i) }, label) as HTMLOptionElement;
    o.selected = i === c.caseIndex;
    return o;
  }));
  box.append(el("p", { class: "curve-note" }, `横轴 ${c.variable}，纵轴 救助金额；转折点为精确值（与 jiuzhu diff 相同的分段分析）${c.sampled ? "；部分曲线为抽样近似" : ""}。虚线为已保存的版本。`));
  for (const k of c.curves) {
    const fig = el("figure", { "data-identity": k.identity });
    if (k.error) fig.append(el("figcaption", { class: "error" }, `${k.identity}：${k.error}`));
    else {
      fig.innerHTML = k.svg; // our own SVG renderer's output (compiler/diff/svg.ts escapes text)
      fig.prepend(el("figcaption", {}, k.identity));
    }
    box.append(fig);
  }
}

function renderGuarantees(m: Extract<FromWorker, { type: "guarantees" }>): void {
  const list = $("guarantees");
  list.replaceChildren();
  if (!m.guarantees) {
    $("guarantee-count").textContent = "政策未通过检查";
    return;
  }
  const bad = m.guarantees.filter((g) => g.status !== "holds").length;
  $("guarantee-count").textContent = m.guarantees.length === 0 ? "本政策没有保证" : bad ? `${bad} 条不成立或未检验` : `${m.guarantees.length} 条全部成立`;
  for (const g of m.guarantees) {
    const li = el("li", { class: g.status });
    if (g.status === "holds") li.append(el("span", {}, g.title));
    else {
      const det = el("details");
      det.append(el("summary", {}, g.title), el("pre", {}, g.text));
      li.append(det);
    }
    list.append(li);
  }
}

function renderExamples(m: Extract<FromWorker, { type: "examples" }>): void {
  const body = $("examples").querySelector("tbody")!;
  body.replaceChildren();
  const bad = m.rows.filter((r) => !r.ok).length;
  $("example-count").textContent = m.rows.length === 0 ? "本地区没有案例表" : `${m.rows.length} 条，${bad ? `${bad} 条不符` : "全部相符"}${m.errors.length ? `，${m.errors.length} 处格式错误` : ""}`;
  for (const e of m.errors) {
    const tr = el("tr", { class: "bad" });
    tr.append(el("td", { colspan: "4", class: "error" }, e));
    body.append(tr);
  }
  for (const r of m.rows) {
    const tr = el("tr", { class: r.ok ? "ok" : "bad", title: [r.note ?? "", ...r.mismatches].join("\n") });
    tr.append(el("td", {}, r.where.replace(/^policies\//, "")), el("td", { class: "amount" }, r.expected), el("td", { class: "amount" }, r.computed), el("td", {}, r.ok ? "✓" : "✗ " + r.mismatches.join("；")));
    body.append(tr);
  }
}

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  if (m.type === "diff") return void (m.seq === diffSeq && ($("diff-text").textContent = m.text));
  if (m.type === "fmt") {
    // only if nothing was typed meanwhile
    if (m.file !== file || m.before !== currentText()) return;
    if (m.text === undefined) return setStatus("无需格式化（或文件有语法错误，无法排版）");
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: m.text } });
    return setStatus("已按 jiuzhu fmt 排版");
  }
  if (m.type === "failed") {
    setStatus(`计算「${m.part}」时出错：${m.message}`);
    return;
  }
  // an answer to an older state than the page asked for: the newer one is on its way
  if (m.type === "idle" ? m.seq !== seq : m.seq < (need[m.type] ?? 0)) return;
  switch (m.type) {
    case "diagnostics":
      renderDiagnostics(m);
      break;
    case "coverage":
      renderSource(m.coverage);
      break;
    case "claims":
      renderClaims(m);
      break;
    case "examples":
      renderExamples(m);
      break;
    case "curves":
      renderCurves(m);
      break;
    case "guarantees":
      renderGuarantees(m);
      break;
    case "idle":
      setStatus("已更新");
      document.body.dataset.ready = String(seq);
      break;
  }
};

// ------------------------------------------------------------------ diff tab

function fillDiffSelects(): void {
  const region = file.split("/")[0]!;
  const versions = site.regions.find((r) => r.name === region)?.versions ?? [];
  const options = [...versions.map((v) => ({ value: `saved:${v.file}`, label: `${v.file}（已保存）` })), { value: `edited:${file}`, label: `${file}（编辑中）` }];
  for (const [id, pick] of [["diff-old", `saved:${file}`], ["diff-new", `edited:${file}`]] as const) {
    $(id).replaceChildren(...options.map((o) => {
      const opt = el("option", { value: o.value }, o.label) as HTMLOptionElement;
      opt.selected = o.value === pick;
      return opt;
    }));
  }
}

function runDiff(): void {
  const side = (id: string) => {
    const v = $<HTMLSelectElement>(id).value;
    const [kind, f] = [v.slice(0, v.indexOf(":")), v.slice(v.indexOf(":") + 1)];
    return { file: f, text: kind === "edited" ? currentText() : savedText(f) };
  };
  $("diff-text").textContent = "计算中…";
  send({ type: "diff", seq: ++diffSeq, old: side("diff-old"), new: side("diff-new") });
}

// ------------------------------------------------------------------ start

async function start(): Promise<void> {
  site = (await (await fetch("site.json")).json()) as SiteData;
  send({ type: "init", site });
  const region = $<HTMLSelectElement>("region");
  const version = $<HTMLSelectElement>("version");
  const fillVersions = () => {
    const r = site.regions.find((x) => x.name === region.value)!;
    version.replaceChildren(...r.versions.map((v) => el("option", { value: v.file }, v.file.split("/").pop()!.replace(/\.jz$/, ""))));
    version.value = r.versions[r.versions.length - 1]!.file;
  };
  region.replaceChildren(...site.regions.map((r) => el("option", { value: r.name }, r.name)));
  const wanted = decodeURIComponent(location.hash.slice(1));
  const first = site.regions.find((r) => r.name === wanted || r.versions.some((v) => v.file === wanted)) ?? site.regions.find((r) => r.examples.length) ?? site.regions[0]!;
  region.value = first.name;
  fillVersions();
  if (first.versions.some((v) => v.file === wanted)) version.value = wanted;
  region.addEventListener("change", () => {
    fillVersions();
    openFile(version.value);
  });
  version.addEventListener("change", () => openFile(version.value));
  $("fmt").addEventListener("click", () => send({ type: "fmt", file, text: currentText() }));
  $("download").addEventListener("click", () => {
    const a = el("a", { href: URL.createObjectURL(new Blob([currentText()], { type: "text/plain;charset=utf-8" })), download: file.split("/").pop()! }) as HTMLAnchorElement;
    a.click();
    URL.revokeObjectURL(a.href);
  });
  $("revert").addEventListener("click", () => {
    localStorage.removeItem(STORE + file);
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: savedText(file) } });
  });
  $("save").addEventListener("click", async () => {
    const text = currentText();
    const r = await fetch("api/save", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ file, text }) });
    const answer = (await r.json()) as { ok?: boolean; error?: string };
    if (!r.ok || !answer.ok) return setStatus(`保存失败：${answer.error ?? r.status}`);
    for (const reg of site.regions) for (const v of reg.versions) if (v.file === file) v.text = text;
    localStorage.removeItem(STORE + file);
    send({ type: "init", site });
    markDirty();
    setStatus(`已保存 ${file}`);
  });
  $<HTMLTextAreaElement>("claims").addEventListener("input", () => {
    localStorage.setItem(`${STORE}claims:${file.split("/")[0]}`, $<HTMLTextAreaElement>("claims").value);
    clearTimeout(debounce);
    debounce = setTimeout(() => request(["claims"]), DEBOUNCE_MS);
  });
  $<HTMLSelectElement>("case").addEventListener("change", (e) => {
    caseIndex = Number((e.target as HTMLSelectElement).value);
    request(["curves"]);
  });
  for (const b of document.querySelectorAll<HTMLButtonElement>("#tabs button"))
    b.addEventListener("click", () => {
      document.querySelectorAll("#tabs button").forEach((x) => x.classList.toggle("on", x === b));
      $("work").hidden = b.dataset.tab !== "work";
      $("diff").hidden = b.dataset.tab !== "diff";
      if (b.dataset.tab === "diff") runDiff();
    });
  $("diff-run").addEventListener("click", runDiff);
  if (site.notes.length) setStatus(site.notes.join("；"));
  openFile(version.value);
}

void start();
