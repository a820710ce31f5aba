import type { Command } from "commander";
import { resolve } from "node:path";
import {
  backfillHistory,
  HISTORY_METRICS,
  projectHistory,
  type HistoryMetric,
  type HistoryPeriod,
  type ProjectHistory,
} from "../../app/index.js";
import { escapeTerminalLine, textTable, today, UserError } from "../../core/index.js";
import { escapeText } from "../../markdown/index.js";
import { sparkline, trendMermaid, trendSvg, type Trend } from "../../render/index.js";
import { commandCacheDir, withStore } from "./store-session.js";
import { historyOutput, printJson } from "../json-documents.js";
import { openCatalog, parseDateOption, printIssues, writeFileAtomic } from "../shared.js";

interface StoreFlags {
  catalog?: string;
  database?: string;
}

interface BackfillFlags extends StoreFlags {
  from?: string;
  every: string;
  affiliations?: string[];
  cacheDir?: string;
  fetch: boolean;
}

export async function runBackfill(ids: string[], own: BackfillFlags, command: Command): Promise<void> {
  // `history` has --catalog and --database too, and takes them wherever they are written.
  const flags = { ...own, ...command.optsWithGlobals<BackfillFlags>() };
  if (flags.every !== "month" && flags.every !== "quarter")
    throw new UserError("E_USAGE", `--every expects month or quarter, got '${flags.every}'`);
  const to = today();
  const from =
    flags.from === undefined ? `${Number(to.slice(0, 4)) - 10}${to.slice(4)}` : parseDateOption(flags.from, "--from");
  const opened = await openCatalog(flags);
  const started = Date.now();
  const result = await withStore(opened, flags, (store) =>
    backfillHistory(opened, store, {
      cwd: process.cwd(),
      ids,
      from,
      to,
      every: flags.every as HistoryPeriod,
      affiliations: flags.affiliations ?? [],
      fetch: flags.fetch,
      ...commandCacheDir(opened, flags.cacheDir ? resolve(flags.cacheDir) : undefined),
      ...(process.stderr.isTTY
        ? { onProgress: (e) => process.stderr.write(`\r\x1b[K${e.done}/${e.total} as of ${e.asOf}`) }
        : {}),
    }),
  );
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  printIssues(result.issues);
  printIssues(result.failures);
  const span = result.dates.length ? `${result.dates[0]} … ${result.dates.at(-1)}` : "no period ended in that span";
  process.stdout.write(
    `backfilled ${result.dates.length} ${flags.every === "month" ? "months" : "quarters"} (${span}): ` +
      `${result.stored} snapshots stored, ${result.notYet} before a repository's first commit, ` +
      `${result.failures.length} repositories failed, in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  process.exitCode = result.failures.length ? 1 : 0;
}

interface HistoryFlags extends StoreFlags {
  metric: string;
  format: string;
  chart?: string;
  json?: boolean;
}

export async function runHistory(id: string, flags: HistoryFlags): Promise<void> {
  if (!(HISTORY_METRICS as readonly string[]).includes(flags.metric))
    throw new UserError("E_USAGE", `--metric expects one of ${HISTORY_METRICS.join(", ")}, got '${flags.metric}'`);
  if (flags.format !== "text" && flags.format !== "markdown")
    throw new UserError("E_USAGE", `--format expects text or markdown, got '${flags.format}'`);
  if (flags.chart !== undefined && !flags.chart.toLowerCase().endsWith(".svg"))
    throw new UserError("E_USAGE", `--chart writes an SVG file: give a name ending in .svg, got '${flags.chart}'`);
  const opened = await openCatalog(flags);
  const metric = flags.metric as HistoryMetric;
  const history = await withStore(opened, flags, (store) => projectHistory(opened, store, { id, metric }));
  const trend = trendOf(history);
  if (flags.chart !== undefined && trend) await writeFileAtomic(flags.chart, trendSvg(trend));
  if (flags.json) printJson("history", historyOutput(history));
  else if (flags.format === "markdown") process.stdout.write(historyMarkdown(history, trend, flags.chart));
  else process.stdout.write(historyText(history));
  if (history.empty) process.stderr.write(`upstream: ${escapeTerminalLine(history.empty)}\n`);
  if (flags.chart !== undefined && !trend)
    process.stderr.write(`upstream: no chart written: ${history.metric} has no figures to draw\n`);
}

/** The numbers to draw; none for a level (named, not measured) or an empty history. */
function trendOf(history: ProjectHistory): Trend | undefined {
  if (history.metric === "level" || history.points.length === 0) return undefined;
  return {
    title: `${history.name}: ${history.meaning}`,
    periods: history.points.map((p) => p.asOf),
    values: history.points.map((p) => (typeof p.value === "number" ? p.value : null)),
  };
}

function shown(value: number | string | null): string {
  return value === null ? "unknown" : String(value);
}

function historyText(history: ProjectHistory): string {
  const name = escapeTerminalLine(history.name);
  if (history.points.length === 0) return `${name}: ${history.meaning}: nothing stored\n`;
  const repositories = history.points[0]!.repositories.map((r) => r.repository);
  const perRepository = repositories.length > 1;
  const rows = history.points.map((p) => [
    p.asOf,
    shown(p.value),
    ...(perRepository ? p.repositories.map((r) => shown(r.value)) : []),
    escapeTerminalLine(p.unknown ?? ""),
  ]);
  const header = [
    "AS OF",
    history.metric.toUpperCase(),
    ...(perRepository ? repositories.map(escapeTerminalLine) : []),
    "",
  ];
  const trend = trendOf(history);
  const line = trend ? `  ${sparkline(trend.values)}  ${trend.periods[0]} … ${trend.periods.at(-1)}\n` : "";
  return `${name}: ${history.meaning}\n${line}\n${textTable(header, rows)}\n`;
}

function historyMarkdown(history: ProjectHistory, trend: Trend | undefined, chart: string | undefined): string {
  const lines = [`## ${escapeText(history.name)}: ${escapeText(history.meaning)}`, ""];
  if (history.empty) return [...lines, escapeText(history.empty), ""].join("\n");
  if (trend && chart) lines.push(`![${escapeText(trend.title)}](<${chart.replace(/[<>\\]/g, "\\$&")}>)`, "");
  else if (trend) lines.push(trendMermaid(trend), "");
  lines.push(`| as of | ${history.metric} | note |`, "| --- | ---: | --- |");
  for (const p of history.points)
    lines.push(`| ${p.asOf} | ${escapeText(shown(p.value))} | ${escapeText(p.unknown ?? "")} |`);
  return lines.join("\n") + "\n";
}
