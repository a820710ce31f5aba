import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { loadAffiliations, NO_AFFILIATIONS } from "./affiliations.js";
import { CommitFinder, openPastHistory } from "./backfill.js";
import { collectProjectsEvidence } from "./collect-evidence.js";
import { serializeHistoryState } from "./history-state.js";
import { parseMailmap } from "./mailmap.js";
import { buildRepo, git, tempDir, type FixtureCommit } from "./testing.js";

/**
 * A history with what makes "as of a date" hard: a side branch whose commits are dated before a
 * date but merged after it (reachable from HEAD, not from that date's commit), a .mailmap that
 * appears and then changes (so each date maps authors differently), co-authors, a folder, tags
 * and a maintainers file that changes.
 */
function history(): FixtureCommit[] {
  const commits: FixtureCommit[] = [
    {
      date: "2020-02-01",
      author: "Ann Lee <ann@acme.io>",
      files: { LICENSE: "MIT License\n", "README.md": "# Demo\n", "sub/a.go": "package a\n" },
    },
    { date: "2020-05-01", author: "bob <bob@old.example>", files: { MAINTAINERS: "Ann Lee <ann@acme.io>\n" } },
    { date: "2020-11-01", author: "Cy <cy@gmail.com>", files: { "sub/b.go": "package a\n" }, tag: "v0.1.0" },
    // 3: the side branch starts here, in February 2021
    { date: "2021-02-01", author: "Dee <dee@contoso.example>", branch: "side", from: 2, files: { "x.go": "1\n" } },
    {
      date: "2021-03-01",
      author: "Ann Lee <ann@acme.io>",
      files: { ".mailmap": "Bob Ray <bob@acme.io> <bob@old.example>\n" },
    },
    {
      date: "2021-04-01",
      author: "Dee <dee@contoso.example>",
      branch: "side",
      files: { "sub/c.go": "package a\n" },
      message: "side work\n\nCo-authored-by: Eve <eve@fabrikam.example>\n",
    },
    { date: "2021-05-01", author: "bob <bob@old.example>", files: { "y.go": "1\n" }, tag: "v1.0.0" },
    // 7: merged in September 2021, after the 2021-06-30 date
    { date: "2021-09-01", author: "Ann Lee <ann@acme.io>", merge: 5, files: {} },
    {
      date: "2022-01-15",
      author: "Cy <cy@gmail.com>",
      files: {
        ".mailmap": "Bob Ray <bob@acme.io> <bob@old.example>\nCy Sun <cy@acme.io> <cy@gmail.com>\n",
        MAINTAINERS: "Ann Lee <ann@acme.io>\nBob Ray <bob@acme.io>\n",
      },
      message: "mailmap\n\nCo-authored-by: bob <bob@old.example>\n",
    },
    { date: "2022-08-01", author: "Fay <fay@contoso.example>", files: { "sub/d.go": "package a\n" }, tag: "v1.1.0" },
    { date: "2023-03-01", author: "Ann Lee <ann@acme.io>", files: { CONTRIBUTING: "Send PRs.\n" } },
  ];
  return commits;
}

const DATES = ["2019-12-31", "2020-06-30", "2021-03-31", "2021-06-30", "2021-12-31", "2022-03-31", "2023-12-31"];

test("backfilled evidence of every date equals a plain collect as of that date", async () => {
  const { dir, cleanup } = tempDir("upstream-backfill-");
  try {
    const repo = join(dir, "repo");
    buildRepo(repo, history(), { bare: true });
    const projects = [
      { id: "whole", repositories: ["./repo"] },
      { id: "folder", repositories: [{ url: "./repo", path: "sub" }] },
    ];
    // With its dates given, a past history reads their trees ahead, while the log is read: the same evidence.
    // 2020-12-31 and 2021-01-31 share a commit (one read ahead, taken by the first); 2019-12-31 has none.
    const withDates = [...DATES, "2020-12-31", "2021-01-31"].sort();
    const ahead = openPastHistory({ dates: withDates });
    for (const asOf of withDates) {
      const plain = await collectProjectsEvidence(projects, { baseDir: dir, asOf, useCache: false });
      const backfilled = await collectProjectsEvidence(projects, {
        baseDir: dir,
        asOf,
        useCache: false,
        pastHistory: ahead,
      });
      assert.deepEqual(backfilled, plain, `evidence as of ${asOf}, dates given`);
    }
    ahead.close();
    const pastHistory = openPastHistory();
    for (const asOf of DATES) {
      const plain = await collectProjectsEvidence(projects, { baseDir: dir, asOf, useCache: false });
      const backfilled = await collectProjectsEvidence(projects, { baseDir: dir, asOf, useCache: false, pastHistory });
      assert.deepEqual(backfilled, plain, `evidence as of ${asOf}`);
    }
    // The cases above are real: the side branch is dated before 2021-06-30 but not yet merged,
    // and the .mailmap of 2022 maps authors the one of 2021 does not.
    const mid = await collectProjectsEvidence([projects[0]!], {
      baseDir: dir,
      asOf: "2021-06-30",
      useCache: false,
      pastHistory,
    });
    const datedBefore = git(repo, ["rev-list", "--count", "--no-merges", "--before=2021-06-30 23:59:59 +0000", "HEAD"]);
    assert.equal(mid[0]!.repositories[0]!.history.commits, Number(datedBefore) - 2);
    const [early, late] = await Promise.all(
      ["2021-12-31", "2023-12-31"].map((asOf) =>
        collectProjectsEvidence([projects[0]!], { baseDir: dir, asOf, useCache: false, pastHistory }),
      ),
    );
    const names = (e: typeof early) => e![0]!.repositories[0]!.history.organizations.flatMap((o) => o.organization);
    assert.notDeepEqual(names(early), names(late));
    assert.equal(early![0]!.failures.length, 0);
  } finally {
    cleanup();
  }
});

