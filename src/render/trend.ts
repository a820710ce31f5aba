/**
 * A figure over time, three ways: a sparkline for a terminal, an SVG line chart for a file, a mermaid
 * `xychart-beta` block for markdown. Every text from a catalog or repository (titles, labels) is escaped for
 * the format it lands in; unknown values are gaps, never zeros.
 */
import { escapeXml } from "./badge.js";

export interface Trend {
  /** e.g. "moby: commits in the 12 months before each date". */
  readonly title: string;
  /** One label per point (YYYY-MM-DD). */
  readonly periods: readonly string[];
  /** null: unknown at that date. */
  readonly values: readonly (number | null)[];
}

const BARS = "▁▂▃▄▅▆▇█";

/**
 * One character per value, scaled from the smallest to the largest known value; unknown is `·`.
 * @example sparkline([1, 5, null, 9]) // "▁▄·█"
 */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return values.map(() => "·").join("");
  const min = Math.min(...known);
  const max = Math.max(...known);
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return "·";
      if (max === min) return v === 0 ? BARS[0] : BARS[3];
      return BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))];
    })
    .join("");
}

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 48, right: 16, top: 32, bottom: 36 };

/** A self-contained SVG line chart: one polyline per run of known values, the axis ends labelled. */
export function trendSvg(trend: Trend): string {
  const n = trend.values.length;
  const known = trend.values.filter((v): v is number => v !== null && Number.isFinite(v));
  const max = Math.max(1, ...known);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number): number => PAD.left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number): number => PAD.top + plotH - (v / max) * plotH;
  const runs: string[][] = [];
  let run: string[] = [];
  trend.values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (run.length) runs.push(run);
  const lines = runs.map((points) =>
    points.length === 1
      ? `<circle cx="${points[0]!.split(",")[0]}" cy="${points[0]!.split(",")[1]}" r="2.5" fill="#1f6feb"/>`
      : `<polyline fill="none" stroke="#1f6feb" stroke-width="2" points="${points.join(" ")}"/>`,
  );
  const label = (text: string, lx: number, ly: number, anchor: string): string =>
    `<text x="${lx.toFixed(1)}" y="${ly.toFixed(1)}" text-anchor="${anchor}">${escapeXml(text)}</text>`;
  const first = trend.periods[0] ?? "";
  const last = trend.periods[n - 1] ?? "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}"` +
      ` role="img" aria-label="${escapeXml(trend.title)}">`,
    `<title>${escapeXml(trend.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<g font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" fill="#333333">`,
    label(trend.title, PAD.left, 18, "start"),
    label(String(max), PAD.left - 6, PAD.top + 4, "end"),
    label("0", PAD.left - 6, PAD.top + plotH + 4, "end"),
    label(first, PAD.left, HEIGHT - 12, "start"),
    n > 1 ? label(last, WIDTH - PAD.right, HEIGHT - 12, "end") : "",
    `</g>`,
    `<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${WIDTH - PAD.right}" y2="${PAD.top + plotH}"` +
      ` stroke="#999999"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plotH}" stroke="#999999"/>`,
    ...lines,
    `</svg>`,
    "",
  ]
    .filter((l) => l !== "")
    .join("\n");
}

/** Text inside a mermaid quoted string: no quote, bracket or line break can end it or start markup. */
function mermaidText(s: string): string {
  return s.replace(/[\r\n\t]+/g, " ").replace(/["`<>[\]{}#;&\\]/g, (c) => `#${c.codePointAt(0)};`);
}

/**
 * A mermaid `xychart-beta` line chart in a fenced block. Unknown values cannot be left out of a mermaid
 * line, so the chart holds the known points only and its title says how many are unknown.
 */
export function trendMermaid(trend: Trend): string {
  const points = trend.periods.map((p, i) => [p, trend.values[i]] as const).filter(([, v]) => v !== null);
  const unknown = trend.values.length - points.length;
  const title = unknown ? `${trend.title} (${unknown} unknown left out)` : trend.title;
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${mermaidText(title)}"`,
    `  x-axis [${points.map(([p]) => `"${mermaidText(p)}"`).join(", ")}]`,
    `  line [${points.map(([, v]) => String(v)).join(", ")}]`,
    "```",
  ].join("\n");
}
