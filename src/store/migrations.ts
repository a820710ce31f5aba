import type { Kysely } from "kysely";

/**
 * Versioned migrations, in code, the same for both engines. `store_meta` holds the format name
 * (how a store is told from another program's database) and the schema version (how a store
 * written by a newer tool is told). Append a migration to change the schema; never edit one.
 */
export const STORE_FORMAT = "upstream-portfolio-store";

export interface Migration {
  readonly version: number;
  readonly name: string;
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before (and across) the typed tables
  readonly up: (db: Kysely<any>) => Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "runs, evidence snapshots, assessments and findings",
    async up(db) {
      await db.schema
        .createTable("runs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("finished_at", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("catalog_revision", "text")
        .addColumn("tool_version", "text", (c) => c.notNull())
        .addColumn("as_of", "text", (c) => c.notNull())
        .addColumn("repositories", "text", (c) => c.notNull())
        .addColumn("failures", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("runs_by_start").on("runs").columns(["started_at", "id"]).execute();

      await db.schema
        .createTable("snapshots")
        .addColumn("repository", "text", (c) => c.notNull())
        .addColumn("commit_id", "text", (c) => c.notNull())
        .addColumn("as_of", "text", (c) => c.notNull())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("run_id", "text", (c) => c.references("runs.id").onDelete("set null"))
        .addColumn("stored_at", "text", (c) => c.notNull())
        .addColumn("commit_date", "text", (c) => c.notNull())
        .addColumn("commits", "integer")
        .addColumn("contributors", "integer")
        .addColumn("elephant_factor", "integer")
        .addColumn("releases_last_12_months", "integer")
        .addColumn("evidence", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("snapshots_key", ["repository", "commit_id", "as_of"])
        .execute();
      await db.schema
        .createIndex("snapshots_by_date")
        .on("snapshots")
        .columns(["repository", "as_of", "stored_at"])
        .execute();

      await db.schema
        .createTable("assessments")
        .addColumn("project", "text", (c) => c.notNull())
        .addColumn("as_of", "text", (c) => c.notNull())
        .addColumn("framework_id", "text", (c) => c.notNull())
        .addColumn("framework_version", "text", (c) => c.notNull())
        .addColumn("run_id", "text", (c) => c.references("runs.id").onDelete("set null"))
        .addColumn("stored_at", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("declared", "text")
        .addColumn("supported", "text")
        .addColumn("drift", "text", (c) => c.notNull())
        .addColumn("met", "integer", (c) => c.notNull())
        .addColumn("attested", "integer", (c) => c.notNull())
        .addColumn("not_met", "integer", (c) => c.notNull())
        .addColumn("expired", "integer", (c) => c.notNull())
        .addColumn("unknown", "integer", (c) => c.notNull())
        .addColumn("findings_count", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("assessments_key", ["project", "as_of", "framework_id", "framework_version"])
        .execute();
      await db.schema
        .createTable("assessment_documents")
        .addColumn("project", "text", (c) => c.notNull())
        .addColumn("as_of", "text", (c) => c.notNull())
        .addColumn("framework_id", "text", (c) => c.notNull())
        .addColumn("framework_version", "text", (c) => c.notNull())
        .addColumn("assessment", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("assessment_documents_key", ["project", "as_of", "framework_id", "framework_version"])
        .addForeignKeyConstraint(
          "assessment_documents_assessment",
          ["project", "as_of", "framework_id", "framework_version"],
          "assessments",
          ["project", "as_of", "framework_id", "framework_version"],
          (c) => c.onDelete("cascade"),
        )
        .execute();
      // The summary looks up, per project and framework, the latest date: this index answers it.
      await db.schema
        .createIndex("assessments_latest")
        .on("assessments")
        .columns(["project", "framework_id", "as_of"])
        .execute();

      await db.schema
        .createTable("findings")
        .addColumn("project", "text", (c) => c.notNull())
        .addColumn("as_of", "text", (c) => c.notNull())
        .addColumn("framework_id", "text", (c) => c.notNull())
        .addColumn("framework_version", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("criterion_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("facts", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("findings_key", ["project", "as_of", "framework_id", "framework_version", "position"])
        .addForeignKeyConstraint(
          "findings_assessment",
          ["project", "as_of", "framework_id", "framework_version"],
          "assessments",
          ["project", "as_of", "framework_id", "framework_version"],
          (c) => c.onDelete("cascade"),
        )
        .execute();
    },
  },
  {
    version: 2,
    name: "the evidence cache's history aggregates, per repository and commit",
    async up(db) {
      await db.schema
        .createTable("history_states")
        .addColumn("repository", "text", (c) => c.notNull())
        .addColumn("commit_id", "text", (c) => c.notNull())
        .addColumn("affiliations_hash", "text", (c) => c.notNull())
        .addColumn("shallow", "integer", (c) => c.notNull())
        .addColumn("cache_version", "integer", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("entry", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("state_encoding", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("history_states_key", ["repository", "commit_id", "affiliations_hash", "shallow"])
        .execute();
      await db.schema
        .createIndex("history_states_by_age")
        .on("history_states")
        .columns(["repository", "updated_at"])
        .execute();
    },
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** What an existing database holds, read before anything is written to it. */
export type StoreState =
  | { readonly kind: "empty" }
  | { readonly kind: "ours"; readonly version: number }
  | { readonly kind: "foreign"; readonly tables: readonly string[] }
  | { readonly kind: "newer"; readonly version: number };

/** Classify a database by its tables and `store_meta` rows. */
// biome-ignore lint/suspicious/noExplicitAny: read before the tables are known to exist
export async function readStoreState(db: Kysely<any>, tables: readonly string[]): Promise<StoreState> {
  if (tables.length === 0) return { kind: "empty" };
  if (!tables.includes("store_meta")) return { kind: "foreign", tables };
  const rows: { key: string; value: string }[] = await db.selectFrom("store_meta").select(["key", "value"]).execute();
  const meta = new Map(rows.map((r) => [r.key, r.value]));
  if (meta.get("format") !== STORE_FORMAT) return { kind: "foreign", tables };
  const version = Number(meta.get("schema_version"));
  if (!Number.isSafeInteger(version) || version < 0) return { kind: "foreign", tables };
  return version > LATEST_VERSION ? { kind: "newer", version } : { kind: "ours", version };
}

/** Apply the migrations after `from`, inside the caller's transaction. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed tables exist
export async function applyMigrations(db: Kysely<any>, from: number): Promise<void> {
  if (from === 0) {
    await db.schema
      .createTable("store_meta")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .execute();
    await db
      .insertInto("store_meta")
      .values([
        { key: "format", value: STORE_FORMAT },
        { key: "schema_version", value: "0" },
      ])
      .execute();
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue;
    await migration.up(db);
    await db
      .updateTable("store_meta")
      .set({ value: String(migration.version) })
      .where("key", "=", "schema_version")
      .execute();
  }
}
