import { formatIssue, UserError } from "../../core/errors.js";
import {
  collectProjectsEvidence,
  failureIssues,
  loadAffiliations,
  renderProjectEvidence,
  type ProgressEvent,
} from "../../evidence/index.js";
import {
  affiliationFiles,
  affiliationOptions,
  mirrorsOf,
  openCatalog,
  parseDateOption,
  reportUnsavedCache,
} from "../shared.js";
import { selectProjects } from "./maturity-shared.js";
import { collectOutput, printJson } from "../json-output.js";
import { stdoutColored } from "../colors.js";

interface CollectFlags {
  catalog?: string;
  asOf?: string;
  json?: boolean;
  affiliations?: string[];
  cacheDir?: string;
  fetch: boolean;
  concurrency?: string;
  mirror?: string[];
}

export async function run(ids: string[], flags: CollectFlags): Promise<void> {
  const asOf = flags.asOf === undefined ? undefined : parseDateOption(flags.asOf, "--as-of");
  const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0))
    throw new UserError("E_USAGE", `--concurrency expects a positive whole number, got '${flags.concurrency}'`);
  const { catalog, baseDir } = await openCatalog(flags);
  const projects = selectProjects(catalog, ids);
  const { rules, issues } = loadAffiliations(
    affiliationFiles(catalog, baseDir, flags.affiliations),
    affiliationOptions(catalog),
  );
  const fatal = issues.find((i) => i.severity === "error");
  if (fatal) throw new UserError(fatal.code, "cannot read the affiliations files; nothing was collected", { issues });
  for (const i of issues) process.stderr.write(formatIssue(i) + "\n");
  const evidence = await collectProjectsEvidence(projects, {
    baseDir,
    rules,
    fetch: flags.fetch,
    mirrors: mirrorsOf(catalog, baseDir, flags.mirror),
    ...(asOf ? { asOf } : {}),
    ...(flags.cacheDir ? { cacheDir: flags.cacheDir } : {}),
    ...(concurrency ? { concurrency } : {}),
    onProgress: progressBar(),
  });
  if (flags.json) printJson("collect", collectOutput(evidence));
  else process.stdout.write(evidence.map((e) => renderProjectEvidence(e, { color: stdoutColored() })).join("\n"));
  // The text report shows failures itself; with --json, stderr is where a person sees them.
  if (flags.json)
    for (const i of failureIssues(evidence, { severity: "error" })) process.stderr.write(formatIssue(i) + "\n");
  if (evidence.some((e) => e.failures.length > 0)) process.exitCode = 1;
  if (reportUnsavedCache(evidence)) process.exitCode = 1;
}

/** A one-line progress bar on a terminal's stderr; nothing when stderr is not a terminal. */
function progressBar(): ((e: ProgressEvent) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (e) => {
    const width = 24;
    const filled = e.total ? Math.round((e.done / e.total) * width) : width;
    const line =
      `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${e.done}/${e.total} ` +
      `${e.type === "start" ? "reading" : e.type} ${e.repository}`;
    process.stderr.write(
      `\r\x1b[K${line.slice(0, (process.stderr.columns || 80) - 1)}${e.done === e.total && e.type !== "start" ? "\r\x1b[K" : ""}`,
    );
  };
}
