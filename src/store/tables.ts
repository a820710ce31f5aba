/**
 * The store's tables as kysely sees them. Both engines hold the same columns: text and integers
 * only (JSON is text), so one set of queries serves both. Changing a table means a new migration
 * in migrations.ts, never an edit of an old one.
 */
export interface StoreTables {
  store_meta: { key: string; value: string };
  runs: RunRow;
  snapshots: SnapshotRow;
  assessments: AssessmentRow;
  assessment_documents: AssessmentDocumentRow;
  findings: FindingRow;
  history_states: HistoryStateRow;
}

/** A repository's incremental history aggregates at a commit (the evidence cache, kept in the store). */
export interface HistoryStateRow {
  repository: string;
  commit_id: string;
  affiliations_hash: string;
  /** 1 when read from a shallow clone (other history at the same commit), else 0. */
  shallow: number;
  /** The evidence cache's format version the row was written in: another version is not read. */
  cache_version: number;
  /** ISO date-time of the last write: the most recent rows are kept. */
  updated_at: string;
  /** The cache entry (files, maintainers, the last history computed) as JSON. */
  entry: string;
  /** The aggregates: JSON, or gzip in base64 (see `state_encoding`). */
  state: string;
  state_encoding: string;
}

export interface RunRow {
  id: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  catalog_revision: string | null;
  tool_version: string;
  as_of: string;
  /** JSON list of repository names. */
  repositories: string;
  /** JSON list of RepositoryFailure. */
  failures: string;
}

export interface SnapshotRow {
  repository: string;
  commit_id: string;
  as_of: string;
  fingerprint: string;
  run_id: string | null;
  stored_at: string;
  commit_date: string;
  // Key figures beside the JSON, so trends are read without parsing it; null when unknown.
  commits: number | null;
  contributors: number | null;
  elephant_factor: number | null;
  releases_last_12_months: number | null;
  /** The RepositoryEvidence as JSON. */
  evidence: string;
}

export interface AssessmentRow {
  project: string;
  as_of: string;
  framework_id: string;
  framework_version: string;
  run_id: string | null;
  stored_at: string;
  name: string;
  declared: string | null;
  supported: string | null;
  drift: string;
  met: number;
  attested: number;
  not_met: number;
  expired: number;
  unknown: number;
  /** How many finding rows belong to it: the integrity check counts them. */
  findings_count: number;
}

/** The assessment's document, apart from its summary row: the summary reads narrow rows only. */
export interface AssessmentDocumentRow {
  project: string;
  as_of: string;
  framework_id: string;
  framework_version: string;
  /** The ProjectAssessment as JSON, without its findings (they are rows of `findings`). */
  assessment: string;
}

export interface FindingRow {
  project: string;
  as_of: string;
  framework_id: string;
  framework_version: string;
  position: number;
  criterion_id: string;
  status: string;
  /** The Finding as JSON. */
  facts: string;
}
