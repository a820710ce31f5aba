import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { collectRepositoryEvidence } from "./index.js";
import { parseMaintainers, readMaintainersFile, repositoryOfUrl } from "./maintainers.js";
import { buildRepo, tempDir } from "./testing.js";

// The shapes below are those real projects keep (Kubernetes OWNERS, moby-style MAINTAINERS,
// markdown tables and lists, CODEOWNERS); the names and text are made up.

const handles = (names: readonly { handle: string }[]): string[] => names.map((n) => n.handle);

test("OWNERS: approvers, maintainers and admins count, reviewers and emeritus do not; filters' approvers count", () => {
  const text =
    "approvers:\n  - ann\nmaintainers:\n  - bo\nadmins:\n  - cy\nreviewers:\n  - dee\nemeritus_approvers:\n  - " +
    'old\nfilters:\n  ".*":\n    approvers:\n      - eve\n  "\\\\.md$":\n ' +
    "   approvers:\n      - fay\n    reviewers:\n      - gus\n";
  const r = readMaintainersFile("OWNERS", text);
  assert.deepEqual(handles(r.people), ["ann", "bo", "cy", "eve", "fay"]);
  assert.match(r.counted, /approvers, maintainers, admins/);
  assert.match(r.counted, /reviewers and emeritus_\* not counted/);
});

test("OWNERS: an alias OWNERS_ALIASES does not define is unresolved, not a person", () => {
  const aliases = "aliases:\n  sig-foo-leads:\n    - ann\n    - bo\n";
  const known = readMaintainersFile("OWNERS", "approvers:\n  - sig-foo-leads\n  - cy\n", { ownersAliases: aliases });
  assert.deepEqual(handles(known.people), ["ann", "bo", "cy"]);
  assert.deepEqual(known.unresolved, []);
  const none = readMaintainersFile("OWNERS", "approvers:\n  - sig-bar-leads\n  - proj-maintainers\n  - cy\n", {
    ownersAliases: aliases,
  });
  assert.deepEqual(handles(none.people), ["cy"]);
  assert.deepEqual(none.unresolved, ["sig-bar-leads", "proj-maintainers"]);
  // No aliases file at all: the same.
  assert.deepEqual(handles(parseMaintainers("OWNERS", "approvers:\n  - sig-bar-leads\n")), []);
});

test("OWNERS: the email in a comment beside a login is kept for affiliation", () => {
  const r = readMaintainersFile("OWNERS", "approvers:\n  - ann   # Ann Example <ann@hooli.example>\n  - bo\n");
  assert.deepEqual(
    r.people.map((p) => [p.handle, p.email]),
    [
      ["ann", "ann@hooli.example"],
      ["bo", undefined],
    ],
  );
});

test(
  "moby-style TOML MAINTAINERS: the people of the maintainer " + "groups, not curators or alumni, by their GitHub key",
  () => {
    const text = [
      "# Example maintainers file",
      "[Org]",
      '\t[Org."Core maintainers"]',
      "\t# They have the final say.",
      "\t\tpeople = [",
      '\t\t\t"annex",',
      '\t\t\t"bobo"',
      "\t\t]",
      "\t[Org.Curators]",
      '\t\tpeople = [ "cyc" ]',
      "\t[Org.Alumni]",
      "\t\tpeople = [",
      "\t\t\t# Dee wrote the first parser.",
      '\t\t\t"deed",',
      "\t\t]",
      "[people]",
      "\t[people.annex]",
      '\tName = "Ann Example"',
      '\tEmail = "ann@hooli.example"',
      '\tGitHub = "AnnEx"',
      "\t[people.bobo]",
      '\tName = "Bo Example"',
      '\tEmail = "bo@globex.example"',
      '\tGitHub = "bobo"',
      "\t[people.cyc]",
      '\tName = "Cy"',
      '\tGitHub = "cyc"',
      "",
    ].join("\n");
    const r = readMaintainersFile("MAINTAINERS", text);
    assert.deepEqual(
      r.people.map((p) => [p.handle, p.email, p.name]),
      [
        ["AnnEx", "ann@hooli.example", "Ann Example"],
        ["bobo", "bo@globex.example", "Bo Example"],
      ],
    );
    assert.match(r.counted, /Core maintainers/);
  },
);

