import { escapeTerminalText } from "../core/index.js";
import { textTable } from "../core/index.js";
import type { MatchReport } from "./match-public.js";
import type { Decision } from "./model.js";
import type { Member } from "./schema.js";
import { votes } from "./toc.js";

const t = escapeTerminalText;

/** What a decision did, in words: "admitted at incubating", "donated to CNCF". */
export function decisionWords(d: Pick<Decision, "kind" | "stage" | "foundation">): string {
  switch (d.kind) {
    case "admit":
      return `admitted at ${d.stage}`;
    case "promote":
      return `promoted to ${d.stage}`;
    case "archive":
      return "archived";
    case "donate":
      return `donated to ${d.foundation}`;
    case "reject":
      return "rejected";
  }
}

/** The decision history as a table; every value from the records is escaped for the terminal. */
export function renderDecisions(decisions: readonly Decision[]): string {
  if (decisions.length === 0) return "no decisions recorded\n";
  return (
    textTable(
      ["DATE", "PROJECT", "FRAMEWORK", "DECISION", "BY", "VOTE", "RECORD"],
      decisions.map((d) => [
        d.date,
        t(d.project),
        t(d.framework),
        t(decisionWords(d)),
        t(d.motion ? `${d.by} ${d.motion}` : d.by),
        d.tally
          ? `${d.tally.yes} yes, ${d.tally.no} no, ${d.tally.abstain} abstain of ${d.tally.votingMembers}`
          : // A decision recorded from elsewhere (imported, or written by hand) carries no votes of this TOC.
            d.motion
            ? ""
            : "none here (recorded)",
        t(d.source ?? d.file),
      ]),
    ) + "\n"
  );
}

/** The decision as JSON: the stable shape of `decisions --json`. */
export function decisionJson(d: Decision) {
  return {
    date: d.date,
    project: d.project,
    kind: d.kind,
    framework: d.framework,
    stage: d.stage ?? null,
    foundation: d.foundation ?? null,
    by: d.by,
    motion: d.motion ?? null,
    vote: d.tally
      ? {
          yes: d.tally.yes,
          no: d.tally.no,
          abstain: d.tally.abstain,
          votingMembers: d.tally.votingMembers,
          needed: d.tally.needed,
          explanation: d.tally.explanation,
        }
      : null,
    opinion: d.opinion ?? null,
    link: d.link ?? null,
    source: d.source ?? null,
    file: d.file,
  };
}

export function renderMembers(members: readonly Member[], date: string): string {
  if (members.length === 0) return `no TOC member serves on ${date}\n`;
  return (
    textTable(
      ["HANDLE", "NAME", "ORGANIZATION", "ROLE", "VOTES", "TERM"],
      members.map((m) => [
        t(m.handle),
        t(m.name),
        t(m.organization ?? ""),
        m.role ?? "member",
        votes(m) ? "yes" : "no",
        `${m.term.from} … ${m.term.until ?? "now"}`,
      ]),
    ) + `\n${members.filter(votes).length} voting members on ${date}\n`
  );
}

/** The import's match report: what matched, how, the decisions it dates; what did not, and why. */
export function renderMatchReport(report: MatchReport): string {
  const matched = report.matches.filter((m) => m.matched);
  const lines = [
    `${t(report.file)} (${report.kind}): ${report.listed} foundation projects listed; ` +
      `${matched.length} of ${report.matches.length} catalog projects matched`,
  ];
  for (const m of report.matches) {
    if (!m.matched) {
      lines.push(`  ✘ ${t(m.project)}: ${t(m.why)}`);
      continue;
    }
    lines.push(`  ✔ ${t(m.project)} = ${t(m.entry.name)} (${m.entry.level}), by ${m.by}`);
    for (const d of m.decisions) lines.push(`      ${d.date}  ${t(decisionWords({ ...d, stage: d.level }))}`);
    for (const n of m.notes) lines.push(`      note: ${t(n)}`);
  }
  return lines.join("\n") + "\n";
}
