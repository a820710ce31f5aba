import { existsSync } from "node:fs";
import { join } from "node:path";
import { today } from "../../core/index.js";
import { formatIssue, UserError } from "../../core/index.js";
import { escapeTerminalText } from "../../core/index.js";
import { API_VERSION } from "../../catalog/index.js";
import type { ProjectEvidence } from "../../evidence/index.js";
import {
  closeReviewEdits,
  decisionWords,
  dueProjects,
  quarterOf,
  renderReviewText,
  ReviewId,
  reviewView,
  suggestMotions,
  withDerived,
  writeBackEdits,
  type ReviewDerived,
  type Motion,
  type ReviewFile,
  type SuggestionInput,
} from "../../governance/index.js";
import { STORE_FILE, STORE_FOLDER, storeTarget } from "../../store/index.js";
import { renderTocReviewMarkdown } from "../../render/index.js";
import { parseDateOption, printJson } from "../shared.js";
import { reviewedLines, reviewEvidence, type ReviewedProject } from "../../app/index.js";
import { withStoreSession, type StoreFlags } from "./store-session.js";
import { openCatalogGovernance } from "./decisions-shared.js";
import { pickReview } from "./review-shared.js";
import { badInput, GovernanceWriter, MARKDOWN_ESCAPES, reviewDocument, type OpenedProgram } from "./review-write.js";

interface OpenOptions extends StoreFlags {
  catalog?: string;
  date?: string;
  assess?: boolean;
  cacheDir?: string;
  fetch?: boolean;
  json?: boolean;
}

export async function open(id: string | undefined, options: OpenOptions): Promise<void> {
  const date = options.date ? parseDateOption(options.date, "--date") : today();
  const reviewId = id ?? quarterOf(date);
  if (!ReviewId.safeParse(reviewId).success)
    throw new UserError("E_USAGE", `a review is named by its quarter, YYYY-Qn (e.g. 2026-Q4), got '${reviewId}'`);
  const program = await openCatalogGovernance(options);
  const document = reviewDocument(reviewId);
  if (existsSync(join(program.baseDir, document.file)))
    throw badInput(
      "E_GOV_NO_OPEN_REVIEW",
      `the review ${reviewId} exists already (${document.file})`,
      `show it with \`upstream review show ${reviewId}\`; a review is opened once`,
      document.file,
    );
  const open = program.governance.loaded.records.reviews.filter((r) => r.review.closed === undefined);
  if (open.length > 0)
    throw badInput(
      "E_GOV_NO_OPEN_REVIEW",
      `the review ${open.map((r) => r.review.id).join(", ")} is still open`,
      "close it first (upstream review close), so each motion belongs to one quarter",
    );
  const { context, check } = program.governance;
  const due = dueProjects(context, check.decisions, date);
  const since = lastReviewDay(program, date);
  // Opened first: a catalog that cannot be written (the bundled example) is refused before the store is touched.
  const writer = await GovernanceWriter.open(program, options, [document], `review open ${reviewId}`);
  const reviewed = options.assess === false ? undefined : await assessDue(program, due, date, since, options);
  const assessed = (reviewed?.reviewed ?? []).map((r) => ({ ...suggestionInput(r), reference: r.reference }));
  const suggested = suggestMotions(assessed, context.frameworks);
  const review: ReviewFile = {
    apiVersion: API_VERSION,
    id: reviewId,
    opened: date,
    due,
    ...(assessed.length > 0
      ? {
          assessed: Object.fromEntries(
            assessed.map((a) => [
              a.project,
              {
                ...(a.framework ? { framework: a.framework } : {}),
                declared: a.declaredWritten,
                supported: a.supported ?? null,
                ...(a.lifecycle ? { lifecycle: a.lifecycle } : {}),
                // Only where the assessment is kept: the store holds it, the review names it.
                ...(reviewed?.stored && a.reference ? { stored: a.reference } : {}),
              },
            ]),
          ),
        }
      : {}),
    ...(suggested.length > 0
      ? {
          suggested: suggested.map((s) => ({
            kind: s.kind,
            project: s.project,
            ...(s.level ? { level: s.level } : {}),
            why: s.why,
          })),
        }
      : {}),
  };
  const refusal = `the review ${reviewId} was not opened`;
  await writer.apply([{ op: "set", file: document.file, path: [], value: review }], refusal);
  const { written } = await writer.commit(refusal);
  if (options.json) printJson({ review, written });
  else {
    const t = escapeTerminalText;
    process.stdout.write(
      `opened ${reviewId} on ${date}: ${due.length} projects due, ${suggested.length} suggested motions ` +
        `(${written.join(", ")})\n` +
        suggested
          .map((s) => `  suggested: ${s.kind} ${t(s.project)}${s.level ? ` to ${t(s.level)}` : ""} — ${t(s.why)}\n`)
          .join(""),
    );
  }
}

