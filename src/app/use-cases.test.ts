import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { UserError } from "../core/index.js";
import { buildRepo, tempDir } from "../evidence/testing.js";
import {
  assessProjects,
  BUNDLED_EXAMPLE,
  checkReadme,
  collectEvidence,
  compareSince,
  listProjects,
  makeBadges,
  openCatalog,
  renderCatalogReadme,
  validateCatalog,
} from "./index.js";

// GIVEN a catalog in a folder that is not the process's working folder, with a real git repository WHEN the use
// cases run with that folder as `cwd` THEN they read what it names and return data and problems, printing nothing.

const CATALOG = `apiVersion: upstream/v1
program: { name: Test, affiliations: [aff.txt] }
personas:
  - { id: ops, title: Ops }
  - { id: dev, title: Dev }
projects:
  - { id: good, name: Good, persona: ops, repositories: [repos/good], state: { framework: CNCF, level: sandbox } }
  - { id: other, name: Other, persona: dev, repositories: [repos/good] }
`;

let root: ReturnType<typeof tempDir>;
before(() => {
  root = tempDir("upstream-app-");
  writeFileSync(join(root.dir, "upstream.yaml"), CATALOG);
  // line 3 is not gitdm syntax: a warning the use cases return, not print
  writeFileSync(join(root.dir, "aff.txt"), "ann: ann!acme.io\n\tAcme Inc\nbroken line\n");
  writeFileSync(join(root.dir, "more.txt"), "bob: bob!globex.com\n\tGlobex\n");
  buildRepo(join(root.dir, "repos", "good"), [
    { date: "2019-01-10", author: "Ann <ann@acme.io>", files: { OWNERS: "approvers:\n- ann\n- bob\n" }, tag: "v0.1.0" },
    { date: "2020-07-10", author: "Bob <bob@globex.com>", tag: "v1.0.0" },
    { date: "2021-03-01", author: "Ann <ann@acme.io>" },
  ]);
  mkdirSync(join(root.dir, "empty"));
});
after(() => root.cleanup());

describe("openCatalog", () => {
  it("finds ./upstream.yaml in the folder it is given, not the process's", async () => {
    const opened = await openCatalog({ cwd: root.dir });
    assert.equal(opened.source, "working-folder");
    assert.deepEqual(
      opened.catalog.projects.map((p) => p.id),
      ["good", "other"],
    );
    assert.ok(opened.inputs.some((i) => i.path === join(root.dir, "upstream.yaml")));
  });

  it("says when it falls back to the bundled example, and opens a relative --catalog from `cwd`", async () => {
    const bundled = await openCatalog({ cwd: join(root.dir, "empty") });
    assert.equal(bundled.source, "bundled-example");
    assert.equal(bundled.path, BUNDLED_EXAMPLE);
    const named = await openCatalog({ cwd: join(root.dir, "empty"), catalog: "../upstream.yaml" });
    assert.equal(named.source, "given");
    assert.equal(named.catalog.program.name, "Test");
  });

  it("throws a UserError listing every error of a bad catalog; validateCatalog returns them instead", async () => {
    writeFileSync(join(root.dir, "bad.yaml"), CATALOG.replace("persona: dev,", "persona: devs,"));
    await assert.rejects(openCatalog({ cwd: root.dir, catalog: "bad.yaml" }), (e: unknown) => {
      assert.ok(e instanceof UserError);
      assert.deepEqual(
        e.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.line]),
        [["E_CATALOG_UNKNOWN_PERSONA", 8]],
      );
      return true;
    });
    const checked = await validateCatalog({ cwd: root.dir, catalog: "bad.yaml" });
    assert.equal(checked.valid, false);
    assert.equal(checked.catalog, undefined);
    assert.ok(checked.issues.some((i) => i.code === "E_CATALOG_UNKNOWN_PERSONA" && i.severity === "error"));
  });
});

describe("listProjects", () => {
  it("filters by persona, and names the persona it does not know with a guess", async () => {
    const { catalog } = await openCatalog({ cwd: root.dir });
    assert.deepEqual(
      listProjects(catalog, { persona: "dev" }).projects.map((p) => p.id),
      ["other"],
    );
    assert.deepEqual(listProjects(catalog).projects[0]!.state, { framework: "CNCF", level: "sandbox" });
    assert.throws(() => listProjects(catalog, { persona: "devv" }), /did you mean 'dev'/);
  });
});

