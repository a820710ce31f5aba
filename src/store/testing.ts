import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { RepositoryEvidence } from "../evidence/index.js";
import { richRepository } from "../maturity/testing.js";
import type { StoreTarget } from "./open-store.js";

/**
 * Fixture builders for store tests: one fresh, empty store per test on each engine. SQLite is a
 * file in a temp folder; PostgreSQL is a schema of its own on the server UPSTREAM_TEST_DATABASE_URL
 * names (scripts/with-postgres.sh starts one), so tests run concurrently without meeting.
 */

export const TEST_DATABASE_URL_VARIABLE = "UPSTREAM_TEST_DATABASE_URL";

export interface TestEngine {
  readonly name: "sqlite" | "postgres";
  /** Why the engine's tests are skipped (no server when one is not required); undefined when they run. */
  readonly skip?: string;
  /** A fresh store location and its removal. */
  fresh(): Promise<FreshStore>;
}

export interface FreshStore {
  readonly target: StoreTarget;
  /** Run raw SQL against it (for tests that damage or inspect a store from outside). */
  readonly cleanup: () => Promise<void>;
}

/**
 * The PostgreSQL server for tests; under scripts/test.sh (UPSTREAM_TEST_REQUIRE_PG=1) a missing one
 * fails the tests.
 */
export function testDatabaseUrl(): string | undefined {
  const url = process.env[TEST_DATABASE_URL_VARIABLE];
  if (url) return url;
  if (process.env.UPSTREAM_TEST_REQUIRE_PG === "1")
    throw new Error(
      `${TEST_DATABASE_URL_VARIABLE} is not set, but UPSTREAM_TEST_REQUIRE_PG=1 requires the PostgreSQL half of ` +
        "the store tests: run them with `bash scripts/test.sh` or `bash scripts/with-postgres.sh …`",
    );
  return undefined;
}

const PG_SKIP =
  `no PostgreSQL server (${TEST_DATABASE_URL_VARIABLE} is not set): the PostgreSQL half is skipped; ` +
  "run `bash scripts/with-postgres.sh node_modules/.bin/tsx --test <file>` to run it";

export const sqliteEngine: TestEngine = {
  name: "sqlite",
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), "upstream-store-"));
    return { target: { file: join(dir, "portfolio.db") }, cleanup: async () => rmSync(dir, { recursive: true }) };
  },
};

export function postgresEngine(): TestEngine {
  const url = testDatabaseUrl();
  return {
    name: "postgres",
    ...(url ? {} : { skip: PG_SKIP }),
    async fresh() {
      if (!url) throw new Error(PG_SKIP);
      const schema = `t_${randomBytes(6).toString("hex")}`;
      return {
        target: { url, schema },
        cleanup: async () => {
          await withPostgres(url, (c) => c.query(`drop schema if exists ${schema} cascade`));
        },
      };
    },
  };
}

/** Both engines, SQLite first. */
export function testEngines(): TestEngine[] {
  return [sqliteEngine, postgresEngine()];
}

/** Run `work` with one client of the server at `url`, closed afterwards. */
export async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A deterministic 40-hex commit id for `n`. */
export function commitOf(n: number): string {
  return n.toString(16).padStart(8, "0").repeat(5);
}

/**
 * Evidence of `repository` as of `asOf` at commit `commitOf(n)`, with figures that differ by `n` (so a
 * mix-up shows) and the size of a real repository's evidence (organizations, maintainers, tags).
 */
export function sampleEvidence(repository: string, asOf: string, n: number): RepositoryEvidence {
  return richRepository(repository, (r) => {
    r.commit = commitOf(n);
    r.asOf = asOf;
    r.commitDate = `${asOf}T00:00:00Z`;
    r.history = {
      ...r.history,
      commits: 1000 + n,
      contributors: 50 + (n % 97),
      source: { repository, commit: r.commit },
      organizations: Array.from({ length: 12 }, (_, i) => ({
        organization: `Org ${i}`,
        commits: 100 - i,
        commitShare: 0.05,
        contributors: 10 - (i % 10),
        contributorShare: 0.05,
        via: [`domain org${i}.example`],
      })),
    };
    r.releases = {
      ...r.releases,
      releasesLast12Months: n % 13,
      items: Array.from({ length: 30 }, (_, i) => `v1.${i}.0`),
    };
  });
}
