import { evidenceFingerprint } from "./store-evidence.js";
import { repositoryRef } from "../catalog/index.js";
import { UserError, type Issue } from "../core/index.js";
import {
  collectProjectsEvidence,
  failureIssues,
  INDEPENDENT,
  openPastHistory,
  UNAFFILIATED,
  UNKNOWN,
  type ProgressEvent,
  type RepositoryEvidence,
} from "../evidence/index.js";
import type { Store } from "../store/index.js";
import { mirrorsOf, programAffiliations, type EvidenceSourceOptions } from "./evidence-sources.js";
import type { OpenedCatalog } from "./open-catalog.js";
import { selectProjects } from "./projects.js";

export type HistoryPeriod = "month" | "quarter";

/**
 * The last day of every month or quarter from the one holding `from` to the last one ended on or before `to`
 * (YYYY-MM-DD), the oldest first.
 * @example periodEnds("2024-02-10", "2024-10-01", "quarter") // ["2024-03-31", "2024-06-30", "2024-09-30"]
 */
export function periodEnds(from: string, to: string, every: HistoryPeriod): string[] {
  const step = every === "month" ? 1 : 3;
  const [y, m] = from.split("-").map(Number) as [number, number];
  // The first period end at or after `from`: months count from 0 so a quarter ends in month 2, 5, 8 or 11.
  let month = y * 12 + (m - 1);
  month += (step - 1 - (month % step) + step) % step;
  const ends: string[] = [];
  for (;;) {
    const end = new Date(Date.UTC(Math.floor(month / 12), (month % 12) + 1, 0)).toISOString().slice(0, 10);
    if (end > to) break;
    ends.push(end);
    month += step;
  }
  return ends;
}

export interface BackfillInput extends EvidenceSourceOptions {
  /** Project ids; all projects when empty or omitted. */
  readonly ids?: readonly string[];
  /** YYYY-MM-DD: the first period is the one holding this day. */
  readonly from: string;
  /** YYYY-MM-DD: the last period is the last one ended on or before this day (the caller's today). */
  readonly to: string;
  readonly every: HistoryPeriod;
  readonly cacheDir?: string;
  readonly fetch?: boolean;
  readonly onProgress?: (event: { readonly asOf: string; readonly done: number; readonly total: number }) => void;
  readonly onRepository?: (event: ProgressEvent) => void;
}

export interface BackfillResult {
  readonly dates: readonly string[];
  /** Snapshots written (one per repository and date it existed on). */
  readonly stored: number;
  /** Repository × date pairs before the repository's first commit (or its folder): nothing to keep, not a failure. */
  readonly notYet: number;
  /** Repositories that could not be read, once each (with the first date it failed on). */
  readonly failures: readonly Issue[];
  readonly issues: readonly Issue[];
}

/**
 * `history backfill`: the evidence of the selected projects as of the end of every period, from git alone, stored
 * one date at a time (each date lands whole or not at all). One pass over each repository's history serves all
 * the dates; the tree is read at each date's commit.
 */
export async function backfillHistory(
  opened: OpenedCatalog,
  store: Store,
  input: BackfillInput,
): Promise<BackfillResult> {
  if (input.from > input.to)
    throw new UserError("E_USAGE", `--from ${input.from} is after ${input.to}: nothing to backfill`);
  const projects = selectProjects(opened.catalog, input.ids ?? []);
  const { rules, issues } = programAffiliations(opened, input);
  const fingerprint = evidenceFingerprint(rules);
  const dates = periodEnds(input.from, input.to, input.every);
  const pastHistory = openPastHistory({ dates });
  const failures = new Map<string, Issue>();
  let stored = 0;
  let notYet = 0;
  let fetch = input.fetch;
  try {
    for (const [i, asOf] of dates.entries()) {
      const evidence = await collectProjectsEvidence(projects, {
        baseDir: opened.baseDir,
        rules,
        asOf,
        useCache: false,
        pastHistory,
        mirrors: mirrorsOf(opened, input),
        ...(fetch === undefined ? {} : { fetch }),
        ...(input.cacheDir ? { cacheDir: input.cacheDir } : {}),
        ...(input.onRepository ? { onProgress: input.onRepository } : {}),
      });
      fetch = false; // a remote clone is fetched once, for the first date
      const snapshots = evidence.flatMap((p) => p.repositories.map((r) => ({ evidence: r, fingerprint })));
      await store.putSnapshots(snapshots);
      stored += snapshots.length;
      for (const issue of failureIssues(evidence, { severity: "error" })) {
        if (issue.code === "E_REPO_EMPTY" && /no commit on or before/.test(issue.message)) notYet++;
        else if (issue.code === "E_REPO_PATH_NOT_FOUND" && /did not exist yet/.test(issue.message)) notYet++;
        else {
          const key = issue.repository ?? issue.message;
          if (!failures.has(key)) failures.set(key, { ...issue, message: `as of ${asOf}: ${issue.message}` });
        }
      }
      input.onProgress?.({ asOf, done: i + 1, total: dates.length });
    }
  } finally {
    pastHistory.close(); // its git processes end with the backfill
  }
  return { dates, stored, notYet, failures: [...failures.values()], issues };
}

