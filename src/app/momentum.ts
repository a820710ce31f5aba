import type { Project } from "../catalog/index.js";
import { repositoryRef } from "../catalog/index.js";
import {
  MOMENTUM_METRICS,
  momentumFigure,
  type MomentumFigure,
  type MomentumMetric,
  type MomentumSnapshot,
  type ProjectMomentum,
} from "../maturity/index.js";
import { INDEPENDENT, UNAFFILIATED, UNKNOWN, type RepositoryEvidence } from "../evidence/index.js";
import type { Store } from "../store/index.js";
import { metricOf } from "./history.js";

/** Figures a project sums over its repositories; people would count some twice (organizations are a union). */
const ADDITIVE: ReadonlySet<MomentumMetric> = new Set(["commits", "releases"]);

/** A repository's evidence on one side of the comparison: the stored (or just read) snapshot, with its date. */
export interface MomentumSnapshotEvidence {
  readonly asOf: string;
  readonly commit: string;
  readonly evidence: RepositoryEvidence;
}

/** The named organizations behind the last 12 months' commits (not independent, unknown or unaffiliated). */
function organizationsOf(e: RepositoryEvidence): string[] {
  return (e.history.organizationsLast12Months ?? [])
    .map((o) => o.organization)
    .filter((o) => o !== INDEPENDENT && o !== UNKNOWN && o !== UNAFFILIATED);
}

/** One side's figure for a project: its repositories' snapshots combined, or why it cannot be told. */
function side(
  metric: MomentumMetric,
  snapshots: readonly (MomentumSnapshotEvidence | undefined)[],
  repositories: readonly string[],
  date: string,
): { value: number | null; unknown?: string } {
  const missing = repositories.filter((_, i) => !snapshots[i]);
  if (missing.length) return { value: null, unknown: `no stored evidence of ${missing.join(", ")} as of ${date}` };
  const present = snapshots.map((s) => s!.evidence);
  if (metric === "organizations") return { value: new Set(present.flatMap(organizationsOf)).size };
  const values = present.map((e) => metricOf(e, metric));
  if (values.length === 1) return { value: values[0]! };
  if (!ADDITIVE.has(metric))
    return { value: null, unknown: `${metric} does not add up over ${values.length} repositories` };
  return { value: values.reduce((t, v) => t + v, 0) };
}

const snapshotRef = (s: MomentumSnapshotEvidence | undefined): MomentumSnapshot | null =>
  s ? { asOf: s.asOf, commit: s.commit } : null;

/**
 * A project's momentum between two dates from each repository's evidence on either side (undefined: none stored).
 * Pure: `assess --since` and `review open` both tell momentum through it.
 */
export function momentumBetween(
  project: string,
  sides: readonly {
    readonly repository: string;
    readonly before: MomentumSnapshotEvidence | undefined;
    readonly after: MomentumSnapshotEvidence | undefined;
  }[],
  dates: { readonly since: string; readonly asOf: string },
): ProjectMomentum {
  const base = { project, since: dates.since, asOf: dates.asOf };
  if (sides.length === 0) return { ...base, repositories: [], figures: [], unknown: `${project} lists no repository` };
  const repositories = sides.map((s) => s.repository);
  const before = sides.map((s) => s.before);
  const after = sides.map((s) => s.after);
  const figures = MOMENTUM_METRICS.map((metric): MomentumFigure => {
    const b = side(metric, before, repositories, dates.since);
    const a = side(metric, after, repositories, dates.asOf);
    const why = [b.unknown, a.unknown].filter((w): w is string => w !== undefined);
    return momentumFigure(metric, b.value, a.value, [...new Set(why)].join("; ") || undefined);
  });
  const none = before.every((s) => !s) && after.every((s) => !s);
  const known = before.every(Boolean) && after.every(Boolean);
  const names = (ss: readonly (MomentumSnapshotEvidence | undefined)[]) =>
    new Set(ss.flatMap((s) => organizationsOf(s!.evidence)));
  const [then, now] = known ? [names(before), names(after)] : [new Set<string>(), new Set<string>()];
  return {
    ...base,
    repositories: sides.map((s) => ({
      repository: s.repository,
      before: snapshotRef(s.before),
      after: snapshotRef(s.after),
    })),
    figures,
    ...(known
      ? {
          organizations: {
            joined: [...now].filter((o) => !then.has(o)).sort(),
            left: [...then].filter((o) => !now.has(o)).sort(),
          },
        }
      : {}),
    ...(none ? { unknown: `no stored evidence as of ${dates.since} or ${dates.asOf}` } : {}),
  };
}

/**
 * Each project's momentum between `since` and `asOf`: its figures read from the store's snapshot of each
 * repository closest on or before each date. A repository with no such snapshot makes the figure unknown.
 */
export async function momentumFromStore(
  store: Store,
  projects: readonly Project[],
  dates: { readonly since: string; readonly asOf: string },
): Promise<ProjectMomentum[]> {
  const out: ProjectMomentum[] = [];
  for (const project of projects) {
    const repositories = [...new Set((project.repositories ?? []).map((r) => repositoryRef(r).label))];
    const read = (date: string) =>
      Promise.all(repositories.map((repository) => store.latestSnapshot(repository, { asOf: date })));
    const [before, after] = [await read(dates.since), await read(dates.asOf)];
    const sides = repositories.map((repository, i) => ({ repository, before: before[i], after: after[i] }));
    out.push(momentumBetween(project.id, sides, dates));
  }
  return out;
}
