import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadAffiliations } from "./affiliations.js";
import { collectRepositoryEvidence } from "./collect-evidence.js";
import { EVIDENCE_VERSION, type OrganizationShare, type ProjectEvidence, type RepositoryEvidence } from "./model.js";
import { age, how, plural, renderProjectEvidence, renderRepositoryEvidence } from "./render-evidence.js";
import { buildRepo, tempDir } from "./testing.js";

const project = (repositories: RepositoryEvidence[], failures: ProjectEvidence["failures"] = []): ProjectEvidence => ({
  version: EVIDENCE_VERSION,
  project: "demo",
  asOf: "2020-12-31",
  repositories,
  failures,
});
const line = (text: string, start: string): string =>
  text.split("\n").find((l) => l.trimStart().startsWith(start)) ??
  assert.fail(`no line starting '${start}' in:\n${text}`);

describe("renderProjectEvidence", () => {
  let root: ReturnType<typeof tempDir>;
  let evidence: RepositoryEvidence;
  let text: string;

  before(async () => {
    root = tempDir();
    writeFileSync(join(root.dir, "aff.txt"), "ann: ann!acme.io\n\tAcme Inc\n");
    const repo = join(root.dir, "repo");
    buildRepo(repo, [
      {
        date: "2019-01-10",
        author: "Ann <ann@acme.io>",
        tag: "v0.1.0",
        files: {
          LICENSE: "SPDX-License-Identifier: Apache-2.0\n",
          "README.md":
            "# Demo\n\nSee our [Adopters](https://example.org/adopters).\n\nChat " +
            "in [#demo](https://slack.example.org/demo).\n",
          OWNERS: "approvers:\n- ann\n- bob@globex.com\n",
          ".github/workflows/ci.yml": "on: push\n",
          "pkg/a_test.go": "package pkg\n",
        },
      },
      { date: "2020-03-01", author: "Ann <ann@acme.io>" },
      { date: "2020-07-10", author: "Bob <bob@globex.com>", tag: "v1.0.0" },
      {
        date: "2020-11-02",
        author: "Cid <cid@gmail.com>",
        files: { "CONTRIBUTING.md": "Sign off your commits (DCO).\n" },
      },
    ]);
    const { rules } = loadAffiliations([join(root.dir, "aff.txt")]);
    evidence = await collectRepositoryEvidence("repo", {
      baseDir: root.dir,
      asOf: "2020-12-31",
      rules,
      useCache: false,
    });
    text = renderProjectEvidence(project([evidence]));
  });
  after(() => root.cleanup());

  it("heads the project and repository with the date and commit read", () => {
    assert.match(text, /^demo \(as of 2020-12-31\)\n {2}repo @ [0-9a-f]{12} \(2020-11-02\)\n/);
    assert.match(text, new RegExp(`read at ${evidence.commit} \\(2020-11-02`));
  });

  it("shows history with dates, age, windows and newcomers, in correct plural forms", () => {
    assert.equal(
      line(text, "history:").trim(),
      "history:       first commit 2019-01-10, last 2020-11-02 (age 1 year 11 months)",
    );
    assert.match(text, /4 commits \(\+0 merges\), 3 in the last 12 months \(2020-01-02 … 2020-12-31\)/);
    assert.match(
      text,
      new RegExp(
        "3 contributors, 3 active in the last 12 months; " +
          String.raw`2 new in the last 4 quarters \(2020-Q1 0, 2020-Q2 0, 2020-Q3 1, 2020-Q4 1\)`,
      ),
    );
  });

  it("lists organizations by commit share with contributors and where the affiliation came from", () => {
    // globex.com is Bob's alone and no affiliation source names it: his own domain, not an organization.
    assert.match(
      line(text, "organizations:"),
      new RegExp(
        String.raw`1 organization \+ 1 independent contributor \+ 1 person on domains of their own; ` +
          String.raw`by share of 4 commits \(all time\):$`,
      ),
    );
    assert.match(line(text, "50.0%"), /50\.0%\s+Acme Inc\s+2 commits\s+1 contributor\s+via aff\.txt:2$/);
    assert.match(
      line(text, "25.0%  (unaffiliated"),
      /\(unaffiliated domain\)\s+1 commit\s+1 contributor\s+via domain globex\.com \(one person\)$/,
    );
    assert.match(text, /25\.0%\s+\(independent\)\s+1 commit\s+1 contributor\s+via public domain gmail\.com/);
    assert.match(
      text,
      new RegExp(
        "elephant factor 2: fewest organizations with > 50% of the commits in 12 months " +
          String.raw`\(2020-01 … 2020-12\): \(independent\) Cid, \(unaffiliated domain\) Bob$`,
        "m",
      ),
    );
    assert.match(
      text,
      new RegExp(
        "contributor absence factor 2: fewest people with > 50% of the commits in 12 months " +
          String.raw`\(2020-01 … 2020-12\): .*<ann@acme\.io>`,
      ),
    );
  });

  it("names the maintainers' file, count and organizations", () => {
    // bob@globex.com is the only globex.com contributor: a personal domain, not an organization.
    assert.match(
      line(text, "maintainers:"),
      /2 maintainers in OWNERS, from 1 organization: Acme Inc \(1 with no known organization\)/,
    );
    const bob = evidence.maintainers.maintainers.find((m) => m.handle === "bob@globex.com");
    assert.equal(bob?.organization, undefined);
    assert.match(bob?.via ?? "", /domain globex\.com, which no other contributor shares: organization unknown/);
  });

  it("says the maintainers are unknown, and why, when the file only points elsewhere", () => {
    const pointed: RepositoryEvidence = {
      ...evidence,
      maintainers: {
        file: { how: "file", path: "MAINTAINERS" },
        maintainers: [],
        organizations: [],
        chosen:
          "MAINTAINERS: points to https://github.com/o/community/blob/main/MAINTAINERS; " +
          "over CODEOWNERS: teams only (@o/m)",
        unknown: {
          reason: "MAINTAINERS lists no one: it points to https://github.com/o/community/blob/main/MAINTAINERS",
          lowerBound: false,
        },
      },
    };
    const out = renderRepositoryEvidence(pointed);
    assert.match(line(out, "maintainers:"), /\? unknown \(MAINTAINERS\)$/);
    assert.match(
      out,
      new RegExp(
        String.raw`\? MAINTAINERS lists no one: ` +
          String.raw`it points to https:\/\/github\.com\/o\/community\/blob\/main\/MAINTAINERS\n` +
          ".*chosen: MAINTAINERS: points to",
      ),
    );
    const partial = renderRepositoryEvidence({
      ...evidence,
      maintainers: {
        ...evidence.maintainers,
        unknown: {
          reason:
            "OWNERS also names aliases not defined in OWNERS_ALIASES " +
            "(sig-x-leads) whose members are not listed: 2 is a lower bound",
          lowerBound: true,
          names: ["sig-x-leads"],
        },
      },
    });
    assert.match(line(partial, "maintainers:"), /at least 2 maintainers in OWNERS/);
  });

  it("shows the latest tag, releases in the window and stability", () => {
    assert.match(text, /releases: {6}2 release tags, latest release v1\.0\.0 \(2020-07-10\)\n/);
    assert.match(text, /1 release in the last 12 months \(2020-01-02 … 2020-12-31\); stable: a release ≥ 1\.0\.0/);
  });

  it("prints one aligned line per community file with a mark and how it was found", () => {
    assert.match(text, /^ {6}✔ license {15}Apache-2\.0 — LICENSE$/m);
    assert.match(text, /^ {6}✔ readme {16}README\.md$/m);
    assert.match(text, /^ {6}✔ adopters {14}README\.md link 'Adopters' → https:\/\/example\.org\/adopters$/m);
    assert.match(text, /^ {6}✘ security policy {7}none$/m);
    assert.match(text, /^ {6}✔ README channels {7}1 channel: slack https:\/\/slack\.example\.org\/demo — README\.md$/m);
    assert.match(text, /^ {6}✔ CI {20}1 system: github-actions/m);
    assert.match(text, /^ {6}✔ unit tests {12}1 test file: pkg\/a_test\.go$/m);
    assert.match(text, /^ {6}✔ DCO\/CLA {15}DCO — CONTRIBUTING\.md mentions 'DCO'$/m);
    const files = text.split("\n").filter((l) => /^ {6}[✔✘?] /.test(l));
    assert.equal(files.length, 18);
    assert.equal(
      new Set(files.map((l) => l.slice(0, 30).replace(/\S+$/, "").length)).size,
      1,
      "the finding column is aligned",
    );
  });

  it("uses no escape codes unless asked for colour", () => {
    assert.doesNotMatch(text, /\x1b\[/);
    assert.match(renderProjectEvidence(project([evidence]), { color: true }), /\x1b\[32m✔\x1b\[39m license/);
  });

  it("shows a capped organization list, warnings, shallow history, cache status and unknowns", () => {
    const orgs: OrganizationShare[] = Array.from({ length: 7 }, (_, i) => ({
      organization: `org${i}`,
      commits: 7 - i,
      commitShare: (7 - i) / 28,
      contributors: 1,
      contributorShare: 1 / 7,
      via: [`domain org${i}.io`],
    }));
    const r: RepositoryEvidence = {
      ...evidence,
      cache: "incremental",
      history: { ...evidence.history, organizations: orgs, shallow: true },
      files: {
        ...evidence.files,
        security: { how: "unreadable", path: "SECURITY.md", note: "symlink outside the repository" },
        lint: { count: null as unknown as number, items: [] },
      },
      warnings: [
        {
          code: "E_REPO_FILE_UNREADABLE",
          message: "SECURITY.md is a symlink outside the repository",
          path: "SECURITY.md",
        },
      ],
    };
    const out = renderRepositoryEvidence(r);
    assert.match(out, /7 organizations; top 5 by share/);
    assert.match(out, /… 2 more: org5 7\.1%, org6 3\.6%/);
    assert.match(out, /^ {6}\? security policy {7}unreadable SECURITY\.md \(symlink outside the repository\)$/m);
    assert.match(out, /^ {6}\? lint config {11}unreadable$/m);
    assert.match(out, /⚠ SECURITY\.md is a symlink outside the repository \[E_REPO_FILE_UNREADABLE\]/);
    assert.match(out, /⚠ shallow clone: history incomplete/);
    assert.match(out, /cache: incremental \(new commits only\)/);
  });

  it("reports bots apart, says the shares are the people's, and how many emails were merged", () => {
    const r: RepositoryEvidence = {
      ...evidence,
      history: {
        ...evidence.history,
        commits: 416,
        bots: { commits: 412, identities: 3, names: ["dependabot[bot]", "k8s-ci-robot", "fluxcdbot"] },
        mergedIdentities: {
          count: 2,
          items: [
            "12345+ann@users.noreply.github.com → ann@acme.io (GitHub login ann, listed in aff.txt:1)",
            "ANN@acme.io → ann@acme.io (same address in other case)",
          ],
        },
      },
    };
    const out = renderRepositoryEvidence(r);
    assert.match(out, /412 commits by 3 bots, not counted: dependabot\[bot\], k8s-ci-robot, fluxcdbot$/m);
    assert.match(
      out,
      new RegExp(
        String.raw`2 emails merged into people already known \(beyond \.mailmap\): ` +
          String.raw`12345\+ann@users\.noreply\.github\.com → ann@acme\.io`,
      ),
    );
    assert.match(out, /by share of 4 commits by people \(all time\):$/m);
  });

  it("shows each failure with its code, message and hint", () => {
    const out = renderProjectEvidence(
      project(
        [],
        [
          {
            repository: "repos/nope",
            code: "E_REPO_NOT_FOUND",
            message: "repos/nope does not exist",
            hint: "check the path",
          },
        ],
      ),
    );
    assert.equal(
      out,
      "demo (as of 2020-12-31)\n  ✘ repos/nope: repos/nope does " +
        "not exist [E_REPO_NOT_FOUND]\n      fix: check the path\n",
    );
    assert.equal(renderProjectEvidence(project([])), "demo (as of 2020-12-31)\n  (no repositories in the catalog)\n");
  });
});

describe("render helpers", () => {
  it("plural forms, thousands and unknowns", () => {
    assert.equal(plural(1, "contributor"), "1 contributor");
    assert.equal(plural(0, "contributor"), "0 contributors");
    assert.equal(plural(12345, "commit"), "12,345 commits");
    assert.equal(plural(null, "commit"), "? commits");
  });
  it("age in whole months", () => {
    assert.equal(age("2019-01-10T00:00:00Z", "2020-12-31"), "1 year 11 months");
    assert.equal(age("2019-01-10", "2021-01-09"), "1 year 11 months");
    assert.equal(age("2019-01-10", "2021-01-10"), "2 years");
    assert.equal(age("2020-12-01", "2020-12-31"), "less than a month");
  });
  it("how a finding was found", () => {
    assert.equal(
      how({ how: "readme-reference", path: "README.md", reference: "Governance" }),
      "README.md mentions 'Governance'",
    );
    assert.equal(how({ how: "file", path: "LICENSE", truncated: true }), "LICENSE (read in part)");
    assert.equal(how({ how: "none" }), "none");
  });
});

describe("untrusted text on the terminal", () => {
  // all but the line breaks the renderer writes
  const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
  const ownColours = /\x1b\[(1|2|22|31|32|33|39)m/g;
  let root: ReturnType<typeof tempDir>;
  let evidence: RepositoryEvidence;

  before(async () => {
    root = tempDir();
    buildRepo(join(root.dir, "repo"), [
      {
        date: "2020-03-01",
        author: Buffer.from("Mal\x1b[31mory <mal@evil\x1b.io>"),
        tag: "v1.0.0\u202e",
        files: {
          "ADOPTERS.md": "- Hooli\x1b[2J\n",
          OWNERS: 'approvers:\n  - "ann\\e]0;pwned\\a"\n',
          "pkg/\x9b31m_test.go": "package pkg\n",
        },
      },
      { date: "2020-04-01", author: Buffer.from("\x1b]0;pwned\x07 <x@acme.io>") },
    ]);
    evidence = await collectRepositoryEvidence("repo", { baseDir: root.dir, asOf: "2020-12-31", useCache: false });
  });
  after(() => root.cleanup());

  it("shows authors, organizations, maintainers, adopters, tags and paths escaped, never raw", () => {
    for (const color of [false, true]) {
      const out = renderProjectEvidence(project([evidence]), { color });
      assert.doesNotMatch(out.replace(ownColours, ""), UNSAFE);
      assert.match(line(out, "contributor absence factor"), /Mal\\u001b\[31mory <mal@evil\\u001b\.io>/);
      assert.match(line(out, "contributor absence factor"), /\\u001b\]0;pwned\\u0007 <x@acme\.io>/);
      assert.match(out, /evil\\u001b\.io/);
      assert.match(out, /newest v1\.0\.0\\u202e/);
      assert.match(out, /1 adopter — ADOPTERS\.md/);
      assert.match(out, /1 test file: pkg\/\\u009b31m_test\.go/);
    }
  });

  it("escapes any string of the evidence it is given, so no field can write a terminal escape", () => {
    const evil = "\x1b]0;pwned\x07\x1b[2J\u202e\x9b";
    const poison = (v: unknown): unknown =>
      typeof v === "string"
        ? v + evil
        : Array.isArray(v)
          ? v.map(poison)
          : v && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x)]))
            : v;
    const bad = {
      ...(poison(evidence) as RepositoryEvidence),
      maintainers: {
        ...(poison(evidence.maintainers) as RepositoryEvidence["maintainers"]),
        file: { how: "file", path: `OWNERS${evil}` },
      },
    } as RepositoryEvidence;
    const failures = [
      { repository: `r${evil}`, code: "E_GIT_FAILED", message: `git: ${evil}`, hint: evil },
    ] as ProjectEvidence["failures"];
    for (const color of [false, true]) {
      const out = renderProjectEvidence({ ...project([bad], failures), project: `demo${evil}` }, { color });
      assert.doesNotMatch(out.replace(ownColours, ""), UNSAFE);
      assert.match(out, /\\u001b\]0;pwned\\u0007\\u001b\[2J\\u202e\\u009b/);
      assert.doesNotMatch(renderRepositoryEvidence(bad, { color }).replace(ownColours, ""), UNSAFE);
    }
    assert.equal(how({ how: "file", path: `A${evil}` }), "A\\u001b]0;pwned\\u0007\\u001b[2J\\u202e\\u009b");
  });
});
