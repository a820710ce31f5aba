import type { RepositoryEvidence, RepositoryFailure } from "../evidence/index.js";
import type { Finding, FindingStatus, ProjectAssessment } from "../maturity/index.js";

/**
 * The store: what the tool derives (evidence, assessments, collection runs), kept so that later
 * commands reuse it and history can be shown. Use cases depend on this interface only; the engines
 * (SQLite, PostgreSQL) live behind it. Every write is one transaction: it lands whole or not at all.
 */
export interface Store {
  /** "sqlite" or "postgres". */
  readonly engine: StoreEngine;
  /** Where the store is, for messages: a file path, or a URL without its password. */
  readonly location: string;

  /** Record that a collection run starts; the run stays "running" until `finishRun`. */
  beginRun(run: RunStart): Promise<RunRecord>;
  /** Record how a run ended. */
  finishRun(runId: string, end: RunEnd): Promise<RunRecord>;
  /** Runs, the newest first. */
  listRuns(options?: { readonly limit?: number }): Promise<RunRecord[]>;

  /**
   * Store evidence snapshots, all or none. A snapshot already stored for the same repository, commit
   * and as-of date is replaced, never doubled. `onProgress` is called as rows are written (inside the transaction).
   */
  putSnapshots(snapshots: readonly SnapshotInput[], options?: PutOptions): Promise<void>;
  /** The snapshot of a repository at a commit as of a date; undefined when none (or its fingerprint differs). */
  getSnapshot(key: SnapshotKey & { readonly fingerprint?: string }): Promise<StoredSnapshot | undefined>;
  /** The snapshot of a repository with the latest as-of date on or before `asOf` (any date when absent). */
  latestSnapshot(repository: string, options?: { readonly asOf?: string }): Promise<StoredSnapshot | undefined>;
  /** The repositories the store holds snapshots of, sorted. */
  repositories(): Promise<string[]>;
  /** Every snapshot of a repository, the oldest as-of date first (one per date: the latest stored). */
  snapshotHistory(repository: string, range?: DateRange): Promise<StoredSnapshot[]>;

  /** Store assessments with their findings, all or none; one per project × date × framework@version. */
  putAssessments(assessments: readonly AssessmentInput[], options?: PutOptions): Promise<void>;
  getAssessment(key: AssessmentKey): Promise<StoredAssessment | undefined>;
  /**
   * Per project and framework, the latest assessment on or before `asOf`: its level and status counts.
   * Ordered by project id, then framework.
   */
  portfolioSummary(options?: { readonly asOf?: string; readonly framework?: string }): Promise<SummaryEntry[]>;

  /**
   * The evidence cache's entries for a repository (what was read at each commit, without the aggregates), the most
   * recent first.
   */
  historyEntries(repository: string): Promise<StoredHistoryEntry[]>;
  /** The aggregates of one entry as JSON text; `damaged` when they cannot be decoded; undefined when none. */
  getHistoryState(key: HistoryStateKey): Promise<{ readonly text: string } | { readonly damaged: string } | undefined>;
  /**
   * Keep an entry, with its aggregates (JSON text, compressed when large) or, without them, the aggregates already
   * stored for its key; then only the repository's `keep` most recent entries stay. One transaction.
   */
  putHistoryState(input: HistoryStateInput, options: { readonly keep: number }): Promise<void>;

  /** The engine's own integrity check plus the store's consistency rules; problems in words (none when sound). */
  checkIntegrity(): Promise<IntegrityReport>;
  close(): Promise<void>;
}

export type StoreEngine = "sqlite" | "postgres";

export interface PutOptions {
  /** The run the rows belong to (recorded with them). */
  readonly runId?: string;
  readonly onProgress?: (written: number, total: number) => void;
}

export interface DateRange {
  /** YYYY-MM-DD, inclusive. */
  readonly from?: string;
  /** YYYY-MM-DD, inclusive. */
  readonly to?: string;
}

export interface RunStart {
  /** The catalog's revision (its git commit, or a content hash when it is not in git); null when unknown. */
  readonly catalogRevision: string | null;
  readonly toolVersion: string;
  /** YYYY-MM-DD the run collects as of. */
  readonly asOf: string;
  /** Repositories the run means to read, as the catalog names them. */
  readonly repositories: readonly string[];
  /** ISO date-time. @default now */
  readonly startedAt?: string;
}

export interface RunEnd {
  readonly failures: readonly RepositoryFailure[];
  /** ISO date-time. @default now */
  readonly finishedAt?: string;
}

export interface RunRecord extends RunStart {
  readonly id: string;
  readonly startedAt: string;
  /** "running" also for a run whose process died: nothing tells the two apart, so it is not called failed. */
  readonly status: "running" | "finished";
  readonly finishedAt: string | null;
  readonly failures: readonly RepositoryFailure[];
}

export interface SnapshotKey {
  /** The repository as the catalog names it (the evidence's `repository`). */
  readonly repository: string;
  /** Full commit id. */
  readonly commit: string;
  /** YYYY-MM-DD. */
  readonly asOf: string;
}

export interface SnapshotInput {
  readonly evidence: RepositoryEvidence;
  /**
   * What shaped the evidence besides repository, commit and date (the evidence version, the affiliation rules): a
   * hash the caller computes. A later read asking for another fingerprint gets nothing and reads git again.
   * @default ""
   */
  readonly fingerprint?: string;
}

export interface StoredSnapshot extends SnapshotKey {
  readonly evidence: RepositoryEvidence;
  readonly fingerprint: string;
  readonly runId: string | null;
  /** ISO date-time it was written. */
  readonly storedAt: string;
}

export interface AssessmentKey {
  readonly project: string;
  /** YYYY-MM-DD. */
  readonly asOf: string;
  readonly frameworkId: string;
  readonly frameworkVersion: string;
}

export interface AssessmentInput {
  /** An assessment with a framework (one that could not be assessed has nothing to keep). */
  readonly assessment: ProjectAssessment & { readonly framework: NonNullable<ProjectAssessment["framework"]> };
}

export interface StoredAssessment extends AssessmentKey {
  readonly assessment: ProjectAssessment;
  readonly runId: string | null;
  readonly storedAt: string;
}

/** One finding as kept: its criterion id, status and facts (the whole finding as JSON). */
export interface StoredFinding {
  readonly criterionId: string;
  readonly status: FindingStatus;
  readonly facts: Finding;
}

export interface SummaryEntry {
  readonly project: string;
  readonly name: string;
  /** id@version. */
  readonly framework: string;
  readonly asOf: string;
  readonly declared: string | null;
  readonly supported: string | null;
  readonly drift: ProjectAssessment["drift"]["kind"];
  readonly counts: ProjectAssessment["counts"];
}

export interface HistoryStateKey {
  readonly repository: string;
  readonly commit: string;
  /** The affiliation rules' hash the history was read with. */
  readonly affiliationsHash: string;
  readonly shallow: boolean;
}

export interface StoredHistoryEntry extends HistoryStateKey {
  /** The evidence cache's format version it was written in. */
  readonly cacheVersion: number;
  /** The cache entry as JSON text. */
  readonly entry: string;
  readonly updatedAt: string;
}

export interface HistoryStateInput extends HistoryStateKey {
  readonly cacheVersion: number;
  /** The cache entry as JSON text. */
  readonly entry: string;
  /** The aggregates as JSON text; absent: keep the stored ones (the entry alone changed). */
  readonly state?: string;
}

export interface IntegrityReport {
  readonly ok: boolean;
  readonly problems: readonly string[];
}
