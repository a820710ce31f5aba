import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { Catalog } from "../catalog/index.js";
import { importReadme, renderReadme } from "./index.js";

// GIVEN a program README in one of the shapes such READMEs drift into over the years (fixtures
// in fixtures/variants/, written in the program's shape) WHEN it is imported and rendered THEN
// every project it lists is imported once per listing, no project is invented, and the render
// gives the README back as `diff -w` sees it.

const DIR = resolve(import.meta.dirname, "fixtures/variants");
const tmp = mkdtempSync(join(tmpdir(), "readme-variants-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function diffW(a: string, b: string): string {
  writeFileSync(join(tmp, "a.md"), a);
  writeFileSync(join(tmp, "b.md"), b);
  return spawnSync("diff", ["-w", join(tmp, "a.md"), join(tmp, "b.md")], { encoding: "utf8" }).stdout;
}

function roundTrip(fixture: string) {
  const source = readFileSync(join(DIR, fixture), "utf8");
  const { catalog, issues } = importReadme(source, { file: fixture });
  assert.ok(catalog, JSON.stringify(issues));
  const parsed = Catalog.safeParse(catalog);
  assert.ok(parsed.success, JSON.stringify(!parsed.success && parsed.error.issues));
  assert.equal(diffW(source, renderReadme(catalog)), "", `${fixture} renders back`);
  const listed = catalog.projects.map((p) => `${p.name} @ ${p.persona}`);
  return { catalog, issues, listed };
}

describe("README variants import and render back", () => {
  it("an all-empty row is no project, and renders back where it stood", () => {
    const { catalog, listed } = roundTrip("empty-row-README.md");
    assert.deepEqual(listed, [
      "Kite Operator @ cluster-management",
      "Lantern CSI Driver @ cluster-management",
      "Runner @ container-runtime",
    ]);
    assert.deepEqual(catalog.readme?.emptyRows, {
      "cluster-management": [{ at: 1, row: "| | | | | |" }],
      "container-runtime": [{ at: 1, row: "|||||" }],
    });
  });

  it("an all-empty row of an area table is no project either", () => {
    const md =
      "# P\n\n## Projects\n\n| Project Area | Project | Goal | State | Communication | Use on Azure " +
      "|\n|---|---|---|---|---|---|\n| | | | | | |\n| One | | | | | |\n| | " +
      "[A](https://a.example) | g | | | |\n| | | | | | |\n| Two | | | | | |\n| | | | | | |\n";
    const { catalog } = importReadme(md);
    assert.deepEqual(
      catalog!.projects.map((p) => p.name),
      ["A"],
    );
    assert.deepEqual(
      catalog!.personas.map((p) => p.title),
      ["One", "Two"],
    );
    assert.equal(diffW(md, renderReadme(catalog!)), "");
  });

  it("keeps blank lines before the title", () => {
    const { catalog, listed } = roundTrip("leading-blank-README.md");
    assert.equal(catalog.readme?.lead, "\n\n");
    assert.equal(catalog.program.name, "Contoso Upstream");
    assert.equal(listed.length, 2);
  });

  it("rows padded with empty cells keep their padding, without a warning", () => {
    const { catalog, issues, listed } = roundTrip("padded-rows-README.md");
    assert.equal(listed.length, 3);
    assert.equal(catalog.projects[1]!.raw?.extra, " |  | ");
    assert.deepEqual(
      issues.filter((i) => /cells, the table/.test(i.message)),
      [],
    );
  });

  it("a section holding persona tables and then a 'Project Area' table imports both", () => {
    const { catalog, listed } = roundTrip("mixed-layouts-README.md");
    assert.deepEqual(listed, [
      "Kite Operator @ cluster-management",
      "Lantern CSI Driver @ cluster-management",
      "Runner @ container-runtime",
      "Guard Agent @ secure-infrastructure",
      "Scaler Contoso Provider @ node-lifecycle",
    ]);
    assert.equal(catalog.readme?.layout, "persona-tables");
    assert.deepEqual(
      catalog.personas.map((p) => [p.id, p.areaTable ?? false]),
      [
        ["cluster-management", false],
        ["container-runtime", false],
        ["secure-infrastructure", true],
        ["node-lifecycle", true],
      ],
    );
  });

  it("an area table before the persona tables is imported too, in its place", () => {
    const md =
      "# P\n\n## Projects\n\n| Project Area | Project | Goal | State | Communication | Use on Azure " +
      "|\n|---|---|---|---|---|---|\n| One | | | | | |\n| | " +
      "[A](https://a.example) | g | | | |\n\nOlder tables:\n\n### " +
      "Two\n\n| Project | Goal | State | Communication | Use on Azure " +
      "|\n|---|---|---|---|---|\n| [B](https://b.example) | g | | | |\n";
    const { catalog } = importReadme(md);
    assert.deepEqual(
      catalog!.projects.map((p) => `${p.name} @ ${p.persona}`),
      ["A @ one", "B @ two"],
    );
    assert.equal(diffW(md, renderReadme(catalog!)), "");
  });

  it("a project table in another section is kept as markdown, with a warning", () => {
    const md =
      "# P\n\n## Projects\n\n### One\n\n| Project | Goal | State " +
      "| Communication | Use on Azure |\n|---|---|---|---|---|\n| " +
      "[A](https://a.example) | g | | | |\n\n## New list\n\n| Project Area | Project | Goal | State | Communication " +
      "| Use on Azure |\n|---|---|---|---|---|---|\n| Two | | | | | |\n| | [B](https://b.example) | g | | | |\n";
    const { catalog, issues } = importReadme(md, { file: "R.md" });
    assert.deepEqual(
      catalog!.projects.map((p) => p.name),
      ["A"],
    );
    assert.deepEqual(
      issues.map((i) => [i.code, i.line]),
      [["E_IMPORT_TABLE_SKIPPED", 13]],
    );
    assert.match(issues[0]!.message, /section 'New list'.*2 rows not imported/);
    assert.equal(diffW(md, renderReadme(catalog!)), "");
  });

  it("a table headed like a project table with a column too many warns that its rows are not imported", () => {
    const md =
      "# P\n\n## Projects\n\n### One\n\n| Project | Goal | State " +
      "| Communication | Use on Azure |\n|---|---|---|---|---|\n| " +
      "[A](https://a.example) | g | | | |\n\n### Two\n\n| Project | Goal | State | Communication " +
      "| Use on Azure | |\n|---|---|---|---|---|---|\n| [B](https://b.example) | g | | | | |\n";
    const { catalog, issues } = importReadme(md, { file: "R.md" });
    assert.deepEqual(
      catalog!.projects.map((p) => p.name),
      ["A"],
    );
    assert.deepEqual(
      issues.map((i) => [i.code, i.line]),
      [["E_IMPORT_TABLE_SKIPPED", 13]],
    );
    assert.match(issues[0]!.message, /has 6 columns.*kept as markdown, 1 row not imported/);
    assert.equal(diffW(md, renderReadme(catalog!)), "");
  });

  it("the same project under two personas is two entries with distinct ids, and a warning", () => {
    const { catalog, issues, listed } = roundTrip("duplicate-project-README.md");
    assert.deepEqual(listed, [
      "Kite Operator @ cluster-management",
      "Scaler Contoso Provider @ cluster-management",
      "Scaler Contoso Provider @ cloud-provider",
      "Lantern CSI Driver @ cloud-provider",
    ]);
    assert.deepEqual(
      catalog.projects.map((p) => p.id),
      ["kite-operator", "scaler-contoso-provider", "scaler-contoso-provider-2", "lantern-csi-driver"],
    );
    assert.deepEqual(
      issues.map((i) => [i.code, i.severity, i.line, i.path]),
      [["E_IMPORT_DUPLICATE_PROJECT", "warning", 16, "projects[2]"]],
    );
    assert.match(issues[0]!.message, /first at line 10 under 'Cluster Management'/);
  });

  it("a persona heading with no table yet stays as written, and invents no project", () => {
    const { catalog, listed } = roundTrip("no-table-yet-README.md");
    assert.deepEqual(listed, ["Kite Operator @ cluster-management", "Runner @ container-runtime"]);
    assert.match(
      catalog.readme?.personaTrailers?.["cluster-management"] ?? "",
      /### Service Mesh\n\nProjects for this persona are coming soon\./,
    );
    assert.match(catalog.readme?.sections?.find((s) => s.role === "projects")?.after ?? "", /### Edge/);
  });

  it("tables with a header and no rows yet import no project and render back", () => {
    const md =
      "# P\n\n## Announcements\n\n| Date | Project | Announcement " +
      "| Details |\n|---|---|---|---|\n\n## Projects\n\n### " +
      "One\n\n| Project | Goal | State | Communication | Use on Azure |\n|---|---|---|---|---|\n\n### Two\n\n| " +
      "Project | Goal | State | Communication | Use on Azure " +
      "|\n|---|---|---|---|---|\n| [A](https://a.example) | g | | | |\n";
    const { catalog, issues } = importReadme(md);
    assert.deepEqual(issues, []);
    assert.deepEqual(
      catalog!.projects.map((p) => `${p.name} @ ${p.persona}`),
      ["A @ two"],
    );
    assert.deepEqual(
      catalog!.personas.map((p) => p.id),
      ["one", "two"],
    );
    assert.equal(diffW(md, renderReadme(catalog!)), "");
  });

  it("headers renamed between versions, and aligned delimiter rows, render back as written", () => {
    const { catalog, listed } = roundTrip("renamed-headings-README.md");
    assert.equal(listed.length, 3);
    assert.equal(catalog.readme?.columns?.channels, "Channels");
    assert.deepEqual(catalog.personas[1]!.columns, {
      project: "Project & (artifacts)",
      state: "Project State & <br> API Version",
      channels: "Communication",
      usedIn: "Used in Azure",
    });
    assert.deepEqual(catalog.readme?.delimiters, { "cloud-provider": "|:--|:--|:--|:--|:--|" });
  });
});

describe("an empty persona heading", () => {
  it("imports its table under an untitled persona with a warning, and renders the heading back as written", () => {
    for (const heading of ["### ", "###"]) {
      const source =
        `# P\n\n## Projects\n\n${heading}\n\n| Project | Goal | State | Communication ` +
        `| Use |\n|---|---|---|---|---|\n| [A](https://github.com/a/a) | g | | | |\n`;
      const { catalog, issues } = importReadme(source, { file: "empty.md" });
      assert.ok(catalog, JSON.stringify(issues));
      assert.ok(Catalog.safeParse(catalog).success, "a valid catalog, not an internal error");
      assert.equal(catalog.personas[0]!.title, "Untitled persona 1");
      assert.deepEqual(
        catalog.projects.map((p) => p.name),
        ["A"],
      );
      const empty = issues.find((i) => i.code === "E_IMPORT_EMPTY_HEADING");
      assert.match(
        empty?.message ?? "",
        /this heading is empty; its projects are imported under a persona titled 'Untitled persona 1'/,
      );
      assert.equal(issues.filter((i) => i.code === "E_IMPORT_UNPARSED_CELL").length, 0, "not counted as a raw cell");
      assert.equal(diffW(source, renderReadme(catalog)), "");
    }
  });
});

describe("a hostile 'used in' cell", () => {
  it("a list cell that never closes is scanned in linear time and kept as written", () => {
    // The pattern this replaced backtracked exponentially on this shape (a hang, not an error).
    const cell = "<ul>" + "<li>a</li>".repeat(5000) + "x";
    const source =
      `# P\n\n## Projects\n\n### Ops\n\n| Project | Goal | State | Communication | Use on ` +
      `Azure |\n|---|---|---|---|---|\n| [A](https://github.com/a/a) | g | | | ${cell} |\n`;
    const { catalog } = importReadme(source, { file: "hostile.md" });
    assert.ok(catalog);
    assert.deepEqual(
      catalog.projects.map((p) => p.name),
      ["A"],
    );
    assert.equal(diffW(source, renderReadme(catalog)), "");
  });
});

describe("version tokens", () => {
  it("are recognised by a pattern that cannot backtrack (a long dotted run in a versions cell)", async () => {
    const { VERSION_TOKEN } = await import("./cells.js");
    for (const token of ["v1", "v1beta2", "1.2.3", "1.30.0-rc.1", "GA", "stable"]) assert.match(token, VERSION_TOKEN);
    for (const text of ["v", "x1", "1.2 3", "Traffic Split"]) assert.doesNotMatch(text, VERSION_TOKEN);
    // 100,000 dots: quadratic before (minutes); one pass now.
    assert.doesNotMatch("1" + ".1".repeat(100_000) + "!", VERSION_TOKEN);
  });
});
