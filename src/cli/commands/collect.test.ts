import assert from "node:assert/strict";
import { runUpstream } from "../testing.js";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { ProjectEvidence } from "../../evidence/index.js";
import { buildRepo, tempDir } from "../../evidence/testing.js";

function run(args: readonly string[], cwd: string) {
  const r = runUpstream(args, { cwd });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

const CATALOG = `apiVersion: upstream/v1
program: { name: Test }
personas:
  - { id: ops, title: Ops }
projects:
  - { id: good, name: Good, persona: ops, repositories: [repos/good] }
  - { id: bad, name: Bad, persona: ops, repositories: [repos/nope] }
`;

describe("upstream collect", () => {
  let root: ReturnType<typeof tempDir>;
  before(() => {
    root = tempDir();
    writeFileSync(join(root.dir, "upstream.yaml"), CATALOG);
    writeFileSync(join(root.dir, "aff.txt"), "ann: ann!acme.io\n\tAcme Inc\nbroken line\n");
    buildRepo(join(root.dir, "repos", "good"), [
      { date: "2019-01-10", author: "Ann <ann@acme.io>", files: { OWNERS: "approvers:\n- ann\n" }, tag: "v0.1.0" },
      { date: "2020-07-10", author: "Bob <bob@globex.com>", tag: "v1.0.0" },
    ]);
  });
  after(() => root.cleanup());

  it("--json prints only the evidence on stdout, reports a failed repository and exits 1", () => {
    const r = run(["collect", "--json", "--as-of", "2020-12-31", "--affiliations", "aff.txt"], root.dir);
    assert.equal(r.status, 1, r.stderr);
    const evidence = (JSON.parse(r.stdout) as { projects: ProjectEvidence[] }).projects;
    assert.deepEqual(
      evidence.map((e) => e.project),
      ["good", "bad"],
    );
    const good = evidence[0]!.repositories[0]!;
    assert.equal(good.history.commits, 2);
    assert.deepEqual(good.maintainers.organizations, ["Acme Inc"]);
    assert.equal(evidence[1]!.failures[0]!.code, "E_REPO_NOT_FOUND");
    assert.match(
      r.stderr,
      new RegExp(
        "aff\\.txt:3: warning: this line is neither a `login: email` header " +
          String.raw`nor an indented organization line \[E_AFFILIATIONS_SYNTAX\]`,
      ),
    );
    assert.match(r.stderr, /repos\/nope: error: bad: .*does not exist \[E_REPO_NOT_FOUND\]/);
  });

  it("stops with the store's error when the store cannot be opened, though git's reads start before it opens", () => {
    const own = tempDir();
    try {
      writeFileSync(join(own.dir, "upstream.yaml"), CATALOG);
      buildRepo(join(own.dir, "repos", "good"), [{ date: "2020-07-10", author: "Bob <bob@globex.com>" }]);
      mkdirSync(join(own.dir, ".upstream", "portfolio.db"), { recursive: true }); // a folder where the file goes
      const r = run(["collect", "good", "--json"], own.dir);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /portfolio\.db: it is not a regular file \[E_STORE_UNAVAILABLE\]/);
      assert.match(r.stderr, /was not opened; nothing was written to it/);
    } finally {
      own.cleanup();
    }
  });

  it("collects the named projects only, and exits 0 when all were read", () => {
    const r = run(["collect", "good"], root.dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^good \(as of \d{4}-\d{2}-\d{2}\)\n {2}repos\/good @ [0-9a-f]{12} \(2020-07-10\)/);
    assert.match(r.stdout, /2 release tags, latest release v1\.0\.0/);
  });

  it(
    "prints the evidence report: organizations with their source, " +
      "file findings, failures with their hint, no colours when piped",
    () => {
      const r = run(["collect", "--as-of", "2020-12-31", "--affiliations", "aff.txt"], root.dir);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /2 contributors, 1 active in the last 12 months/);
      assert.match(r.stdout, /50\.0%\s+Acme Inc\s+1 commit\s+1 contributor\s+via aff\.txt:2\n/);
      assert.match(r.stdout, /1 maintainer in OWNERS, from 1 organization: Acme Inc\n/);
      assert.match(r.stdout, /^ {6}✘ license {15}none$/m);
      assert.match(
        r.stdout,
        /^bad \(as of 2020-12-31\)\n {2}✘ repos\/nope: .*does not exist \[E_REPO_NOT_FOUND\]\n {6}fix: /m,
      );
      assert.doesNotMatch(r.stdout, /\x1b\[/);
    },
  );

  it("rejects an unknown project and a malformed date", () => {
    const unknown = run(["collect", "goood"], root.dir);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no project 'goood' in the catalog; did you mean 'good'\?/);
    const date = run(["collect", "--as-of", "2020-02-30"], root.dir);
    assert.equal(date.status, 2);
    assert.match(date.stderr, /--as-of 2020-02-30 is not a calendar date/);
    assert.match(run(["collect", "--as-of", "20-2-3"], root.dir).stderr, /--as-of expects a date written YYYY-MM-DD/);
    const prehistory = run(["collect", "--as-of", "1969-07-20"], root.dir);
    assert.equal(prehistory.status, 2);
    assert.match(
      prehistory.stderr,
      /--as-of 1969-07-20 is before 1970-01-02, the first day git can read history as of/,
    );
  });
});

