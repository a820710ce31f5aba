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
