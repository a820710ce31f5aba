import type { ReviewView } from "../governance/index.js";
import { escapeText, neutralizeMarkdown } from "../markdown/index.js";

/**
 * The review as a markdown document for the TOC's meeting: due projects with the assessment and
 * suggestions, each motion with its votes and tally, and what passed. Names and ids are escaped as
 * text; the notes, rationales and opinions people wrote are markdown, neutralized (no script, no
 * unsafe link) and kept on one line each so they cannot break a table or a list.
 */
export function renderTocReviewMarkdown(view: ReviewView): string {
  const e = (s: string) => escapeText(s);
  const md = (s: string) => neutralizeMarkdown(s.replace(/\s*\r?\n\s*/g, " "), { inline: true });
  const cell = (s: string) => md(s).replace(/(^|[^\\])\|/g, "$1\\|");
  const out: string[] = [
    `# Review ${e(view.id)}`,
    "",
    `Opened ${view.opened}; ${view.closed ? `closed ${view.closed}` : "open"}. Rule: ${e(view.rule)}. ` +
      `Voting members: ${
        view.voting.map((m) => e(m.handle) + (m.role === "chair" ? " (chair)" : "")).join(", ") || "none"
      }.`,
    "",
    "## Projects due",
    "",
    "| Project | Declared | Supported | Suggested | Notes |",
    "| --- | --- | --- | --- | --- |",
    ...view.due.map(
      (d) =>
        `| ${e(d.name)} | ${e(d.declared ?? "")} | ${e(d.supported ?? "")} | ` +
        `${d.suggested.map((s) => e(`${s.kind}${s.level ? ` to ${s.level}` : ""}: ${s.why}`)).join("<br>")} | ` +
        `${d.note ? cell(d.note) : ""} |`,
    ),
    "",
  ];
  const derived = view.due.filter((d) => d.derived);
  if (derived.length > 0) {
    out.push("## Since the last review", "");
    for (const d of derived) {
      const x = d.derived!;
      out.push(`### ${e(d.name)}`, "", `- ${e(x.assessment)}`, ...x.changes.map((c) => `- ${e(c)}`));
      out.push(`- ${e(x.momentum)}`, "");
    }
  }
  out.push("## Motions", "");
  if (view.motions.length === 0) out.push("None yet.", "");
  for (const m of view.motions) {
    out.push(`### ${e(`${view.id}/${m.id}`)}: ${e(m.what)} — ${m.status}`, "");
    out.push(`Proposed by ${e(m.proposer)} on ${m.date}.`);
    if (m.rationale) out.push(`Rationale: ${md(m.rationale)}`);
    if (m.opinion) out.push(`Opinion of the TOC: ${md(m.opinion)}`);
    for (const link of m.links) out.push(`Link: ${md(`<${link.replace(/[<>\s]/g, "")}>`)}`);
    out.push("");
    if (m.votes.length > 0) {
      out.push("| Member | Vote | Date |", "| --- | --- | --- |");
      for (const v of m.votes) out.push(`| ${e(v.member)} | ${v.vote} | ${v.date} |`);
      out.push("");
    }
    if (m.tally) out.push(`Tally: ${e(m.tally)}.`, "");
  }
  out.push(view.closed ? "## Decided" : "## Decided so far", "");
  if (view.decided.length === 0) out.push("Nothing yet.");
  for (const d of view.decided) out.push(`- ${d.date}: ${e(d.project)} ${e(d.what)}`);
  return out.join("\n") + "\n";
}
