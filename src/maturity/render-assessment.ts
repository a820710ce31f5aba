import { escapeTerminalDeep } from "../core/index.js";
import { textTable } from "../core/index.js";
import { plural } from "../core/index.js";
import type { Drift, EvidenceGap, Finding, FindingStatus, ProjectAssessment } from "./assessment.js";
import type { AssessmentChange, CriterionChange, Movement, PortfolioChange } from "./compare-assessments.js";
import type { PortfolioSummary, SummaryRow } from "./summary.js";
import { sourceWords, type DeclaredLevel, type DeclaredSource } from "./resolve-state.js";

/** Renderers: pure functions from assessments to text; the command prints them. */

export const MARK: Record<FindingStatus, string> = {
  met: "✔ met",
  attested: "✔ attested",
  "not-met": "✘ not met",
  unknown: "? unknown",
  expired: "✘ expired",
};
const DRIFT: Record<SummaryRow["drift"], string> = {
  none: "—",
  "declared-above-supported": "⚠ declared above",
  unconfirmed: "? unconfirmed",
  "eligible-to-move-up": "↑ eligible",
  "not-comparable": "n/a",
};

function summaryCells(r: SummaryRow): string[] {
  return [
    r.project,
    r.framework ?? "—",
    r.declared ?? "—",
    r.framework === null ? "—" : (r.supported ?? "none"),
    String(r.met),
    String(r.missing),
    String(r.unknown),
    DRIFT[r.drift],
  ];
}
const SUMMARY_HEADER = ["project", "framework", "declared", "supported", "met", "missing", "unknown", "drift"];

export function summaryFooter(s: PortfolioSummary): string {
  const measured =
    s.notMeasured || s.partlyMeasured
      ? `; ${s.notMeasured} not measured and ${s.partlyMeasured} measured in ` +
        `part (repositories could not be read: their criteria are unknown)`
      : "";
  return (
    `${plural(s.rows.length, "project")} as of ${s.asOf}: ${s.declaredAbove} declared above ` +
    `${s.declaredAbove === 1 ? "its" : "their"} evidence, ${s.unconfirmed} unconfirmed (criteria ` +
    `unknown), ${s.eligible} eligible to move up, ${s.notAssessed} not assessed${measured}`
  );
}

/** The portfolio summary for a terminal. */
export function renderSummaryText(summary: PortfolioSummary): string {
  // Text for a terminal: whatever the data holds, no control character reaches it.
  const s = escapeTerminalDeep(summary);
  const notes = s.rows.flatMap((r) => [
    ...(r.note ? [`  ${r.project}: ${r.note}`] : []),
    ...(r.unread ?? []).map(
      (u) =>
        `  ${r.project}: ${r.measured === "none" ? "not measured" : "measured in part"}: ` +
        `${u.repository} could not be read: ${u.message} [${u.code}]`,
    ),
  ]);
  return (
    [
      textTable(SUMMARY_HEADER, s.rows.map(summaryCells)),
      "",
      summaryFooter(s),
      ...(notes.length ? ["", "notes:", ...notes] : []),
    ].join("\n") + "\n"
  );
}

function findingLines(f: Finding, indent: string): string[] {
  return [
    `${indent}${MARK[f.status].padEnd(11)} ` +
      `${f.criterionId}${f.requirement === "should" ? " (suggested)" : ""}: ${f.text}`,
    ...f.evidence.map((e) => `${indent}            · ${e}`),
    ...(f.recommendation ? [`${indent}            → ${f.recommendation}`] : []),
  ];
}

/** A decision source with its link, for a terminal: "decided: promote 2026-Q4/x on 2026-10-15, https://…". */
function sourceText(source: DeclaredSource | undefined): string {
  const words = sourceWords(source);
  return words && source?.kind !== "catalog" && source?.link ? `${words}, ${source.link}` : words;
}

/** "Azure: incubating (decided: promote 2026-Q4/x on 2026-10-15, link)"; the catalog's state as before. */
export function declaredText(d: DeclaredLevel): string {
  const why = [d.note, sourceText(d.source)].filter(Boolean).join("; ");
  return `${d.written ?? "—"}${why ? ` (${why})` : ""}`;
}

