import { rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { UserError } from "../../core/index.js";
import { describeFsError } from "../../core/index.js";
import { type EngineAdapter, KyselyStore } from "../kysely-store.js";
import { storeError } from "../store-error.js";
import { applyMigrations, LATEST_VERSION, readStoreState, type StoreState } from "../migrations.js";
import type { Store } from "../store.js";
import type { StoreTables } from "../tables.js";

/** How long a writer waits for another process's write transaction before giving up. @default 15 s */
export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

const FIX_DAMAGED =
  "the store only holds what the tool derives: move the file aside (keep it if you want to inspect it) " +
  "and run the command again; `upstream collect` fills a new store";

/**
 * Open (or create) the SQLite store in `file`. Its folder must exist. A file of another program or of a
 * newer tool is refused before anything is written to it; a new file is removed again if it cannot be set up.
 */
export async function openSqliteStore(
  file: string,
  options: {
    /** SQLite's own cap on the file's pages: past it a write fails as on a full disk (SQLITE_FULL); for tests. */
    readonly maxPageCount?: number;
  } = {},
): Promise<Store> {
  const folder = dirname(file);
  const folderInfo = statOrError(folder);
  if (!folderInfo.ok || !folderInfo.stats.isDirectory())
    throw unavailable(
      file,
      `its folder ${folder} ${folderInfo.ok ? "is not a folder" : `cannot be used: ${folderInfo.why}`}`,
      "create the folder, or name another store file",
    );
  const existing = statOrError(file);
  if (existing.ok && !existing.stats.isFile())
    throw unavailable(file, "it is not a regular file", "name a file, e.g. .upstream/portfolio.db");
  const created = !existing.ok;

  let database: Database.Database;
  try {
    database = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  } catch (error) {
    throw unavailable(file, describeSqliteError(error), "check the file's permissions and the disk");
  }
  const db = new Kysely<StoreTables>({ dialect: new SqliteDialect({ database }) });
  const adapter = sqliteAdapter(file, database, db);
  try {
    // Read-only look first: nothing is written to a file that is not ours (not even the WAL switch).
    const state = await readStoreState(db, await tableNames(db));
    refuseUnlessOurs(file, state);
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma("foreign_keys = ON");
    if (options.maxPageCount !== undefined) database.pragma(`max_page_count = ${Math.trunc(options.maxPageCount)}`);
    if (state.kind === "empty" || state.version < LATEST_VERSION)
      await adapter.write(async (tx) => {
        // Another process may have migrated it meanwhile: decide again under the write lock.
        const locked = await readStoreState(tx, await tableNames(tx));
        refuseUnlessOurs(file, locked);
        await applyMigrations(tx, locked.kind === "ours" ? locked.version : 0);
      });
    return new KyselyStore(adapter);
  } catch (error) {
    await db.destroy().catch(() => {});
    if (created) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    throw error instanceof UserError ? error : adapter.describeError(error, "open the store");
  }
}

/**
 * Write transactions of this process, per file, one after the other. better-sqlite3 waits for a lock
 * synchronously: a second connection of the same process waiting inside the event loop would stop the
 * first from ever committing. Other processes wait on SQLite's busy timeout instead.
 */
const writers = new Map<string, Promise<unknown>>();

function oneWriterAtATime<T>(file: string, work: () => Promise<T>): Promise<T> {
  const key = resolve(file);
  const result = (writers.get(key) ?? Promise.resolve()).then(work, work);
  const settled = result.catch(() => {});
  writers.set(key, settled);
  void settled.then(() => {
    if (writers.get(key) === settled) writers.delete(key);
  });
  return result;
}

function sqliteAdapter(file: string, database: Database.Database, db: Kysely<StoreTables>): EngineAdapter {
  return {
    engine: "sqlite",
    location: file,
    db,
    write: (work) =>
      oneWriterAtATime(file, () =>
        // BEGIN IMMEDIATE takes the write lock up front (waiting up to the busy timeout): a deferred
        // transaction that reads first could not upgrade once another writer committed.
        db.connection().execute(async (conn) => {
          await sql`begin immediate`.execute(conn);
          try {
            const result = await work(conn);
            await sql`commit`.execute(conn);
            return result;
          } catch (error) {
            if (database.inTransaction) await sql`rollback`.execute(conn);
            throw error;
          }
        }),
      ),
    async engineIntegrity() {
      const problems: string[] = [];
      const integrity = database.pragma("integrity_check") as { integrity_check: string }[];
      for (const row of integrity) if (row.integrity_check !== "ok") problems.push(`SQLite: ${row.integrity_check}`);
      const keys = database.pragma("foreign_key_check") as { table: string; parent: string }[];
      for (const row of keys) problems.push(`a row of ${row.table} names a missing row of ${row.parent}`);
      const json = database
        .prepare(
          "select (select count(*) from snapshots where not json_valid(evidence)) as snapshots," +
            " (select count(*) from assessment_documents where not json_valid(assessment)) as assessments," +
            " (select count(*) from findings where not json_valid(facts)) as findings",
        )
        .get() as Record<string, number>;
      for (const [table, n] of Object.entries(json)) if (n > 0) problems.push(`${n} rows of ${table} hold broken JSON`);
      return problems;
    },
    describeError: (error, doing) => describeError(file, error, doing),
    close: () => db.destroy(),
  };
}

async function tableNames(db: Kysely<StoreTables>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type in ('table', 'view') and name not like 'sqlite\\_%' escape '\\'
  `.execute(db);
  return rows.map((r) => r.name);
}

function refuseUnlessOurs(
  file: string,
  state: StoreState,
): asserts state is Extract<StoreState, { kind: "empty" | "ours" }> {
  if (state.kind === "foreign")
    throw storeError("E_STORE_FOREIGN", {
      store: file,
      message:
        `${file} is an SQLite database of another program (tables ${state.tables.slice(0, 5).join(", ")}), ` +
        "not an Upstream Portfolio store; it was not changed",
      fix: "name another file for the store, or move this one away",
    });
  if (state.kind === "newer")
    throw storeError("E_STORE_NEWER", {
      store: file,
      message:
        `the store ${file} was written by a newer version of upstream (schema ${state.version}; this version ` +
        `knows up to ${LATEST_VERSION}); it was not changed`,
      fix: "upgrade upstream, or name another store file",
    });
}

function describeError(file: string, error: unknown, doing: string): unknown {
  if (error instanceof UserError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string" || !code.startsWith("SQLITE_")) return error; // a bug, not the store's state
  const why = describeSqliteError(error);
  const outcome = `could not ${doing}; nothing of it was written to the store ${file}`;
  if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT"))
    return storeError("E_STORE_DAMAGED", {
      store: file,
      message: `the store ${file} is damaged: ${why}`,
      fix: FIX_DAMAGED,
      outcome,
      cause: error,
    });
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
    return storeError("E_STORE_WRITE", {
      store: file,
      message: `another process has held the store ${file} for over ${SQLITE_BUSY_TIMEOUT_MS / 1000} s`,
      fix: "wait for the other command to end, then run this one again",
      outcome,
      cause: error,
    });
  if (code.startsWith("SQLITE_CANTOPEN"))
    return unavailable(file, why, "check the file's permissions and the disk", error);
  return storeError("E_STORE_WRITE", {
    store: file,
    message: `writing to the store ${file} failed: ${why}`,
    fix: "free disk space or fix the file's permissions, then run the command again",
    outcome,
    cause: error,
  });
}

const SQLITE_WORDS: Readonly<Record<string, string>> = {
  SQLITE_NOTADB: "it is not an SQLite database",
  SQLITE_CORRUPT: "its pages are malformed",
  SQLITE_FULL: "the disk is full",
  SQLITE_READONLY: "the file is read-only",
  SQLITE_CANTOPEN: "the file cannot be opened",
  SQLITE_PERM: "permission denied",
  SQLITE_IOERR: "the disk reported an input/output error",
};

function describeSqliteError(error: unknown): string {
  const code = String((error as { code?: unknown }).code ?? "");
  const known = Object.keys(SQLITE_WORDS).find((k) => code === k || code.startsWith(`${k}_`));
  return known ? SQLITE_WORDS[known]! : (error as Error).message;
}

function unavailable(file: string, why: string, fix: string, cause?: unknown): UserError {
  return storeError("E_STORE_UNAVAILABLE", {
    store: file,
    message: `cannot open the store ${file}: ${why}`,
    fix,
    cause,
  });
}

function statOrError(path: string): { ok: true; stats: import("node:fs").Stats } | { ok: false; why: string } {
  try {
    return { ok: true, stats: statSync(path) };
  } catch (error) {
    return { ok: false, why: describeFsError(error) };
  }
}
