import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { after, it } from "node:test";
import { tempDir } from "../evidence/testing.js";
import { UserError } from "../core/index.js";
import { describeStoreError, openStore, type SnapshotInput } from "./index.js";
import { openSqliteStore } from "./sqlite/sqlite-store.js";
import { commitOf, sampleEvidence } from "./testing.js";

// GIVEN a store holding one batch WHEN the next batch meets a full disk (SQLite's page cap, the same SQLITE_FULL a
// full disk gives) THEN the command fails with a message naming the store and the fix, the store holds exactly what
// it held before, passes its integrity check, and the same batch written again with room completes it.

const root = tempDir("upstream-disk-full-");
after(() => root.cleanup());

const batch = (from: number, to: number, asOf: string): SnapshotInput[] =>
  Array.from({ length: to - from }, (_, i) => ({
    evidence: sampleEvidence(`r${from + i}`, asOf, (from + i) * 10),
    fingerprint: "f",
  }));

it("a full disk mid-batch leaves the store as it was; the rerun with room completes the work", async () => {
  const file = join(root.dir, "portfolio.db");
  const first = await openStore({ file });
  await first.putSnapshots(batch(0, 5, "2020-03-31"));
  await first.close();
  const pages = Math.ceil(statSync(file).size / 4096) + 8;

  // Room for a few pages more than it holds: the 200-snapshot batch cannot fit.
  const full = await openSqliteStore(file, { maxPageCount: pages });
  const failure = await full.putSnapshots(batch(5, 205, "2020-06-30")).then(
    () => undefined,
    (error: unknown) => error,
  );
  await full.close();
  assert.ok(failure instanceof UserError, String(failure));
  assert.equal(failure.code, "E_STORE_WRITE");
  const words = describeStoreError(failure);
  assert.ok(words.includes(`writing to the store ${file} failed: the disk is full`), words);
  assert.match(words, /fix: free disk space/);

  const after1 = await openStore({ file });
  assert.deepEqual(await after1.checkIntegrity(), { ok: true, problems: [] });
  assert.equal((await after1.snapshotHistory("r4")).length, 1, "the batch stored before is intact");
  assert.equal((await after1.snapshotHistory("r5")).length, 0, "nothing of the batch that met the full disk");
  assert.equal((await after1.snapshotHistory("r204")).length, 0);
  await after1.putSnapshots(batch(5, 205, "2020-06-30"));
  const last = await after1.snapshotHistory("r204");
  assert.deepEqual(
    last.map((s) => [s.asOf, s.commit]),
    [["2020-06-30", commitOf(2040)]],
  );
  assert.deepEqual(await after1.checkIntegrity(), { ok: true, problems: [] });
  await after1.close();
});
