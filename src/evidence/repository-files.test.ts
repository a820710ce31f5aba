import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { blobReader, listingOf, readTree } from "./git-tree.js";
import { affiliateMaintainers, parseMaintainers } from "./maintainers.js";
import { README_REFERENCES } from "./file-patterns.js";
import {
  countListed,
  detectRepositoryFiles,
  findReadmeReference,
  securityReference,
  splitTableRow,
} from "./repository-files.js";
import { loadAffiliations } from "./affiliations.js";
import { buildRepo, tempDir } from "./testing.js";
import { writeFileSync } from "node:fs";

const MIT = "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n";

async function detect(files: Record<string, string | Buffer | { symlink: string }>) {
  return detectAt("repo", files);
}

/** Detect files in a repository built from `files`, named `repository` in the catalog. */
async function detectAt(repository: string, files: Record<string, string | Buffer | { symlink: string }>) {
  const { dir, cleanup } = tempDir();
  try {
    const [commit] = buildRepo(dir, [{ date: "2020-01-01", files }]);
    const gitDir = join(dir, ".git");
    return await detectRepositoryFiles(listingOf(await readTree(gitDir, commit!)), blobReader(gitDir), {
      repository,
      commit: commit!,
    });
  } finally {
    cleanup();
  }
}

test("finds community files in root, docs/ and .github/, case-insensitively, and records how", async () => {
  const r = await detect({
    "readme.MD":
      "# Project\n\n## Governance\n\nSee [our roadmap](https://example.org/roadmap).\n\n[![OpenSSF Best " +
      "Practices](https://www.bestpractices.dev/projects/4242/badge)](https://www.bestpractices.dev/projects/4242)\n",
    "docs/LICENSE.txt": MIT,
    LICENSE: { symlink: "docs/LICENSE.txt" },
    "docs/Contributing.md": "Please sign off your commits (Signed-off-by: You <you@example.org>).\n",
    ".github/CODE_OF_CONDUCT.md": "Be kind.\n",
    ".github/workflows/ci.yml": "on: push\n",
    ".prow.yaml": "presubmits: []\n",
    ".golangci.yml": "linters: {}\n",
    "pkg/a/a_test.go": "package a\n",
    "web/b.test.ts": "test()\n",
    ".github/ISSUE_TEMPLATE/bug.md": "bug\n",
    ".github/pull_request_template.md": "pr\n",
    ".github/dependabot.yml": "version: 2\n",
    "CHANGELOG.md": "# 1.0\n",
    "ADOPTERS.md":
      "# Adopters\n\n| Organization | Since |\n| --- | --- |\n| [Acme](https://acme.io) | 2019 |\n| Globex | 2020 |\n",
    "src/deep/GOVERNANCE.md": "not in a community folder\n",
  });
  const f = r.files;
  assert.deepEqual(
    [f.license.how, f.license.path, f.license.spdx, f.license.note],
    ["file", "LICENSE", "MIT", "symlink to docs/LICENSE.txt"],
  );
  assert.equal(f.readme.path, "readme.MD");
  assert.deepEqual([f.contributing.how, f.contributing.path], ["file", "docs/Contributing.md"]);
  assert.deepEqual([f.codeOfConduct.how, f.codeOfConduct.path], ["file", ".github/CODE_OF_CONDUCT.md"]);
  assert.deepEqual(
    [f.governance.how, f.governance.reference, f.governance.path],
    ["readme-reference", "Governance", "readme.MD"],
  );
  assert.deepEqual(
    [f.roadmap.how, f.roadmap.reference, f.roadmap.url],
    ["readme-reference", "our roadmap", "https://example.org/roadmap"],
  );
  assert.equal(f.security.how, "none");
  assert.deepEqual([f.adopters.how, f.adopters.count, f.adopters.items], ["file", 2, ["Acme", "Globex"]]);
  assert.equal(f.changelog.path, "CHANGELOG.md");
  assert.deepEqual(f.ci.items, ["github-actions", "prow"]);
  assert.deepEqual(f.lint.items, [".golangci.yml"]);
  assert.equal(f.unitTests.count, 2);
  assert.equal(f.issueTemplates.path, ".github/ISSUE_TEMPLATE/bug.md");
  assert.equal(f.pullRequestTemplate.path, ".github/pull_request_template.md");
  assert.deepEqual(
    [f.dcoOrCla.how, f.dcoOrCla.kind, f.dcoOrCla.path],
    ["readme-reference", "dco", "docs/Contributing.md"],
  );
  assert.deepEqual([f.bestPracticesBadge.how, f.bestPracticesBadge.projectId], ["readme-reference", "4242"]);
  assert.deepEqual([f.dependencyBot.how, f.dependencyBot.kind], ["file", "dependabot"]);
  assert.deepEqual(f.license.source, { repository: "repo", commit: f.license.source!.commit, path: "LICENSE" });
  assert.deepEqual(r.warnings, []);
});

