import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { UserError } from "../core/errors.js";
import { openStore, type StoreTarget } from "./index.js";
import { sampleEvidence, testDatabaseUrl, withPostgres } from "./testing.js";

/**
 * A store that cannot be used says which store, what is wrong and what to do, exits 1 (a
 * UserError), and writes nothing: not into the file, not beside it, not elsewhere.
 */

const dir = mkdtempSync(join(tmpdir(), "upstream-store-errors-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(target: StoreTarget): Promise<UserError> {
  const error = await openStore(target).then(
    async (s) => {
      await s.close();
      return assert.fail("the store opened");
    },
    (e: unknown) => e,
  );
  assert.ok(error instanceof UserError, `a UserError, got ${String(error)}`);
  assert.equal(error.exitCode, 1);
  return error;
}

const hashOf = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("store errors: SQLite", () => {
  it("refuses a file that is not a database, and leaves it as it was", async () => {
    const file = join(dir, "notes.db");
    writeFileSync(file, "these are my notes, not a database\n".repeat(200));
    const before = hashOf(file);
    const error = await refusal({ file });
    assert.equal(error.code, "E_STORE_DAMAGED");
    assert.match(error.issues[0]!.message, new RegExp(`the store ${file} is damaged: it is not an SQLite database`));
    assert.match(error.issues[0]!.hint!, /move the file aside/);
    assert.equal(hashOf(file), before);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith("notes.db")),
      ["notes.db"],
      "no -wal or -shm beside it",
    );
  });

  it("finds a store whose pages were overwritten damaged, when opened or when checked", async () => {
    const file = join(dir, "damaged.db");
    const store = await openStore({ file });
    await store.putSnapshots(
      Array.from({ length: 300 }, (_, i) => ({ evidence: sampleEvidence(`r${i}`, "2020-06-30", i) })),
    );
    await store.close();
    // Garbage over every page but the first (the header and schema stay readable).
    const size = statSync(file).size;
    const fd = openSync(file, "r+");
    for (let at = 4096; at < size; at += 4096) writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, at);
    closeSync(fd);
    let found: string;
    try {
      const damaged = await openStore({ file });
      try {
        const report = await damaged.checkIntegrity();
        assert.equal(report.ok, false);
        found = report.problems.join("\n");
      } catch (error) {
        assert.ok(error instanceof UserError);
        assert.equal(error.code, "E_STORE_DAMAGED");
        found = error.issues[0]!.message;
      } finally {
        await damaged.close();
      }
    } catch (error) {
      assert.ok(error instanceof UserError, String(error));
      assert.equal(error.code, "E_STORE_DAMAGED");
      found = error.issues[0]!.message;
    }
    assert.match(found, /malformed|damaged|SQLite:/);
  });

  it("makes nothing when the store's folder does not exist", async () => {
    const file = join(dir, "missing", "deeper", "portfolio.db");
    const error = await refusal({ file });
    assert.equal(error.code, "E_STORE_UNAVAILABLE");
    assert.match(error.issues[0]!.message, /its folder .*missing\/deeper cannot be used: it does not exist/);
    assert.equal(existsSync(join(dir, "missing")), false);
  });

  it("makes nothing when the catalog folder does not exist, and .upstream/portfolio.db when it does", async () => {
    const error = await refusal({ catalogDir: join(dir, "no-catalog") });
    assert.equal(error.code, "E_STORE_UNAVAILABLE");
    assert.match(error.issues[0]!.hint!, /--catalog/);
    assert.equal(existsSync(join(dir, "no-catalog")), false);

    const catalogDir = join(dir, "catalog");
    mkdirSync(catalogDir);
    const store = await openStore({ catalogDir });
    assert.equal(store.location, join(catalogDir, ".upstream", "portfolio.db"));
    await store.close();
    assert.ok(statSync(join(catalogDir, ".upstream", "portfolio.db")).isFile());
  });

  it("refuses a folder named as the store file", async () => {
    const folder = join(dir, "a-folder.db");
    mkdirSync(folder);
    const error = await refusal({ file: folder });
    assert.equal(error.code, "E_STORE_UNAVAILABLE");
    assert.match(error.issues[0]!.message, /not a regular file/);
    assert.deepEqual(readdirSync(folder), []);
  });
});

const url = testDatabaseUrl();
describe("store errors: PostgreSQL", {
  skip: url ? undefined : "no PostgreSQL server (UPSTREAM_TEST_DATABASE_URL)",
}, () => {
  const server = url ? new URL(url) : new URL("postgres://x");
  const withDatabase = (name: string, credentials = ""): string =>
    `postgres://${credentials || server.username}@${server.host}/${name}`;

  it("refuses a URL that is not a PostgreSQL URL", async () => {
    const error = await refusal({ url: "http://127.0.0.1/portfolio" });
    assert.equal(error.code, "E_STORE_URL");
    assert.match(error.issues[0]!.hint!, /postgres:\/\/USER/);
  });

  it("says so when no server answers, naming the host and port", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const error = await refusal({ url: `postgres://upstream@127.0.0.1:${port}/portfolio` });
    assert.equal(error.code, "E_STORE_UNAVAILABLE");
    assert.match(error.issues[0]!.message, new RegExp(`no PostgreSQL server answers at 127\\.0\\.0\\.1:${port}`));
    assert.match(error.issues[0]!.hint!, /start the server/);
  });

  it("names a missing database and how to create it, creates nothing, and never shows the password", async () => {
    const name = `missing_${Date.now()}`;
    const error = await refusal({ url: withDatabase(name, `${server.username}:s3cret-word`) });
    assert.equal(error.code, "E_STORE_UNAVAILABLE");
    assert.match(error.issues[0]!.message, new RegExp(`has no database ${name}`));
    assert.match(error.issues[0]!.hint!, new RegExp(`createdb ${name}`));
    const everything = JSON.stringify({ m: error.message, i: error.issues });
    assert.equal(everything.includes("s3cret-word"), false, everything);
    const databases = await withPostgres(url!, (c) =>
      c.query("select datname from pg_database where datname = $1", [name]),
    );
    assert.equal(databases.rowCount, 0);
  });

  it("names a login the server refuses", async () => {
    const error = await refusal({ url: withDatabase("postgres", "no_such_role") });
    assert.equal(error.code, "E_STORE_UNAVAILABLE");
    assert.match(error.issues[0]!.message, /refused the login/);
  });
});
