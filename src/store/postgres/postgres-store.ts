import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { UserError } from "../../core/index.js";
import { type EngineAdapter, KyselyStore } from "../kysely-store.js";
import { applyMigrations, LATEST_VERSION, readStoreState, type StoreState } from "../migrations.js";
import { storeError } from "../store-error.js";
import type { Store } from "../store.js";
import type { StoreTables } from "../tables.js";

export interface PostgresTarget {
  /** postgres://user[:password]@host[:port]/database */
  readonly url: string;
  /** A schema to keep the tables in (created when missing); the server's search path when absent. */
  readonly schema?: string;
  /** @default 10 s */
  readonly connectTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
// Which lock serializes migrations of one schema: a constant of ours, mixed with the schema's name by the server.
const MIGRATION_LOCK = "upstream-portfolio-store-migration";

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(a URL that does not parse)";
  }
}

/**
 * Open the PostgreSQL store at `target.url`, creating its tables on first use. Connects once before
 * anything else, so a server that is down or a wrong URL is one clear error; a database holding another
 * program's tables, or a newer tool's schema, is refused untouched.
 */
export async function openPostgresStore(target: PostgresTarget): Promise<Store> {
  const location = locationOf(target);
  let parsed: URL;
  try {
    parsed = new URL(target.url);
  } catch {
    parsed = new URL("invalid:");
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:")
    throw storeError("E_STORE_URL", {
      store: location,
      message: `the store URL ${location} is not a PostgreSQL URL`,
      fix:
        "write it as postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE, " +
        "e.g. postgres://upstream@127.0.0.1:5432/upstream",
    });
  if (target.schema !== undefined && !SCHEMA_NAME.test(target.schema))
    throw storeError("E_STORE_URL", {
      store: location,
      message: `the schema name '${target.schema}' is not a plain lower-case SQL name`,
      fix: "use letters, digits and _ (starting with a letter or _), at most 63 characters",
    });

  const pool = new pg.Pool({
    connectionString: target.url,
    max: 4,
    connectionTimeoutMillis: target.connectTimeoutMs ?? 10_000,
    application_name: "upstream-portfolio",
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  // An idle connection the server drops must not crash the process: the next query reports it.
  pool.on("error", () => {});
  const db = new Kysely<StoreTables>({ dialect: new PostgresDialect({ pool }) });
  const adapter = postgresAdapter(location, parsed, db);
  try {
    await sql`select 1`.execute(db); // reach the server before deciding anything
    if (target.schema) {
      // Read-only look first: a schema of another program is refused before anything is created in it.
      const state = await readStoreState(db, await tableNames(db, target.schema));
      refuseUnlessOurs(location, state);
    } else refuseUnlessOurs(location, await readStoreState(db, await tableNames(db)));
    await adapter.write(async (tx) => {
      await sql`select pg_advisory_xact_lock(
        hashtext(${MIGRATION_LOCK}::text || current_setting('search_path'))
      )`.execute(tx);
      if (target.schema) await sql`create schema if not exists ${sql.id(target.schema)}`.execute(tx);
      const state = await readStoreState(tx, await tableNames(tx, target.schema));
      refuseUnlessOurs(location, state);
      if (state.kind === "empty" || state.version < LATEST_VERSION)
        await applyMigrations(tx, state.kind === "ours" ? state.version : 0);
    });
    return new KyselyStore(adapter);
  } catch (error) {
    await db.destroy().catch(() => {});
    throw adapter.describeError(error, "open the store");
  }
}

function locationOf(target: PostgresTarget): string {
  const url = redactUrl(target.url);
  return target.schema ? `${url} (schema ${target.schema})` : url;
}

function postgresAdapter(location: string, url: URL, db: Kysely<StoreTables>): EngineAdapter {
  return {
    engine: "postgres",
    location,
    db,
    write: (work) => db.transaction().execute(work),
    // The server keeps its own pages sound (WAL, checksums when enabled); the consistency rules are the store's.
    engineIntegrity: async () => [],
    describeError: (error, doing) => describeError(location, url, error, doing),
    close: () => db.destroy(),
  };
}

/** Tables of `schema`, or of the first schema of the search path that exists. */
async function tableNames(db: Kysely<StoreTables>, schema?: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = coalesce(${schema ?? null}::text, current_schema())
  `.execute(db);
  return rows.map((r) => r.name);
}

function refuseUnlessOurs(
  location: string,
  state: StoreState,
): asserts state is Extract<StoreState, { kind: "empty" | "ours" }> {
  if (state.kind === "foreign")
    throw storeError("E_STORE_FOREIGN", {
      store: location,
      message:
        `the database ${location} holds tables of another program (tables ${state.tables.slice(0, 5).join(", ")}), ` +
        "not an Upstream Portfolio store; it was not changed",
      fix: "create an empty database for the store (createdb upstream) and name it in the URL",
    });
  if (state.kind === "newer")
    throw storeError("E_STORE_NEWER", {
      store: location,
      message:
        `the store ${location} was written by a newer version of upstream (schema ${state.version}; this ` +
        `version knows up to ${LATEST_VERSION}); it was not changed`,
      fix: "upgrade upstream, or name another database",
    });
}

/** SQLSTATE classes and client errors, in words, with the fix. */
function describeError(location: string, url: URL, error: unknown, doing: string): unknown {
  if (error instanceof UserError) return error;
  const code = String((error as { code?: unknown }).code ?? "");
  const message = error instanceof Error ? error.message : String(error);
  const server = `${url.hostname || "localhost"}:${url.port || "5432"}`;
  const database = decodeURIComponent(url.pathname.slice(1)) || "(the user's default)";
  const unavailable = (why: string, fix: string): UserError =>
    storeError("E_STORE_UNAVAILABLE", {
      store: location,
      message: `cannot ${doing} ${location}: ${why}`,
      fix,
      outcome: `could not ${doing}; nothing was written to it`,
      cause: error,
    });
  if (code === "ECONNREFUSED" || code === "ECONNRESET" || /timeout expired|terminated unexpectedly/i.test(message))
    return unavailable(
      `no PostgreSQL server answers at ${server}`,
      "start the server, or correct the host and port in the URL",
    );
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return unavailable(`the host ${url.hostname} is not known`, "correct the host in the URL");
  if (code === "3D000")
    return unavailable(
      `the server ${server} has no database ${database}`,
      `create it (createdb ${database}), or correct the database name in the URL`,
    );
  if (code === "28P01" || code === "28000")
    return unavailable(`the server ${server} refused the login (${message})`, "correct the user and password");
  if (code.startsWith("08") || code.startsWith("57P"))
    return unavailable(
      `the connection to ${server} was lost (${message})`,
      "check the server, then run the command again",
    );
  if (!/^[0-9A-Z]{5}$/.test(code)) return error; // not from the server: a bug
  // On a full disk the server's words name the file it could not extend (its tablespace), which tells where.
  const [why, fix] =
    code === "53100"
      ? [
          `the server's disk is full (SQLSTATE 53100: ${message})`,
          `free disk space on the server ${server} (the file system of its data directory, or of the tablespace ` +
            "the store's tables are in), then run the command again",
        ]
      : [
          `${code === "40P01" ? "a deadlock with another writer" : message} (SQLSTATE ${code})`,
          "run the command again; if it fails again, ask the database's administrator",
        ];
  return storeError("E_STORE_WRITE", {
    store: location,
    message: `writing to the store ${location} failed: ${why}`,
    fix,
    outcome: `could not ${doing}; nothing of it was written to the store`,
    cause: error,
  });
}
