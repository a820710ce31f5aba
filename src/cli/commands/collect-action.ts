import { collectEvidence } from "../../app/index.js";
import { UserError } from "../../core/index.js";
import { renderProjectEvidence, type ProgressEvent } from "../../evidence/index.js";
import { today } from "../../core/index.js";
import { openCatalog, parseDateOption, printIssues } from "../shared.js";
import { commandCacheDir, describeStoreReport, withStoreOpening, type StoreFlags } from "./store-session.js";
import { collectOutput, printJson } from "../json-documents.js";
import { stdoutColored } from "../colors.js";

interface CollectFlags extends StoreFlags {
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
  const asOf = flags.asOf === undefined ? today() : parseDateOption(flags.asOf, "--as-of");
  const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0))
    throw new UserError("E_USAGE", `--concurrency expects a positive whole number, got '${flags.concurrency}'`);
  const opened = await openCatalog(flags);
  const onProgress = progressBar();
  // The store opens while collect starts reading git.
  const result = await withStoreOpening(flags, opened, (store) =>
    collectEvidence(opened, {
      cwd: process.cwd(),
      ids,
      asOf,
      ...(store ? { store } : {}),
      affiliations: flags.affiliations ?? [],
      mirrors: flags.mirror ?? [],
      fetch: flags.fetch,
      ...commandCacheDir(opened, flags.cacheDir),
      ...(concurrency ? { concurrency } : {}),
      ...(onProgress ? { onProgress } : {}),
    }),
  );
  printIssues(result.issues);
  if (result.stored) process.stderr.write(`${describeStoreReport(result.stored)}\n`);
  const { evidence } = result;
  if (flags.json) printJson("collect", collectOutput(evidence));
  else process.stdout.write(evidence.map((e) => renderProjectEvidence(e, { color: stdoutColored() })).join("\n"));
  // The text report shows failures itself; with --json, stderr is where a person sees them.
  if (flags.json) printIssues(result.failures);
  if (result.unsavedCache) printIssues([result.unsavedCache]);
  process.exitCode = result.complete ? 0 : 1;
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
    // the last event clears the bar, so what is printed next starts on an empty line
    const clearAfter = e.done === e.total && e.type !== "start" ? "\r\x1b[K" : "";
    process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns || 80) - 1)}${clearAfter}`);
  };
}
