import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { UserError } from "../core/errors.js";
import { collectRepositoryEvidence } from "../evidence/collect-evidence.js";
import { buildRepo, tempDir } from "../evidence/testing.js";
import type { ProjectAssessment } from "../maturity/assessment.js";
import { assess, DEFAULT_FRAMEWORK_ALIASES, declaredState, loadFrameworks } from "../maturity/index.js";
import { bareRepository, framework, project, projectEvidence, richRepository } from "../maturity/testing.js";
import { LATEST_VERSION } from "./migrations.js";
import { openStore, type Store, type StoreTarget } from "./index.js";
import { commitOf, type FreshStore, sampleEvidence, testEngines, withPostgres } from "./testing.js";

/**
 * The one store contract, run against every engine: what the use cases may rely on, whichever
 * engine is behind the Store interface. SQLite runs in a temp file, PostgreSQL in a schema of
 * its own on a real server (scripts/with-postgres.sh).
 */

const frameworks = await loadFrameworks();
const azcnu = frameworks.get("azcnu-v0.1")!;
// Decided by evidence alone, so a rich and a bare repository support different levels.
const tiny = framework(`id: tiny
version: "2"
title: Tiny
name: Tiny
stages:
  - id: sandbox
    title: Sandbox
    criteria:
      - { id: sandbox.semver, text: Semver tags, decided: automatic, rule: { id: semver-releases } }
  - id: incubating
    title: Incubating
    criteria:
      - { id: incubating.previous, text: Met sandbox, decided: automatic, rule: { id: previous-stage } }
      - { id: incubating.maintainers, text: 2+ maintainers, decided: automatic,
          rule: { id: maintainers, threshold: 2 } }
`);

/** What the store keeps is JSON: an assessment as it reads back (undefined fields dropped). */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

type Framed = ProjectAssessment & { framework: NonNullable<ProjectAssessment["framework"]> };

function assessmentOf(id: string, asOf: string, rich: boolean, against = azcnu): Framed {
  const p = project({ id, name: `Project ${id}`, state: { framework: "Azure", level: "incubating" } });
  const a = assess({
    project: p,
    evidence: projectEvidence([rich ? richRepository() : bareRepository()], { project: id, asOf }),
    framework: against,
    declared: declaredState(p, DEFAULT_FRAMEWORK_ALIASES),
    program: {},
    asOf,
  });
  assert.ok(a.framework, "the fixture assessment has a framework");
  return a as Framed;
}

/** Run raw SQL on the store from outside the Store interface (to damage or inspect it). */
async function rawSql(target: StoreTarget, statement: string): Promise<unknown[]> {
  if ("file" in target) {
    const db = new Database(target.file);
    try {
      const stmt = db.prepare(statement);
      return stmt.reader ? stmt.all() : (stmt.run(), []);
    } finally {
      db.close();
    }
  }
  assert.ok("url" in target);
  return withPostgres(target.url, async (c) => {
    await c.query(`set search_path = ${target.schema}`);
    return (await c.query(statement)).rows;
  });
}

