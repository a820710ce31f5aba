import { resolve } from "node:path";
import type { Issue } from "../core/index.js";
import { failureIssues, type ProgressEvent, type ProjectEvidence } from "../evidence/index.js";
import { unsavedCacheIssue } from "./cache-issues.js";
import { mirrorsOf, programAffiliations, type EvidenceSourceOptions } from "./evidence-sources.js";
import type { OpenedCatalog } from "./open-catalog.js";
import { selectProjects } from "./projects.js";
import { collectThroughStore, type StoreReport, type StoreSession } from "./store-evidence.js";

export interface CollectInput extends EvidenceSourceOptions {
  /** Project ids; all projects when empty or omitted. */
  readonly ids?: readonly string[];
  /** Read every repository as it stood at the end of this day (YYYY-MM-DD): today for HEAD. */
  readonly asOf: string;
  /**
   * Keep the run and the evidence in this store, and reuse the snapshots it holds; none: no store. A function opens
   * the store when it is first needed, once git's reads have started; its failure is then the call's.
   */
  readonly store?: StoreSession | (() => Promise<StoreSession>);
  /** Where clones and evidence are cached (relative: to `cwd`). @default <catalog folder>/.upstream-cache */
  readonly cacheDir?: string;
  /** Fetch cached clones of remote repositories. @default true */
  readonly fetch?: boolean;
  /** Repositories read at once. @default the number of cores */
  readonly concurrency?: number;
  readonly onProgress?: (event: ProgressEvent) => void;
}

export interface CollectResult {
  readonly evidence: readonly ProjectEvidence[];
  /** Warnings of the affiliation files. */
  readonly issues: readonly Issue[];
  /** The repositories that could not be read, as errors (their evidence is missing). */
  readonly failures: readonly Issue[];
  /** Set when evidence was read but could not be saved in the cache. */
  readonly unsavedCache?: Issue;
  /** What the run did with the store (absent without one). */
  readonly stored?: StoreReport;
  /** Every repository read and its evidence saved. */
  readonly complete: boolean;
}

/**
 * `collect`: the evidence of the selected projects, read from git with the program's affiliations and mirrors.
 * @example const { evidence } = await collectEvidence(opened, { cwd, asOf: "2024-06-01", ids: ["kured"] })
 */
export async function collectEvidence(opened: OpenedCatalog, input: CollectInput): Promise<CollectResult> {
  const projects = selectProjects(opened.catalog, input.ids ?? []);
  const { rules, issues } = programAffiliations(opened, input);
  const { evidence, stored } = await collectThroughStore(
    opened,
    projects,
    {
      baseDir: opened.baseDir,
      rules,
      mirrors: mirrorsOf(opened, input),
      asOf: input.asOf,
      ...(input.fetch === undefined ? {} : { fetch: input.fetch }),
      ...(input.cacheDir ? { cacheDir: resolve(input.cwd, input.cacheDir) } : {}),
      ...(input.concurrency ? { concurrency: input.concurrency } : {}),
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    },
    input.store,
  );
  const failures = failureIssues(evidence, { severity: "error" });
  const unsavedCache = unsavedCacheIssue(evidence);
  return {
    evidence,
    issues,
    failures,
    ...(unsavedCache ? { unsavedCache } : {}),
    ...(stored ? { stored } : {}),
    complete: failures.length === 0 && !unsavedCache,
  };
}
