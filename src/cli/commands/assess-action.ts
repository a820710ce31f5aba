import { collectProjectsEvidence, failureIssues } from "../../evidence/index.js";
import {
  assessPortfolio,
  comparePortfolio,
  renderAssessmentText,
  renderChangesMarkdown,
  renderChangesText,
  renderMarkdown,
  renderReviewMarkdown,
  renderSummaryText,
  resolveFrameworkOption,
  summarizePortfolio,
} from "../../maturity/index.js";
import { formatIssue, issue, UserError } from "../../core/errors.js";
import {
  affiliationFiles,
  affiliationOptions,
  mirrorsOf,
  reportUnsavedCache,
  openCatalog,
  parseDateOption,
} from "../shared.js";
import { today } from "../../core/dates.js";
import { plural } from "../../core/words.js";
import { selectProjects } from "./maturity-shared.js";
import { assessOutput, assessSinceOutput, printJson } from "../json-output.js";

interface AssessOptions {
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
  const { catalog, baseDir, frameworks } = await openCatalog(options);
  const override = options.framework ? await resolveFrameworkOption(options.framework, frameworks) : undefined;
  const projects = selectProjects(catalog, ids);
  const affiliations = affiliationFiles(catalog, baseDir, options.affiliations);
  const mirrors = mirrorsOf(catalog, baseDir, options.mirror);
  let unsavedCache = false;
  const assessAt = async (date: string, fetch: boolean | undefined) => {
    const collected = await collectProjectsEvidence(projects, {
      baseDir,
      asOf: date,
      affiliations,
      program: affiliationOptions(catalog),
      cacheDir: options.cacheDir,
      fetch,
      mirrors,
    });
    if (!unsavedCache) unsavedCache = reportUnsavedCache(collected);
    // An unread repository makes its criteria "unknown": say so once, where it is seen.
    if (date === asOf)
      for (const i of failureIssues(collected, {
        severity: "warning",
        consequence: "its evidence-based criteria are unknown",
      }))
        process.stderr.write(formatIssue(i) + "\n");
    return assessPortfolio({
      catalog,
      projects,
      evidence: new Map(collected.map((e) => [e.project, e])),
      frameworks,
      override,
      asOf: date,
    });
  };
  const assessments = await assessAt(asOf, options.fetch);
  for (const a of assessments) {
    if (a.lifecycleWarning)
      process.stderr.write(
        formatIssue(
          issue("E_PROJECT_ARCHIVED", `${a.project}: ${a.lifecycleWarning.message}`, {
            severity: "warning",
            hint:
              `if the project has ended, change its state in the catalog (it is no ` +
              `longer ${a.declared.stage}); if it moved, list the repository it moved to`,
          }),
        ) + "\n",
      );
  }
  const summary = summarizePortfolio(assessments, asOf);
  const above = summary.rows.filter((r) => r.drift === "declared-above-supported");
  process.exitCode = 0;
  if (options.failOnDrift && above.length > 0) {
    process.stderr.write(
      `--fail-on-drift: declared above what the evidence supports: ` +
        `${above.map((r) => `${r.project} (declared ${r.declared}, supported ${r.supported ?? "none"})`).join(", ")}\n`,
    );
    process.exitCode = 1;
  }
  if (unsavedCache) process.exitCode = 1;
  // A run that measured nothing must not pass a CI gate as if it had.
  const unread = summary.rows.filter((r) => r.measured !== "all");
  if (unread.length > 0 && !options.allowUnreadable) {
    process.stderr.write(
      `upstream: ${plural(summary.notMeasured, "project")} not measured and ${summary.partlyMeasured} measured ` +
        `in part, because repositories could not be read: ` +
        `${unread.map((r) => r.project).join(", ")}; exit 1 (--allow-unreadable to accept)\n`,
    );
    process.exitCode = 1;
  }
  if (since) {
    // the clones were fetched (or not) for --as-of; the earlier date reads the same copies
    const changes = comparePortfolio(await assessAt(since, false), assessments, { since, asOf });
    if (format === "json") printJson("assess-since", assessSinceOutput(changes));
    else
      process.stdout.write(
        review
          ? renderReviewMarkdown(summary, assessments, changes)
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