/**
 * The assessment of each project due for the review's day (the store's, else computed and stored), what changed since
 * the last review and its momentum; thin over the reviewEvidence use case.
 */
async function assessDue(
  program: OpenedProgram,
  due: readonly string[],
  date: string,
  since: string | undefined,
  options: OpenOptions,
): Promise<{ reviewed: readonly ReviewedProject[]; stored: boolean }> {
  return withStoreSession(options, program, async (store) => {
    const { projects, issues } = await reviewEvidence(program, {
      cwd: process.cwd(),
      due,
      date,
      ...(since ? { since } : {}),
      compute: true,
      ...(store ? { store } : {}),
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    for (const i of issues) process.stderr.write(formatIssue(i) + "\n");
    return { reviewed: projects, stored: store !== undefined };
  });
}

/** What the suggestions need of a reviewed project. */
function suggestionInput(r: ReviewedProject): SuggestionInput & { declaredWritten: string | null } {
  const a = r.assessment;
  return {
    project: r.project,
    ...(a?.framework ? { framework: a.framework.id } : {}),
    ...(a && a.declared.stage !== null ? { declared: a.declared.stage } : {}),
    supported: a?.framework ? a.supported : undefined,
    declaredWritten: a?.declared.written ?? null,
    ...lifecycleOf(r.evidence),
  };
}

/** The day of the review before `day` (the latest opened earlier), if any: what "since the last review" means. */
function lastReviewDay(program: OpenedProgram, day: string, except?: string): string | undefined {
  return program.governance.loaded.records.reviews
    .map((r) => r.review)
    .filter((r) => r.id !== except && r.opened < day)
    .map((r) => r.opened)
    .sort()
    .at(-1);
}

/** The lifecycle of a project's code: ended only when every code repository says so. */
function lifecycleOf(evidence: ProjectEvidence | undefined): Pick<SuggestionInput, "lifecycle" | "lifecycleWhy"> {
  const code = (evidence?.repositories ?? []).filter((r) => r.role !== "governance" && r.lifecycle);
  if (code.length === 0) return {};
  if (code.some((r) => r.lifecycle!.state === "active")) return { lifecycle: "active" };
  const order = ["archived", "deprecated", "inactive"] as const;
  const state = order.find((s) => code.some((r) => r.lifecycle!.state === s))!;
  return { lifecycle: state, lifecycleWhy: code.map((r) => `${r.repository}: ${r.lifecycle!.reason}`).join("; ") };
}

export async function show(
  id: string | undefined,
  options: { catalog?: string; format?: string; json?: boolean } & StoreFlags,
): Promise<void> {
  const format = options.json ? "json" : (options.format ?? "text");
  if (!["text", "markdown", "json"].includes(format))
    throw new UserError("E_USAGE", `--format expects text or markdown, got '${format}'`);
  const program = await openCatalogGovernance(options);
  const reviews = program.governance.loaded.records.reviews;
  const entry =
    id !== undefined ? pickReview(program, id, { mustBeOpen: false, command: "review show" }) : reviews.at(-1);
  if (!entry)
    throw badInput(
      "E_GOV_NO_OPEN_REVIEW",
      "the catalog has no review yet",
      "open one with `upstream review open YYYY-Qn`",
    );
  const names = new Map(program.catalog.projects.map((p) => [p.id, p.name]));
  const plain = reviewView(entry, program.governance.loaded.records, program.governance.check, names);
  const view = withDerived(plain, await derivedOf(program, entry.review, options));
  if (format === "json") printJson(view);
  else process.stdout.write(format === "markdown" ? renderTocReviewMarkdown(view) : renderReviewText(view));
}

/**
 * What the store says of each project due: its assessment for the day the review opened, the change since the last
 * review and momentum, in words. Read only: a store that does not exist yet is not made (and nothing is computed).
 */
async function derivedOf(
  program: OpenedProgram,
  review: ReviewFile,
  options: StoreFlags,
): Promise<Map<string, ReviewDerived>> {
  const due = review.due ?? [];
  const target = storeTarget({
    catalogDir: program.baseDir,
    ...(options.database ? { database: options.database } : {}),
    env: process.env,
  });
  const absent =
    options.store === false || ("catalogDir" in target && !existsSync(join(program.baseDir, STORE_FOLDER, STORE_FILE)));
  const since = lastReviewDay(program, review.opened, review.id);
  const dates = { date: review.opened, ...(since ? { since } : {}) };
  const read = await withStoreSession(absent ? { store: false } : options, program, (store) =>
    reviewEvidence(program, { cwd: process.cwd(), due, ...dates, compute: false, ...(store ? { store } : {}) }),
  );
  return new Map(read.projects.map((r) => [r.project, reviewedLines(r, dates)]));
}

export async function close(
  id: string | undefined,
  options: { catalog?: string; date?: string; link?: string; json?: boolean },
): Promise<void> {
  const date = options.date ? parseDateOption(options.date, "--date") : today();
  const program = await openCatalogGovernance(options);
  const entry = pickReview(program, id, { mustBeOpen: true, command: "review close" });
  const reviewId = entry.review.id;
  const document = reviewDocument(reviewId);
  const refusal = `the review ${reviewId} was not closed`;
  const writer = await GovernanceWriter.open(program, options, [document], `review close ${reviewId}`);
  await writer.apply([{ op: "set", file: document.file, path: ["closed"], value: date }], refusal);
  // The final tallies, with the review closed: every motion passed or failed, every cascade ended.
  const closed = await writer.check();
  const errors = closed.issues.filter((i) => i.severity !== "warning");
  if (errors.length > 0) await writer.commit(refusal); // reports them, writes nothing
  const outcomes = closed.check.outcomes.filter((o) => o.review === reviewId);
  const decisions = closed.check.decisions.filter((d) => d.motion?.startsWith(`${reviewId}/`));
  const admissions = new Map<string, Motion>(
    outcomes.filter((o) => o.motion.kind === "admit" && o.status === "passed").map((o) => [o.motion.project, o.motion]),
  );
  const aliases = program.aliases;
  const writeBack = writeBackEdits({
    decisions,
    reviewId,
    reviewLink: options.link ?? document.file,
    context: program.governance.context,
    aliasOf: (framework) => Object.keys(aliases).find((a) => aliases[a] === framework),
    admissions,
    escape: MARKDOWN_ESCAPES,
  });
  if ("problem" in writeBack)
    throw badInput("E_CATALOG_EDIT", `${refusal}: ${writeBack.problem}`, writeBack.hint, entry.file);
  await writer.apply([...closeReviewEdits(document.file, outcomes, date).slice(1), ...writeBack.edits], refusal);
  const { written } = await writer.commit(refusal);
  const t = escapeTerminalText;
  if (options.json)
    printJson({
      review: reviewId,
      closed: date,
      motions: outcomes.map((o) => ({
        motion: `${reviewId}/${o.motion.id}`,
        status: o.status,
        tally: o.tally ?? null,
      })),
      decisions: decisions.map((d) => ({ date: d.date, project: d.project, decision: decisionWords(d) })),
      written,
    });
  else
    process.stdout.write(
      `closed ${reviewId} on ${date}: ${outcomes.filter((o) => o.status === "passed").length} passed, ` +
        `${outcomes.filter((o) => o.status === "failed").length} failed\n` +
        decisions.map((d) => `  ${d.date}  ${t(d.project)}  ${t(decisionWords(d))}\n`).join("") +
        `wrote ${written.join(", ")}\n`,
    );
}
