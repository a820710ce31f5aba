import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { blobReader, readTree } from "./git-tree.js";
import { affiliateMaintainers, parseMaintainers } from "./maintainers.js";
import { README_REFERENCES } from "./file-patterns.js";
import { countListed, detectRepositoryFiles, findReadmeReference, splitTableRow } from "./repository-files.js";
import { loadAffiliations } from "./affiliations.js";
import { buildRepo, tempDir } from "./testing.js";
import { writeFileSync } from "node:fs";

const MIT = "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n";

async function detect(files: Record<string, string | Buffer | { symlink: string }>) {
  const { dir, cleanup } = tempDir();
  try {
    const [commit] = buildRepo(dir, [{ date: "2020-01-01", files }]);
    const gitDir = join(dir, ".git");
    return await detectRepositoryFiles(await readTree(gitDir, commit!), blobReader(gitDir), { repository: "repo", commit: commit! });
  } finally {
    cleanup();
  }
}

test("finds community files in root, docs/ and .github/, case-insensitively, and records how", async () => {
  const r = await detect({
    "readme.MD": "# Project\n\n## Governance\n\nSee [our roadmap](https://example.org/roadmap).\n\n[![OpenSSF Best Practices](https://www.bestpractices.dev/projects/4242/badge)](https://www.bestpractices.dev/projects/4242)\n",
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
    "ADOPTERS.md": "# Adopters\n\n| Organization | Since |\n| --- | --- |\n| [Acme](https://acme.io) | 2019 |\n| Globex | 2020 |\n",
    "src/deep/GOVERNANCE.md": "not in a community folder\n",
  });
  const f = r.files;
  assert.deepEqual([f.license.how, f.license.path, f.license.spdx, f.license.note], ["file", "LICENSE", "MIT", "symlink to docs/LICENSE.txt"]);
  assert.equal(f.readme.path, "readme.MD");
  assert.deepEqual([f.contributing.how, f.contributing.path], ["file", "docs/Contributing.md"]);
  assert.deepEqual([f.codeOfConduct.how, f.codeOfConduct.path], ["file", ".github/CODE_OF_CONDUCT.md"]);
  assert.deepEqual([f.governance.how, f.governance.reference, f.governance.path], ["readme-reference", "Governance", "readme.MD"]);
  assert.deepEqual([f.roadmap.how, f.roadmap.reference, f.roadmap.url], ["readme-reference", "our roadmap", "https://example.org/roadmap"]);
  assert.equal(f.security.how, "none");
  assert.deepEqual([f.adopters.how, f.adopters.count, f.adopters.items], ["file", 2, ["Acme", "Globex"]]);
  assert.equal(f.changelog.path, "CHANGELOG.md");
  assert.deepEqual(f.ci.items, ["github-actions", "prow"]);
  assert.deepEqual(f.lint.items, [".golangci.yml"]);
  assert.equal(f.unitTests.count, 2);
  assert.equal(f.issueTemplates.path, ".github/ISSUE_TEMPLATE/bug.md");
  assert.equal(f.pullRequestTemplate.path, ".github/pull_request_template.md");
  assert.deepEqual([f.dcoOrCla.how, f.dcoOrCla.kind, f.dcoOrCla.path], ["readme-reference", "dco", "docs/Contributing.md"]);
  assert.deepEqual([f.bestPracticesBadge.how, f.bestPracticesBadge.projectId], ["readme-reference", "4242"]);
  assert.deepEqual([f.dependencyBot.how, f.dependencyBot.kind], ["file", "dependabot"]);
  assert.deepEqual(f.license.source, { repository: "repo", commit: f.license.source!.commit, path: "LICENSE" });
  assert.deepEqual(r.warnings, []);
});

test("does not follow a symlink out of the repository, and says so", async () => {
  const r = await detect({ "SECURITY.md": { symlink: "/etc/passwd" }, "LICENSE": { symlink: "../../outside" }, "README.md": { symlink: "missing.md" } });
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
  assert.deepEqual(r.warnings.map((w) => w.code), ["E_REPO_FILE_TRUNCATED"]);
});

test("recognises common licenses by their text", async () => {
  const r = await detect({ "LICENSE-APACHE": "                                 Apache License\n                           Version 2.0, January 2004\n" });
  assert.deepEqual([r.files.license.path, r.files.license.spdx], ["LICENSE-APACHE", "Apache-2.0"]);
});

test("README references: headings and links, not plain prose", () => {
  assert.deepEqual(findReadmeReference("intro\n### Our Adopters ###\n", /adopters/i), { text: "Our Adopters" });
  assert.deepEqual(findReadmeReference("see [who uses it](ADOPTERS.md)", /adopters/i), { text: "who uses it", url: "ADOPTERS.md" });
  assert.equal(findReadmeReference("we have many adopters", /adopters/i), undefined);
});

test("counts adopters in lists, tables and plain lines", () => {
  assert.equal(countListed("# A\n\n* one\n* two\n1. three\n").count, 3);
  assert.equal(countListed("Acme\nGlobex\n\n# heading\n").count, 2);
});