/** A link target markdown cannot misread: parentheses, spaces and angle brackets percent-encoded. */
const mdUrl = (url: string) => url.replace(/[()<>\s\\]/g, (c) => encodeURIComponent(c));

/** The decision a declared level rests on, for markdown, linked to its record; "" for the catalog's state. */
export function declaredSourceMarkdown(d: DeclaredLevel): string {
  const words = sourceWords(d.source);
  const link = d.source?.kind !== "catalog" ? d.source?.link : undefined;
  return words ? `${md(words)}${link ? ` ([record](${mdUrl(link)}))` : ""}` : "";
}

/** The declared level for markdown, the decision it rests on linked to its record. */
function declaredMarkdown(d: DeclaredLevel): string {
  const source = declaredSourceMarkdown(d);
  const why = [d.note ? md(d.note) : "", source].filter(Boolean).join("; ");
  return `${md(d.written ?? "—")}${why ? ` (${why})` : ""}`;
}

/** One project in detail for a terminal: levels, drift, every criterion with its evidence, the gaps. */
export function renderAssessmentText(assessment: ProjectAssessment): string {
  const a = escapeTerminalDeep(assessment);
  const out = [`${a.name} (${a.project}) as of ${a.asOf}`];
  if (!a.framework)
    return [...out, `  not assessed: ${a.notAssessed}`, `  declared: ${a.declared.written ?? "—"}`].join("\n") + "\n";
  out.push(`  framework: ${a.framework.title} (${a.framework.id} version ${a.framework.version})`);
  out.push(`  declared:  ${declaredText(a.declared)}`);
  out.push(`  supported: ${a.supported ?? "none"}`);
  out.push(`  drift:     ${a.drift.message}`);
  for (const u of a.unreadRepositories ?? [])
    out.push(`  not read:  ${u.repository}: ${u.message} [${u.code}] (its criteria are unknown)`);
  if (a.next) {
    out.push(`  missing for ${a.next.stage}:${a.next.missing.length ? "" : " nothing required"}`);
    for (const f of a.next.missing)
      out.push(`    [ ] ${f.criterionId} (${MARK[f.status]}): ${f.recommendation ?? f.text}`);
    for (const f of a.next.suggested) out.push(`    [ ] ${f.criterionId} (suggested, ${MARK[f.status]}): ${f.text}`);
  }
  let stage = "";
  for (const f of a.findings) {
    if (f.stage !== stage) out.push(`  ${(stage = f.stage)}:`);
    out.push(...findingLines(f, "    "));
  }
  return out.join("\n") + "\n";
}

// Text from catalogs and repositories (names, adopters, README headings) must not break a table,
// inject HTML, or become a live link or image: every character markdown gives a meaning is escaped.
export const md = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_{}[\]()#+!|~]/g, "\\$&")
    .replace(/\r?\n/g, " ");

