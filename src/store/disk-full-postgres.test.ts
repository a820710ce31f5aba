import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { UserError } from "../core/index.js";
import { describeStoreError, openStore, type SnapshotInput } from "./index.js";
import { commitOf, sampleEvidence, testDatabaseUrl, withPostgres } from "./testing.js";

// GIVEN a PostgreSQL store holding one batch, its tables in a tablespace on a small tmpfs WHEN the next batch fills
// that file system (the server's write fails with ENOSPC: SQLSTATE 53100 "could not extend file") THEN the command
// fails with a message naming the store, saying the disk is full and the fix; the store holds exactly what it held
// before and passes its integrity check; and once the file system has room the same batch written again completes.

const url = testDatabaseUrl();
const SMALL = "1m"; // the first batch fits; the second, ~1.6 MB of table and index pages, does not
const ROOMY = "256m";
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const database = `upstream_full_${suffix}`;
const tablespace = `upstream_full_${suffix}`;
const dir = mkdtempSync(join(tmpdir(), "upstream-pg-full-"));
let mounted = false;
let created = false;

const mount = (...args: string[]): void => {
  execFileSync("mount", args, { stdio: ["ignore", "ignore", "pipe"] });
};

before(async () => {
  if (!url) return; // the test says it is skipped, and why; UPSTREAM_TEST_REQUIRE_PG=1 made that a failure above
  try {
    mount("-t", "tmpfs", "-o", `size=${SMALL},mode=0700`, "tmpfs", dir);
  } catch (error) {
    const why = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
    assert.fail(
      `this test fills a real file system and needs to mount a small tmpfs as root (it runs as root in CI); ` +
        `\`mount -t tmpfs … ${dir}\` failed${process.getuid?.() === 0 ? "" : " (not root)"}: ${why}`,
    );
  }
  mounted = true;
  await withPostgres(url, async (client) => {
    // The server's files belong to the user it runs as (postgres, when the suite runs as root): so must the tablespace.
    const { rows } = await client.query<{ setting: string }>(
      "select setting from pg_settings where name = 'data_directory'",
    );
    const owner = statSync(rows[0]!.setting);
    execFileSync("chown", [`${owner.uid}:${owner.gid}`, dir]);
    await client.query(`create tablespace ${tablespace} location '${dir}'`);
    created = true;
    // The database's catalog stays on the server's disk; the store's tables and indexes go to the small tablespace.
    await client.query(`create database ${database}`);
    await client.query(`alter database ${database} set default_tablespace = ${tablespace}`);
  });
});

after(async () => {
  const steps: Array<() => unknown> = [];
  if (url && created)
    steps.push(() =>
      withPostgres(url, async (client) => {
        await client.query(`drop database if exists ${database} with (force)`);
        await client.query(`drop tablespace if exists ${tablespace}`);
      }),
    );
  if (mounted) steps.push(unmount);
  steps.push(() => rmSync(dir, { recursive: true, force: true }));
  // Every step runs, also when one before it failed; the first failure is reported.
  const failures: unknown[] = [];
  for (const step of steps)
    await Promise.resolve()
      .then(step)
      .catch((e: unknown) => failures.push(e));
  if (failures.length > 0) throw failures[0];
});

// A server process that has just ended (the store's connections, the one that dropped the tablespace) may hold a
// file of it open a moment longer: the file system is busy until then.
async function unmount(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync("umount", [dir], { stdio: ["ignore", "ignore", "pipe"] });
      return;
    } catch (error) {
      if (attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const batch = (from: number, to: number, asOf: string): SnapshotInput[] =>
  Array.from({ length: to - from }, (_, i) => ({
    evidence: sampleEvidence(`r${String(from + i).padStart(4, "0")}`, asOf, (from + i) * 10),
    fingerprint: "f",
  }));

function storeUrl(): string {
  const u = new URL(url!);
  u.pathname = `/${database}`;
  return u.toString();
}

const name = "a full disk under PostgreSQL mid-batch leaves the store as it was; the rerun with room completes it";
const skip = url
  ? false
  : "no PostgreSQL server (UPSTREAM_TEST_DATABASE_URL is not set): run it under `bash scripts/with-postgres.sh …`";

it(name, { skip }, async () => {
  const target = { url: storeUrl() };
  const first = await openStore(target);
  await first.putSnapshots(batch(0, 5, "2020-03-31"));
  const failure = await first.putSnapshots(batch(5, 805, "2020-06-30")).then(
    () => undefined,
    (error: unknown) => error,
  );
  await first.close();
  assert.ok(failure instanceof UserError, `the batch should fail on the full tablespace, got ${String(failure)}`);
  assert.equal(failure.code, "E_STORE_WRITE");
  assert.equal((failure.cause as { code?: string }).code, "53100", "the server's own disk_full, not another error");
  const words = describeStoreError(failure);
  assert.ok(words.includes(`writing to the store ${target.url} failed: the server's disk is full`), words);
  assert.match(words, /could not extend file/);
  assert.match(words, /fix: free disk space/);

  const again = await openStore(target);
  assert.deepEqual(await again.checkIntegrity(), { ok: true, problems: [] });
  assert.equal((await again.snapshotHistory("r0004")).length, 1, "the batch stored before is intact");
  assert.equal((await again.repositories()).length, 5, "nothing of the batch that met the full disk");

  mount("-o", `remount,size=${ROOMY}`, dir);
  await again.putSnapshots(batch(5, 805, "2020-06-30"));
  assert.equal((await again.repositories()).length, 805);
  const last = await again.snapshotHistory("r0804");
  assert.deepEqual(
    last.map((s) => [s.asOf, s.commit]),
    [["2020-06-30", commitOf(8040)]],
  );
  assert.deepEqual(await again.checkIntegrity(), { ok: true, problems: [] });
  await again.close();
});
