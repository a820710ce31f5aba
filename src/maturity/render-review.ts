import { plural } from "../core/index.js";
import type { Fact, FactKind } from "./facts.js";
import { isSatisfied, type Finding, type ProjectAssessment } from "./assessment.js";
import type { AssessmentChange, PortfolioChange } from "./compare-assessments.js";
import { factText } from "./finding-text.js";
import {
  countedLine,
  criterionLine,
  declaredChange,
  declaredSourceMarkdown,
  driftChange,
  MARK,
  md,
  movementCell,
  splitCriteria,
  summaryFooter,
  supportedChange,
  movementText,
} from "./render-assessment.js";
import type { PortfolioSummary, SummaryRow } from "./summary.js";
import { MOMENTUM_LABELS, type MomentumFigure, type ProjectMomentum } from "./momentum.js";

/**
 * The review document (`assess --format markdown`), readable at 20+ projects: a summary table first, then per project
 * only what changed, what blocks the next stage and what needs a person; a project with nothing to say takes one
 * line. `--detail full` prints `renderMarkdown` instead (every criterion with its evidence). Catalog, framework and
 * repository text is escaped.
 */

/** What the review says about one project. */
interface ProjectReview {
  readonly assessment: ProjectAssessment;
  readonly change?: AssessmentChange;
  /** How its figures moved since the last review (`assess --since` with a store). */
  readonly momentum?: ProjectMomentum;
  /** Required criteria of the next stage that the project itself must settle (evidence, or work). */
  readonly blockers: readonly Finding[];
  /** Required criteria only a person can settle now: an attestation to record or renew. */
  readonly needsPerson: readonly Finding[];
  /** Suggested criteria of the same kind: counted, listed only with `--detail full`. */
  readonly suggestedForPerson: number;
}

const byPerson = (f: Finding) => f.advice?.kind === "attest" || f.advice?.kind === "renew";

/** Stages the review looks at: up to the next stage, and up to the declared one when that is higher. */
function stagesInView(a: ProjectAssessment): Set<string> {
  const stages = [...new Set(a.findings.map((f) => f.stage))];
  const last = Math.max(stages.indexOf(a.next?.stage ?? stages.at(-1) ?? ""), stages.indexOf(a.declared.stage ?? ""));
  return new Set(stages.slice(0, last + 1));
}

function reviewOf(
  a: ProjectAssessment,
  change: AssessmentChange | undefined,
  momentum: ProjectMomentum | undefined,
): ProjectReview {
  const inView = stagesInView(a);
  const forPerson = a.findings.filter((f) => inView.has(f.stage) && !isSatisfied(f) && byPerson(f));
  return {
    assessment: a,
    ...(change ? { change } : {}),
    ...(momentum ? { momentum } : {}),
    blockers: (a.next?.missing ?? []).filter((f) => !byPerson(f)),
    needsPerson: forPerson.filter((f) => f.requirement === "must"),
    suggestedForPerson: forPerson.filter((f) => f.requirement === "should").length,
  };
}

const changed = (r: ProjectReview) => r.change !== undefined && !r.change.unchanged;

/** Nothing changed, nothing blocks, no one needs to act, and the declared level is where the evidence is. */
function quiet(r: ProjectReview): boolean {
  const a = r.assessment;
  return (
    !changed(r) &&
    r.blockers.length === 0 &&
    r.needsPerson.length === 0 &&
    (a.drift.kind === "none" || a.drift.kind === "not-comparable") &&
    !a.unreadRepositories?.length &&
    !a.lifecycleWarning
  );
}

/** An id as code when it is plain (framework and project ids are), else escaped text. */
const id = (s: string) => (/^[\w.@-]+$/.test(s) ? `\`${s}\`` : md(s));

// The facts that say why a criterion is open (a count against its threshold, a file missing), before the rest.
const HEADLINE: ReadonlySet<FactKind> = new Set<FactKind>([
  "count",
  "maintainers",
  "maintainers-outside",
  "maintainer-organizations",
  "adopters-file",
  "adopters-union",
  "catalog-channels",
  "previous-stage",
  "file-missing",
  "file-unread",
  "no-evidence",
  "collector-failed",
  "no-program-organizations",
  "only-governance",
  "agreement-kind-unknown",
  "agreement-kind-differs",
]);

/** The one fact that says why: "3 distinct maintainers; 4 required". */
function headline(facts: readonly Fact[]): Fact | undefined {
  const open = facts.filter((f) => HEADLINE.has(f.kind));
  // a count with a threshold is the clearest reason; the adopters' per-file lines come before their total
  return open.find((f) => "threshold" in f && f.threshold !== undefined) ?? open[0] ?? facts[0];
}