/** The portfolio summary and each project's checklist, as markdown (for a review document). */
export function renderMarkdown(s: PortfolioSummary, assessments: readonly ProjectAssessment[]): string {
  const out = [
    `# Maturity assessment as of ${s.asOf}`,
    "",
    `| ${SUMMARY_HEADER.join(" | ")} |`,
    `| ${SUMMARY_HEADER.map(() => "---").join(" | ")} |`,
  ];
  for (const r of s.rows) out.push(`| ${summaryCells(r).map(md).join(" | ")} |`);
  out.push("", summaryFooter(s) + ".");
  for (const a of assessments) {
    out.push("", `## ${md(a.name)}`, "");
    if (!a.framework) {
      out.push(`Not assessed: ${md(a.notAssessed ?? "")}.`);
      continue;
    }
    out.push(`- Framework: ${a.framework.title} (\`${a.framework.id}\` version ${a.framework.version})`);
    out.push(`- Declared: ${declaredMarkdown(a.declared)}`);
    out.push(`- Supported: **${a.supported ?? "none"}**`, `- Drift: ${md(a.drift.message)}`);
    for (const u of a.unreadRepositories ?? [])
      out.push(`- Not read: ${md(u.repository)}: ${md(u.message)} [${u.code}] (its criteria are unknown)`);
    if (a.next) {
      out.push("", `### Missing for ${a.next.stage}`, "");
      if (!a.next.missing.length) out.push("Every required criterion is met or attested.");
      for (const f of a.next.missing)
        out.push(
          `- [ ] \`${f.criterionId}\` (${MARK[f.status]}): ` +
            `${md(f.text)}${f.evidence.length ? ` — ${md(f.evidence.join("; "))}` : ""}`,
        );
      for (const f of a.next.suggested)
        out.push(`- [ ] \`${f.criterionId}\` (suggested, ${MARK[f.status]}): ${md(f.text)}`);
    }
    out.push("", "| criterion | stage | status | evidence |", "| --- | --- | --- | --- |");
    for (const f of a.findings)
      out.push(
        `| \`${f.criterionId}\`${f.requirement === "should" ? " (suggested)" : ""} ` +
          `| ${f.stage} | ${MARK[f.status]} | ${md(f.evidence.join("; "))} |`,
      );
  }
  return out.join("\n") + "\n";
}

// --- Changes between two dates (`assess --since`) ---

const MOVEMENT: Record<Movement, string> = {
  up: "↑ moved up",
  down: "↓ moved down",
  same: "= same",
  new: "+ new",
  "not-comparable": "n/a",
};
/** Drift where a change of it is shown: "— none" reads better than a bare "—" beside an arrow. */
const DRIFT_WORDS: Record<Drift["kind"], string> = { ...DRIFT, none: "— none" };
const CHANGES_HEADER = ["project", "framework", "supported then → now", "movement", "gained", "lost", "expired"];
/** At most this many "now decided" criteria (unknown → not met) are listed one by one; more are counted. */
const FEW_DECIDED = 3;

export const mark = (s: FindingStatus | null) => (s ? MARK[s] : "absent");
const thenNow = <T>(v: { before: T; after: T }, show: (x: T) => string) => `${show(v.before)} → ${show(v.after)}`;
/** Criteria were compared: neither side lacks a framework, nor evidence the other side has. */
const compared = (c: AssessmentChange) => !c.note;
const driftMoved = (c: AssessmentChange) => compared(c) && c.drift.before.kind !== c.drift.after.kind;

/** The declared level is not a stage at either date (N/A, stable): drift is "n/a", as in the summary. */
const driftNotComparable = (c: AssessmentChange) =>
  c.drift.before.kind === "not-comparable" && c.drift.after.kind === "not-comparable";
/** No evidence could be read at either date (no repository listed, none readable). */
const noEvidenceEither = (c: AssessmentChange) => c.evidenceGap.before !== null && c.evidenceGap.after !== null;

/**
 * The table's movement cell: the level's movement, and where drift moved while the level held, where it went; "drift
 * n/a" where the declared level is not a stage.
 */
export function movementCell(c: AssessmentChange): string {
  if (c.movement !== "same") return MOVEMENT[c.movement];
  if (driftMoved(c)) return `= same; drift → ${DRIFT_WORDS[c.drift.after.kind]}`;
  return driftNotComparable(c) ? `= same; drift ${DRIFT["not-comparable"]}` : MOVEMENT.same;
}

/**
 * The movement in words for a project's details; where the level held but drift moved, that too: "= same level; drift ?
 * unconfirmed → ⚠ declared above".
 */
export function movementText(c: AssessmentChange): string {
  if (c.movement === "not-comparable" && !c.note && noEvidenceEither(c))
    return `${MOVEMENT["not-comparable"]}: no evidence read at either date`;
  if (c.movement !== "same") return MOVEMENT[c.movement];
  if (driftMoved(c)) return `= same level; drift ${thenNow(c.drift, (d) => DRIFT_WORDS[d.kind])}`;
  return driftNotComparable(c) ? `= same level; drift ${DRIFT["not-comparable"]}` : "= same level";
}