test("quoted CSV MAINTAINERS (GitHub ID, Name, Email): committers count once each, reviewers do not", () => {
  const text =
    "# Example maintainers\n#\n# See GOVERNANCE.md for committer versus reviewer roles\n#\n# COMMITTERS\n# GitHub " +
    'ID, Name, Email address, GPG fingerprint\n"annex","Ann Example","ann@hooli.example","AAAA BBBB"\n"bobo","Bo ' +
    'Example","bo@globex.example",""\n#\n# REVIEWERS\n# GitHub ID, Name, Email ' +
    'address, GPG fingerprint\n"cyc","Cy Example","cy@initech.example",""\n';
  const r = readMaintainersFile("MAINTAINERS", text);
  assert.deepEqual(
    r.people.map((p) => [p.handle, p.email, p.name]),
    [
      ["annex", "ann@hooli.example", "Ann Example"],
      ["bobo", "bo@globex.example", "Bo Example"],
    ],
  );
});

test(
  "markdown tables: one person per row, the Affiliation column is " +
    "the organization with its line, reviewer tables do not count",
  () => {
    const text = [
      "# Example Maintainers",
      "",
      "| Maintainer | GitHub ID | Project Roles | Affiliation |",
      "|---|---|---|---|",
      "| Ann Example | [annex](https://github.com/annex) | Lead | [Hooli](https://www.github.com/hooli/) |",
      "| Bo Example | [@bobo](https://github.com/bobo) | Approver | Globex |",
      "| Cy Example | cyc | Approver | Independent |",
      "",
      "| Reviewer | GitHub ID | Affiliation |",
      "|---|---|---|",
      "| Dee Example | [@deed](https://github.com/deed) | Hooli |",
      "",
    ].join("\n");
    const r = readMaintainersFile("MAINTAINERS.md", text);
    assert.deepEqual(handles(r.people), ["annex", "bobo", "cyc"]);
    assert.deepEqual(
      r.people.map((p) => p.affiliation),
      [
        { organization: "Hooli", via: "MAINTAINERS.md:5 (Affiliation column)" },
        { organization: "Globex", via: "MAINTAINERS.md:6 (Affiliation column)" },
        { organization: "(independent)", via: "MAINTAINERS.md:7 (Affiliation column)" },
      ],
    );
  },
);

test(
  "markdown lists: emeritus, directors and steering sections do " +
    "not count; a comment is not text; a person is counted once",
  () => {
    const text = [
      "# Maintainers",
      "",
      "The example maintainers are:",
      "",
      "* Ann Example <ann@hooli.example> @annex",
      "* Bo Example (bo@globex.example / @bobo)",
      "* `parser`: Cy Example (<cy@initech.example> / @cyc), Ann Example (<ann@hooli.example> / @annex)",
      "- Eve Example (@evex), Globex",
      "- only-mail@umbrella.example",
      "The project's repositories under https://github.com/example, as noted in each of them.",
      "",
      "Release coordinators:",
      "* Rae Example @raex",
      "",
      "## Directors",
      "* Dan Example <dan@hooli.example> @danx",
      "",
      "## Emeriti",
      "Former maintainers include:",
      "* Old Example @oldx",
      "",
      "<!--",
      "* Invite the maintainer to https://github.com/orgs/example/teams/maintainers",
      "* @commentx",
      "-->",
      "",
    ].join("\n");
    const r = readMaintainersFile("MAINTAINERS.md", text);
    assert.deepEqual(handles(r.people), ["annex", "bobo", "cyc", "evex", "only-mail@umbrella.example"]);
    assert.deepEqual(r.people.find((p) => p.handle === "evex")?.affiliation, {
      organization: "Globex",
      via: "MAINTAINERS.md:8",
    });
  },
);