function summaryRow(r: ProjectReview, row: SummaryRow): string {
  const whatChanged = !r.change
    ? "—"
    : r.change.unchanged
      ? "no change"
      : [
          movementCell(r.change),
          ...(r.change.gained ? [`${r.change.gained} gained`] : []),
          ...(r.change.lost ? [`${r.change.lost} lost`] : []),
          ...(r.change.newlyExpired.length ? [`${r.change.newlyExpired.length} expired`] : []),
        ].join(", ");
  const cells = [
    row.project,
    row.framework ?? "—",
    row.declared ?? "—",
    // null is "no stage supported" when assessed; not assessed (no framework) says nothing.
    row.framework ? (row.supported ?? "none") : "—",
    whatChanged,
    String(r.blockers.length),
    String(r.needsPerson.length),
  ];
  return `| ${cells.map(md).join(" | ")} |`;
}

const SUMMARY_HEADER = ["project", "framework", "declared", "supported", "what changed", "blockers", "needs a person"];

function changeLines(c: AssessmentChange): string[] {
  const out = [`### What changed since ${c.since}`, ""];
  if (c.note) out.push(`- Note: ${md(c.note)}`);
  out.push(`- Supported: ${md(supportedChange(c))} (${md(movementText(c))})`);
  if (c.declared.before !== c.declared.after) out.push(`- Declared: ${md(declaredChange(c))}`);
  if (c.drift.before.kind !== c.drift.after.kind) out.push(`- Drift: ${md(driftChange(c))}`);
  if (c.newlyExpired.length) out.push(`- Newly expired: ${c.newlyExpired.map(id).join(", ")}`);
  const { listed, counted } = splitCriteria(c);
  for (const k of listed) out.push(`- ${md(criterionLine(k))}`);
  if (counted.length) out.push(`- ${md(countedLine(c, counted))}`);
  return out;
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0");

function momentumCell(f: MomentumFigure): string {
  if (f.direction === "unknown") return `unknown${f.unknown ? `: ${md(f.unknown)}` : ""}`;
  return f.direction === "same" ? "same" : `${f.direction} ${signed(f.delta!)}`;
}

/** The figures as of the last review and now, what rose and what fell; unknown said as unknown, never as zero. */
function momentumLines(m: ProjectMomentum): string[] {
  const out = [`### Momentum since ${m.since}`, ""];
  if (m.figures.length === 0) return [...out, `Unknown: ${md(m.unknown ?? "no figures")}.`];
  for (const [date, side] of [
    [m.since, "before"],
    [m.asOf, "after"],
  ] as const) {
    const missing = m.repositories.filter((r) => r[side] === null).map((r) => r.repository);
    if (missing.length)
      out.push(`- No stored evidence as of ${date} for ${missing.map(id).join(", ")}: its figures are unknown.`);
  }
  const rose = m.figures.filter((f) => f.direction === "rose").map((f) => MOMENTUM_LABELS[f.metric]);
  const fell = m.figures.filter((f) => f.direction === "fell").map((f) => MOMENTUM_LABELS[f.metric]);
  if (rose.length) out.push(`- Rose: ${rose.join(", ")}.`);
  if (fell.length) out.push(`- Fell: ${fell.join(", ")}.`);
  if (m.organizations?.joined.length) out.push(`- New organizations: ${m.organizations.joined.map(md).join(", ")}.`);
  if (m.organizations?.left.length) out.push(`- Organizations gone: ${m.organizations.left.map(md).join(", ")}.`);
  if (!rose.length && !fell.length && m.figures.some((f) => f.direction === "same")) out.push("- No figure moved.");
  const read = m.repositories
    .map((r) => `${id(r.repository)} ${r.before?.asOf ?? "none"} → ${r.after?.asOf ?? "none"}`)
    .join(", ");
  out.push(`- Read from the stored snapshots: ${read}.`);
  const num = (n: number | null) => (n === null ? "unknown" : String(n));
  out.push("", `| figure | ${m.since} | ${m.asOf} | change |`, "| --- | --- | --- | --- |");
  for (const f of m.figures)
    out.push(`| ${MOMENTUM_LABELS[f.metric]} | ${num(f.before)} | ${num(f.after)} | ${momentumCell(f)} |`);
  return out;
}

/** A quiet project's momentum on its one line: the figures that moved, or that none did, or why none is known. */
function momentumInline(m: ProjectMomentum): string {
  const moved = m.figures.filter((f) => f.direction === "rose" || f.direction === "fell");
  if (moved.length)
    return `momentum: ${moved
      .map((f) => `${MOMENTUM_LABELS[f.metric]} ${f.direction} ${f.before} → ${f.after}`)
      .join(", ")}`;
  if (m.figures.some((f) => f.direction === "same")) return "momentum: no figure moved";
  return `momentum unknown: ${md(m.unknown ?? m.figures.find((f) => f.unknown)?.unknown ?? "no figures")}`;
}

function blockerLines(a: ProjectAssessment, blockers: readonly Finding[]): string[] {
  const out = [`### Blocks ${md(a.next!.stage)} (${blockers.length})`, ""];
  for (const f of blockers) {
    const why = headline(f.facts);
    out.push(`- [ ] ${id(f.criterionId)} (${MARK[f.status]}): ${md(f.text)}${why ? ` — ${md(factText(why))}` : ""}`);
  }
  return out;
}

function personLines(needsPerson: readonly Finding[], suggested: number): string[] {
  const out = [`### Needs a person (${needsPerson.length})`, ""];
  if (suggested)
    out.push(`And ${plural(suggested, "suggested criterion", "suggested criteria")} (\`--detail full\`).`, "");
  const stages = [...new Set(needsPerson.map((f) => f.stage))];
  for (const stage of stages) {
    out.push(`- ${md(stage)}`);
    for (const f of needsPerson.filter((x) => x.stage === stage)) {
      const what = f.advice?.kind === "renew" ? `renew (expired ${f.advice.expired})` : "attest";
      out.push(`  - ${id(f.criterionId)} (${MARK[f.status]}, ${what}): ${md(f.text)}`);
    }
  }
  return out;
}

function projectSection(r: ProjectReview): string[] {
  const a = r.assessment;
  const out = [`## ${md(a.name)} (${id(a.project)})`, ""];
  const source = declaredSourceMarkdown(a.declared);
  out.push(
    `Declared ${md(a.declared.written ?? "—")}${source ? ` (${source})` : ""} · ` +
      `supported **${md(a.supported ?? "none")}** · drift: ${md(a.drift.message)}`,
  );
  const notes = [
    ...(a.unreadRepositories ?? []).map(
      (u) => `- Not read: ${md(u.repository)}: ${md(u.message)} [${md(u.code)}] (its criteria are unknown)`,
    ),
    ...(a.lifecycleWarning ? [`- ${md(a.lifecycleWarning.message)}`] : []),
  ];
  if (notes.length) out.push("", ...notes);
  if (changed(r)) out.push("", ...changeLines(r.change!));
  if (r.momentum) out.push("", ...momentumLines(r.momentum));
  if (r.blockers.length) out.push("", ...blockerLines(a, r.blockers));
  if (r.needsPerson.length) out.push("", ...personLines(r.needsPerson, r.suggestedForPerson));
  return out;
}

/** One line for a project with nothing to say. */
function quietLine(r: ProjectReview): string {
  const a = r.assessment;
  const head = `- **${md(a.name)}** (${id(a.project)}): `;
  if (!a.framework) return `${head}not assessed: ${md(a.notAssessed ?? "no framework applies")}`;
  const level = a.drift.kind === "none" ? `supported ${md(a.supported ?? "none")}, as declared` : md(a.drift.message);
  const top = a.next ? "" : "; top stage";
  return `${head}${level}${top}${r.change ? "; no change" : ""}${r.momentum ? `; ${momentumInline(r.momentum)}` : ""}`;
}

/**
 * The review document: the summary table (with what changed when `changes` is given: `assess --since`), then each
 * project that has something to say, then one line for each that has not. With `momentum`, each project also
 * says what rose or fell since then (its figures from the stored evidence of both dates).
 */
export function renderReviewMarkdown(
  summary: PortfolioSummary,
  assessments: readonly ProjectAssessment[],
  changes?: PortfolioChange,
  momentum?: readonly ProjectMomentum[],
): string {
  const changeOf = new Map((changes?.changes ?? []).map((c) => [c.project, c]));
  const momentumOf = new Map((momentum ?? []).map((m) => [m.project, m]));
  const reviews = assessments.map((a) => reviewOf(a, changeOf.get(a.project), momentumOf.get(a.project)));
  const rows = new Map(summary.rows.map((r) => [r.project, r]));
  const out = [`# Maturity review as of ${summary.asOf}`, ""];
  out.push(
    changes
      ? `Compared with the last review, as of ${changes.since}.`
      : "What changed: run with `--since DATE` (the last review) to compare.",
    "",
  );
  out.push(`| ${SUMMARY_HEADER.join(" | ")} |`, `| ${SUMMARY_HEADER.map(() => "---").join(" | ")} |`);
  for (const r of reviews) out.push(summaryRow(r, rows.get(r.assessment.project)!));
  out.push("", `${summaryFooter(summary)}.`);
  const loud = reviews.filter((r) => !quiet(r));
  const silent = reviews.filter(quiet);
  out.push(
    "",
    `${plural(loud.length, "project")} to review below; ${plural(silent.length, "project")} with nothing to report. ` +
      "Blockers: required criteria of the next stage the project must meet; needs a person: criteria only an " +
      "attestation settles. `--detail full` shows every criterion with its evidence.",
  );
  for (const r of loud) out.push("", ...projectSection(r));
  if (silent.length) out.push("", "## Nothing to report", "", ...silent.map(quietLine));
  return out.join("\n") + "\n";
}