test("a date before the first commit fails as a plain collect does, and the others still come", async () => {
  const { dir, cleanup } = tempDir("upstream-backfill-");
  try {
    buildRepo(join(dir, "repo"), history().slice(0, 3), { bare: true });
    const pastHistory = openPastHistory();
    const [before] = await collectProjectsEvidence([{ id: "p", repositories: ["./repo"] }], {
      baseDir: dir,
      asOf: "2019-06-30",
      useCache: false,
      pastHistory,
    });
    assert.equal(before!.repositories.length, 0);
    assert.equal(before!.failures[0]!.code, "E_REPO_EMPTY");
    assert.match(before!.failures[0]!.message, /no commit on or before 2019-06-30/);
    const [after] = await collectProjectsEvidence([{ id: "p", repositories: ["./repo"] }], {
      baseDir: dir,
      asOf: "2020-06-30",
      useCache: false,
      pastHistory,
    });
    assert.equal(after!.repositories[0]!.history.commits, 2);
  } finally {
    cleanup();
  }
});

test("a date reads on from the last while its mailmap maps the last one's authors and co-authors alike", async () => {
  const { dir, cleanup } = tempDir("upstream-backfill-");
  try {
    // Gus only co-authors, and only the last .mailmap maps him (to Ann): the authors map alike throughout.
    buildRepo(
      join(dir, "repo"),
      [
        {
          date: "2020-01-10",
          author: "Ann Lee <ann@acme.io>",
          files: { LICENSE: "MIT License\n", "README.md": "# Demo\n" },
          message: "start\n\nCo-authored-by: Gus <gus@old.example>\n",
        },
        {
          date: "2020-04-10",
          author: "Ann Lee <ann@acme.io>",
          files: { ".mailmap": "Zed <zed@acme.io> <z@x.example>\n" },
        },
        {
          date: "2020-07-10",
          author: "Ann Lee <ann@acme.io>",
          files: { ".mailmap": "Zed <zed@acme.io> <z@x.example>\nAnn Lee <ann@acme.io> <gus@old.example>\n" },
        },
        { date: "2020-10-10", author: "Ann Lee <ann@acme.io>", files: { "a.go": "package a\n" } },
      ],
      { bare: true },
    );
    const projects = [{ id: "p", repositories: ["./repo"] }];
    const pastHistory = openPastHistory();
    const contributors: number[] = [];
    for (const asOf of ["2020-03-31", "2020-06-30", "2020-09-30", "2020-12-31", "2020-12-31"]) {
      const plain = await collectProjectsEvidence(projects, { baseDir: dir, asOf, useCache: false });
      const backfilled = await collectProjectsEvidence(projects, { baseDir: dir, asOf, useCache: false, pastHistory });
      assert.deepEqual(backfilled, plain, `evidence as of ${asOf}`);
      contributors.push(backfilled[0]!.repositories[0]!.history.contributors);
    }
    // The case is real: the mailmap of 2020-07-10 makes the co-author Ann, who is not credited twice.
    assert.deepEqual(contributors, [2, 2, 1, 1, 1]);
    pastHistory.close();
  } finally {
    cleanup();
  }
});