test(
  "plain MAINTAINERS 'Name, Company <email> (github: @login)' lines: " +
    "the company is the affiliation, retired names do not count",
  () => {
    const text =
      "Reach the maintainers on chat at https://chat.example/room.\n\nIn alphabetical order:\n\nAnn Example, Hooli " +
      "<ann@hooli.example> (github: @annex, chat: Ann E)\nBo Example, Independent <bo@gmail.com> (github: " +
      "@bobo, chat: bo)\n\nRetired maintainers:\n\n- Old Example\n- Older Example (github: @olderx)\n";
    const r = readMaintainersFile("MAINTAINERS", text);
    assert.deepEqual(
      r.people.map((p) => [p.handle, p.email, p.affiliation?.organization]),
      [
        ["annex", "ann@hooli.example", "Hooli"],
        ["bobo", "bo@gmail.com", "(independent)"],
      ],
    );
  },
);

test("what was counted, taken from the file's headings, has control characters escaped", () => {
  const r = readMaintainersFile("MAINTAINERS.md", "# Maintainers\n- @annex\n## Emeritus\x1b[2J maintainers\n- @oldx\n");
  assert.deepEqual(handles(r.people), ["annex"]);
  assert.match(r.counted, /not counted: 'Emeritus\\u001b\[2J maintainers'/);
});

test("a mailing list is not a maintainer", () => {
  const text =
    "# Maintainers\n\nWrite to example-maintainers@googlegroups.com or dev@lists.example.org.\n\n- " +
    "Ann Example <ann@hooli.example> (@annex)\n- maintainers@example.io\n";
  assert.deepEqual(handles(parseMaintainers("MAINTAINERS.md", text)), ["annex"]);
});

test("CODEOWNERS naming teams only is unresolved, not zero people; individuals count", () => {
  const teams = readMaintainersFile(
    ".github/CODEOWNERS",
    "# The maintainers own everything\n*  @example/maintainers @example/approvers\n",
  );
  assert.deepEqual(teams.people, []);
  assert.deepEqual(teams.unresolved, ["@example/maintainers", "@example/approvers"]);
  const mixed = readMaintainersFile("CODEOWNERS", "* @example/maintainers\n/docs @annex @bobo # docs\n/api @annex\n");
  assert.deepEqual(handles(mixed.people), ["annex", "bobo"]);
  assert.deepEqual(mixed.unresolved, ["@example/maintainers"]);
});

test("CODEOWNERS comments give an owner's name and organization in spire's blocks; other comments give nothing", () => {
  const text = [
    "* @annex @bobo @cyc @deed",
    "",
    "###########",
    "# Maintainers",
    "###########",
    "",
    "# Ann Example",
    "# Hooli, Inc.",
    "# @annex",
    "",
    "# Bo Bobson",
    "# @bobo",
    "",
    "# see @example/docs for the docs",
    "# @cyc",
    "",
    "# /old/ @deed",
    "# @deed",
    "",
    "# Community Chair",
    "# Initech",
    "# @chair",
    "",
    "# Three lines",
    "# of prose",
    "# before it",
    "# @bobo",
  ].join("\n");
  const people = readMaintainersFile("CODEOWNERS", text).people;
  assert.deepEqual(people, [
    { handle: "annex", name: "Ann Example", affiliation: { organization: "Hooli, Inc.", via: "CODEOWNERS:8" } },
    { handle: "bobo", name: "Bo Bobson" },
    { handle: "cyc" }, // a note with a mention before the login
    { handle: "deed" }, // a rule commented out
  ]);
  assert.ok(!people.some((p) => p.handle === "chair"), "described in a comment, but owns no path");
});

