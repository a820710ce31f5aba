import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { collectRepositoryEvidence } from "./index.js";
import { buildRepo, tempDir, type FixtureCommit } from "./testing.js";

const HISTORY: FixtureCommit[] = [
  {
    date: "2019-01-10",
    author: "Ann <ann@acme.io>",
    files: { "README.md": "# P\n", LICENSE: "Apache License\nVersion 2.0\n" },
    tag: "v0.1.0",
  },
  { date: "2020-05-10", author: "Bob <bob@globex.com>", tag: "v1.0.0" },
];

type Json = Record<string, unknown>;

/**
 * Cache files of the right JSON but the wrong shape: each is ignored with a warning naming
 * the file, and the repository is read again, giving what a read without the cache gives.
 */
test(
  "a cache entry or counters file of the wrong shape " + "is re-read from git, with a warning naming the file",
  async () => {
    const indexCases: Array<[string, (entry: Json) => void]> = [
      ["a finding that is a string", (e) => void ((e.files as Json).license = "x")],
      ["a negative commit count", (e) => void (((e.memo as Json).history as Json).commits = -5)],
      ["a missing field", (e) => void delete (e.files as Json).readme],
      [
        "a share above 1",
        (e) => void ((((e.memo as Json).history as Json).organizations as Json[])[0]!.commitShare = 7),
      ],
      ["a maintainer that is a number", (e) => void (e.maintainers = [42])],
      ["a warning with no code", (e) => void (e.fileWarnings = [{ message: "m" }])],
      [
        "a control character in a path",
        (e) => void (((e.files as Json).license as Json).path = "LICENSE\u001b]0;pwned\u0007"),
      ],
      ["a commit that is not an id", (e) => void (e.commit = "--all")],
    ];
    const stateCases: Array<[string, (state: Json) => void]> = [
      ["arrays of strings", (s) => void (s.days = ["a", "b"])],
      ["orgs that are numbers", (s) => void (s.orgs = [1])],
      ["orgVia entries that are strings", (s) => void (s.orgVia = (s.orgs as unknown[]).map(() => "acme"))],
      ["an identity of the wrong length", (s) => void ((s.identities as unknown[][])[0] = ["k"])],
      ["a negative count", (s) => void (s.commits = -1)],
      ["odd counter pairs", (s) => void ((s.identities as unknown[][])[0]![5] = [1, 2, 3])],
    ];
    const { dir, cleanup } = tempDir();
    try {
      buildRepo(join(dir, "repo"), HISTORY);
      const options = { baseDir: dir, asOf: "2021-01-01" };
      const full = await collectRepositoryEvidence("repo", { ...options, useCache: false });
      const cases: Array<{ name: string; index?: (e: Json) => void; state?: (s: Json) => void }> = [
        ...indexCases.map(([name, index]) => ({ name, index })),
        ...stateCases.map(([name, state]) => ({ name, state })),
      ];
      for (const [i, c] of cases.entries()) {
        const cacheDir = join(dir, `cache-${i}`);
        const evidenceDir = join(cacheDir, "evidence");
        await collectRepositoryEvidence("repo", { ...options, cacheDir });
        const files = readdirSync(evidenceDir);
        const indexFile = join(evidenceDir, files.find((f) => !f.endsWith(".state.json"))!);
        const stateFile = join(evidenceDir, files.find((f) => f.endsWith(".state.json"))!);
        const index = JSON.parse(readFileSync(indexFile, "utf8")) as { entries: Json[] };
        if (c.index) c.index(index.entries[0]!);
        else {
          delete index.entries[0]!.memo; // so the counters are read
          const state = JSON.parse(readFileSync(stateFile, "utf8")) as Json;
          c.state!(state);
          writeFileSync(stateFile, JSON.stringify(state));
        }
        writeFileSync(indexFile, JSON.stringify(index));
        const ev = await collectRepositoryEvidence("repo", { ...options, cacheDir });
        assert.equal(ev.cache, "full", c.name);
        assert.deepEqual(
          ev.warnings?.map((w) => w.code),
          ["E_CACHE_CORRUPT"],
          c.name,
        );
        assert.ok(
          ev.warnings![0]!.message.includes(c.index ? indexFile : stateFile),
          `${c.name}: ${ev.warnings![0]!.message}`,
        );
        assert.deepEqual({ ...ev, warnings: [] }, { ...full, warnings: [] }, c.name);
        // The re-read replaced the bad file: the next run is a hit, with no warning.
        const again = await collectRepositoryEvidence("repo", { ...options, cacheDir });
        assert.equal(again.cache, "hit", c.name);
        assert.deepEqual(again.warnings ?? [], [], c.name);
      }
    } finally {
      cleanup();
    }
  },
);