test("a .mailmap that moves a person to another organization leaves the first one none of their reasons", async () => {
  const { dir, cleanup } = tempDir("upstream-backfill-");
  try {
    // Bob counts for acme.io by line 1 of the email-map, Ann by line 2, until the 2020-07 .mailmap makes Bob's
    // commits his gmail address's: then acme.io has Ann alone, by line 2 only, at every date after.
    const emailMap = join(dir, "email-map");
    writeFileSync(emailMap, "old.example acme.io\nacme.io acme.io\n");
    buildRepo(
      join(dir, "repo"),
      [
        { date: "2020-01-10", author: "Bob <bob@old.example>", files: { LICENSE: "MIT License\n" } },
        { date: "2020-02-10", author: "Ann Lee <ann@acme.io>", files: { "a.go": "package a\n" } },
        { date: "2020-03-10", author: "Bob <bob@old.example>", files: { "b.go": "package b\n" } },
        {
          date: "2020-07-10",
          author: "Ann Lee <ann@acme.io>",
          files: { ".mailmap": "Bob Ray <bob@gmail.com> <bob@old.example>\n" },
        },
        { date: "2020-10-10", author: "Ann Lee <ann@acme.io>", files: { "c.go": "package c\n" } },
      ],
      { bare: true },
    );
    const projects = [{ id: "p", repositories: ["./repo"] }];
    // One set of rules for every date, as `history backfill` passes them: the dates read on from each other.
    const options = { baseDir: dir, useCache: false, rules: loadAffiliations([emailMap]).rules };
    const dates = ["2020-03-31", "2020-06-30", "2020-09-30", "2020-12-31"];
    const pastHistory = openPastHistory({ dates });
    const acme: string[][] = [];
    for (const asOf of dates) {
      const plain = await collectProjectsEvidence(projects, { ...options, asOf });
      const backfilled = await collectProjectsEvidence(projects, { ...options, asOf, pastHistory });
      assert.deepEqual(backfilled, plain, `evidence as of ${asOf}`);
      const orgs = backfilled[0]!.repositories[0]!.history.organizations;
      acme.push([...orgs.find((o) => o.organization === "acme.io")!.via]);
    }
    pastHistory.close();
    // The case is real: Bob's reason goes with him.
    assert.deepEqual(acme, [
      ["email-map:1", "email-map:2"],
      ["email-map:1", "email-map:2"],
      ["email-map:2"],
      ["email-map:2"],
    ]);
  } finally {
    cleanup();
  }
});

test("the aggregates handed out for a date stay as they were when later dates carry them on", async () => {
  const { dir, cleanup } = tempDir("upstream-backfill-");
  try {
    const gitDir = join(dir, "repo");
    buildRepo(gitDir, history(), { bare: true });
    const mailmap = parseMailmap("Bob Ray <bob@acme.io> <bob@old.example>\n");
    const past = openPastHistory();
    const at = async (asOf: string) => {
      const { commit } = (await past.commitAsOf(gitDir, undefined, asOf))!;
      return past.historyAt({ gitDir, folder: undefined, commit, mailmap, useMailmap: true, rules: NO_AFFILIATIONS });
    };
    const first = await at("2021-06-30");
    const before = serializeHistoryState(first);
    const later = await at("2023-12-31");
    assert.ok(later.commits > first.commits, "the later date read on");
    assert.deepEqual(serializeHistoryState(first), before);
    past.close();
  } finally {
    cleanup();
  }
});

test("a date's commit is known as soon as the log has passed it, before the log ends", async () => {
  const finder = new CommitFinder();
  const at = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;
  const answers: string[] = [];
  const ask = (asOf: string) =>
    finder.find(asOf).then((found) => {
      answers.push(`${asOf} ${found?.commit ?? "none"}`);
      return found;
    });
  const newest = ask("2024-06-30");
  const older = ask("2021-12-31");
  const beforeAll = ask("2019-01-01");
  // The log from HEAD back: newest first, with a commit dated out of order (a merge of older work) in between.
  const records: [string, string][] = [
    ["c5", "2024-07-02"],
    ["c4", "2024-06-01"],
    ["c3", "2022-03-01"],
    ["c2", "2021-06-01"],
  ];
  const push = async ([hash, date]: [string, string]) => {
    finder.hashes.push(hash);
    finder.committed.push(at(date));
    finder.advance();
    await new Promise((r) => setImmediate(r));
  };
  await push(records[0]!);
  assert.deepEqual(answers, [], "no commit of 2024-06-30 or before read yet");
  await push(records[1]!);
  assert.deepEqual(answers, ["2024-06-30 c4"]);
  await push(records[2]!);
  await push(records[3]!);
  assert.deepEqual(answers, ["2024-06-30 c4", "2021-12-31 c2"], "answered while the log goes on");
  // The end of the 31st counts; a date asked after its commit was read is answered at once.
  finder.hashes.push("c1");
  finder.committed.push(Date.parse("2020-12-31T23:59:59Z") / 1000);
  finder.advance();
  assert.equal((await finder.find("2020-12-31"))?.commit, "c1");
  finder.end();
  assert.equal(await beforeAll, undefined, "the log ended before any commit of 2019");
  assert.equal((await newest)?.commit, "c4");
  assert.equal((await older)?.commit, "c2");
  assert.equal(await finder.find("2018-01-01"), undefined);
});