test("does not follow a symlink out of the repository, and says so", async () => {
  const r = await detect({
    "SECURITY.md": { symlink: "/etc/passwd" },
    LICENSE: { symlink: "../../outside" },
    "README.md": { symlink: "missing.md" },
  });
  assert.equal(r.files.security.how, "unreadable");
  assert.match(r.files.security.note!, /points outside the repository/);
  assert.equal(r.files.license.how, "unreadable");
  assert.equal(r.files.readme.how, "unreadable");
  assert.match(r.files.readme.note!, /not a file in the repository/);
  assert.equal(r.warnings.length, 3);
  assert.ok(r.warnings.every((w) => w.code === "E_REPO_FILE_UNREADABLE"));
});

test("reads only the beginning of a 50 MB ADOPTERS file and counts a lower bound", async () => {
  const line = "- Some Company Incorporated With A Long Name\n";
  const big = Buffer.from(line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
  const r = await detect({ "ADOPTERS.md": big });
  const a = r.files.adopters;
  assert.equal(a.how, "file");
  assert.equal(a.truncated, true);
  assert.ok(a.count! > 20000 && a.count! < 30000, `counted ${a.count}`);
  assert.deepEqual(
    r.warnings.map((w) => w.code),
    ["E_REPO_FILE_TRUNCATED"],
  );
});

test("recognises common licenses by their text", async () => {
  const r = await detect({
    "LICENSE-APACHE":
      "                                 Apache License\n                           Version 2.0, January 2004\n",
  });
  assert.deepEqual([r.files.license.path, r.files.license.spdx], ["LICENSE-APACHE", "Apache-2.0"]);
});

test("README references: headings and links, not plain prose", () => {
  assert.deepEqual(findReadmeReference("intro\n### Our Adopters ###\n", /adopters/i), { text: "Our Adopters" });
  assert.deepEqual(findReadmeReference("see [who uses it](ADOPTERS.md)", /adopters/i), {
    text: "who uses it",
    url: "ADOPTERS.md",
  });
  assert.equal(findReadmeReference("we have many adopters", /adopters/i), undefined);
});

test("counts adopters in lists, tables and plain lines", () => {
  assert.equal(countListed("# A\n\n* one\n* two\n1. three\n").count, 3);
  assert.equal(countListed("Acme\nGlobex\n\n# heading\n").count, 2);
});

test("reads maintainers from OWNERS approvers, MAINTAINERS and CODEOWNERS, matched to affiliations", () => {
  assert.deepEqual(parseMaintainers("OWNERS", "approvers:\n  - alice\n  - bob\nreviewers:\n  - carol\n"), [
    { handle: "alice" },
    { handle: "bob" },
  ]);
  assert.deepEqual(
    parseMaintainers(
      "MAINTAINERS.md",
      "| Name | GitHub | Company |\n|---|---|---|\n| Jane Doe | " +
        "[@jane](https://github.com/jane) | Acme |\n| Raj <raj@globex.com> | @raj | Globex |\n",
    ),
    [
      {
        handle: "jane",
        name: "Jane Doe",
        affiliation: { organization: "Acme", via: "MAINTAINERS.md:3 (Company column)" },
      },
      {
        handle: "raj",
        email: "raj@globex.com",
        name: "Raj",
        affiliation: { organization: "Globex", via: "MAINTAINERS.md:4 (Company column)" },
      },
    ],
  );
  assert.deepEqual(parseMaintainers(".github/CODEOWNERS", "# owners\n* @kured/maintainers @alice dev@acme.io\n"), [
    { handle: "alice" },
    { handle: "dev@acme.io" },
  ]);
  const { dir, cleanup } = tempDir();
  try {
    writeFileSync(
      join(dir, "developers_affiliations.txt"),
      "alice: alice!gmail.com\n\tAcme\nbob: bob!gmail.com\n\tGlobex until 2019-01-01\n\tInitech from 2019-01-01\n",
    );
    const { rules } = loadAffiliations([join(dir, "developers_affiliations.txt")]);
    const m = affiliateMaintainers(["alice", "bob", "nobody", "x@corp.com"], rules, Date.parse("2020-01-01") / 1000);
    assert.deepEqual(m, [
      { handle: "alice", organization: "Acme", via: "developers_affiliations.txt:2" },
      { handle: "bob", organization: "Initech", via: "developers_affiliations.txt:5" },
      { handle: "nobody" },
      { handle: "x@corp.com", organization: "corp.com", via: "domain corp.com" },
    ]);
  } finally {
    cleanup();
  }
});

test("a person named by email and login on one line is one maintainer, affiliated by login then email", () => {
  const text =
    "# Maintainers\n\nJane Doe <jane@acme.io> (@jdoe)\nRaj Patel " +
    "<raj@globex.com> (@rajp)\n- @ana, @ben\n- cy@initech.com, dee@initech.com\n";
  const names = parseMaintainers("MAINTAINERS", text);
  assert.deepEqual(
    names.map(({ handle, email }) => ({ handle, ...(email ? { email } : {}) })),
    [
      { handle: "jdoe", email: "jane@acme.io" },
      { handle: "rajp", email: "raj@globex.com" },
      { handle: "ana" },
      { handle: "ben" },
      { handle: "cy@initech.com" },
      { handle: "dee@initech.com" },
    ],
  );
  const { dir, cleanup } = tempDir();
  try {
    writeFileSync(join(dir, "developers_affiliations.txt"), "rajp: raj!gmail.com\n\tInitech\n");
    const { rules } = loadAffiliations([join(dir, "developers_affiliations.txt")]);
    const m = affiliateMaintainers(names.slice(0, 2), rules, Date.parse("2020-01-01") / 1000);
    assert.deepEqual(m, [
      { handle: "jdoe", email: "jane@acme.io", name: "Jane Doe", organization: "acme.io", via: "domain acme.io" },
      {
        handle: "rajp",
        email: "raj@globex.com",
        name: "Raj Patel",
        organization: "Initech",
        via: "developers_affiliations.txt:2",
      },
    ]);
  } finally {
    cleanup();
  }
});

test(
  "README references as CLOMonitor accepts them: setext " + "headings, any heading naming security, not a badge's host",
  () => {
    assert.deepEqual(findReadmeReference("# P\n\nGovernance\n----------\n\ntext\n", README_REFERENCES.governance), {
      text: "Governance",
    });
    assert.deepEqual(findReadmeReference("Project Roadmap\n===\n", README_REFERENCES.roadmap), {
      text: "Project Roadmap",
    });
    assert.deepEqual(findReadmeReference("## Reporting security issues\n", README_REFERENCES.security), {
      text: "Reporting security issues",
    });
    const badge =
      "[![OpenSSF Scorecard](https://api.securityscorecards.dev/projects/github.com/o/r/badge)]" +
      "(https://securityscorecards.dev/viewer/?uri=github.com/o/r)\n";
    assert.equal(findReadmeReference(badge, README_REFERENCES.security), undefined);
    // a link to a SECURITY file counts by the file it points at
    assert.deepEqual(securityReference("[policy](https://github.com/o/.github/blob/main/SECURITY.md)"), {
      text: "policy",
      url: "https://github.com/o/.github/blob/main/SECURITY.md",
      line: 1,
    });
    assert.equal(securityReference(badge), undefined);
    // A list item followed by a rule is no heading.
    assert.equal(findReadmeReference("- governance\n---\n", README_REFERENCES.governance), undefined);
  },
);

test("adopters tables: an escaped pipe `\\|` stays in its cell, unescaped", () => {
  const text =
    "# Adopters\n\n| Organization | Usage |\n| --- | --- |\n| Hooli \\| Inc | prod " +
    "|\n| Acme | test \\| dev |\n| [Pied \\| Piper](https://pp.example) | prod |\n";
  assert.deepEqual(countListed(text), { count: 3, items: ["Hooli | Inc", "Acme", "Pied | Piper"] });
  assert.deepEqual(splitTableRow("| Hooli \\| Inc | prod |"), ["Hooli | Inc", "prod"]);
  assert.deepEqual(splitTableRow("Hooli \\| Inc | prod"), ["Hooli | Inc", "prod"]);
  assert.deepEqual(splitTableRow("| a | | c \\|"), ["a", "", "c |"]);
});

test("MAINTAINERS tables with an escaped pipe in a cell still name each person once", () => {
  const text = "| Name | Email | GitHub |\n|---|---|---|\n| Jane \\| Doe | jane@acme.io | @jdoe |\n";
  assert.deepEqual(parseMaintainers("MAINTAINERS.md", text), [
    { handle: "jdoe", email: "jane@acme.io", name: "Jane | Doe" },
  ]);
});

test("text taken from repository files has control and bidi characters escaped", () => {
  const adopters = countListed("- Hooli\x1b[31m\n| Name |\n|---|\n| \x1b]0;pwned\x07Acme |\n- evil\u202Egnp\n");
  assert.deepEqual(adopters.items, ["Hooli\\u001b[31m", "\\u001b]0;pwned\\u0007Acme", "evil\\u202egnp"]);
  assert.deepEqual(countListed("Glo\x9bbex\n").items, ["Glo\\u009bbex"]);
  assert.deepEqual(findReadmeReference("## Adopters\x1b[2J\n", /adopters/i), { text: "Adopters\\u001b[2J" });
  assert.deepEqual(findReadmeReference("[Adopters\x07](ADOPTERS\x1b.md)", /adopters/i), {
    text: "Adopters\\u0007",
    url: "ADOPTERS\\u001b.md",
  });
  // OWNERS is YAML: a double-quoted approver can hold any character.
  assert.deepEqual(parseMaintainers("OWNERS", 'approvers:\n  - "ann\\e[31m"\n  - "bob\\u202e"\n'), [
    { handle: "ann\\u001b[31m" },
    { handle: "bob\\u202e" },
  ]);
});

// ---- Shapes real projects keep (fixture text written for these tests) ----

test("a heading line padded with thousands of spaces is read in linear time", () => {
  // `# a` + 6,000 spaces + `b`: a backtracking heading pattern takes minutes on this line.
  const line = `# a${" ".repeat(6000)}b`;
  const readme = `${line}\n${line}\n## Governance\n\nThe steering group decides.\n`;
  assert.deepEqual(findReadmeReference(readme, README_REFERENCES.governance), { text: "Governance" });
  assert.deepEqual(findReadmeReference(`${line}\n`, /b$/), { text: `a${" ".repeat(6000)}b` });
  const link = `[x](${"a".repeat(6000)}`;
  assert.equal(findReadmeReference(`${link}\n`.repeat(3), /governance/i), undefined);
});

test(
  "adopters: one per `##`/`###` heading, key-value lists " + "under them are fields, the intro prose is not counted",
  () => {
    const text =
      "---\ntitle: Production users\n---\n\nThis page collects the teams running the store in production, so that " +
      "new users can find advisors.\n\n## Northwind Traders\n\n- *Application*: service discovery\n- *Launched*: " +
      "2016\n- *Operator*: Northwind, ops@northwind.example\n\nNorthwind keeps its configuration here.\n\n## " +
      "Fabrikam\n\n- *Application*: locks\n- *Cluster Size*: 5 " +
      "members\n\n## tailspin.example\n\n- *Application*: feature flags\n";
    assert.deepEqual(countListed(text), { count: 3, items: ["Northwind Traders", "Fabrikam", "tailspin.example"] });
  },
);

test("adopters: bold-led paragraphs are one adopter each, a catch-all 'Other projects' is not, its list is", () => {
  const text =
    "## Adopters\n\nA partial list of the projects that run on it.\n\n**_[Contoso Cloud](https://contoso.example)_** " +
    "- uses it as the default runtime since 2019, in every region.\n\n**Fabrikam OS** - a minimal operating system " +
    "that ships it.\n\n**_Other Projects_** - smaller projects use it too:\n - " +
    "Ann's [boatyard](https://example.org/boatyard) tool,\n - Raj's image builder.\n";
  assert.deepEqual(countListed(text), {
    count: 4,
    items: ["Contoso Cloud", "Fabrikam OS", "Ann's boatyard tool,", "Raj's image builder."],
  });
});

test("adopters: a file of prose paragraphs, or one that only points elsewhere, lists none", () => {
  const prose =
    "# Users\n\nMany organisations run this project in production, from\nsmall start-ups " +
    "to large banks, and we thank all of them.\nTo be listed here open a pull request.\n";
  assert.equal(countListed(prose).count, undefined);
  const pointer =
    "# Users\n\nPlease refer to the [organisation users " +
    "list](https://github.com/example/community/blob/main/USERS.md).\n";
  assert.equal(countListed(pointer).count, undefined);
});

test("adopters: logo links and HTML logo tags name their organization; a commented-out row is not an adopter", () => {
  const text =
    "# Adopters\n\n[![Contoso](logos/contoso.svg)](https://contoso.example) [![Fabrikam " +
    'Inc](logos/fab.png)](https://fab.example)\n\n<a href="https://tailspin.example"><img src="logos/tailspin.png" ' +
    'alt="Tailspin Toys" width="120"></a>\n\n| Organization | Story |\n|---|---|\n| ' +
    "[Northwind](https://nw.example) | policies |\n<!-- add a row:\n| [name](URL) | how you use it |\n-->\n";
  assert.deepEqual(countListed(text), { count: 4, items: ["Contoso", "Fabrikam Inc", "Tailspin Toys", "Northwind"] });
});

test("USERS.md and website adopters data files are adopters; data files are counted by their entries", async () => {
  const users = await detect({
    "USERS.md":
      "## Who uses it?\n\nThese organizations say so:\n\n1. " +
      "[Contoso](https://contoso.example/)\n1. [Fabrikam](https://fab.example/)\n",
  });
  assert.deepEqual(
    [users.files.adopters.how, users.files.adopters.path, users.files.adopters.count],
    ["file", "USERS.md", 2],
  );
  const yaml = await detect({
    "README.md": "# P\n",
    "website/data/adopters.yaml":
      "adopters:\n  - name: Contoso\n    url: https://contoso.example\n    logo: " +
      "contoso.svg\n  - name: Fabrikam\n    url: https://fab.example\n  - name: Tailspin\n",
  });
  assert.deepEqual(
    [yaml.files.adopters.how, yaml.files.adopters.path, yaml.files.adopters.count, yaml.files.adopters.items],
    ["file", "website/data/adopters.yaml", 3, ["Contoso", "Fabrikam", "Tailspin"]],
  );
  const json = await detect({
    "site/adopters.json": JSON.stringify([{ organization: "Contoso" }, { organization: "Fabrikam" }]),
  });
  assert.deepEqual([json.files.adopters.path, json.files.adopters.count], ["site/adopters.json", 2]);
  // a Hugo site keeps one data file per project under data/adopters/, the list under a key
  const hugo = await detect({
    "data/adopters/1-main.yaml":
      "adopters:\n  project: Main\n  description: >\n    Who runs it.\n  companies:\n " +
      "   - name: Contoso\n      url: https://contoso.example\n    - name: Fabrikam\n",
    "data/adopters/2-plugin.yaml": "adopters:\n  companies:\n    - name: Tailspin\n",
  });
  assert.deepEqual(
    [hugo.files.adopters.path, hugo.files.adopters.count, hugo.files.adopters.items],
    ["data/adopters/1-main.yaml", 2, ["Contoso", "Fabrikam"]],
  );
  // a USERS.md that only points to another repository: found, nothing counted, the link named
  const pointer = await detect({
    "USERS.md": "# Users\n\nSee the [users list](https://github.com/example/community/blob/main/USERS.md).\n",
  });
  assert.deepEqual([pointer.files.adopters.how, pointer.files.adopters.count], ["file", undefined]);
  assert.match(
    pointer.files.adopters.note!,
    /no list of adopters.*https:\/\/github\.com\/example\/community\/blob\/main\/USERS\.md/,
  );
});

test(
  "release notes kept in a CHANGELOG/ or releases/ folder " + "are a changelog; a releases/ folder of scripts is not",
  async () => {
    const k8s = await detect({
      "CHANGELOG/README.md": "# Changelogs\n",
      "CHANGELOG/CHANGELOG-1.30.md": "# v1.30.0\n",
      "CHANGELOG/CHANGELOG-1.31.md": "# v1.31.0\n",
    });
    assert.deepEqual([k8s.files.changelog.how, k8s.files.changelog.path], ["file", "CHANGELOG/"]);
    assert.match(k8s.files.changelog.note!, /2 release notes files/);
    const toml = await detect({
      "releases/v1.0.0.toml": 'version = "1.0.0"\n',
      "releases/v2.0.0.toml": 'version = "2.0.0"\n',
      "releases/README.md": "How release notes are made.\n",
    });
    assert.deepEqual([toml.files.changelog.how, toml.files.changelog.path], ["file", "releases/"]);
    const scripts = await detect({
      "releases/scripts/sync-branch": "#!/bin/sh\n",
      "releases/versions.yaml": "go: 1.22\n",
    });
    assert.equal(scripts.files.changelog.how, "none");
  },
);

test(
  "files the README, CONTRIBUTING or GOVERNANCE link to in the " +
    "same repository count, wherever they are; project/ is searched",
  async () => {
    const r = await detectAt("https://github.com/example/store", {
      "README.md":
        "# Store\n\nSee the [roadmap](Documentation/contributor-guide/roadmap.md) and [how we " +
        "work](https://github.com/example/store/blob/main/community/GOVERNANCE.md#steering).\n\nOther " +
        "project: [its security policy](https://github.com/other/thing/blob/main/SECURITY.md).\n",
      "CONTRIBUTING.md": "Report vulnerabilities as [our policy](./process/security.md) says.\n",
      "Documentation/contributor-guide/roadmap.md": "# Roadmap\n",
      "community/GOVERNANCE.md": "# Governance\n",
      "process/security.md": "# Security\n",
      "project/ADOPTERS.md": "- Contoso\n- Fabrikam\n",
    });
    const f = r.files;
    assert.deepEqual(
      [f.roadmap.how, f.roadmap.path, f.roadmap.note],
      ["file", "Documentation/contributor-guide/roadmap.md", "linked from README.md"],
    );
    assert.deepEqual([f.governance.how, f.governance.path], ["file", "community/GOVERNANCE.md"]);
    assert.deepEqual(
      [f.security.how, f.security.path, f.security.note],
      ["file", "process/security.md", "linked from CONTRIBUTING.md"],
    );
    assert.deepEqual([f.adopters.path, f.adopters.count], ["project/ADOPTERS.md", 2]);
  },
);

test(
  "a security policy is a file or a README section on " +
    "reporting vulnerabilities, not any link that says 'security'",
  async () => {
    const r = await detect({
      "README.md":
        "# Runtime\n\n* We invite new [security " +
        "advisors](https://github.com/example/project/blob/main/GOVERNANCE.md#security-advisors) " +
        "to join.\n\n### Security audit\n\nAudits are on the [security page](https://example.org/security/).\n\n### " +
        "Reporting security issues\n\nFollow the steps at " +
        "[example/project]" +
        "(https://github.com/example/project/blob/main/SECURITY.md#reporting-a-vulnerability).\n\n## " +
        "Project details\n\n * [Project governance](https://github.com/example/project/blob/main/GOVERNANCE.md),\n",
    });
    const f = r.files;
    assert.deepEqual(
      [f.security.how, f.security.reference, f.security.url],
      [
        "readme-reference",
        "Reporting security issues",
        "https://github.com/example/project/blob/main/SECURITY.md#reporting-a-vulnerability",
      ],
    );
    assert.deepEqual(
      [f.governance.how, f.governance.reference, f.governance.url],
      ["readme-reference", "Project governance", "https://github.com/example/project/blob/main/GOVERNANCE.md"],
    );
    const badges = await detect({
      "README.md":
        "# P\n\n[![SLSA " +
        "3](https://slsa.dev/images/gh-badge-level3.svg)](https://example.org/flux/security/slsa-assessment)\n\n## " +
        "Security\n\n## Usage\n\nRun it.\n",
    });
    assert.equal(badges.files.security.how, "none", "a badge link and an empty Security heading are no policy");
    assert.equal(badges.files.governance.how, "none");
    const heading = await detect({
      "README.md": "# P\n\n## Reporting a vulnerability\n\nMail security@example.org; we answer within three days.\n",
    });
    assert.deepEqual(
      [heading.files.security.how, heading.files.security.reference],
      ["readme-reference", "Reporting a vulnerability"],
    );
  },
);

test("chat, mailing-list and discussion channels linked from the README are recorded with kind and URL", async () => {
  const r = await detect({
    "README.md":
      "# P\n\n[![Slack](https://img.shields.io/badge/slack-join-blue)](https://slack.cncf.io/)\n\n- Ask on our " +
      "[GitHub Discussions page](https://github.com/example/p/discussions).\n- Talk to us in " +
      "[#p-dev](https://cloud-native.slack.com/archives/C0123456).\n- " +
      "Join the [mailing list](https://lists.cncf.io/g/cncf-p-dev) " +
      "or <https://groups.google.com/g/p-users>.\n- Chat on [Discord](https://discord.gg/abc123) or " +
      "[Matrix](https://matrix.to/#/#p:matrix.org).\n- Read the [docs](https://p.example.org/docs).\n",
  });
  const c = r.files.channels!;
  assert.equal(c.count, 7);
  assert.deepEqual(c.items, [
    "slack https://slack.cncf.io/",
    "discussions https://github.com/example/p/discussions",
    "slack https://cloud-native.slack.com/archives/C0123456",
    "mailing-list https://lists.cncf.io/g/cncf-p-dev",
    "mailing-list https://groups.google.com/g/p-users",
    "discord https://discord.gg/abc123",
    "matrix https://matrix.to/#/#p:matrix.org",
  ]);
  assert.equal(c.source?.path, "README.md");
  assert.equal((await detect({ "README.md": "# P\n\nNo chat.\n" })).files.channels?.count, 0);
  // a short link named by its text; a badge image in a reference definition is no channel
  const short = await detect({
    "README.md":
      "# P\n\n| 💬 Discord | [![Discord " +
      "Banner](https://discord.com/api/guilds/1/widget.png)](https://aka.ms/p-discord) " +
      "|\n\n[![Slack][slack-badge]][slack]\n\n[slack-badge]: " +
      "http://slack.p.example/badge.svg\n[slack]: http://slack.p.example\n",
  });
  assert.deepEqual(short.files.channels?.items, ["discord https://aka.ms/p-discord", "slack http://slack.p.example"]);
});

test("path facts kept across trees (a backfill's dates) find what each tree alone finds", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const commits = buildRepo(dir, [
      {
        date: "2020-01-01",
        files: {
          ".github/workflows/ci.yml": "on: push\n",
          ".golangci.yml": "linters: {}\n",
          "pkg/a_test.go": "package a\n",
          "vendor/x/b_test.go": "package x\n",
          "CHANGELOG/CHANGELOG-1.0.md": "# 1.0\n",
          DCO: "Developer Certificate of Origin\n",
          ".github/dependabot.yml": "version: 2\n",
        },
      },
      {
        date: "2020-02-01",
        files: {
          ".travis.yml": "language: go\n",
          "pkg/c_test.go": "package a\n",
          "CHANGELOG/CHANGELOG-1.1.md": "# 1.1\n",
          ".github/ISSUE_TEMPLATE/bug.md": "bug\n",
          ".github/pull_request_template.md": "pr\n",
        },
      },
    ]);
    const gitDir = join(dir, ".git");
    const facts = new Map<string, number>();
    for (const commit of [...commits, commits[0]!]) {
      const tree = listingOf(await readTree(gitDir, commit));
      const at = { repository: "repo", commit };
      const kept = await detectRepositoryFiles(tree, blobReader(gitDir), at, facts);
      assert.deepEqual(kept, await detectRepositoryFiles(tree, blobReader(gitDir), at), commit);
    }
    const last = await detectRepositoryFiles(
      listingOf(await readTree(gitDir, commits[1]!)),
      blobReader(gitDir),
      {
        repository: "repo",
        commit: commits[1]!,
      },
      facts,
    );
    assert.deepEqual(last.files.ci.items, ["github-actions", "travis"]);
    assert.equal(last.files.unitTests.count, 2);
    assert.equal(last.files.dependencyBot.kind, "dependabot");
    assert.equal(facts.size, 12);
  } finally {
    cleanup();
  }
});