test("a file that only points elsewhere names the pointer, not zero people", () => {
  const other = readMaintainersFile(
    "MAINTAINERS",
    "Reach them on chat at https://chat.example/messages/C123\n(get an invite at https://invite.example/).\n\nThe " +
      "maintainers are those listed in\n\n    https://github.com/example/community/blob/main/CORE-MAINTAINERS\n",
  );
  assert.deepEqual(other.people, []);
  assert.deepEqual(other.pointer, {
    url: "https://github.com/example/community/blob/main/CORE-MAINTAINERS",
    line: 6,
    repository: "github.com/example/community",
    path: "CORE-MAINTAINERS",
  });
  const md = readMaintainersFile(
    "MAINTAINERS.md",
    "## Maintainers\n\nThe list for [Example and its sub-projects](https://github.com/example#projects) " +
      "is managed at: https://github.com/example/community/blob/main/MAINTAINERS.md.\n",
  );
  assert.equal(md.pointer?.url, "https://github.com/example/community/blob/main/MAINTAINERS.md");
  const site = readMaintainersFile(
    "MAINTAINERS.md",
    "# Maintainers\n\nThe maintainers moved to [our website](https://example.io/community/maintainers/).\n",
  );
  assert.deepEqual(site.pointer, { url: "https://example.io/community/maintainers/", line: 3 });
  const local = readMaintainersFile("docs/MAINTAINERS.md", "See [the list](../governance/MAINTAINERS.md).\n");
  assert.deepEqual(local.pointer, { url: "../governance/MAINTAINERS.md", line: 1, path: "governance/MAINTAINERS.md" });
});

test("repositoryOfUrl says which repository and path a link names", () => {
  assert.deepEqual(repositoryOfUrl("https://github.com/containerd/project/blob/main/MAINTAINERS"), {
    repository: "github.com/containerd/project",
    url: "https://github.com/containerd/project",
    ref: "main",
    path: "MAINTAINERS",
  });
  assert.deepEqual(repositoryOfUrl("https://raw.githubusercontent.com/o/r/v1/docs/OWNERS"), {
    repository: "github.com/o/r",
    url: "https://github.com/o/r",
    ref: "v1",
    path: "docs/OWNERS",
  });
  assert.deepEqual(repositoryOfUrl("https://gitlab.com/g/sub/r/-/blob/main/MAINTAINERS.md"), {
    repository: "gitlab.com/g/sub/r",
    url: "https://gitlab.com/g/sub/r",
    ref: "main",
    path: "MAINTAINERS.md",
  });
  assert.deepEqual(repositoryOfUrl("https://github.com/o/r"), {
    repository: "github.com/o/r",
    url: "https://github.com/o/r",
  });
  assert.equal(repositoryOfUrl("https://example.io/maintainers"), undefined);
  assert.equal(repositoryOfUrl("https://github.com/o"), undefined);
});

// A super-linear reader would take minutes here (518 s before): the test's timeout catches it, and
// what comes out is asserted: no person is made of such a line.
test("a 300 KB line in MAINTAINERS is read in linear time, and names no one", { timeout: 60_000 }, () => {
  for (const line of [
    "a".repeat(300_000),
    "[".repeat(300_000),
    "a.".repeat(150_000) + "@",
    "@" + "a-".repeat(150_000),
    "(" + "<".repeat(300_000),
    "|".repeat(300_000),
  ]) {
    assert.deepEqual(parseMaintainers("MAINTAINERS.md", `# Maintainers\n${line}\n`), [], line.slice(0, 10));
    assert.deepEqual(parseMaintainers("MAINTAINERS", line), [], line.slice(0, 10));
    parseMaintainers("CODEOWNERS", `* ${line}`);
    parseMaintainers("OWNERS", `approvers:\n  - ${line}\n`);
    // Small OWNERS shapes the YAML parser takes seconds on: complex keys, nesting across lines.
    for (const piece of ["? ", "- ? ", "[", "- a: "])
      parseMaintainers("OWNERS", `approvers:\n${`  - ${piece}x\n`.repeat(2000)}`, `aliases:\n  ${piece.repeat(500)}\n`);
  }
});

