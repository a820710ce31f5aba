import { assessProjects, compareSince, type AssessInput } from "../../app/index.js";
import {
  renderAssessmentText,
  renderChangesMarkdown,
  renderChangesText,
  renderMarkdown,
  renderReviewMarkdown,
  renderSummaryText,
} from "../../maturity/index.js";
import { UserError } from "../../core/index.js";
import { openCatalog, parseDateOption, printIssues } from "../shared.js";
import { today } from "../../core/index.js";
import { plural } from "../../core/index.js";
import { assessOutput, assessSinceOutput, printJson } from "../json-documents.js";
import {
  commandCacheDir,
  describeStoreReport,
  readEvidenceExport,
  withStoreSession,
  type StoreFlags,
} from "./store-session.js";
import { escapeTerminalLine } from "../../core/index.js";

interface AssessOptions extends StoreFlags {
  evidence?: string;
  catalog?: string;
  framework?: string;
  asOf?: string;
  since?: string;
  format?: string;
  detail?: string;
  json?: boolean;
  affiliations?: string[];
  cacheDir?: string;
  fetch?: boolean;
  failOnDrift?: boolean;
  allowUnreadable?: boolean;
  mirror?: string[];
}

export async function run(ids: string[], options: AssessOptions): Promise<void> {
  const format = options.json ? "json" : (options.format ?? "text");
  if (!["text", "json", "markdown"].includes(format))
    throw new UserError("E_USAGE", `--format expects text, json or markdown, got '${format}'`);
  const detail = options.detail ?? "summary";
  if (!["summary", "full"].includes(detail))
    throw new UserError("E_USAGE", `--detail expects summary or full, got '${detail}'`);
  // the review document is the summary; the whole assessment (or change list) stays one flag away
  const review = format === "markdown" && detail === "summary";
  const asOf = options.asOf ? parseDateOption(options.asOf, "--as-of") : today();
  const since = options.since ? parseDateOption(options.since, "--since") : undefined;
  if (since && since >= asOf)
    throw new UserError(
      "E_USAGE",
      `--since ${since} must be before --as-of ${asOf}${options.asOf ? "" : " (today)"}: ` +
        `--since is the date of the last review, --as-of the date to compare it with`,
    );
  const opened = await openCatalog(options);
  const input: AssessInput = {
    cwd: process.cwd(),
    ids,
    asOf,
    affiliations: options.affiliations ?? [],
    mirrors: options.mirror ?? [],
    ...(options.framework ? { framework: options.framework } : {}),
    ...commandCacheDir(opened, options.cacheDir),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  const evidenceExport = options.evidence ? readEvidenceExport(options.evidence) : undefined;
  if (evidenceExport)
    process.stderr.write(
      `evidence from ${escapeTerminalLine(options.evidence!)}, as of ${evidenceExport.header.asOf ?? "no date"} ` +
        `(written by upstream ${escapeTerminalLine(evidenceExport.header.toolVersion)}); git not read\n`,
    );
  // Evidence from an export is not the store's to keep: nothing is stored then.
  const storeFlags = evidenceExport ? { ...options, store: false } : options;
  const { compared, result } = await withStoreSession(storeFlags, opened, async (store) => {
    const withStore: AssessInput = {
      ...input,
      ...(store ? { store } : {}),
      ...(evidenceExport ? { evidenceExport } : {}),
    };
    const compared = since ? await compareSince(opened, { ...withStore, since }) : undefined;
    return { compared, result: compared ?? (await assessProjects(opened, withStore)) };
  });
  const { summary, assessments } = result;
  printIssues(result.issues);
  if (result.stored) process.stderr.write(`${describeStoreReport(result.stored)}\n`);
  process.exitCode = 0;
  if (options.failOnDrift && result.declaredAbove.length > 0) {
    process.stderr.write(
      `--fail-on-drift: declared above what the evidence supports: ` +
        result.declaredAbove
          .map((r) => `${r.project} (declared ${r.declared}, supported ${r.supported ?? "none"})`)
          .join(", ") +
        "\n",
    );
    process.exitCode = 1;
  }
  if (result.unsavedCache) process.exitCode = 1;
  // A run that measured nothing must not pass a CI gate as if it had.
  if (result.unmeasured.length > 0 && !options.allowUnreadable) {
    process.stderr.write(
      `upstream: ${plural(summary.notMeasured, "project")} not measured and ${summary.partlyMeasured} measured ` +
        `in part, because repositories could not be read: ` +
        `${result.unmeasured.map((r) => r.project).join(", ")}; exit 1 (--allow-unreadable to accept)\n`,
    );
    process.exitCode = 1;
  }
  if (compared) {
    const { changes, sinceFrom } = compared;
    process.stderr.write(
      `--since ${compared.since}: ${plural(sinceFrom.stored.length, "assessment")} read from the store` +
        `${sinceFrom.stored.length ? ` (${sinceFrom.stored.join(", ")})` : ""}, ` +
        `${sinceFrom.computed.length} computed from git` +
        `${sinceFrom.computed.length ? ` (${sinceFrom.computed.join(", ")})` : ""}\n`,
    );
    if (format === "json") printJson("assess-since", assessSinceOutput(changes, compared.momentum));
    else
      process.stdout.write(
        review
          ? renderReviewMarkdown(summary, assessments, changes, compared.momentum)
          : format === "markdown"
            ? renderChangesMarkdown(changes)
            : renderChangesText(changes),
      );
    return;
  }
  if (format === "json") printJson("assess", assessOutput(summary, assessments));
  else if (review) process.stdout.write(renderReviewMarkdown(summary, assessments));
  else if (format === "markdown") process.stdout.write(renderMarkdown(summary, assessments));
  else {
    for (const a of ids.length ? assessments : []) process.stdout.write(renderAssessmentText(a) + "\n");
    process.stdout.write(renderSummaryText(summary));
    if (!ids.length) process.stderr.write("run `upstream assess PROJECT` for each criterion and its evidence\n");
  }
}