test("reads maintainers from OWNERS approvers, MAINTAINERS and CODEOWNERS, matched to affiliations", () => {
  assert.deepEqual(parseMaintainers("OWNERS", "approvers:\n  - alice\n  - bob\nreviewers:\n  - carol\n"), [{ handle: "alice" }, { handle: "bob" }]);
  assert.deepEqual(parseMaintainers("MAINTAINERS.md", "| Name | GitHub | Company |\n|---|---|---|\n| Jane Doe | [@jane](https://github.com/jane) | Acme |\n| Raj <raj@globex.com> | @raj | Globex |\n"), [
    { handle: "jane", name: "Jane Doe", affiliation: { organization: "Acme", via: "MAINTAINERS.md:3 (Company column)" } },
    { handle: "raj", email: "raj@globex.com", name: "Raj", affiliation: { organization: "Globex", via: "MAINTAINERS.md:4 (Company column)" } },
  ]);
  assert.deepEqual(parseMaintainers(".github/CODEOWNERS", "# owners\n* @kured/maintainers @alice dev@acme.io\n"), [{ handle: "alice" }, { handle: "dev@acme.io" }]);
  const { dir, cleanup } = tempDir();
  try {
    writeFileSync(join(dir, "developers_affiliations.txt"), "alice: alice!gmail.com\n\tAcme\nbob: bob!gmail.com\n\tGlobex until 2019-01-01\n\tInitech from 2019-01-01\n");
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
  const text = "# Maintainers\n\nJane Doe <jane@acme.io> (@jdoe)\nRaj Patel <raj@globex.com> (@rajp)\n- @ana, @ben\n- cy@initech.com, dee@initech.com\n";
  const names = parseMaintainers("MAINTAINERS", text);
  assert.deepEqual(names.map(({ handle, email }) => ({ handle, ...(email ? { email } : {}) })), [
    { handle: "jdoe", email: "jane@acme.io" },
    { handle: "rajp", email: "raj@globex.com" },
    { handle: "ana" },
    { handle: "ben" },
    { handle: "cy@initech.com" },
    { handle: "dee@initech.com" },
  ]);
  const { dir, cleanup } = tempDir();
  try {
    writeFileSync(join(dir, "developers_affiliations.txt"), "rajp: raj!gmail.com\n\tInitech\n");
    const { rules } = loadAffiliations([join(dir, "developers_affiliations.txt")]);
    const m = affiliateMaintainers(names.slice(0, 2), rules, Date.parse("2020-01-01") / 1000);
    assert.deepEqual(m, [
      { handle: "jdoe", email: "jane@acme.io", name: "Jane Doe", organization: "acme.io", via: "domain acme.io" },
      { handle: "rajp", email: "raj@globex.com", name: "Raj Patel", organization: "Initech", via: "developers_affiliations.txt:2" },
    ]);
  } finally {
    cleanup();
  }
});

test("README references as CLOMonitor accepts them: setext headings, any heading naming security, not a badge's host", () => {
  assert.deepEqual(findReadmeReference("# P\n\nGovernance\n----------\n\ntext\n", README_REFERENCES.governance), { text: "Governance" });
  assert.deepEqual(findReadmeReference("Project Roadmap\n===\n", README_REFERENCES.roadmap), { text: "Project Roadmap" });
  assert.deepEqual(findReadmeReference("## Reporting security issues\n", README_REFERENCES.security), { text: "Reporting security issues" });
  const badge = "[![OpenSSF Scorecard](https://api.securityscorecards.dev/projects/github.com/o/r/badge)](https://securityscorecards.dev/viewer/?uri=github.com/o/r)\n";
  assert.equal(findReadmeReference(badge, README_REFERENCES.security), undefined);
  assert.deepEqual(findReadmeReference("[policy](https://github.com/o/.github/blob/main/SECURITY.md)", README_REFERENCES.security), { text: "policy", url: "https://github.com/o/.github/blob/main/SECURITY.md" });
  // A list item followed by a rule is no heading.
  assert.equal(findReadmeReference("- governance\n---\n", README_REFERENCES.governance), undefined);
});

test("adopters tables: an escaped pipe `\\|` stays in its cell, unescaped", () => {
  const text = "# Adopters\n\n| Organization | Usage |\n| --- | --- |\n| Hooli \\| Inc | prod |\n| Acme | test \\| dev |\n| [Pied \\| Piper](https://pp.example) | prod |\n";
  assert.deepEqual(countListed(text), { count: 3, items: ["Hooli | Inc", "Acme", "Pied | Piper"] });
  assert.deepEqual(splitTableRow("| Hooli \\| Inc | prod |"), ["Hooli | Inc", "prod"]);
  assert.deepEqual(splitTableRow("Hooli \\| Inc | prod"), ["Hooli | Inc", "prod"]);
  assert.deepEqual(splitTableRow("| a | | c \\|"), ["a", "", "c |"]);
});

test("MAINTAINERS tables with an escaped pipe in a cell still name each person once", () => {
  const text = "| Name | Email | GitHub |\n|---|---|---|\n| Jane \\| Doe | jane@acme.io | @jdoe |\n";
  assert.deepEqual(parseMaintainers("MAINTAINERS.md", text), [{ handle: "jdoe", email: "jane@acme.io", name: "Jane | Doe" }]);
});

test("text taken from repository files has control and bidi characters escaped", () => {
  const adopters = countListed("- Hooli\x1b[31m\n| Name |\n|---|\n| \x1b]0;pwned\x07Acme |\n- evil\u202Egnp\n");
  assert.deepEqual(adopters.items, ["Hooli\\u001b[31m", "\\u001b]0;pwned\\u0007Acme", "evil\\u202egnp"]);
  assert.deepEqual(countListed("Glo\x9bbex\n").items, ["Glo\\u009bbex"]);
  assert.deepEqual(findReadmeReference("## Adopters\x1b[2J\n", /adopters/i), { text: "Adopters\\u001b[2J" });
  assert.deepEqual(findReadmeReference("[Adopters\x07](ADOPTERS\x1b.md)", /adopters/i), { text: "Adopters\\u0007", url: "ADOPTERS\\u001b.md" });
  // OWNERS is YAML: a double-quoted approver can hold any character.
  assert.deepEqual(parseMaintainers("OWNERS", 'approvers:\n  - "ann\\e[31m"\n  - "bob\\u202e"\n'), [{ handle: "ann\\u001b[31m" }, { handle: "bob\\u202e" }]);
});