// --- which file, in repositories built with git

async function maintainersOf(files: Record<string, string>, repository = "repo") {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, repository), [{ date: "2020-01-01", files: { "README.md": "# P\n", ...files } }]);
    return (await collectRepositoryEvidence(repository, { baseDir: dir, useCache: false, asOf: "2020-02-01" }))
      .maintainers;
  } finally {
    cleanup();
  }
}

test(
  "of OWNERS, MAINTAINERS.md and CODEOWNERS the richest " + "list of people is used, and the evidence says why",
  async () => {
    const m = await maintainersOf({
      OWNERS: "approvers:\n  - annex\n  - bobo\n",
      "MAINTAINERS.md":
        "| Name | GitHub | Company |\n|---|---|---|\n| Ann | @annex | " +
        "Hooli |\n| Bo | @bobo | Globex |\n| Cy | @cyc | Initech |\n",
      CODEOWNERS: "* @annex @bobo @cyc @deed\n",
      ".github/OWNERS": "approvers:\n  - annex\n",
    });
    assert.equal(m.file.path, "MAINTAINERS.md");
    assert.deepEqual(handles(m.maintainers), ["annex", "bobo", "cyc"]);
    assert.deepEqual(
      m.maintainers.map((p) => [p.organization, p.via]),
      [
        ["Hooli", "MAINTAINERS.md:3 (Company column)"],
        ["Globex", "MAINTAINERS.md:4 (Company column)"],
        ["Initech", "MAINTAINERS.md:5 (Company column)"],
      ],
    );
    assert.match(m.chosen ?? "", /MAINTAINERS\.md: 3 people.*OWNERS: 2.*\.github\/OWNERS: 1/);
    assert.match(m.chosen ?? "", /CODEOWNERS: 4 .*only when no OWNERS or MAINTAINERS file lists people/);
  },
);

test("a MAINTAINERS file pointing to another file of the same repository is followed", async () => {
  const m = await maintainersOf({
    "MAINTAINERS.md": "The maintainers are listed in [docs/maintainers.md](docs/maintainers.md).\n",
    "docs/maintainers.md": "# Maintainers\n- Ann <ann@hooli.example> @annex\n- Bo @bobo\n",
  });
  assert.equal(m.file.path, "docs/maintainers.md");
  assert.match(m.file.note ?? "", /pointed to by MAINTAINERS\.md/);
  assert.deepEqual(handles(m.maintainers), ["annex", "bobo"]);
});

test(
  "a MAINTAINERS file pointing to another repository, or CODEOWNERS " +
    "with teams only, is unknown with the link or teams named",
  async () => {
    const pointer = await maintainersOf({
      MAINTAINERS: "The maintainers are those listed in\nhttps://github.com/example/community/blob/main/MAINTAINERS\n",
      ".github/CODEOWNERS": "* @example/maintainers\n",
    });
    assert.equal(pointer.file.path, "MAINTAINERS");
    assert.deepEqual(pointer.maintainers, []);
    assert.match(
      pointer.unknown?.reason ?? "",
      /points to https:\/\/github\.com\/example\/community\/blob\/main\/MAINTAINERS/,
    );
    const { source, ...link } = pointer.unknown?.pointer ?? {};
    assert.deepEqual(link, {
      url: "https://github.com/example/community/blob/main/MAINTAINERS",
      repository: "github.com/example/community",
      path: "MAINTAINERS",
      line: 2,
    });
    assert.deepEqual([source?.path, source?.line], ["MAINTAINERS", 2]);
    const teams = await maintainersOf({ ".github/CODEOWNERS": "* @example/maintainers\n" });
    assert.deepEqual(teams.maintainers, []);
    assert.match(teams.unknown?.reason ?? "", /teams only: @example\/maintainers/);
  },
);
