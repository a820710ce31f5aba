import { escapeTerminalText } from "../core/index.js";
import { plural } from "../core/index.js";
import type { GovernanceCheck } from "./check-governance.js";
import type { Decision, GovernanceRecords, MotionOutcome } from "./model.js";
import { decisionWords } from "./render-governance.js";
import type { Motion, ReviewFile } from "./schema.js";
import { describeRule, DEFAULT_RULE } from "./tally.js";
import { votingMembersOn } from "./toc.js";

/** The document the TOC meets over, as data: `review show --json`, and what the text and markdown render. */
export interface ReviewView {
  readonly id: string;
  readonly file: string;
  readonly opened: string;
  readonly closed: string | null;
  readonly rule: string;
  /** The voting members on the day it opened (or closed). */
  readonly voting: readonly { readonly handle: string; readonly name: string; readonly role: string }[];
  readonly due: readonly {
    readonly project: string;
    readonly name: string;
    readonly declared: string | null;
    readonly supported: string | null;
    readonly note: string | null;
    readonly suggested: readonly { readonly kind: string; readonly level: string | null; readonly why: string }[];
    /** What the store says (assessment, change since the last review, momentum), in words; absent: not read. */
    readonly derived?: ReviewDerived;
  }[];
  readonly motions: readonly {
    readonly id: string;
    readonly kind: Motion["kind"];
    readonly project: string;
    readonly what: string;
    readonly proposer: string;
    readonly date: string;
    readonly rationale: string | null;
    readonly opinion: string | null;
    readonly links: readonly string[];
    readonly votes: readonly { readonly member: string; readonly vote: string; readonly date: string }[];
    readonly status: MotionOutcome["status"];
    readonly tally: string | null;
  }[];
  /** What passed (and the rejections), as decisions. */
  readonly decided: readonly { readonly date: string; readonly project: string; readonly what: string }[];
}

/** A due project's derived side, in words: the caller reads it from the store (governance keeps no evidence). */
export interface ReviewDerived {
  readonly assessment: string;
  readonly changes: readonly string[];
  readonly momentum: string;
}

/** The view with each due project's derived side (project id → words); projects not in `derived` keep none. */
export function withDerived(view: ReviewView, derived: ReadonlyMap<string, ReviewDerived>): ReviewView {
  return {
    ...view,
    due: view.due.map((d) => (derived.has(d.project) ? { ...d, derived: derived.get(d.project)! } : d)),
  };
}

function motionWhat(m: Motion): string {
  switch (m.kind) {
    case "admit":
      return `admit ${m.project} at ${m.level ?? "?"}`;
    case "promote":
      return `promote ${m.project} to ${m.level ?? "?"}`;
    case "archive":
      return `archive ${m.project}`;
    case "donate":
      return `donate ${m.project} to ${m.foundation ?? "?"}`;
    case "reject":
      return `reject ${m.project}`;
  }
}

export function reviewView(
  entry: { readonly file: string; readonly review: ReviewFile },
  records: GovernanceRecords,
  check: GovernanceCheck,
  names: ReadonlyMap<string, string>,
): ReviewView {
  const { review, file } = entry;
  const day = review.closed ?? review.opened;
  const outcomes = check.outcomes.filter((o) => o.review === review.id);
  const decided: Decision[] = check.decisions
    .filter((d) => d.motion?.startsWith(`${review.id}/`))
    .sort((a, b) => a.date.localeCompare(b.date));
  const due = review.due ?? [];
  return {
    id: review.id,
    file,
    opened: review.opened,
    closed: review.closed ?? null,
    rule: describeRule(records.toc?.rule ?? DEFAULT_RULE),
    voting: votingMembersOn(records.toc?.members ?? [], day).map((m) => ({
      handle: m.handle,
      name: m.name,
      role: m.role ?? "member",
    })),
    due: due.map((project) => ({
      project,
      name: names.get(project) ?? project,
      declared: review.assessed?.[project]?.declared ?? null,
      supported: review.assessed?.[project]?.supported ?? null,
      note: review.notes?.[project] ?? null,
      suggested: (review.suggested ?? [])
        .filter((s) => s.project === project)
        .map((s) => ({ kind: s.kind, level: s.level ?? null, why: s.why })),
    })),
    motions: outcomes.map((o) => ({
      id: o.motion.id,
      kind: o.motion.kind,
      project: o.motion.project,
      what: motionWhat(o.motion),
      proposer: o.motion.proposer,
      date: o.motion.date,
      rationale: o.motion.rationale ?? null,
      opinion: o.motion.opinion ?? null,
      links: o.motion.links ?? [],
      votes: (o.motion.votes ?? []).map((v) => ({ member: v.member, vote: v.vote, date: v.date })),
      status: o.status,
      tally: o.tally?.explanation ?? null,
    })),
    decided: decided.map((d) => ({ date: d.date, project: d.project, what: decisionWords(d) })),
  };
}

const STATUS_WORDS: Record<MotionOutcome["status"], string> = {
  passed: "PASSED",
  failed: "FAILED",
  pending: "pending",
  recorded: "recorded",
};

/** The review for a terminal; every value from the records is escaped. */
export function renderReviewText(view: ReviewView): string {
  const t = escapeTerminalText;
  const lines = [
    `Review ${t(view.id)} (${t(view.file)}): opened ${view.opened}, ` +
      (view.closed ? `closed ${view.closed}` : "open"),
    `  rule: ${view.rule}; ${plural(view.voting.length, "voting member")}: ` +
      (view.voting.map((m) => t(m.handle) + (m.role === "chair" ? " (chair)" : "")).join(", ") || "none"),
    "",
    `Due (${view.due.length}):`,
  ];
  for (const d of view.due) {
    const levels = d.declared !== null ? `declared ${t(d.declared)}, supported ${t(d.supported ?? "none")}` : "";
    lines.push(`  ${t(d.project)}${levels ? `  ${levels}` : ""}`);
    if (d.note) lines.push(`    note: ${t(d.note)}`);
    for (const s of d.suggested)
      lines.push(`    suggested: ${s.kind}${s.level ? ` to ${t(s.level)}` : ""} — ${t(s.why)}`);
    if (d.derived)
      lines.push(
        `    ${t(d.derived.assessment)}`,
        ...d.derived.changes.map((c) => `    ${t(c)}`),
        `    ${t(d.derived.momentum)}`,
      );
  }
  lines.push("", `Motions (${view.motions.length}):`);
  for (const m of view.motions) {
    lines.push(
      `  ${t(view.id)}/${t(m.id)}: ${t(m.what)} — proposed by ${t(m.proposer)} on ${m.date}: ${STATUS_WORDS[m.status]}`,
    );
    if (m.rationale) lines.push(`    rationale: ${t(m.rationale)}`);
    if (m.opinion) lines.push(`    opinion: ${t(m.opinion)}`);
    for (const link of m.links) lines.push(`    link: ${t(link)}`);
    if (m.votes.length > 0)
      lines.push(`    votes: ${m.votes.map((v) => `${t(v.member)} ${v.vote} (${v.date})`).join(", ")}`);
    if (m.tally) lines.push(`    tally: ${t(m.tally)}`);
  }
  lines.push("", view.closed ? `Decided (${view.decided.length}):` : `Decided so far (${view.decided.length}):`);
  for (const d of view.decided) lines.push(`  ${d.date}  ${t(d.project)}  ${t(d.what)}`);
  return lines.join("\n") + "\n";
}
