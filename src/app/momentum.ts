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
import type { Store, StoredSnapshot } from "../store/index.js";
import { metricOf } from "./history.js";

/** Figures a project sums over its repositories; people and organizations would count some twice. */
const ADDITIVE: ReadonlySet<MomentumMetric> = new Set(["commits", "releases"]);

/** One side's figure for a project: its repositories' snapshots combined, or why it cannot be told. */
function side(
  metric: MomentumMetric,
  snapshots: readonly (StoredSnapshot | undefined)[],
  repositories: readonly string[],
  date: string,
): { value: number | null; unknown?: string } {
  const missing = repositories.filter((_, i) => !snapshots[i]);
  if (missing.length) return { value: null, unknown: `no stored evidence of ${missing.join(", ")} as of ${date}` };
  const values = snapshots.map((s) => metricOf(s!.evidence, metric));
  if (values.length === 1) return { value: values[0]! };
  if (!ADDITIVE.has(metric))
    return { value: null, unknown: `${metric} does not add up over ${values.length} repositories` };
  return { value: values.reduce((t, v) => t + v, 0) };
}

const snapshotRef = (s: StoredSnapshot | undefined): MomentumSnapshot | null =>
  s ? { asOf: s.asOf, commit: s.commit } : null;

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
    const base = { project: project.id, since: dates.since, asOf: dates.asOf };
    if (repositories.length === 0) {
      out.push({ ...base, repositories: [], figures: [], unknown: `${project.id} lists no repository` });
      continue;
    }
    const read = (date: string) =>
      Promise.all(repositories.map((repository) => store.latestSnapshot(repository, { asOf: date })));
    const [before, after] = [await read(dates.since), await read(dates.asOf)];
    const figures = MOMENTUM_METRICS.map((metric): MomentumFigure => {
      const b = side(metric, before, repositories, dates.since);
      const a = side(metric, after, repositories, dates.asOf);
      const why = [b.unknown, a.unknown].filter((w): w is string => w !== undefined);
      return momentumFigure(metric, b.value, a.value, [...new Set(why)].join("; ") || undefined);
    });
    const none = before.every((s) => !s) && after.every((s) => !s);
    out.push({
      ...base,
      repositories: repositories.map((repository, i) => ({
        repository,
        before: snapshotRef(before[i]),
        after: snapshotRef(after[i]),
      })),
      figures,
      ...(none ? { unknown: `no stored evidence as of ${dates.since} or ${dates.asOf}` } : {}),
    });
  }
  return out;
}