for (const engine of testEngines()) {
  describe(`store contract: ${engine.name}`, { skip: engine.skip }, () => {
    let fresh: FreshStore;
    let store: Store;
    const opened: FreshStore[] = [];
    const newStore = async (): Promise<Store> => {
      fresh = await engine.fresh();
      opened.push(fresh);
      store = await openStore(fresh.target);
      return store;
    };
    after(async () => {
      await store?.close().catch(() => {});
      for (const f of opened) await f.cleanup();
    });

    it("creates its tables on first open and opens them again with what was stored", async () => {
      let s = await newStore();
      await s.putSnapshots([{ evidence: sampleEvidence("repo", "2020-06-30", 1) }]);
      await s.close();
      s = store = await openStore(fresh.target);
      assert.equal(s.engine, engine.name);
      assert.equal((await s.latestSnapshot("repo"))?.evidence.history.commits, 1001);
      const meta = await rawSql(fresh.target, "select value from store_meta where key = 'schema_version'");
      assert.deepEqual(meta, [{ value: String(LATEST_VERSION) }]);
      await s.close();
    });

    it("stores evidence read from a real git repository and gives it back as it was", async () => {
      const s = await newStore();
      const { dir, cleanup } = tempDir();
      try {
        buildRepo(join(dir, "repo"), [
          { date: "2019-01-10", files: { "README.md": "# Demo\n", LICENSE: "MIT License\n" }, tag: "v0.1.0" },
          { date: "2019-05-02", author: "Bob <bob@globex.example>", files: { OWNERS: "approvers:\n- bob\n" } },
          { date: "2020-02-20", author: "Cy <cy@acme.io>", files: { "CONTRIBUTING.md": "PRs welcome\n" } },
        ]);
        const evidence = await collectRepositoryEvidence("repo", {
          baseDir: dir,
          asOf: "2020-06-30",
          cacheDir: join(dir, "cache"),
        });
        await s.putSnapshots([{ evidence, fingerprint: "rules-1" }]);
        const got = await s.getSnapshot({ repository: "repo", commit: evidence.commit, asOf: "2020-06-30" });
        const { cache: _cache, ...expected } = evidence;
        assert.deepEqual(got?.evidence, expected);
        assert.equal(got?.fingerprint, "rules-1");
        // A reader that needs evidence shaped by other rules finds none, and reads git again.
        assert.equal(
          await s.getSnapshot({
            repository: "repo",
            commit: evidence.commit,
            asOf: "2020-06-30",
            fingerprint: "rules-2",
          }),
          undefined,
        );
      } finally {
        cleanup();
        await s.close();
      }
    });

    it("keeps one snapshot per repository, commit and date: a second put replaces the first", async () => {
      const s = await newStore();
      await s.putSnapshots([{ evidence: sampleEvidence("repo", "2020-06-30", 1) }]);
      const replaced = sampleEvidence("repo", "2020-06-30", 1);
      await s.putSnapshots([{ evidence: { ...replaced, history: { ...replaced.history, commits: 7 } } }]);
      // the same key twice in one batch: the last given wins
      await s.putSnapshots([
        { evidence: sampleEvidence("repo", "2020-09-30", 2) },
        { evidence: { ...sampleEvidence("repo", "2020-09-30", 2), commitDate: "2020-09-29T00:00:00Z" } },
      ]);
      const rows = await rawSql(fresh.target, "select as_of, commits from snapshots order by as_of");
      assert.deepEqual(
        rows.map((r) => ({ ...(r as object) })),
        [
          { as_of: "2020-06-30", commits: 7 },
          { as_of: "2020-09-30", commits: 1002 },
        ],
      );
      assert.equal((await s.latestSnapshot("repo"))?.evidence.commitDate, "2020-09-29T00:00:00Z");
      await s.close();
    });

    it("reads the latest snapshot on or before a date, and a repository's history in date order", async () => {
      const s = await newStore();
      const dates = ["2020-03-31", "2020-06-30", "2020-09-30", "2020-12-31"];
      // given out of order, and a second repository that must not mix in
      await s.putSnapshots(
        [3, 1, 0, 2]
          .map((i) => ({ evidence: sampleEvidence("a", dates[i]!, i) }))
          .concat([{ evidence: sampleEvidence("b", "2020-06-30", 99) }]),
      );
      assert.equal((await s.latestSnapshot("a", { asOf: "2020-08-15" }))?.asOf, "2020-06-30");
      assert.equal(await s.latestSnapshot("a", { asOf: "2020-01-01" }), undefined);
      assert.equal((await s.latestSnapshot("a"))?.commit, commitOf(3));
      const history = await s.snapshotHistory("a", { from: "2020-06-01", to: "2020-12-01" });
      assert.deepEqual(
        history.map((h) => [h.asOf, h.evidence.history.commits]),
        [
          ["2020-06-30", 1001],
          ["2020-09-30", 1002],
        ],
      );
      assert.equal((await s.snapshotHistory("nothing")).length, 0);
      await s.close();
    });

    it("does not keep how the evidence cache served a read", async () => {
      const s = await newStore();
      await s.putSnapshots([{ evidence: { ...sampleEvidence("repo", "2020-06-30", 1), cache: "hit" } }]);
      assert.equal((await s.latestSnapshot("repo"))?.evidence.cache, undefined);
      await s.close();
    });

    it("keeps names with quotes, SQL and control characters as data", async () => {
      const s = await newStore();
      const name = "x'); drop table snapshots; --\u001b[31m\u202e ünïcödé";
      await s.putSnapshots([{ evidence: sampleEvidence(name, "2020-06-30", 5) }]);
      assert.equal((await s.latestSnapshot(name))?.repository, name);
      assert.equal((await s.checkIntegrity()).ok, true);
      await s.close();
    });

    it("stores a batch all or none: a bad snapshot in the middle leaves what was there before", async () => {
      const s = await newStore();
      await s.putSnapshots([{ evidence: sampleEvidence("keep", "2020-06-30", 1) }]);
      const batch = Array.from({ length: 450 }, (_, i) => ({ evidence: sampleEvidence(`r${i}`, "2020-06-30", i) }));
      // no commit date: the NOT NULL column refuses the row, in the third insert of the batch
      batch[420] = { evidence: { ...batch[420]!.evidence, commitDate: null as unknown as string } };
      await assert.rejects(s.putSnapshots(batch));
      assert.deepEqual(
        (await rawSql(fresh.target, "select repository from snapshots")).map(
          (r) => (r as { repository: string }).repository,
        ),
        ["keep"],
      );
      assert.equal((await s.checkIntegrity()).ok, true);
      await s.close();
    });

    it("reports progress while a batch is written", async () => {
      const s = await newStore();
      const seen: number[] = [];
      const batch = Array.from({ length: 450 }, (_, i) => ({ evidence: sampleEvidence(`r${i}`, "2020-06-30", i) }));
      await s.putSnapshots(batch, { onProgress: (written, total) => seen.push(written / total) });
      assert.equal(seen.length > 1, true, `several progress calls, got ${seen.length}`);
      assert.equal(seen.at(-1), 1);
      await s.close();
    });

    it("records runs: when, catalog revision, tool version, repositories and failures, newest first", async () => {
      const s = await newStore();
      const first = await s.beginRun({
        catalogRevision: "abc123",
        toolVersion: "0.1.0",
        asOf: "2020-06-30",
        repositories: ["a", "b"],
        startedAt: "2020-07-01T10:00:00.000Z",
      });
      assert.equal(first.status, "running");
      const second = await s.beginRun({
        catalogRevision: null,
        toolVersion: "0.2.0",
        asOf: "2020-09-30",
        repositories: ["a"],
        startedAt: "2020-10-01T10:00:00.000Z",
      });
      const failure = { repository: "b", code: "E_REPO_NOT_FOUND" as const, message: "gone", hint: "fix the URL" };
      const ended = await s.finishRun(first.id, { failures: [failure], finishedAt: "2020-07-01T10:05:00.000Z" });
      assert.deepEqual(ended, {
        ...first,
        status: "finished",
        finishedAt: "2020-07-01T10:05:00.000Z",
        failures: [failure],
      });
      const runs = await s.listRuns();
      assert.deepEqual(
        runs.map((r) => [r.id, r.status, r.toolVersion]),
        [
          [second.id, "running", "0.2.0"],
          [first.id, "finished", "0.1.0"],
        ],
      );
      assert.equal((await s.listRuns({ limit: 1 })).length, 1);
      await s.putSnapshots([{ evidence: sampleEvidence("a", "2020-09-30", 1) }], { runId: second.id });
      assert.equal((await s.latestSnapshot("a"))?.runId, second.id);
      await s.close();
    });

    it("stores assessments with every finding's id, status and facts, and gives them back whole", async () => {
      const s = await newStore();
      const rich = assessmentOf("p1", "2020-06-30", true);
      const bare = assessmentOf("p2", "2020-06-30", false);
      assert.ok(bare.next && bare.next.missing.length > 0, "the bare project misses criteria for the next stage");
      await s.putAssessments([{ assessment: rich }, { assessment: bare }]);
      const key = { asOf: "2020-06-30", frameworkId: azcnu.id, frameworkVersion: azcnu.version };
      assert.deepEqual((await s.getAssessment({ project: "p1", ...key }))?.assessment, asJson(rich));
      assert.deepEqual((await s.getAssessment({ project: "p2", ...key }))?.assessment, asJson(bare));
      const statuses = await rawSql(
        fresh.target,
        "select criterion_id, status from findings where project = 'p2' order by position",
      );
      assert.deepEqual(
        statuses.map((r) => ({ ...(r as object) })),
        bare.findings.map((f) => ({ criterion_id: f.criterionId, status: f.status })),
      );
      assert.equal(await s.getAssessment({ project: "p3", ...key }), undefined);
      await s.close();
    });

    it("replaces an assessment stored again for the same project, date and framework, findings and all", async () => {
      const s = await newStore();
      await s.putAssessments([{ assessment: assessmentOf("p1", "2020-06-30", false) }]);
      const fewer = assessmentOf("p1", "2020-06-30", true);
      const trimmed = { ...fewer, findings: fewer.findings.slice(0, 3), next: null };
      await s.putAssessments([{ assessment: trimmed }]);
      const key = { project: "p1", asOf: "2020-06-30", frameworkId: azcnu.id, frameworkVersion: azcnu.version };
      assert.deepEqual((await s.getAssessment(key))?.assessment, asJson(trimmed));
      const rows = await rawSql(fresh.target, "select count(*) as n from findings");
      assert.equal(Number((rows[0] as { n: unknown }).n), 3);
      assert.deepEqual(await s.checkIntegrity(), { ok: true, problems: [] });
      await s.close();
    });

    it("sums up the portfolio from each project's latest assessment on or before a date", async () => {
      const s = await newStore();
      await s.putAssessments([
        { assessment: assessmentOf("a", "2020-03-31", false, tiny) },
        { assessment: assessmentOf("a", "2020-06-30", true, tiny) },
        { assessment: assessmentOf("b", "2020-03-31", true, tiny) },
        { assessment: assessmentOf("b", "2020-09-30", false, tiny) },
        { assessment: assessmentOf("c", "2020-09-30", true, tiny) },
      ]);
      const line = (e: { project: string; asOf: string; supported: string | null }) =>
        `${e.project} ${e.asOf} ${e.supported}`;
      const rich = assessmentOf("x", "2020-06-30", true, tiny);
      const bare = assessmentOf("x", "2020-06-30", false, tiny);
      assert.notEqual(rich.supported, bare.supported, "the fixtures support different levels");
      assert.deepEqual((await s.portfolioSummary()).map(line), [
        `a 2020-06-30 ${rich.supported}`,
        `b 2020-09-30 ${bare.supported}`,
        `c 2020-09-30 ${rich.supported}`,
      ]);
      assert.deepEqual((await s.portfolioSummary({ asOf: "2020-06-30" })).map(line), [
        `a 2020-06-30 ${rich.supported}`,
        `b 2020-03-31 ${rich.supported}`,
      ]);
      const [a] = await s.portfolioSummary({ asOf: "2020-06-30", framework: `${tiny.id}@${tiny.version}` });
      assert.deepEqual(a?.counts, rich.counts);
      assert.equal(a?.framework, `${tiny.id}@${tiny.version}`);
      assert.equal(a?.declared, rich.declared.written);
      assert.deepEqual(await s.portfolioSummary({ framework: "cncf" }), []);
      await s.putAssessments([{ assessment: assessmentOf("a", "2020-12-31", true) }]);
      assert.deepEqual(
        (await s.portfolioSummary()).map((e) => `${e.project} ${e.framework} ${e.asOf}`),
        [
          `a ${azcnu.id}@${azcnu.version} 2020-12-31`,
          "a tiny@2 2020-06-30",
          "b tiny@2 2020-09-30",
          "c tiny@2 2020-09-30",
        ],
        "one row per project and framework",
      );
      await s.close();
    });

    it("keeps the history aggregates of a repository's latest commits, large ones compressed", async () => {
      const s = await newStore();
      const key = (n: number) => ({ repository: "repo", commit: commitOf(n), affiliationsHash: "h", shallow: false });
      const entry = (n: number, memo = "") => JSON.stringify({ commit: commitOf(n), memo });
      const large = JSON.stringify({ counters: Array.from({ length: 5000 }, (_, i) => [`name ${i} "é"`, i]) });
      for (const n of [1, 2, 3])
        await s.putHistoryState(
          { ...key(n), cacheVersion: 8, entry: entry(n), state: n === 2 ? large : `{"n":${n}}` },
          { keep: 3 },
        );
      // the same commit read from a shallow clone, or under other rules, is another row
      await s.putHistoryState({ ...key(1), shallow: true, cacheVersion: 8, entry: "{}", state: "{}" }, { keep: 9 });
      assert.deepEqual((await s.getHistoryState(key(2)))!, { text: large });
      assert.deepEqual(await s.getHistoryState(key(1)), { text: '{"n":1}' });
      const rows = (await rawSql(
        fresh.target,
        "select commit_id, state_encoding, length(state) as size from history_states order by commit_id",
      )) as { commit_id: string; state_encoding: string; size: number }[];
      const two = rows.find((r) => r.commit_id === commitOf(2))!;
      assert.equal(two.state_encoding, "gzip+base64");
      assert.ok(Number(two.size) < large.length / 3, `${two.size} of ${large.length}`);
      // an entry alone (a new as-of date at a known commit) keeps the stored aggregates and becomes the newest
      await s.putHistoryState({ ...key(2), cacheVersion: 8, entry: entry(2, "again") }, { keep: 4 });
      assert.deepEqual((await s.getHistoryState(key(2)))!, { text: large });
      let entries = await s.historyEntries("repo");
      assert.deepEqual(
        entries.map((e) => [e.commit, e.shallow]),
        [
          [commitOf(2), false],
          [commitOf(1), true],
          [commitOf(3), false],
          [commitOf(1), false],
        ],
      );
      assert.equal(entries[0]!.entry, entry(2, "again"));
      assert.equal(entries[0]!.cacheVersion, 8);
      // without aggregates, an entry not stored yet is not kept (nothing to read on from)
      await s.putHistoryState({ ...key(7), cacheVersion: 8, entry: entry(7) }, { keep: 4 });
      assert.equal(await s.getHistoryState(key(7)), undefined);
      // a fifth commit with keep 3: the two oldest go
      await s.putHistoryState({ ...key(5), cacheVersion: 8, entry: entry(5), state: "{}" }, { keep: 3 });
      entries = await s.historyEntries("repo");
      assert.deepEqual(
        entries.map((e) => e.commit),
        [commitOf(5), commitOf(2), commitOf(1)],
      );
      assert.equal(entries[2]!.shallow, true);
      assert.equal(await s.getHistoryState(key(3)), undefined);
      assert.deepEqual(await s.historyEntries("other"), []);
      assert.deepEqual((await s.checkIntegrity()).problems, []);
      await s.close();
    });

    it("says damaged aggregates are damaged instead of failing", async () => {
      const s = await newStore();
      const key = { repository: "repo", commit: commitOf(1), affiliationsHash: "h", shallow: false };
      await s.putHistoryState({ ...key, cacheVersion: 8, entry: "{}", state: "x".repeat(40_000) }, { keep: 3 });
      await rawSql(fresh.target, "update history_states set state = 'bm90IGd6aXA='");
      const read = await s.getHistoryState(key);
      assert.ok(read && "damaged" in read, JSON.stringify(read));
      assert.match(read.damaged, /not gzip/);
      await s.close();
    });

    it("migrates a store of schema 1 to the latest, keeping what it held", async () => {
      let s = await newStore();
      await s.putSnapshots([{ evidence: sampleEvidence("repo", "2020-06-30", 1) }]);
      await s.close();
      await rawSql(fresh.target, "drop table history_states");
      await rawSql(fresh.target, "update store_meta set value = '1' where key = 'schema_version'");
      s = store = await openStore(fresh.target);
      assert.equal((await s.latestSnapshot("repo"))?.evidence.history.commits, 1001);
      assert.deepEqual(await s.historyEntries("repo"), []);
      const meta = await rawSql(fresh.target, "select value from store_meta where key = 'schema_version'");
      assert.deepEqual(meta, [{ value: String(LATEST_VERSION) }]);
      await s.close();
    });

    it("refuses a store written by a newer version of the tool and leaves it untouched", async () => {
      const s = await newStore();
      await s.putSnapshots([{ evidence: sampleEvidence("repo", "2020-06-30", 1) }]);
      await s.close();
      await rawSql(fresh.target, `update store_meta set value = '${LATEST_VERSION + 1}' where key = 'schema_version'`);
      const before = await fingerprintOf(fresh.target);
      const error = await openStore(fresh.target).then(
        () => assert.fail("opened a newer store"),
        (e: unknown) => e,
      );
      assert.ok(error instanceof UserError);
      assert.equal(error.code, "E_STORE_NEWER");
      assert.match(error.issues[0]!.message, new RegExp(`schema ${LATEST_VERSION + 1}.*not changed`));
      assert.match(error.issues[0]!.hint!, /upgrade upstream/);
      assert.equal(await fingerprintOf(fresh.target), before);
    });

    it("refuses a database of another program and leaves it untouched", async () => {
      fresh = await engine.fresh();
      opened.push(fresh);
      if ("file" in fresh.target) {
        const db = new Database(fresh.target.file);
        db.exec("create table invoices (id integer primary key, total real); insert into invoices values (1, 9.5)");
        db.close();
      } else {
        assert.ok("url" in fresh.target);
        const { schema } = fresh.target;
        await withPostgres(fresh.target.url, (c) =>
          c.query(`create schema ${schema}; create table ${schema}.invoices (id int primary key)`),
        );
      }
      const before = await fingerprintOf(fresh.target);
      await assert.rejects(openStore(fresh.target), (e: unknown) => {
        assert.ok(e instanceof UserError);
        assert.equal(e.code, "E_STORE_FOREIGN");
        assert.match(e.issues[0]!.message, /another program \(tables invoices\).*not changed/);
        return true;
      });
      assert.equal(await fingerprintOf(fresh.target), before);
      if ("file" in fresh.target) assert.equal(existsSync(`${fresh.target.file}-wal`), false, "no WAL left beside it");
    });

    it("lets two stores open one empty location at once: one migrates, the other waits and uses it", async () => {
      fresh = await engine.fresh();
      opened.push(fresh);
      const [a, b] = await Promise.all([openStore(fresh.target), openStore(fresh.target)]);
      await a.putSnapshots([{ evidence: sampleEvidence("a", "2020-06-30", 1) }]);
      await b.putSnapshots([{ evidence: sampleEvidence("b", "2020-06-30", 2) }]);
      assert.equal((await a.latestSnapshot("b"))?.evidence.history.commits, 1002);
      await a.close();
      await b.close();
    });
  });
}

/** What a store holds, as one hash: its file's bytes, or its schema's tables and rows. */
async function fingerprintOf(target: StoreTarget): Promise<string> {
  if ("file" in target) return createHash("sha256").update(readFileSync(target.file)).digest("hex");
  assert.ok("url" in target);
  const { url, schema } = target;
  return withPostgres(url, async (c) => {
    const tables = await c.query(
      "select table_name from information_schema.tables where table_schema = $1 order by table_name",
      [schema],
    );
    const parts: string[] = [];
    for (const { table_name } of tables.rows as { table_name: string }[]) {
      const rows = await c.query(`select * from ${schema}.${table_name} order by 1`);
      parts.push(table_name, JSON.stringify(rows.rows));
    }
    return createHash("sha256").update(parts.join("\n")).digest("hex");
  });
}

before(() => {
  // The fixtures must produce what the tests compare: a rich and a bare project differ.
  assert.notDeepEqual(assessmentOf("x", "2020-06-30", true).counts, assessmentOf("x", "2020-06-30", false).counts);
});
