import { textTable } from "../core/text-table.js";
import type { Finding, FindingStatus, ProjectAssessment } from "./assessment.js";
import type { PortfolioSummary, SummaryRow } from "./summary.js";

export { textTable };

/** Renderers: pure functions from assessments to text; the command prints them. */

const MARK: Record<FindingStatus, string> = { met: "✔ met", attested: "✔ attested", "not-met": "✘ not met", unknown: "? unknown", expired: "✘ expired" };
const DRIFT: Record<SummaryRow["drift"], string> = {
  none: "—",
  "declared-above-supported": "⚠ declared above",
  unconfirmed: "? unconfirmed",
  "eligible-to-move-up": "↑ eligible",
  "not-comparable": "n/a",
};


function summaryCells(r: SummaryRow): string[] {
  return [r.project, r.framework ?? "—", r.declared ?? "—", r.supported ?? "—", String(r.met), String(r.missing), String(r.unknown), DRIFT[r.drift]];
}
const SUMMARY_HEADER = ["project", "framework", "declared", "supported", "met", "missing", "unknown", "drift"];

function summaryFooter(s: PortfolioSummary): string {
  return `${s.rows.length} project${s.rows.length === 1 ? "" : "s"} as of ${s.asOf}: ${s.declaredAbove} declared above their evidence, ${s.unconfirmed} unconfirmed (criteria unknown), ${s.eligible} eligible to move up, ${s.notAssessed} not assessed`;
}

/** The portfolio summary for a terminal. */
export function renderSummaryText(s: PortfolioSummary): string {
  const notes = s.rows.filter((r) => r.note).map((r) => `  ${r.project}: ${r.note}`);
  return [textTable(SUMMARY_HEADER, s.rows.map(summaryCells)), "", summaryFooter(s), ...(notes.length ? ["", "notes:", ...notes] : [])].join("\n") + "\n";
}

function findingLines(f: Finding, indent: string): string[] {
  return [
    `${indent}${MARK[f.status].padEnd(11)} ${f.criterionId}${f.requirement === "should" ? " (suggested)" : ""}: ${f.text}`,
    ...f.evidence.map((e) => `${indent}            · ${e}`),
    ...(f.recommendation ? [`${indent}            → ${f.recommendation}`] : []),
  ];
}

/** One project in detail for a terminal: levels, drift, every criterion with its evidence, the gaps. */
export function renderAssessmentText(a: ProjectAssessment): string {
  const out = [`${a.name} (${a.project}) as of ${a.asOf}`];
  if (!a.framework) return [...out, `  not assessed: ${a.notAssessed}`, `  declared: ${a.declared.written ?? "—"}`].join("\n") + "\n";
  out.push(`  framework: ${a.framework.title} (${a.framework.id} version ${a.framework.version})`);
  out.push(`  declared:  ${a.declared.written ?? "—"}${a.declared.note ? ` (${a.declared.note})` : ""}`);
  out.push(`  supported: ${a.supported ?? "none"}`);
  out.push(`  drift:     ${a.drift.message}`);
  if (a.next) {
    out.push(`  missing for ${a.next.stage}:${a.next.missing.length ? "" : " nothing required"}`);
    for (const f of a.next.missing) out.push(`    [ ] ${f.criterionId} (${f.status}): ${f.recommendation ?? f.text}`);
    for (const f of a.next.suggested) out.push(`    [ ] ${f.criterionId} (suggested, ${f.status}): ${f.text}`);
  }
  let stage = "";
  for (const f of a.findings) {
    if (f.stage !== stage) out.push(`  ${(stage = f.stage)}:`);
    out.push(...findingLines(f, "    "));
  }
  return out.join("\n") + "\n";
}

// Text from catalogs and repositories (names, adopters) must not break a table or inject HTML.
const md = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The portfolio summary and each project's checklist, as markdown (for a review document). */
export function renderMarkdown(s: PortfolioSummary, assessments: readonly ProjectAssessment[]): string {
  const out = [`# Maturity assessment as of ${s.asOf}`, "", `| ${SUMMARY_HEADER.join(" | ")} |`, `| ${SUMMARY_HEADER.map(() => "---").join(" | ")} |`];
  for (const r of s.rows) out.push(`| ${summaryCells(r).map(md).join(" | ")} |`);
  out.push("", summaryFooter(s) + ".");
  for (const a of assessments) {
    out.push("", `## ${md(a.name)}`, "");
    if (!a.framework) {
      out.push(`Not assessed: ${md(a.notAssessed ?? "")}.`);
      continue;
    }
    out.push(`- Framework: ${a.framework.title} (\`${a.framework.id}\` version ${a.framework.version})`);
    out.push(`- Declared: ${md(a.declared.written ?? "—")}${a.declared.note ? ` (${md(a.declared.note)})` : ""}`);
    out.push(`- Supported: **${a.supported ?? "none"}**`, `- Drift: ${md(a.drift.message)}`);
    if (a.next) {
      out.push("", `### Missing for ${a.next.stage}`, "");
      if (!a.next.missing.length) out.push("Every required criterion is met or attested.");
      for (const f of a.next.missing) out.push(`- [ ] \`${f.criterionId}\` (${f.status}): ${md(f.text)}${f.evidence.length ? ` — ${md(f.evidence.join("; "))}` : ""}`);
      for (const f of a.next.suggested) out.push(`- [ ] \`${f.criterionId}\` (suggested, ${f.status}): ${md(f.text)}`);
    }
    out.push("", "| criterion | stage | status | evidence |", "| --- | --- | --- | --- |");
    for (const f of a.findings) out.push(`| \`${f.criterionId}\`${f.requirement === "should" ? " (suggested)" : ""} | ${f.stage} | ${MARK[f.status]} | ${md(f.evidence.join("; "))} |`);
  }
  return out.join("\n") + "\n";
}

/** The JSON document `--format json` prints: the summary and every assessment. */
export function renderJson(s: PortfolioSummary, assessments: readonly ProjectAssessment[]): string {
  return JSON.stringify({ summary: s, assessments }, null, 2) + "\n";
}
