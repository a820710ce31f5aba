/**
 * Momentum: how a project's activity figures moved between the last review and now, read from stored evidence.
 * The figures are those of the history (`upstream history --metric`); a figure the store cannot tell is unknown
 * (null, with the reason), never zero.
 */

export const MOMENTUM_METRICS = ["commits", "contributors", "organizations", "elephant", "releases"] as const;
export type MomentumMetric = (typeof MOMENTUM_METRICS)[number];

/** What each figure counts, in words, as the review prints it. */
export const MOMENTUM_LABELS: Readonly<Record<MomentumMetric, string>> = {
  commits: "commits in the last 12 months",
  contributors: "contributors in the last 12 months",
  organizations: "organizations in the last 12 months",
  elephant: "elephant factor",
  releases: "releases in the last 12 months",
};

export type MomentumDirection = "rose" | "fell" | "same" | "unknown";

export interface MomentumFigure {
  readonly metric: MomentumMetric;
  /** The figure as of the last review; null when unknown. */
  readonly before: number | null;
  /** The figure now; null when unknown. */
  readonly after: number | null;
  readonly direction: MomentumDirection;
  /** after − before; null when either is unknown. */
  readonly delta: number | null;
  /** Why the figure is unknown (one side or both), when it is. */
  readonly unknown?: string;
}

/** The stored snapshot a side of the comparison read for one repository; null when the store holds none. */
export interface MomentumSnapshot {
  /** The snapshot's as-of date (the closest on or before the date asked). */
  readonly asOf: string;
  readonly commit: string;
}

export interface ProjectMomentum {
  readonly project: string;
  /** The last review's date. */
  readonly since: string;
  readonly asOf: string;
  /** Per repository, the snapshots each side read. */
  readonly repositories: readonly {
    readonly repository: string;
    readonly before: MomentumSnapshot | null;
    readonly after: MomentumSnapshot | null;
  }[];
  readonly figures: readonly MomentumFigure[];
  /** The organizations of the last 12 months that are new now and that are gone, when both sides are known. */
  readonly organizations?: { readonly joined: readonly string[]; readonly left: readonly string[] };
  /** Why there is no figure at all (no repository, no stored evidence as of either date), when so. */
  readonly unknown?: string;
}

/** A figure's direction and delta from its two sides. */
export function momentumFigure(
  metric: MomentumMetric,
  before: number | null,
  after: number | null,
  unknown?: string,
): MomentumFigure {
  if (before === null || after === null)
    return { metric, before, after, direction: "unknown", delta: null, ...(unknown ? { unknown } : {}) };
  const delta = after - before;
  return { metric, before, after, direction: delta > 0 ? "rose" : delta < 0 ? "fell" : "same", delta };
}

/**
 * The momentum in words, on one line, for a review document's derived side (no escaping: each output escapes):
 * "momentum 2026-07-01 → 2026-10-01: commits in the last 12 months 3 → 5 (+2), … organizations … 1 → 2 (+1; new: …)".
 */
export function momentumText(m: ProjectMomentum): string {
  if (m.unknown || m.figures.length === 0) return `momentum: ${m.unknown ?? "no figures"}`;
  const figure = (f: MomentumFigure) => {
    if (f.before === null || f.after === null)
      return `${MOMENTUM_LABELS[f.metric]} unknown (${f.unknown ?? "not read"})`;
    const orgs =
      f.metric === "organizations" && m.organizations
        ? [
            ...(m.organizations.joined.length ? [`new: ${m.organizations.joined.join(", ")}`] : []),
            ...(m.organizations.left.length ? [`gone: ${m.organizations.left.join(", ")}`] : []),
          ]
        : [];
    const delta = f.delta === 0 ? [] : [f.delta! > 0 ? `+${f.delta}` : `${f.delta}`];
    const why = [...delta, ...orgs].join("; ");
    return `${MOMENTUM_LABELS[f.metric]} ${f.before} → ${f.after}${why ? ` (${why})` : ""}`;
  };
  return `momentum ${m.since} → ${m.asOf}: ${m.figures.map(figure).join(", ")}`;
}
