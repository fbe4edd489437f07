/**
 * SVG charts for the HTML diff report (issue 16 §3). No node: imports and no DOM: plain strings,
 * so the browser workbench renders the very same charts. Amounts arrive in 分 and are labelled in 元.
 */

export interface Point {
  x: number;
  y: number;
}

export interface CurveChart {
  title: string;
  /** x axis label (个人负担 …) */
  variable: string;
  old: Point[] | null;
  new: Point[] | null;
}

const W = 560;
const H = 300;
const M = { l: 64, r: 16, t: 28, b: 40 };

const escXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** 分 → a short 元 label: 12000元 → "1.2万", 800元 → "800". */
function tickLabel(fen: number): string {
  const yuan = fen / 100;
  if (Math.abs(yuan) >= 10_000) return `${Number((yuan / 10_000).toFixed(2))}万`;
  return String(Number(yuan.toFixed(2)));
}

/** A "nice" step (1, 2, 5 × 10^n) giving about `n` ticks up to `max`. */
function step(max: number, n = 5): number {
  if (max <= 0) return 1;
  const raw = max / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
}

function axes(xMax: number, yMax: number, sx: (x: number) => number, sy: (y: number) => number, xLabel: string, yLabel: string): string {
  const out: string[] = [];
  const xs = step(xMax);
  const ys = step(yMax);
  for (let v = 0; v <= xMax + 1e-9; v += xs)
    out.push(`<line class="grid" x1="${sx(v)}" y1="${sy(0)}" x2="${sx(v)}" y2="${M.t}"/><text class="tick" x="${sx(v)}" y="${H - M.b + 16}" text-anchor="middle">${tickLabel(v)}</text>`);
  for (let v = 0; v <= yMax + 1e-9; v += ys)
    out.push(`<line class="grid" x1="${M.l}" y1="${sy(v)}" x2="${W - M.r}" y2="${sy(v)}"/><text class="tick" x="${M.l - 6}" y="${sy(v) + 4}" text-anchor="end">${tickLabel(v)}</text>`);
  out.push(`<line class="axis" x1="${M.l}" y1="${sy(0)}" x2="${W - M.r}" y2="${sy(0)}"/><line class="axis" x1="${M.l}" y1="${sy(0)}" x2="${M.l}" y2="${M.t}"/>`);
  out.push(`<text class="label" x="${(M.l + W - M.r) / 2}" y="${H - 6}" text-anchor="middle">${escXml(xLabel)}（元）</text>`);
  out.push(`<text class="label" x="${M.l}" y="${M.t - 10}">${escXml(yLabel)}（元）</text>`);
  return out.join("");
}

const STYLE = `<style>.grid{stroke:#e5e5e5;stroke-width:1}.axis{stroke:#333;stroke-width:1}.tick{font-size:10px;fill:#555}.label{font-size:11px;fill:#333}.title{font-size:12px;font-weight:bold;fill:#111}.old{fill:none;stroke:#888;stroke-width:2;stroke-dasharray:6 3}.new{fill:none;stroke:#c0392b;stroke-width:2}.bar{fill:#2e86c1}.bar.neg{fill:#c0392b}.legend{font-size:11px}</style>`;

/**
 * Old and new payout curves on one chart. Each polyline carries its exact breakpoints (分) in
 * data-breakpoints, so tests (and readers of the source) see them without measuring pixels.
 */
export function curveChartSvg(c: CurveChart): string {
  const pts = [...(c.old ?? []), ...(c.new ?? [])];
  const xMax = Math.max(1, ...pts.map((p) => p.x));
  const yMax = Math.max(1, ...pts.map((p) => p.y)) * 1.1;
  const sx = (x: number) => +(M.l + (x / xMax) * (W - M.l - M.r)).toFixed(2);
  const sy = (y: number) => +(H - M.b - (y / yMax) * (H - M.t - M.b)).toFixed(2);
  const line = (cls: string, p: Point[] | null) =>
    p ? `<polyline class="${cls}" data-side="${cls}" data-breakpoints="${p.map((q) => q.x).join(",")}" points="${p.map((q) => `${sx(q.x)},${sy(q.y)}`).join(" ")}"/>` : "";
  const legend = `<g class="legend"><line class="old" x1="${W - 150}" y1="${M.t - 14}" x2="${W - 126}" y2="${M.t - 14}"/><text x="${W - 122}" y="${M.t - 10}">旧版</text>`
    + `<line class="new" x1="${W - 84}" y1="${M.t - 14}" x2="${W - 60}" y2="${M.t - 14}"/><text x="${W - 56}" y="${M.t - 10}">新版</text></g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="curve" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img"><title>${escXml(c.title)}</title>${STYLE}`
    + axes(xMax, yMax, sx, sy, c.variable, "救助金额") + line("old", c.old) + line("new", c.new) + legend + `</svg>`;
}

export interface Bin {
  /** change range in 分, from inclusive, to exclusive; null = unbounded */
  from: number | null;
  to: number | null;
  count: number;
}

/** Bars of how many persons changed by how much over the year (losses red). */
export function histogramSvg(bins: Bin[], title: string): string {
  const n = Math.max(1, bins.length);
  const cMax = Math.max(1, ...bins.map((b) => b.count)) * 1.1;
  const bw = (W - M.l - M.r) / n;
  const sy = (y: number) => +(H - M.b - (y / cMax) * (H - M.t - M.b)).toFixed(2);
  const label = (b: Bin) => (b.from === null ? `<${tickLabel(b.to!)}` : b.to === null ? `≥${tickLabel(b.from)}` : `${tickLabel(b.from)}~`);
  const bars = bins.map((b, i) => {
    const x = +(M.l + i * bw + 2).toFixed(2);
    const neg = (b.to ?? 1) <= 0;
    return `<rect class="bar${neg ? " neg" : ""}" data-count="${b.count}" x="${x}" y="${sy(b.count)}" width="${+(bw - 4).toFixed(2)}" height="${+(sy(0) - sy(b.count)).toFixed(2)}"/>`
      + `<text class="tick" x="${+(x + bw / 2 - 2).toFixed(2)}" y="${H - M.b + 16}" text-anchor="middle">${escXml(label(b))}</text>`
      + `<text class="tick" x="${+(x + bw / 2 - 2).toFixed(2)}" y="${sy(b.count) - 3}" text-anchor="middle">${b.count}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="histogram" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img"><title>${escXml(title)}</title>${STYLE}`
    + `<line class="axis" x1="${M.l}" y1="${sy(0)}" x2="${W - M.r}" y2="${sy(0)}"/><text class="label" x="${(M.l + W - M.r) / 2}" y="${H - 6}" text-anchor="middle">全年变化（元）</text>`
    + `<text class="label" x="${M.l}" y="${M.t - 10}">人数</text>${bars.join("")}</svg>`;
}
