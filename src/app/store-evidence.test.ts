import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it, test } from "node:test";
import { EVIDENCE_VERSION } from "../evidence/index.js";
import { buildRepo, git, tempDir } from "../evidence/testing.js";
import { openStore, type Store } from "../store/index.js";
import { testEngines } from "../store/testing.js";
import { assessProjects, collectEvidence, compareSince, evidenceFingerprint, openCatalog } from "./index.js";

// GIVEN a catalog of two real git repositories (one shared by two projects) and a real store on each engine
// WHEN collect and assess run through the store THEN runs, snapshots and assessments are kept, once each, and
// an unchanged repository is reused from the store instead of read from git again.

const CATALOG = `apiVersion: upstream/v1
program: { name: Test }
personas:
  - { id: ops, title: Ops }
projects:
  - { id: one, name: One, persona: ops, repositories: [repos/one], state: { framework: CNCF, level: sandbox } }
  - { id: two, name: Two, persona: ops, repositories: [repos/two, repos/one] }
  - { id: gone, name: Gone, persona: ops, repositories: [repos/missing] }
`;

const ASOF = "2021-06-30";

for (const engine of testEngines()) {
  describe(`collect and assess through the store (${engine.name})`, { skip: engine.skip }, () => {
    let root: ReturnType<typeof tempDir>;
    let store: Store;
    let cleanup: () => Promise<void>;
    before(async () => {
      root = tempDir();
      writeFileSync(join(root.dir, "upstream.yaml"), CATALOG);
      buildRepo(join(root.dir, "repos", "one"), [
        { date: "2019-01-10", author: "Ann <ann@acme.io>", files: { OWNERS: "approvers:\n- ann\n" }, tag: "v0.1.0" },
        { date: "2020-07-10", author: "Bob <bob@globex.com>", tag: "v1.0.0" },
      ]);
      buildRepo(join(root.dir, "repos", "two"), [{ date: "2020-02-02", author: "Cy <cy@initech.com>" }]);
      const fresh = await engine.fresh();
      cleanup = fresh.cleanup;
      store = await openStore(fresh.target);
    });
    after(async () => {
      await store.close();
      await cleanup();
      root.cleanup();
    });

    it("a second collect reuses every unchanged snapshot, reads no history and doubles nothing", async () => {
      const opened = await openCatalog({ cwd: root.dir });
      const session = { store, toolVersion: "9.9.9" };
      const first = await collectEvidence(opened, { cwd: root.dir, asOf: ASOF, store: session });
      assert.deepEqual(first.stored && { reused: first.stored.reused, written: first.stored.written }, {
        reused: 0,
        written: 2,
      });
      const second = await collectEvidence(opened, { cwd: root.dir, asOf: ASOF, store: session });
      assert.deepEqual(second.stored && { reused: second.stored.reused, written: second.stored.written }, {
        reused: 2,
        written: 0,
      });
      const caches = second.evidence.flatMap((p) => p.repositories.map((r) => r.cache));
      assert.deepEqual(caches, ["store", "store", "store"]);
      // the same figures as when read from git
      const figures = (r: typeof first) =>
        r.evidence.flatMap((p) => p.repositories.map((e) => [e.repository, e.commit, e.history.commits]));
      assert.deepEqual(figures(second), figures(first));
      // one snapshot per repository, still the one the first run wrote
      const one = await store.snapshotHistory("repos/one");
      assert.equal(one.length, 1);
      assert.equal(one[0]!.runId, first.stored!.runId);
      const runs = await store.listRuns();
      assert.equal(runs.length, 2);
      for (const run of runs) {
        assert.equal(run.status, "finished");
        assert.equal(run.toolVersion, "9.9.9");
        assert.deepEqual([...run.repositories].sort(), ["repos/missing", "repos/one", "repos/two"]);
        assert.deepEqual(
          run.failures.map((f) => [f.repository, f.code]),
          [["repos/missing", "E_REPO_NOT_FOUND"]],
        );
        // the catalog folder is not a git repository: its revision is a hash of its files
        assert.match(run.catalogRevision ?? "", /^sha256:[0-9a-f]{64}$/);
      }
      assert.deepEqual((await store.checkIntegrity()).problems, []);
    });

    it("a new commit is read from git again; the catalog's git commit is its revision", async () => {
      git(root.dir, ["init", "--quiet"]);
      git(root.dir, ["add", "upstream.yaml"]);
      git(root.dir, ["commit", "--quiet", "-m", "catalog"]);
      const catalogCommit = git(root.dir, ["rev-parse", "HEAD"]).trim();
      buildRepo(join(root.dir, "repos", "two"), [
        { date: "2020-02-02", author: "Cy <cy@initech.com>" },
        { date: "2021-03-03", author: "Di <di@initech.com>" },
      ]);
      const opened = await openCatalog({ cwd: root.dir });
      const third = await collectEvidence(opened, { cwd: root.dir, asOf: ASOF, store: { store, toolVersion: "1" } });
      assert.deepEqual(third.stored && { reused: third.stored.reused, written: third.stored.written }, {
        reused: 1,
        written: 1,
      });
      const two = third.evidence.find((p) => p.project === "two")!.repositories[0]!;
      assert.equal(two.history.commits, 2);
      // read on from the aggregates the store kept at the first commit: only the new commit is read
      assert.equal(two.cache, "incremental");
      assert.equal((await store.listRuns({ limit: 1 }))[0]!.catalogRevision, `git:${catalogCommit}`);
    });

    it("keeps the history aggregates in the store, not in a JSON cache, and reads a damaged row again", async () => {
      // the evidence cache's folder holds no index and no state: the store is the one cache
      const cached = join(root.dir, ".upstream-cache", "evidence");
      assert.deepEqual(existsSync(cached) ? readdirSync(cached) : [], []);
      const entries = await store.historyEntries("repos/one");
      assert.equal(entries.length, 1);
      const head = git(join(root.dir, "repos", "one"), ["rev-parse", "HEAD"]).trim();
      assert.equal(entries[0]!.commit, head);
      const key = { ...entries[0]!, entry: "{ not json" };
      await store.putHistoryState(key, { keep: 3 });
      // another date at the same commit: the snapshot is not reused, the damaged entry is said and ignored
      const opened = await openCatalog({ cwd: root.dir });
      const run = await collectEvidence(opened, {
        cwd: root.dir,
        asOf: "2021-07-31",
        store: { store, toolVersion: "1" },
      });
      const one = run.evidence.find((p) => p.project === "one")!.repositories[0]!;
      assert.equal(one.cache, "full");
      assert.ok(
        one.warnings?.some((w) => w.code === "E_CACHE_CORRUPT" && /history of repos\/one/.test(w.message)),
        JSON.stringify(one.warnings),
      );
      // and the row read again replaces it
      const again = await collectEvidence(opened, {
        cwd: root.dir,
        asOf: "2021-08-31",
        store: { store, toolVersion: "1" },
      });
      assert.equal(again.evidence.find((p) => p.project === "one")!.repositories[0]!.cache, "hit");
    });

    it("other affiliation rules are another fingerprint: read again, not reused", async () => {
      writeFileSync(join(root.dir, "aff.txt"), "ann: ann!acme.io\n\tAcme Inc\n");
      const opened = await openCatalog({ cwd: root.dir });
      const input = { cwd: root.dir, asOf: ASOF, affiliations: ["aff.txt"], store: { store, toolVersion: "1" } };
      const run = await collectEvidence(opened, input);
      assert.equal(run.stored!.reused, 0);
      assert.equal(run.stored!.written, 2);
    });

    it("assess stores each assessment, once per project, date and framework", async () => {
      const opened = await openCatalog({ cwd: root.dir });
      const input = { cwd: root.dir, asOf: ASOF, store: { store, toolVersion: "1" } };
      const result = await assessProjects(opened, input);
      await assessProjects(opened, input);
      const framed = result.assessments.filter((a) => a.framework);
      assert.ok(framed.length >= 1);
      assert.equal(result.stored!.assessments, framed.length);
      for (const a of framed) {
        const stored = await store.getAssessment({
          project: a.project,
          asOf: ASOF,
          frameworkId: a.framework!.id,
          frameworkVersion: a.framework!.version,
        });
        assert.equal(stored?.assessment.supported, a.supported);
        assert.deepEqual(stored?.assessment.counts, a.counts);
      }
      const summary = await store.portfolioSummary({ asOf: ASOF });
      assert.deepEqual(
        summary.map((s) => s.project),
        framed.map((a) => a.project).sort(),
      );
    });

    it("assess --since reads the stored assessment of that date, and computes the ones not stored", async () => {
      const opened = await openCatalog({ cwd: root.dir });
      const input = { cwd: root.dir, store: { store, toolVersion: "1" } };
      const first = await compareSince(opened, { ...input, asOf: "2021-12-31", since: "2020-12-31" });
      assert.deepEqual(first.sinceFrom, { stored: [], computed: ["one", "two", "gone"] });
      const again = await compareSince(opened, { ...input, asOf: "2021-12-31", since: "2020-12-31" });
      // only an assessment with a framework is stored: two and gone declare none, so they are computed again
      assert.deepEqual(again.sinceFrom, { stored: ["one"], computed: ["two", "gone"] });
      assert.deepEqual(again.changes, first.changes);
    });
  });
}

test("snapshots stored before the evidence rules had revisions are not reused: the fingerprint has it", () => {
  const rules = { hash: "rules-hash", byEmail: new Map(), byLogin: new Map(), byDomain: new Map() };
  // What the tool wrote for these rules before revisions (its snapshots could name a Helm chart's or a Go module's tag
  // as a project's latest release).
  const written = createHash("sha256")
    .update(JSON.stringify({ evidence: EVIDENCE_VERSION, rules: rules.hash }))
    .digest("hex");
  assert.notEqual(evidenceFingerprint(rules), written);
  assert.equal(evidenceFingerprint(rules), evidenceFingerprint({ ...rules }), "the same rules, the same fingerprint");
});