describe("collect and assess read affiliations one way", () => {
  it("both return the affiliation file's warning as data and attribute people alike", async () => {
    const opened = await openCatalog({ cwd: root.dir });
    const input = { cwd: root.dir, ids: ["good"], affiliations: ["more.txt"], asOf: "2021-12-31" };
    const collected = await collectEvidence(opened, input);
    const assessed = await assessProjects(opened, input);
    const syntax = (issues: readonly { code: string; line?: number }[]) =>
      issues.filter((i) => i.code === "E_AFFILIATIONS_SYNTAX").map((i) => i.line);
    assert.deepEqual(syntax(collected.issues), [3]);
    assert.deepEqual(syntax(assessed.issues), [3]);
    assert.equal(collected.complete, true);
    const maintainers = collected.evidence[0]!.repositories[0]!.maintainers;
    // ann from the catalog's file, bob from the caller's (relative to cwd)
    assert.deepEqual([...maintainers.organizations].sort(), ["Acme Inc", "Globex"]);
    const findings = JSON.stringify(assessed.assessments[0]);
    assert.match(findings, /Acme Inc/);
    assert.match(findings, /Globex/);
  });

  it("a caller's affiliation file that does not exist stops both before anything is read", async () => {
    const opened = await openCatalog({ cwd: root.dir });
    const input = { cwd: root.dir, affiliations: ["missing.txt"], asOf: "2021-12-31" };
    await assert.rejects(collectEvidence(opened, input), /cannot read the affiliations files/);
    await assert.rejects(assessProjects(opened, input), /cannot read the affiliations files/);
  });
});

describe("assess as of a date, and compared with an earlier one", () => {
  it("reads history up to the date it is given", async () => {
    const opened = await openCatalog({ cwd: root.dir });
    const early = await collectEvidence(opened, { cwd: root.dir, ids: ["good"], asOf: "2019-06-01" });
    const late = await collectEvidence(opened, { cwd: root.dir, ids: ["good"], asOf: "2021-06-01" });
    assert.equal(early.evidence[0]!.repositories[0]!.history.commits, 1);
    assert.equal(late.evidence[0]!.repositories[0]!.history.commits, 3);
    const assessed = await assessProjects(opened, { cwd: root.dir, asOf: "2021-06-01" });
    assert.equal(assessed.asOf, "2021-06-01");
    assert.equal(assessed.summary.asOf, "2021-06-01");
    assert.deepEqual(
      assessed.assessments.map((a) => a.project),
      ["good", "other"],
    );
    assert.deepEqual(assessed.unmeasured, []);
  });

  it("compareSince returns the changes between the two dates, and refuses a since after asOf", async () => {
    const opened = await openCatalog({ cwd: root.dir });
    const compared = await compareSince(opened, { cwd: root.dir, asOf: "2021-06-01", since: "2018-06-01" });
    assert.equal(compared.changes.since, "2018-06-01");
    assert.equal(compared.changes.asOf, "2021-06-01");
    assert.equal(compared.changes.changes.length, 2);
    assert.equal(compared.changes.before.asOf, "2018-06-01");
    // no commit yet in 2018: the assessed project is new; the one without a state is not comparable
    assert.deepEqual(
      compared.changes.changes.map((c) => [c.project, c.movement]),
      [
        ["good", "new"],
        ["other", "not-comparable"],
      ],
    );
    await assert.rejects(
      compareSince(opened, { cwd: root.dir, asOf: "2021-06-01", since: "2021-06-01" }),
      /E_USAGE|before/,
    );
  });

  it("reports a repository it could not read as a warning, and the project as unmeasured", async () => {
    writeFileSync(
      join(root.dir, "gone.yaml"),
      CATALOG.replace("repositories: [repos/good] }", "repositories: [repos/gone] }"),
    );
    const opened = await openCatalog({ cwd: root.dir, catalog: "gone.yaml" });
    const assessed = await assessProjects(opened, { cwd: root.dir, asOf: "2021-06-01" });
    assert.deepEqual(
      assessed.unmeasured.map((r) => r.project),
      ["other"],
    );
    assert.ok(assessed.issues.some((i) => i.code === "E_REPO_NOT_FOUND" && i.severity === "warning"));
  });
});

describe("badges and the README", () => {
  it("makes one badge per project, and refuses a link that could run script", async () => {
    const opened = await openCatalog({ cwd: root.dir });
    const badges = await makeBadges(opened, { cwd: root.dir });
    assert.deepEqual(
      badges.map((b) => b.fileName),
      ["good.svg", "other.svg"],
    );
    assert.match(badges[0]!.svg, /^<svg[^>]*>[\s\S]*sandbox[\s\S]*<\/svg>/);
    await assert.rejects(
      makeBadges(opened, { cwd: root.dir, link: "javascript:alert(1)" }),
      /not written into a badge/,
    );
  });

  it("checkReadme finds the first line a README differs on, up to white space", async () => {
    const opened = await openCatalog({ cwd: root.dir });
    const markdown = renderCatalogReadme(opened);
    writeFileSync(join(root.dir, "README.md"), markdown.replaceAll("|", " | "));
    assert.equal(checkReadme({ file: "README.md", expected: markdown, cwd: root.dir }), undefined);
    const lines = markdown.split("\n");
    lines[2] = `${lines[2]} changed`;
    writeFileSync(join(root.dir, "README.md"), lines.join("\n"));
    assert.equal(checkReadme({ file: "README.md", expected: markdown, cwd: root.dir })?.line, 3);
  });
});
