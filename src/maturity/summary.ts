import type { ProjectAssessment, UnreadRepository } from "./assessment.js";

/** One row of the portfolio summary. */
export interface SummaryRow {
  readonly project: string;
  readonly name: string;
  /** Framework id@version, or null when not assessed. */
  readonly framework: string | null;
  readonly declared: string | null;
  /** The highest stage the evidence supports; null for none (and when not assessed), as in ProjectAssessment. */
  readonly supported: string | null;
  /** met + attested. */
  readonly met: number;
  /** not met + expired. */
  readonly missing: number;
  readonly unknown: number;
  readonly drift: ProjectAssessment["drift"]["kind"];
  readonly note?: string;
  /** How much of the project's evidence was read: all repositories, some, or none (collector failures). */
  readonly measured: "all" | "partly" | "none";
  /** The repositories not read, when some were not. */
  readonly unread?: readonly UnreadRepository[];
}

export interface PortfolioSummary {
  readonly asOf: string;
  readonly rows: readonly SummaryRow[];
  /** Projects declared above what they support. */
  readonly declaredAbove: number;
  /** Declared above what is confirmed, but only because criteria are unknown. */
  readonly unconfirmed: number;
  readonly eligible: number;
  readonly notAssessed: number;
  /** Projects none of whose repositories could be read, and those only some of whose could. */
  readonly notMeasured: number;
  readonly partlyMeasured: number;
}

/** The portfolio at a glance: one row per project. Pure. */
export function summarizePortfolio(assessments: readonly ProjectAssessment[], asOf: string): PortfolioSummary {
  const rows = assessments.map(
    (a): SummaryRow => ({
      project: a.project,
      name: a.name,
      framework: a.framework ? `${a.framework.id}@${a.framework.version}` : null,
      declared: a.declared.written,
      supported: a.supported,
      met: a.counts.met + a.counts.attested,
      missing: a.counts.notMet + a.counts.expired,
      unknown: a.counts.unknown,
      drift: a.drift.kind,
      measured: measured(a),
      ...(a.unreadRepositories?.length ? { unread: a.unreadRepositories } : {}),
      ...(a.notAssessed ? { note: a.notAssessed } : a.declared.note ? { note: a.declared.note } : {}),
    }),
  );
  return {
    asOf,
    rows,
    declaredAbove: rows.filter((r) => r.drift === "declared-above-supported").length,
    unconfirmed: rows.filter((r) => r.drift === "unconfirmed").length,
    eligible: rows.filter((r) => r.drift === "eligible-to-move-up").length,
    notAssessed: rows.filter((r) => r.framework === null).length,
    notMeasured: rows.filter((r) => r.measured === "none").length,
    partlyMeasured: rows.filter((r) => r.measured === "partly").length,
  };
}

function measured(a: ProjectAssessment): SummaryRow["measured"] {
  if (!a.unreadRepositories?.length) return "all";
  return a.evidenceGap?.kind === "unreadable" ? "none" : "partly";
}
