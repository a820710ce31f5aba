import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Catalog } from "../catalog/index.js";
import { importReadme, renderReadme } from "./index.js";
import { neutralizeUnsafeHtml } from "./inline.js";

// GIVEN a README written by hand, with markup where the importer expects plain text WHEN it
// is imported and rendered THEN every word comes back (diff -w sees no change), with a
// warning where something could not be made structured.

const squeeze = (text: string) =>
  text
    .replace(/\n$/, "")
    .split("\n")
    .map((l) => l.replace(/\s+/g, ""));
const HEADER = "| Project | Goal | Project State | Communication | Use on Azure |\n|---|---|---|---|---|\n";

function roundTrip(markdown: string) {
  const result = importReadme(markdown, { file: "R.md" });
  assert.ok(result.catalog, JSON.stringify(result.issues));
  assert.ok(Catalog.safeParse(result.catalog).success);
  assert.deepEqual(squeeze(renderReadme(result.catalog)), squeeze(markdown));
  return { catalog: result.catalog, issues: result.issues };
}

describe("import keeps what plain fields cannot hold", () => {
  it("keeps a persona heading that holds markdown as written", () => {
    const { catalog } = roundTrip(
      `# P\n\n## Projects\n\n### Cluster \`Mgmt\` <b>x</b> & ` +
        `[docs](https://d.example)\n\n${HEADER}| [A](https://a.example) | g | CNCF: sandbox | | |\n`,
    );
    assert.equal(catalog.personas[0]!.heading, "Cluster `Mgmt` <b>x</b> & [docs](https://d.example)");
  });

  it("keeps an area cell that holds markdown as written", () => {
    const { catalog } = roundTrip(
      "# P\n\n## Projects\n\n| Project Area | Project | Goal | State | Communication | Use on Azure " +
        "|\n|---|---|---|---|---|---|\n| **Cluster <i>Mgmt</i>** | | | " +
        "| | |\n| | [A](https://a.example) | g | CNCF: sandbox | | |\n",
    );
    assert.equal(catalog.personas[0]!.heading, "**Cluster <i>Mgmt</i>**");
  });

  it("keeps the headers of a persona table that differ from the first table's", () => {
    const { catalog } = roundTrip(
      `# P\n\n## Projects\n\n### One\n\n${HEADER}| [A](https://a.example) | g | | | |\n\n### Two\n\n| Project | ` +
        `Aim | Project State | Talk | Use on Azure |\n|---|---|---|---|---|\n| [B](https://b.example) | g | | | |\n`,
    );
    assert.equal(catalog.personas[0]!.columns, undefined);
    assert.deepEqual(catalog.personas[1]!.columns, { goal: "Aim", channels: "Talk" });
  });

  for (const layout of ["persona-tables", "area-table"] as const) {
    it(`keeps cells beyond the table's columns raw, with a warning naming the line (${layout})`, () => {
      const table =
        layout === "persona-tables"
          ? `### One\n\n${HEADER}| [A](https://a.example) | g | | | | extra \\| words | more |\n`
          : "| Project Area | Project | Goal | State | Communication | Use on Azure |\n|---|---|---|---|---|---|\n| " +
            "One | | | | | |\n| | [A](https://a.example) | g | | | | extra \\| words | more |\n";
      const { catalog, issues } = roundTrip(`# P\n\n## Projects\n\n${table}`);
      assert.equal(catalog.projects[0]!.raw?.extra, "extra \\| words | more");
      const warning = issues.find((i) => i.path === "projects[0].raw.extra");
      assert.equal(warning?.line, layout === "persona-tables" ? 9 : 8);
    });
  }

  it("keeps the announcements table as written when it names a project with markup", () => {
    const { catalog, issues } = roundTrip(
      `# P\n\n## News\n\n| Date | Project | Announcement | Details |\n|---|---|---|---|\n| 2021-03-04 | A ` +
        `<b>B</b> | out | |\n\n## Projects\n\n### One\n\n${HEADER}| [A <b>B</b>](https://a.example) | g | | | |\n`,
    );
    assert.equal(catalog.projects[0]!.name, "A <b>B</b>");
    assert.equal(catalog.announcements, undefined);
    assert.ok(issues.some((i) => i.line === 7 && /announcement names 'A <b>B<\/b>' with markdown/.test(i.message)));
  });
});

describe("render keeps HTML in markdown fields from running or swallowing the page", () => {
  it("escapes script, raw-text elements, event handlers and javascript: URLs, and nothing else", () => {
    assert.equal(
      neutralizeUnsafeHtml("a <script>x</script> <br> <ul><li>[t](https://t.example)</li></ul>"),
      "a \\<script>x&lt;/script> <br> <ul><li>[t](https://t.example)</li></ul>",
    );
    assert.equal(
      neutralizeUnsafeHtml('<textarea> <img src=x onerror=alert(1)> <a href="javascript:x">y</a> <b>ok</b>'),
      '\\<textarea> \\<img src=x onerror=alert(1)> \\<a href="javascript:x">y</a> <b>ok</b>',
    );
    assert.equal(neutralizeUnsafeHtml("already \\<script> safe"), "already \\<script> safe");
  });

  it("renders a goal holding <script> as text", () => {
    const catalog: Catalog = {
      apiVersion: "upstream/v1",
      program: { name: "P" },
      personas: [{ id: "ops", title: "Ops" }],
      projects: [
        {
          id: "a",
          name: "A | <script>",
          persona: "ops",
          goal: "g | <script>alert(1)</script> [x](https://x.example)",
          channels: [{ text: "<iframe src=https://e.example>" }],
        },
      ],
    };
    const row = renderReadme(catalog)
      .split("\n")
      .find((l) => l.startsWith("| A"))!;
    assert.equal(
      row,
      "| A \\| \\<script\\> | g \\| \\<script>alert(1)&lt;/script> " +
        "[x](https://x.example) |  | \\<iframe src=https://e.example> |  |",
    );
  });
});