function changeCells(c: AssessmentChange): string[] {
  const framework =
    c.framework.before === c.framework.after ? (c.framework.after ?? "—") : thenNow(c.framework, (f) => f ?? "—");
  return [
    c.project,
    framework,
    supportedChange(c),
    movementCell(c),
    String(c.gained),
    String(c.lost),
    String(c.newlyExpired.length),
  ];
}

/**
 * Each side labelled as in the portfolio summary: the stage, "none" where no stage is supported (also when no evidence
 * could be read: the unknown criteria say why), "—" where no framework applied (not assessed) or nothing existed yet.
 */
export function supportedChange(c: AssessmentChange): string {
  const side = (framework: string | null, gap: EvidenceGap | null, supported: string | null) =>
    !framework || gap?.kind === "not-yet" ? "—" : (supported ?? "none");
  return (
    `${side(c.framework.before, c.evidenceGap.before, c.supported.before)} ` +
    `→ ${side(c.framework.after, c.evidenceGap.after, c.supported.after)}`
  );
}

function changesFooter(c: PortfolioChange): string {
  return (
    `${plural(c.changes.length, "project")} between ${c.since} and ${c.asOf}: ${c.movedUp} moved up, ` +
    `${c.movedDown} moved down, ${c.same} same, ${c.new ? `${c.new} new, ` : ""}${c.notComparable} not comparable`
  );
}

/** "declared: Azure: incubating (unchanged)" or "A → B". */
export function declaredChange(c: AssessmentChange): string {
  if (c.declared.before === c.declared.after) return `${c.declared.after ?? "—"} (unchanged)`;
  // The decision that moved it, when one did (the later side rests on it).
  const why = sourceText(c.declaredSource?.after ?? undefined);
  return thenNow(c.declared, (d) => d ?? "—") + (why ? ` (${why})` : "");
}

/** Drift then → now with the message now; only now when the earlier side could not be compared. */
export function driftChange(c: AssessmentChange): string {
  const now = `${DRIFT_WORDS[c.drift.after.kind]}: ${c.drift.after.message}`;
  if (!compared(c)) return `now ${now}`;
  return c.drift.before.kind === c.drift.after.kind
    ? `${DRIFT_WORDS[c.drift.after.kind]} (unchanged): ${c.drift.after.message}`
    : `${thenNow(c.drift, (d) => DRIFT_WORDS[d.kind])}: ${c.drift.after.message}`;
}

/** The criteria listed one by one, and the "now decided" ones counted instead when there are more than a few. */
export function splitCriteria(c: AssessmentChange): {
  listed: readonly CriterionChange[];
  counted: readonly CriterionChange[];
} {
  const decided = c.criteria.filter((k) => k.decided);
  return decided.length <= FEW_DECIDED
    ? { listed: c.criteria, counted: [] }
    : { listed: c.criteria.filter((k) => !k.decided), counted: decided };
}

/** "23 criteria now decided: ? unknown → ✘ not met (22), ✘ expired (1); `upstream assess ID` shows their evidence". */
export function countedLine(c: AssessmentChange, counted: readonly CriterionChange[]): string {
  const byStatus = new Map<FindingStatus, number>();
  for (const k of counted) byStatus.set(k.after!, (byStatus.get(k.after!) ?? 0) + 1);
  const now = [...byStatus].map(([s, n]) => (byStatus.size > 1 ? `${MARK[s]} (${n})` : MARK[s])).join(", ");
  return (
    `${counted.length} criteria now decided: ${MARK.unknown} → ${now}; ` +
    `\`upstream assess ${c.project} --as-of ${c.asOf}\` shows their evidence`
  );
}

function criteriaHeader(c: AssessmentChange, counted: readonly CriterionChange[]): string {
  return `${c.gained} gained, ${c.lost} lost${counted.length ? `, ${counted.length} now decided` : ""}`;
}

export const criterionLine = (k: CriterionChange) =>
  `${k.criterionId}${k.requirement === "should" ? " (suggested)" : ""}: ${mark(k.before)} → ${mark(k.after)}`;

