import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { UserError } from "../core/errors.js";
import { hasTerminalControl } from "../core/terminal-text.js";
import { CACHE_VERSION } from "./evidence-cache.js";
import { collectProjectEvidence, collectRepositoryEvidence, UNAFFILIATED } from "./index.js";
import { buildRepo, git, tempDir, type FixtureCommit } from "./testing.js";

const HISTORY: FixtureCommit[] = [
  { date: "2019-01-10", author: "Ann <ann@acme.io>", files: { "README.md": "# P\n" }, tag: "v0.1.0" },
  { date: "2019-08-10", author: "Bob <bob@globex.com>", tag: "v0.2.0" },
  { date: "2020-05-10", author: "Ann <ann@acme.io>", files: { LICENSE: "Apache License\nVersion 2.0\n" } },
  { date: "2020-07-10", author: "Cy <cy@initech.com>", tag: "v1.0.0" },
];

async function rejects(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof UserError, `expected a UserError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

test("as of a date: history up to it, the tree at it, tags before it", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const ids = buildRepo(join(dir, "repo"), HISTORY, {});
    void ids;
    const ev = await collectRepositoryEvidence("repo", {
      baseDir: dir,
      asOf: "2020-06-01",
      cacheDir: join(dir, "cache"),
    });
    assert.equal(ev.commit, ids[2]);
    assert.equal(ev.asOf, "2020-06-01");
    assert.equal(ev.history.commits, 3);
    assert.equal(ev.history.contributors, 2);
    assert.equal(ev.history.commitsLast12Months, 2);
    assert.equal(ev.files.license.spdx, "Apache-2.0");
    assert.deepEqual(ev.releases.items, ["v0.2.0", "v0.1.0"]);
    assert.equal(ev.releases.stable, false);
    const before = await collectRepositoryEvidence("repo", {
      baseDir: dir,
      asOf: "2019-12-31",
      cacheDir: join(dir, "cache"),
    });
    assert.equal(before.commit, ids[1]);
    assert.equal(before.files.license.how, "none", "LICENSE came later");
    const now = await collectRepositoryEvidence("repo", { baseDir: dir, cacheDir: join(dir, "cache") });
    assert.equal(now.commit, ids[3]);
    assert.equal(now.releases.stable, true);
  } finally {
    cleanup();
  }
});

test("bad repositories fail with a clear code and message", async () => {
  const { dir, cleanup } = tempDir();
  const opts = { baseDir: dir, cacheDir: join(dir, "cache") };
  try {
    mkdirSync(join(dir, "plain"));
    writeFileSync(join(dir, "file.txt"), "x");
    buildRepo(join(dir, "empty"), []);
    buildRepo(join(dir, "repo"), HISTORY);
    mkdirSync(join(dir, "repo", "sub"));
    await rejects(collectRepositoryEvidence("plain", opts), "E_REPO_NOT_GIT", /plain is not a git repository/);
    await rejects(collectRepositoryEvidence("repo/sub", opts), "E_REPO_NOT_GIT", /not a git repository/);
    await rejects(collectRepositoryEvidence("file.txt", opts), "E_REPO_NOT_GIT", /is a file/);
    await rejects(collectRepositoryEvidence("missing", opts), "E_REPO_NOT_FOUND", /missing does not exist/);
    await rejects(collectRepositoryEvidence("empty", opts), "E_REPO_EMPTY", /no commits/);
    await rejects(
      collectRepositoryEvidence("repo", { ...opts, asOf: "2018-01-01" }),
      "E_REPO_EMPTY",
      /no commit on or before 2018-01-01/,
    );
    await rejects(
      collectRepositoryEvidence("--upload-pack=touch /tmp/pwned", opts),
      "E_REPO_BAD_ARGUMENT",
      /must not begin with '-'/,
    );
    await rejects(
      collectRepositoryEvidence("ext::sh -c touch% /tmp/pwned", opts),
      "E_REPO_NOT_FOUND",
      /does not exist/,
    );
    await rejects(
      collectRepositoryEvidence("ftp://example.org/repo.git", opts),
      "E_REPO_BAD_ARGUMENT",
      /ftp:\/\/ transport is not supported/,
    );
    await rejects(
      collectRepositoryEvidence(pathToFileURL(join(dir, "nowhere")).href, opts),
      "E_REPO_NOT_FOUND",
      /does not exist/,
    );
    await rejects(
      collectRepositoryEvidence(pathToFileURL(join(dir, "plain")).href, opts),
      "E_REPO_NOT_GIT",
      /cannot clone/,
    );
  } finally {
    cleanup();
  }
});

test("a shallow clone is read, and flagged as incomplete", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "repo"), HISTORY);
    git(dir, ["clone", "-q", "--depth", "1", "--branch", "main", pathToFileURL(join(dir, "repo")).href, "shallow"]);
    const ev = await collectRepositoryEvidence("shallow", { baseDir: dir, cacheDir: join(dir, "cache") });
    assert.equal(ev.history.shallow, true);
    assert.equal(ev.history.commits, 1);
    assert.deepEqual(
      ev.warnings?.map((w) => w.code),
      ["E_REPO_SHALLOW"],
    );
    assert.match(ev.warnings![0]!.message, /history is incomplete/);
  } finally {
    cleanup();
  }
});

test("a file:// URL is cloned bare into the cache, then fetched", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "origin"), HISTORY.slice(0, 2));
    const url = pathToFileURL(join(dir, "origin")).href;
    const cacheDir = join(dir, "cache");
    const first = await collectRepositoryEvidence(url, { baseDir: dir, cacheDir });
    assert.equal(first.history.commits, 2);
    assert.equal(first.repository, url);
    const clones = readdirSync(join(cacheDir, "repos"));
    assert.equal(clones.length, 1);
    assert.match(clones[0]!, /^.*origin-[0-9a-f]{12}\.git$/);
    assert.equal(git(join(cacheDir, "repos", clones[0]!), ["rev-parse", "--is-bare-repository"]), "true");
    // New commits upstream arrive through fetch.
    git(join(dir, "origin"), ["commit", "-q", "--allow-empty", "-m", "more"]);
    const second = await collectRepositoryEvidence(url, { baseDir: dir, cacheDir });
    assert.equal(second.history.commits, 3);
    assert.equal(second.cache, "incremental");
  } finally {
    cleanup();
  }
});

test(
  "cache: a second run reads nothing, new commits are " + "read incrementally, and both agree with a full read",
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      const repo = join(dir, "repo");
      buildRepo(repo, HISTORY);
      const cacheDir = join(dir, "cache");
      const first = await collectRepositoryEvidence(repo, { baseDir: dir, cacheDir, asOf: "2021-01-01" });
      assert.equal(first.cache, "full");
      assert.ok(existsSync(join(cacheDir, "evidence")));
      // "hit" means no git log was run; its speed is measured by bench/collect-bench.ts, not here.
      const second = await collectRepositoryEvidence(repo, { baseDir: dir, cacheDir, asOf: "2021-01-01" });
      assert.equal(second.cache, "hit");
      assert.deepEqual({ ...second, cache: "full" }, first);
      // Same commit, another as-of date: windows are recomputed from the cached counters.
      const later = await collectRepositoryEvidence(repo, { baseDir: dir, cacheDir, asOf: "2021-06-01" });
      assert.equal(later.cache, "hit");
      assert.equal(later.commit, first.commit);
      assert.equal(first.history.commitsLast12Months, 2);
      assert.equal(later.history.commitsLast12Months, 1);
      assert.deepEqual(
        { ...later, cache: "full" },
        await collectRepositoryEvidence(repo, { baseDir: dir, cacheDir, asOf: "2021-06-01", useCache: false }),
      );
      // Lost aggregates are read again, not trusted blindly.
      for (const f of readdirSync(join(cacheDir, "evidence")))
        if (f.endsWith(".state.json")) rmSync(join(cacheDir, "evidence", f));
      assert.equal(
        (await collectRepositoryEvidence(repo, { baseDir: dir, cacheDir, asOf: "2020-12-31" })).cache,
        "full",
      );
      git(
        repo,
        [
          "-c",
          "user.name=Dee",
          "-c",
          "user.email=dee@gmail.com",
          "commit",
          "-q",
          "--allow-empty",
          "-m",
          "new\n\nCo-authored-by: Eve <eve@initech.com>",
        ],
        undefined,
      );
      const third = await collectRepositoryEvidence(repo, { baseDir: dir, cacheDir, asOf: "2099-01-01" });
      assert.equal(third.cache, "incremental");
      const full = await collectRepositoryEvidence(repo, {
        baseDir: dir,
        cacheDir,
        asOf: "2099-01-01",
        useCache: false,
      });
      assert.equal(full.cache, "full");
      assert.deepEqual({ ...third, cache: "full" }, full);
      assert.equal(third.history.commits, 5);
      assert.equal(third.history.contributors, 5);
      // Other affiliation rules: the cached aggregates do not apply.
      writeFileSync(join(dir, "email-map"), "acme.io Acme Corp\n");
      const withRules = await collectRepositoryEvidence(repo, {
        baseDir: dir,
        cacheDir,
        asOf: "2099-01-01",
        affiliations: [join(dir, "email-map")],
      });
      assert.equal(withRules.cache, "full");
      assert.ok(
        withRules.history.organizations.some((o) => o.organization === "Acme Corp" && o.via[0] === "email-map:1"),
      );
    } finally {
      cleanup();
    }
  },
);

test("a project's failing repository is recorded and the others go on", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "good"), HISTORY);
    const events: string[] = [];
    const ev = await collectProjectEvidence(
      { id: "demo", repositories: ["good", "missing", "-x"] },
      {
        baseDir: dir,
        cacheDir: join(dir, "cache"),
        asOf: "2021-01-01",
        onProgress: (e) => events.push(`${e.type}:${e.repository}`),
      },
    );
    assert.equal(ev.project, "demo");
    assert.equal(ev.asOf, "2021-01-01");
    assert.deepEqual(
      ev.repositories.map((r) => r.repository),
      ["good"],
    );
    assert.deepEqual(
      ev.failures.map((f) => [f.repository, f.code]),
      [
        ["missing", "E_REPO_NOT_FOUND"],
        ["-x", "E_REPO_BAD_ARGUMENT"],
      ],
    );
    assert.ok(ev.failures[0]!.hint);
    assert.equal(events.filter((e) => e.startsWith("failed:")).length, 2);
    assert.equal(events.filter((e) => e.startsWith("done:")).length, 1);
  } finally {
    cleanup();
  }
});

test("co-authors are mapped through the commit's .mailmap, like authors", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "repo"), [
      {
        date: "2020-01-01",
        author: "Ann <ann@acme.io>",
        files: { ".mailmap": "Bob Smith <bob@globex.com> <bob.smith@gmail.com>\n" },
      },
      { date: "2020-01-02", author: "Bob Smith <bob.smith@gmail.com>" },
      {
        date: "2020-01-03",
        author: "Ann <ann@acme.io>",
        message: "x\n\nCo-authored-by: Bob S <bob.smith@gmail.com>\nCo-authored-by: Cy <cy@initech.com>\n",
      },
    ]);
    // The program names the companies, so their domains of one person each are organizations.
    const program = { organizations: ["Acme", "Globex", "Initech"] };
    const ev = await collectRepositoryEvidence("repo", {
      baseDir: dir,
      cacheDir: join(dir, "cache"),
      asOf: "2020-02-01",
      program,
    });
    // Ann, Bob (one person under two addresses) and Cy; no "(independent)" Bob from gmail.com.
    assert.equal(ev.history.contributors, 3);
    assert.deepEqual(
      ev.history.organizations.map((o) => [o.organization, o.commits, o.contributors]),
      [
        ["Acme", 2, 1],
        ["Globex", 1, 1],
        ["Initech", 0, 1],
      ],
    );
  } finally {
    cleanup();
  }
});

test("a damaged cache is ignored with a warning, never a failure, and the result equals a full read", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "repo"), HISTORY);
    const cacheDir = join(dir, "cache");
    const full = await collectRepositoryEvidence("repo", {
      baseDir: dir,
      cacheDir,
      asOf: "2021-01-01",
      useCache: false,
    });
    const evidenceDir = join(cacheDir, "evidence");
    const damage = (index: string, state: string): void => {
      for (const f of readdirSync(evidenceDir))
        writeFileSync(join(evidenceDir, f), f.endsWith(".state.json") ? state : index);
    };
    for (const [index, state] of [
      ["garbage", "{}"],
      [`{"version":${CACHE_VERSION},"entries":[null]}`, "{}"],
    ] as const) {
      await collectRepositoryEvidence("repo", { baseDir: dir, cacheDir, asOf: "2021-01-01" });
      damage(index, state);
      const ev = await collectRepositoryEvidence("repo", { baseDir: dir, cacheDir, asOf: "2021-01-01" });
      assert.equal(ev.cache, "full");
      assert.deepEqual(
        ev.warnings?.map((w) => w.code),
        ["E_CACHE_CORRUPT"],
      );
      assert.deepEqual({ ...ev, warnings: [] }, { ...full, warnings: [] });
    }
    // An index that is fine with counters that are not: read again, with a warning.
    await collectRepositoryEvidence("repo", { baseDir: dir, cacheDir, asOf: "2021-01-01" });
    for (const f of readdirSync(evidenceDir))
      if (f.endsWith(".state.json")) writeFileSync(join(evidenceDir, f), '{"commits":1}');
    const other = await collectRepositoryEvidence("repo", { baseDir: dir, cacheDir, asOf: "2020-12-01" });
    assert.equal(other.cache, "full");
    assert.match(other.warnings?.[0]?.message ?? "", /ignored the cache file .*state\.json/);
  } finally {
    cleanup();
  }
});

test("Kubernetes OWNERS approvers are expanded through OWNERS_ALIASES", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "repo"), [
      {
        date: "2020-01-01",
        files: {
          OWNERS: "approvers:\n  - sig-foo-approvers\n  - dana\n",
          OWNERS_ALIASES: "aliases:\n  sig-foo-approvers:\n    - alice\n    - bob\n",
        },
      },
    ]);
    const ev = await collectRepositoryEvidence("repo", {
      baseDir: dir,
      cacheDir: join(dir, "cache"),
      asOf: "2020-02-01",
    });
    assert.deepEqual(
      ev.maintainers.maintainers.map((m) => m.handle),
      ["alice", "bob", "dana"],
    );
  } finally {
    cleanup();
  }
});

test("a shallow clone deepened since is read again, not served the shallow history from the cache", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "origin"), HISTORY);
    git(dir, ["clone", "-q", "--depth", "1", "--branch", "main", pathToFileURL(join(dir, "origin")).href, "clone"]);
    const cacheDir = join(dir, "cache");
    const shallow = await collectRepositoryEvidence("clone", { baseDir: dir, cacheDir, asOf: "2021-01-01" });
    assert.deepEqual([shallow.history.commits, shallow.history.shallow], [1, true]);
    git(join(dir, "clone"), ["fetch", "-q", "--unshallow"]);
    const deep = await collectRepositoryEvidence("clone", { baseDir: dir, cacheDir, asOf: "2021-01-01" });
    assert.equal(deep.cache, "full");
    assert.deepEqual([deep.history.commits, deep.history.shallow], [4, false]);
  } finally {
    cleanup();
  }
});

test(
  "names, emails, tags, paths, adopters and maintainers from the " +
    "repository reach the evidence with control characters escaped",
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      buildRepo(join(dir, "repo"), [
        {
          date: "2020-01-10",
          author: Buffer.from("Mal\x1b[31mory <mal\x1b]0;pwned\x07@evil.io>"),
          tag: "v1.0.0\u202e",
          files: {
            "ADOPTERS.md": "| Org |\n|---|\n| Hooli\x1b[2J |\n",
            OWNERS: 'approvers:\n  - "ann\\e[31m"\n',
            "pkg/\x1b]0;pwned\x07_test.go": "package pkg\n",
          },
        },
        {
          date: "2020-02-10",
          author: Buffer.from("\x1b]0;pwned\x07 <x@acme.io>"),
          message: "x\n\nCo-authored-by: Co\x9b31m <co\x1b@globex.com>\n",
        },
      ]);
      const ev = await collectRepositoryEvidence("repo", { baseDir: dir, asOf: "2020-12-31", useCache: false });
      JSON.stringify(ev, (key, value: unknown) => {
        for (const text of [key, value])
          if (typeof text === "string")
            assert.equal(hasTerminalControl(text), false, `raw control character in ${JSON.stringify(text)}`);
        return value;
      });
      assert.deepEqual([...ev.history.contributorAbsenceFactor.people].sort(), [
        "Mal\\u001b[31mory <mal\\u001b]0;pwned\\u0007@evil.io>",
        "\\u001b]0;pwned\\u0007 <x@acme.io>",
      ]);
      assert.ok(ev.history.organizations?.some((o) => o.via.includes("domain evil.io (one person)")));
      assert.equal(ev.history.contributors, 3);
      assert.equal(ev.releases.latest?.tag, "v1.0.0\\u202e");
      assert.deepEqual(ev.files.adopters.items, ["Hooli\\u001b[2J"]);
      assert.deepEqual(ev.files.unitTests.items, ["pkg/\\u001b]0;pwned\\u0007_test.go"]);
      assert.deepEqual(
        ev.maintainers.maintainers.map((m) => m.handle),
        ["ann\\u001b[31m"],
      );
    } finally {
      cleanup();
    }
  },
);

test("a day is a UTC day everywhere: the commit read and its date, whatever the committer's offset", async () => {
  const { dir, cleanup } = tempDir();
  try {
    // 23:30 on 1 March in New York is 04:30 on 2 March in UTC.
    const ids = buildRepo(dir, [{ date: "2020-02-15" }, { date: "2020-03-02T04:30:00Z", timezone: "-0500" }]);
    const before = await collectRepositoryEvidence(".", { baseDir: dir, asOf: "2020-03-01", useCache: false });
    assert.equal(before.commit, ids[0], "on 1 March (UTC) the late commit had not happened yet");
    const on = await collectRepositoryEvidence(".", { baseDir: dir, asOf: "2020-03-02", useCache: false });
    assert.equal(on.commit, ids[1]);
    assert.equal(
      on.commitDate,
      "2020-03-02T04:30:00.000Z",
      "the commit's date in UTC, not the committer's 2020-03-01T23:30:00-05:00",
    );
    assert.equal(
      on.history.lastCommitDate.slice(0, 10),
      on.commitDate.slice(0, 10),
      "history and header agree on the day",
    );
  } finally {
    cleanup();
  }
});

test(
  "program.bots and program organizations reach the " + "evidence, and changing them is not served from the cache",
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      buildRepo(join(dir, "repo"), [
        { date: "2020-01-01", author: "Ann <ann@github.com>" },
        { date: "2020-01-02", author: "Bob <bob@microsoft.com>" },
        { date: "2020-01-03", author: "Release Train <train@acme.io>" },
        { date: "2020-01-04", author: "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>" },
      ]);
      const cacheDir = join(dir, "cache");
      const read = (program: { organizations?: ({ name: string; domains?: string[] } | string)[]; bots?: string[] }) =>
        collectRepositoryEvidence("repo", { baseDir: dir, cacheDir, asOf: "2020-12-31", program });
      const plain = await read({});
      assert.equal(plain.history.contributors, 3);
      assert.deepEqual(plain.history.bots, { commits: 1, identities: 1, names: ["dependabot[bot]"] });
      const declared = await read({
        organizations: [{ name: "Microsoft", domains: ["microsoft.com", "github.com"] }],
        bots: ["train@*"],
      });
      assert.equal(declared.cache, "full", "other rules, other evidence");
      assert.equal(declared.history.contributors, 2);
      assert.deepEqual(declared.history.bots, {
        commits: 2,
        identities: 2,
        names: ["dependabot[bot]", "Release Train"],
      });
      assert.deepEqual(
        declared.history.organizations.map((o) => [o.organization, o.commits, o.contributors]),
        [["Microsoft", 2, 2]],
      );
      assert.deepEqual(declared.history.elephantFactor.organizations, ["Microsoft"]);
      assert.equal(
        (
          await read({
            organizations: [{ name: "Microsoft", domains: ["microsoft.com", "github.com"] }],
            bots: ["train@*"],
          })
        ).cache,
        "hit",
      );
    } finally {
      cleanup();
    }
  },
);

test("a cache that cannot be written keeps the evidence read, with a warning", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "repo"), HISTORY);
    writeFileSync(join(dir, "not-a-folder"), "x");
    const ev = await collectRepositoryEvidence("repo", {
      baseDir: dir,
      asOf: "2020-12-31",
      cacheDir: join(dir, "not-a-folder", "cache"),
    });
    assert.equal(ev.history.commits, 4, "the history read is kept");
    assert.equal(ev.files.license.how, "file");
    const warning = ev.warnings?.find((w) => w.code === "E_CACHE_WRITE");
    assert.match(warning?.message ?? "", /read but could not be saved in the cache .*not-a-folder\/cache/);
  } finally {
    cleanup();
  }
});

test("an incremental read keeps bots apart and merged spellings, as a full read does", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const repo = join(dir, "repo");
    buildRepo(repo, [
      { date: "2020-01-01", author: "Ann <ann@acme.io>" },
      { date: "2020-01-02", author: "Max <999+max@users.noreply.github.com>" },
      { date: "2020-01-03", author: "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>" },
    ]);
    const cacheDir = join(dir, "cache");
    assert.equal((await collectRepositoryEvidence(repo, { baseDir: dir, cacheDir, asOf: "2099-01-01" })).cache, "full");
    const commit = (name: string, email: string) =>
      git(
        repo,
        ["-c", `user.name=${name}`, "-c", `user.email=${email}`, "commit", "-q", "--allow-empty", "-m", "more"],
        undefined,
      );
    commit("Ann", "ANN@acme.io");
    commit("Max", "max@users.noreply.github.com");
    commit("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com");
    const incremental = await collectRepositoryEvidence(repo, { baseDir: dir, cacheDir, asOf: "2099-01-01" });
    assert.equal(incremental.cache, "incremental");
    const full = await collectRepositoryEvidence(repo, { baseDir: dir, cacheDir, asOf: "2099-01-01", useCache: false });
    assert.deepEqual({ ...incremental, cache: "full" }, full);
    assert.equal(full.history.contributors, 2);
    assert.deepEqual(full.history.bots, { commits: 2, identities: 1, names: ["dependabot[bot]"] });
    assert.equal(full.history.mergedIdentities?.count, 2);
  } finally {
    cleanup();
  }
});

test("an incremental read keeps the reasons (via) a full read keeps, past the number kept", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const repo = join(dir, "repo");
    // 60 people, each from a domain of their own: one "(unaffiliated domain)" with 60 reasons, more than it keeps.
    const person = (n: number) => `P${n} <p${n}@d${String(n).padStart(2, "0")}.example>`;
    buildRepo(
      repo,
      Array.from({ length: 60 }, (_, i) => ({
        date: `2020-01-${String((i % 28) + 1).padStart(2, "0")}`,
        author: person(i + 10),
      })),
    );
    const cacheDir = join(dir, "cache");
    assert.equal((await collectRepositoryEvidence(repo, { baseDir: dir, cacheDir, asOf: "2099-01-01" })).cache, "full");
    for (let n = 0; n < 10; n++)
      git(
        repo,
        [
          "-c",
          `user.name=P${n}`,
          "-c",
          `user.email=p${n}@d0${n}.example`,
          "commit",
          "-q",
          "--allow-empty",
          "-m",
          "more",
        ],
        undefined,
      );
    const incremental = await collectRepositoryEvidence(repo, { baseDir: dir, cacheDir, asOf: "2099-01-01" });
    assert.equal(incremental.cache, "incremental");
    const full = await collectRepositoryEvidence(repo, { baseDir: dir, cacheDir, asOf: "2099-01-01", useCache: false });
    const unaffiliated = (e: typeof full) => e.history.organizations.find((o) => o.organization === UNAFFILIATED)!;
    assert.equal(unaffiliated(full).contributors, 70);
    assert.ok(unaffiliated(full).via.length < 70, "the reasons are capped");
    assert.deepEqual(unaffiliated(incremental).via, unaffiliated(full).via);
    assert.deepEqual({ ...incremental, cache: "full" }, full);
  } finally {
    cleanup();
  }
});

test("as of a date before 1973 reads the history of then (git takes small timestamps for something else)", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const ids = buildRepo(dir, [{ date: "1971-06-01" }, { date: "2020-01-01" }]);
    const early = await collectRepositoryEvidence(".", { baseDir: dir, asOf: "1972-12-31", useCache: false });
    assert.equal(early.commit, ids[0]);
    assert.equal(early.history.commits, 1);
    assert.equal(early.commitDate.slice(0, 10), "1971-06-01");
  } finally {
    cleanup();
  }
});

test("a commit dated in the future is not the last commit, and is reported", async () => {
  const { dir, cleanup } = tempDir();
  try {
    // A clock ahead: the second commit claims 2031, and the third (its child) is made in 2021.
    const ids = buildRepo(dir, [{ date: "2021-01-01" }, { date: "2031-01-01" }, { date: "2021-02-01" }]);
    const ev = await collectRepositoryEvidence(".", { baseDir: dir, asOf: "2021-06-01", useCache: false });
    assert.equal(ev.commit, ids[2], "git picks the last commit dated on or before the day");
    assert.equal(ev.history.lastCommitDate.slice(0, 10), "2021-02-01");
    assert.equal(ev.history.commitsDatedAfterAsOf, 1);
    assert.equal(ev.history.commitsLast12Months, 2);
  } finally {
    cleanup();
  }
});

test(
  "odd local paths read the repository they name: a newline " +
    "in the path, a symlink into another repository's folder",
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      buildRepo(join(dir, "a"), [{ date: "2020-01-01", author: "Ann <ann@acme.io>" }]);
      buildRepo(join(dir, "a\nb"), [{ date: "2020-01-01" }, { date: "2020-02-01" }, { date: "2020-03-01" }]);
      const odd = await collectRepositoryEvidence("a\nb", { baseDir: dir, asOf: "2020-12-31", useCache: false });
      assert.equal(odd.history.commits, 3, "the repository at 'a\\nb', not its sibling 'a'");
      mkdirSync(join(dir, "a", "sub"));
      writeFileSync(join(dir, "a", "sub", "x.txt"), "x");
      symlinkSync(join(dir, "a", "sub"), join(dir, "link"));
      await rejects(
        collectRepositoryEvidence("link", { baseDir: dir, asOf: "2020-12-31", useCache: false }),
        "E_REPO_NOT_GIT",
        /is not a git repository/,
      );
      symlinkSync(join(dir, "a"), join(dir, "whole"));
      assert.equal(
        (await collectRepositoryEvidence("whole", { baseDir: dir, asOf: "2020-12-31", useCache: false })).history
          .commits,
        1,
        "a symlink to a repository is that repository",
      );
    } finally {
      cleanup();
    }
  },
);