describe("upstream collect --mirror and program.mirrors", () => {
  it(
    "reads a catalog's file:// URLs from local folders, the " + "flag over the catalog, and keeps the catalog's names",
    () => {
      const root = tempDir();
      try {
        buildRepo(join(root.dir, "mirror", "engine"), [
          { date: "2020-01-10", author: "Ann <ann@acme.io>", files: { "README.md": "# Engine\n" } },
        ]);
        buildRepo(join(root.dir, "flagged", "engine"), [
          { date: "2020-01-10", author: "Ann <ann@acme.io>", files: { "README.md": "# Engine\n" } },
          { date: "2020-02-10", author: "Bob <bob@globex.com>" },
        ]);
        writeFileSync(
          join(root.dir, "upstream.yaml"),
          `apiVersion: upstream/v1
program: { name: Test, mirrors: { "file:///offline/upstream/": "mirror/" } }
personas: [{ id: ops, title: Ops }]
projects:
  - { id: engine, name: Engine, persona: ops, repositories: ["file:///offline/upstream/engine"] }
`,
        );
        const fromCatalog = run(
          ["collect", "--json", "--as-of", "2020-12-31", "--cache-dir", join(root.dir, "cache")],
          root.dir,
        );
        assert.equal(fromCatalog.status, 0, fromCatalog.stderr);
        const ev = (JSON.parse(fromCatalog.stdout) as { projects: ProjectEvidence[] }).projects[0]!.repositories[0]!;
        assert.equal(ev.repository, "file:///offline/upstream/engine");
        assert.equal(ev.history.commits, 1);
        const fromFlag = run(
          [
            "collect",
            "--json",
            "--as-of",
            "2020-12-31",
            "--cache-dir",
            join(root.dir, "cache"),
            "--mirror",
            `file:///offline/upstream/=${join(root.dir, "flagged")}/`,
          ],
          root.dir,
        );
        assert.equal(fromFlag.status, 0, fromFlag.stderr);
        assert.equal(
          (JSON.parse(fromFlag.stdout) as { projects: ProjectEvidence[] }).projects[0]!.repositories[0]!.history
            .commits,
          2,
        );
        const bad = run(["collect", "--mirror", "no-equals-sign"], root.dir);
        assert.equal(bad.status, 2);
        assert.match(bad.stderr, /--mirror expects FROM=TO/);
      } finally {
        root.cleanup();
      }
    },
  );
});

describe("upstream collect with program organizations and bots", () => {
  let root: ReturnType<typeof tempDir>;
  before(() => {
    root = tempDir();
    writeFileSync(
      join(root.dir, "upstream.yaml"),
      `apiVersion: upstream/v1
program:
  name: Test
  organizations: [{ name: Microsoft, domains: [microsoft.com, github.com] }]
  bots: ["release-train@*"]
personas:
  - { id: ops, title: Ops }
projects:
  - { id: good, name: Good, persona: ops, repositories: [repos/good] }
`,
    );
    buildRepo(join(root.dir, "repos", "good"), [
      { date: "2020-07-01", author: "Ann <ann@github.com>" },
      { date: "2020-07-02", author: "Bob <bob@microsoft.com>" },
      { date: "2020-07-03", author: "Train <release-train@acme.io>" },
      { date: "2020-07-04", author: "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>" },
    ]);
  });
  after(() => root.cleanup());

  it("maps the program's domains, keeps bots apart and says so in the report", () => {
    const json = run(["collect", "--json", "--as-of", "2020-12-31"], root.dir);
    assert.equal(json.status, 0, json.stderr);
    const history = (JSON.parse(json.stdout) as { projects: ProjectEvidence[] }).projects[0]!.repositories[0]!.history;
    assert.deepEqual(
      history.organizations.map((o) => [o.organization, o.contributors]),
      [["Microsoft", 2]],
    );
    assert.deepEqual(history.bots, { commits: 2, identities: 2, names: ["dependabot[bot]", "Train"] });
    const text = run(["collect", "--as-of", "2020-12-31"], root.dir);
    assert.match(text.stdout, /2 commits by 2 bots, not counted: dependabot\[bot\], Train/);
    assert.match(text.stdout, /1 organization; by share of 2 commits by people \(all time\):/);
  });
});