/** Why an unchanged project's level is n/a, when it is: its note, or no evidence at either date. */
function unchangedWhy(c: AssessmentChange): string | undefined {
  return (
    c.note ??
    (c.movement === "not-comparable" && noEvidenceEither(c)
      ? "level not compared: no evidence read at either date"
      : undefined)
  );
}

/** What changed for one project, for a terminal: levels, drift, each criterion that changed with its evidence now. */
export function renderChangeText(change: AssessmentChange): string {
  const c = escapeTerminalDeep(change);
  const head = `${c.name} (${c.project})`;
  if (c.unchanged)
    return `${head}: no change between ${c.since} and ${c.asOf}${unchangedWhy(c) ? ` (${unchangedWhy(c)})` : ""}\n`;
  const out = [`${head} between ${c.since} and ${c.asOf}`];
  if (c.note) out.push(`  note:      ${c.note}`);
  out.push(`  supported: ${supportedChange(c)} (${movementText(c)})`);
  out.push(`  declared:  ${declaredChange(c)}`);
  out.push(`  drift:     ${driftChange(c)}`);
  const { listed, counted } = splitCriteria(c);
  if (c.criteria.length) out.push(`  criteria changed (${criteriaHeader(c, counted)}):`);
  for (const k of listed) out.push(`    ${criterionLine(k)}`, ...k.evidence.map((e) => `        · ${e}`));
  if (counted.length) out.push(`    ${countedLine(c, counted)}`);
  if (c.newlyExpired.length) out.push(`  newly expired: ${c.newlyExpired.join(", ")}`);
  return out.join("\n") + "\n";
}

/**
 * The portfolio between two dates for a terminal: a table (supported then → now, movement, criteria gained / lost),
 * then each project's changes.
 */
export function renderChangesText(changes: PortfolioChange): string {
  const c = escapeTerminalDeep(changes);
  const out = [
    `Changes since ${c.since} (as of ${c.asOf})`,
    "",
    textTable(CHANGES_HEADER, c.changes.map(changeCells)),
    "",
    changesFooter(c),
  ];
  for (const p of c.changes) out.push("", renderChangeText(p).trimEnd());
  return out.join("\n") + "\n";
}

/** The section "Changes since DATE" of a review document, as markdown; catalog and repository text is escaped. */
export function renderChangesMarkdown(c: PortfolioChange): string {
  const out = [
    `## Changes since ${c.since}`,
    "",
    `Assessed as of ${c.since} (the last review) and as of ${c.asOf}.`,
    "",
  ];
  out.push(`| ${CHANGES_HEADER.join(" | ")} |`, `| ${CHANGES_HEADER.map(() => "---").join(" | ")} |`);
  for (const p of c.changes) out.push(`| ${changeCells(p).map(md).join(" | ")} |`);
  out.push("", changesFooter(c) + ".");
  for (const p of c.changes) {
    out.push("", `### ${md(p.name)}`, "");
    if (p.unchanged) {
      out.push(`No change.${unchangedWhy(p) ? ` ${md(unchangedWhy(p)!)}.` : ""}`);
      continue;
    }
    if (p.note) out.push(`- Note: ${md(p.note)}`);
    out.push(`- Supported: ${supportedChange(p)} (${md(movementText(p))})`);
    out.push(`- Declared: ${md(declaredChange(p))}`, `- Drift: ${md(driftChange(p))}`);
    if (p.newlyExpired.length) out.push(`- Newly expired: ${p.newlyExpired.map((id) => `\`${id}\``).join(", ")}`);
    if (!p.criteria.length) continue;
    const { listed, counted } = splitCriteria(p);
    if (counted.length) out.push(`- ${countedLine(p, counted)}`); // ids and dates only: safe as written
    if (!listed.length) continue;
    out.push("", "| criterion | stage | then | now | evidence now |", "| --- | --- | --- | --- | --- |");
    for (const k of listed)
      out.push(
        `| \`${k.criterionId}\`${k.requirement === "should" ? " (suggested)" : ""} | ` +
          `${md(k.stage)} | ${mark(k.before)} | ${mark(k.after)} | ${md(k.evidence.join("; "))} |`,
      );
  }
  return out.join("\n") + "\n";
}
