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