describe("upstream collect: repositories named twice, a relative --cache-dir", () => {
  it(
    "refuses the same repository listed twice under two " + "spellings, and clones URLs into a relative cache folder",
    () => {
      const root = tempDir();
      try {
        buildRepo(join(root.dir, "repo"), [{ date: "2020-01-10", tag: "v1.0.0" }]);
        const catalog = (repositories: string) =>
          `apiVersion: upstream/v1\nprogram: { name: Test }\npersonas: [{ id: ops, title: Ops ` +
          `}]\nprojects:\n  - { id: a, name: A, persona: ops, repositories: ${repositories} }\n`;
        writeFileSync(join(root.dir, "upstream.yaml"), catalog("[repo, repo/, ./repo]"));
        const twice = run(["collect"], root.dir);
        assert.equal(twice.status, 1);
        assert.match(
          twice.stderr,
          new RegExp(
            String.raw`upstream\.yaml:5:\d+: error: repository 'repo\/' of project 'a' ` +
              String.raw`is the same as repositories\[0\] \('repo'\) .*\[E_CATALOG_DUPLICATE_REPOSITORY\]`,
          ),
        );
        assert.match(twice.stderr, /repository '\.\/repo' of project 'a' is the same as repositories\[0\]/);
        writeFileSync(join(root.dir, "upstream.yaml"), catalog(`["${pathToFileURL(join(root.dir, "repo")).href}"]`));
        const relative = run(["collect", "--json", "--cache-dir", "cache", "--as-of", "2020-12-31"], root.dir);
        assert.equal(relative.status, 0, relative.stderr);
        assert.equal(
          (JSON.parse(relative.stdout) as { projects: ProjectEvidence[] }).projects[0]!.repositories[0]!.history
            .commits,
          1,
        );
        assert.ok(
          readdirSync(join(root.dir, "cache", "repos")).some((n) => n.endsWith(".git")),
          "the clone is in ./cache/repos",
        );
      } finally {
        root.cleanup();
      }
    },
  );
});

describe("upstream collect: a cache that cannot be written", () => {
  it("shows the evidence, names the repositories not saved, and exits 1", () => {
    const root = tempDir();
    try {
      buildRepo(join(root.dir, "repo"), [{ date: "2020-01-10" }]);
      writeFileSync(
        join(root.dir, "upstream.yaml"),
        "apiVersion: upstream/v1\nprogram: { name: Test }\npersonas: [{ id: ops, title: " +
          "Ops }]\nprojects:\n  - { id: a, name: A, persona: ops, repositories: [repo] }\n",
      );
      writeFileSync(join(root.dir, "a-file"), "not a folder\n");
      const cacheDir = join(root.dir, "a-file", "cache");
      // without a store the history aggregates go to the JSON cache, which cannot be written
      const r = run(["collect", "--no-store", "--as-of", "2020-12-31", "--cache-dir", cacheDir], root.dir);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /1 commit/);
      assert.match(
        r.stderr,
        /error: 1 repository read but not saved in the cache \(repo\): .* \[E_CACHE_WRITE\]\n {4}fix: free disk space/,
      );
      // with the store, they are kept in it: a local repository needs no cache folder at all
      const stored = run(["collect", "--as-of", "2020-12-31", "--cache-dir", cacheDir], root.dir);
      assert.equal(stored.status, 0, stored.stderr);
      assert.doesNotMatch(stored.stderr, /E_CACHE_WRITE/);
    } finally {
      root.cleanup();
    }
  });
});