export const HISTORY_METRICS = ["commits", "contributors", "organizations", "elephant", "releases", "level"] as const;
export type HistoryMetric = (typeof HISTORY_METRICS)[number];

/** What each metric counts, in words, for headings and JSON. */
export const METRIC_MEANING: Readonly<Record<HistoryMetric, string>> = {
  commits: "commits in the 12 months before each date",
  contributors: "contributors active in the 12 months before each date",
  organizations: "organizations with commits in the 12 months before each date (independents not counted)",
  elephant: "elephant factor: fewest organizations with more than half the commits of the 12 months",
  releases: "releases in the 12 months before each date",
  level: "maturity level the stored assessment of each date supports",
};

/** Metrics a project sums over its repositories; the others (people, organizations) would count some twice. */
const ADDITIVE: ReadonlySet<HistoryMetric> = new Set(["commits", "releases"]);

export interface HistoryPoint {
  readonly asOf: string;
  /** The project's figure; null when unknown (see `unknown`). A level is its name. */
  readonly value: number | string | null;
  readonly unknown?: string;
  /** Each repository's figure that date; null when no snapshot of it is stored for the date. */
  readonly repositories: readonly { readonly repository: string; readonly value: number | null }[];
}

export interface ProjectHistory {
  readonly project: string;
  readonly name: string;
  readonly metric: HistoryMetric;
  readonly meaning: string;
  readonly points: readonly HistoryPoint[];
  /** Why there is nothing to show, when there is nothing. */
  readonly empty?: string;
}

/** One metric of one repository's evidence. */
export function metricOf(evidence: RepositoryEvidence, metric: Exclude<HistoryMetric, "level">): number {
  const h = evidence.history;
  switch (metric) {
    case "commits":
      return h.commitsLast12Months;
    case "contributors":
      return h.activeContributorsLast12Months;
    case "organizations":
      return (h.organizationsLast12Months ?? []).filter(
        (o) => o.organization !== INDEPENDENT && o.organization !== UNKNOWN && o.organization !== UNAFFILIATED,
      ).length;
    case "elephant":
      return h.elephantFactor.value;
    case "releases":
      return evidence.releases.releasesLast12Months;
  }
}

/** `history PROJECT`: one metric per stored date, read from the store. */
export async function projectHistory(
  opened: OpenedCatalog,
  store: Store,
  input: { readonly id: string; readonly metric: HistoryMetric },
): Promise<ProjectHistory> {
  const [project] = selectProjects(opened.catalog, [input.id]);
  const base = {
    project: project!.id,
    name: project!.name,
    metric: input.metric,
    meaning: METRIC_MEANING[input.metric],
  };
  if (input.metric === "level") return levelHistory(store, base);
  const repositories = (project!.repositories ?? []).map((r) => repositoryRef(r).label);
  const byRepository = await Promise.all(
    repositories.map(async (repository) => {
      const snapshots = await store.snapshotHistory(repository);
      return new Map(snapshots.map((s) => [s.asOf, metricOf(s.evidence, input.metric as "commits")]));
    }),
  );
  const dates = [...new Set(byRepository.flatMap((m) => [...m.keys()]))].sort();
  if (dates.length === 0)
    return {
      ...base,
      points: [],
      empty: repositories.length
        ? `no evidence of ${project!.id} is stored: run 'upstream history backfill ${project!.id}' (or collect)`
        : `${project!.id} lists no repository, so no evidence is kept for it`,
    };
  const points = dates.map((asOf): HistoryPoint => {
    const values = repositories.map((repository, i) => ({ repository, value: byRepository[i]!.get(asOf) ?? null }));
    const missing = values.filter((v) => v.value === null).map((v) => v.repository);
    if (missing.length)
      return { asOf, value: null, unknown: `no snapshot of ${missing.join(", ")}`, repositories: values };
    if (values.length === 1) return { asOf, value: values[0]!.value, repositories: values };
    if (!ADDITIVE.has(input.metric))
      return {
        asOf,
        value: null,
        unknown: `${input.metric} does not add up over ${values.length} repositories: see each one`,
        repositories: values,
      };
    return { asOf, value: values.reduce((t, v) => t + v.value!, 0), repositories: values };
  });
  return { ...base, points };
}

async function levelHistory(store: Store, base: Omit<ProjectHistory, "points" | "empty">): Promise<ProjectHistory> {
  // Every date with a stored assessment of the project: the summary as of a date gives the latest on or before it.
  const seen = new Map<string, string | null>();
  let asOf: string | undefined;
  for (;;) {
    const entry = (await store.portfolioSummary(asOf ? { asOf } : {})).find((e) => e.project === base.project);
    if (!entry || seen.has(entry.asOf)) break;
    seen.set(entry.asOf, entry.supported);
    asOf = previousDay(entry.asOf);
  }
  const points = [...seen]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([date, level]): HistoryPoint => ({
        asOf: date,
        value: level ?? "none",
        repositories: [],
      }),
    );
  if (points.length === 0)
    return {
      ...base,
      points,
      empty: `no assessment of ${base.project} is stored, so its level over time is unknown: assess it to keep one`,
    };
  return { ...base, points };
}

function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
}
