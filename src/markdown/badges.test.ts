import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Catalog, type Project } from "../catalog/index.js";
import { parseBadge, settleBadgeTemplate } from "./badges.js";
import { importReadme, renderReadme } from "./index.js";
import { splitBr, splitRow } from "./inline.js";

const GUIDE = "https://github.com/org/upstream/blob/main/graduation_guidelines.md";

function catalogOf(projects: Project[], readme: Catalog["readme"] = {}): Catalog {
  return {
    apiVersion: "upstream/v1",
    program: { name: "Demo" },
    readme: { personaHeadingLevel: 3, ...readme },
    personas: [{ id: "ops", title: "Ops", order: 1 }],
    projects,
  };
}

const PROJECTS: Project[] = [
  {
    id: "alpha",
    name: "Alpha",
    persona: "ops",
    home: "https://github.com/org/alpha",
    state: { framework: "CNCF", level: "incubating" },
    versions: { label: "API", items: [{ version: "v1alpha3" }] },
  },
  { id: "beta", name: "Beta", persona: "ops", state: { framework: "Azure", level: "sandbox" } },
  { id: "gamma", name: "Gamma", persona: "ops", state: { raw: "Deprecated" } },
  { id: "delta", name: "Delta", persona: "ops", versions: { label: "API", text: "N/A" } },
];

/** The body rows of the project table(s) of a rendered README, as cells. */
function projectRows(markdown: string): string[][] {
  return markdown
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|[-|]+\|$/.test(l))
    .map(splitRow)
    .filter((cells) => !/project/i.test(cells[0] ?? "") || cells[0]!.startsWith("["));
}

const stateCell = (markdown: string, name: string) => {
  const row = projectRows(markdown).find((cells) => cells.some((c) => c.startsWith(`[${name}]`) || c === name));
  assert.ok(row, `no row for ${name}`);
  return row[row.length - 3]!;
};

describe("README badges (readme.badges)", () => {
  it("shows the badge, linked, as the last part of each structured state cell, and not in raw or absent states", () => {
    const md = renderReadme(catalogOf(PROJECTS, { badges: { image: "badges/{id}.svg", link: GUIDE } }));
    assert.equal(
      stateCell(md, "Alpha"),
      `CNCF: incubating <br> API: v1alpha3 <br> [![CNCF: incubating](badges/alpha.svg)](${GUIDE})`,
    );
    assert.equal(stateCell(md, "Beta"), `Azure: sandbox <br> [![Azure: sandbox](badges/beta.svg)](${GUIDE})`);
    assert.equal(stateCell(md, "Gamma"), "Deprecated");
    assert.equal(stateCell(md, "Delta"), "<br> API: N/A");
    assert.equal((md.match(/!\[/g) ?? []).length, 2);
  });

  it("shows a bare image without a link, with {id} in a URL, in the area-table layout too", () => {
    const md = renderReadme(
      catalogOf(PROJECTS, { layout: "area-table", badges: { image: "https://example.github.io/b/{id}.svg" } }),
    );
    assert.equal(stateCell(md, "Beta"), "Azure: sandbox <br> ![Azure: sandbox](https://example.github.io/b/beta.svg)");
    for (const cells of projectRows(md)) assert.equal(cells.length, 6);
  });

  it("escapes hostile alt text and URLs: the table keeps 5 cells a row and the badge reads back", () => {
    const hostile: Project = {
      id: "evil",
      name: "Evil",
      persona: "ops",
      state: { framework: "A|B] <script>", level: "x](https://evil.example) <br> |" },
    };
    const catalog = catalogOf([hostile, PROJECTS[1]!], {
      badges: { image: "b|[x]/{id}(.svg", link: "https://example.com/a|b)" },
    });
    const md = renderReadme(catalog);
    const cell = stateCell(md, "Evil");
    assert.equal(
      cell,
      "A\\|B\\] \\<script\\>: x\\]\\(https://evil.example) \\<br\\> \\| <br> [![A\\|B\\] \\<script\\>: " +
        "x\\](https://evil.example) \\<br\\> \\|](b\\|\\[x\\]/evil\\(.svg)](https://example.com/a\\|b\\))",
    );
    assert.ok(!md.includes("<script>"));
    for (const cells of projectRows(md)) assert.equal(cells.length, 5);
    assert.equal(splitBr(cell).length, 2);
    assert.deepEqual(parseBadge(splitBr(cell)[1]!), { image: "b|[x]/evil(.svg", link: "https://example.com/a|b)" });
    const back = importReadme(md);
    assert.deepEqual(back.issues, []);
    assert.deepEqual(back.catalog?.readme?.badges, catalog.readme?.badges);
    assert.deepEqual(back.catalog?.projects[0]?.state, hostile.state);
  });

  it("import sets readme.badges from the rows and strips the badges from the states", () => {
    const md = renderReadme(catalogOf(PROJECTS, { badges: { image: "badges/{id}.svg", link: GUIDE } }));
    const { catalog, issues } = importReadme(md);
    // Only the raw state 'Deprecated' warns, as it does without badges.
    assert.deepEqual(
      issues.map((i) => i.path),
      ["projects[2].state"],
    );
    assert.ok(catalog && Catalog.safeParse(catalog).success);
    assert.deepEqual(catalog.readme?.badges, { image: "badges/{id}.svg", link: GUIDE });
    assert.deepEqual(
      catalog.projects.map((p) => [p.id, p.state, p.versions, p.raw]),
      PROJECTS.map((p) => [p.id, p.state, p.versions, undefined]),
    );
    assert.equal(renderReadme(catalog), md);
  });

  it("reads a link that names the id as a link template", () => {
    const badges = { image: "https://img.example/{id}.svg", link: "https://example.com/levels#{id}" };
    const { catalog } = importReadme(renderReadme(catalogOf(PROJECTS, { badges })));
    assert.deepEqual(catalog?.readme?.badges, badges);
  });

  it("keeps disagreeing badges in the cells, raw, with a warning, and sets no readme.badges", () => {
    const md = renderReadme(catalogOf(PROJECTS, { badges: { image: "badges/{id}.svg" } })).replace(
      "badges/beta.svg",
      "other/beta.svg",
    );
    const { catalog, issues } = importReadme(md, { file: "R.md" });
    assert.ok(catalog && Catalog.safeParse(catalog).success);
    assert.equal(catalog.readme?.badges, undefined);
    assert.ok(
      issues.length > 0 &&
        issues.every((i) => i.code === "E_IMPORT_UNPARSED_CELL" && i.severity === "warning" && i.file === "R.md"),
    );
    const [alpha, beta] = catalog.projects;
    assert.equal(alpha?.raw?.state, "CNCF: incubating <br> API: v1alpha3 <br> ![CNCF: incubating](badges/alpha.svg)");
    assert.equal(alpha?.state, undefined);
    assert.ok(JSON.stringify(beta).includes("other/beta.svg"));
    assert.ok(issues.some((i) => i.path === "projects[0].raw.state"));
    assert.deepEqual(
      issues.map((i) => i.line),
      [...issues.map((i) => i.line!)].sort((a, b) => a - b),
      "warnings stay in line order",
    );
    assert.equal(renderReadme(catalog), md);
  });

  it("falls back to raw when a structured row lacks the badge others show (mixed)", () => {
    const md = renderReadme(catalogOf(PROJECTS, { badges: { image: "badges/{id}.svg" } })).replace(
      " <br> ![Azure: sandbox](badges/beta.svg)",
      "",
    );
    const { catalog, issues } = importReadme(md);
    assert.equal(catalog?.readme?.badges, undefined);
    assert.ok(issues.some((i) => i.line !== undefined && i.message.includes("'Alpha'")));
    assert.deepEqual(catalog?.projects[1]?.state, { framework: "Azure", level: "sandbox" });
    assert.equal(renderReadme(catalog!), md);
  });

  it("does not take an image that lacks the row's id as a badge", () => {
    const md = renderReadme(catalogOf([PROJECTS[1]!], { badges: { image: "badges/{id}.svg" } })).replace(
      "badges/beta.svg",
      "badges/logo.svg",
    );
    const { catalog, issues } = importReadme(md);
    assert.equal(catalog?.readme?.badges, undefined);
    assert.equal(issues.length, 1);
    assert.equal(renderReadme(catalog!), md);
  });

  it("settles one template only when every row agrees", () => {
    assert.deepEqual(
      settleBadgeTemplate([
        { id: "a", badge: { image: "B/a.svg", link: GUIDE } },
        { id: "b", badge: { image: "B/b.svg", link: GUIDE } },
      ]),
      { image: "B/{id}.svg", link: GUIDE },
    );
    assert.equal(
      settleBadgeTemplate([
        { id: "a", badge: { image: "B/a.svg" } },
        { id: "b", badge: { image: "C/b.svg" } },
      ]),
      undefined,
    );
    assert.equal(
      settleBadgeTemplate([
        { id: "a", badge: { image: "B/a.svg", link: GUIDE } },
        { id: "b", badge: { image: "B/b.svg" } },
      ]),
      undefined,
    );
    assert.equal(settleBadgeTemplate([]), undefined);
  });

  it("validates the templates: image must contain {id}, neither may hold white space", () => {
    const bad = (badges: unknown) => Catalog.safeParse({ ...catalogOf(PROJECTS), readme: { badges } });
    const r = bad({ image: "badges/logo.svg" });
    assert.equal(r.success, false);
    assert.match(r.error!.issues[0]!.message, /must contain \{id\}/);
    assert.deepEqual(r.error!.issues[0]!.path, ["readme", "badges", "image"]);
    assert.equal(bad({ image: "my badges/{id}.svg" }).success, false);
    assert.equal(bad({ image: "b/{id}.svg", link: "" }).success, false);
    assert.equal(bad({ image: "b/{id}.svg", extra: 1 }).success, false);
    assert.equal(bad({ image: "b/{id}.svg", link: "https://x.example/{id}" }).success, true);
  });
});

describe("README badges on portfolio-README.md", () => {
  const source = readFileSync(
    fileURLToPath(new URL("../../examples/azure-container-compute/README.md", import.meta.url)),
    "utf8",
  );
  const imported = importReadme(source).catalog!;

  it("imports no badges from the reference README", () => {
    assert.equal(imported.readme?.badges, undefined);
  });

  it("renders every structured state with a badge and imports the same catalog back", () => {
    const catalog: Catalog = {
      ...imported,
      readme: { ...imported.readme, badges: { image: "badges/{id}.svg", link: GUIDE } },
    };
    const md = renderReadme(catalog);
    const structured = catalog.projects.filter((p) => p.state && !("raw" in p.state) && !p.raw?.state).length;
    assert.ok(structured > 10);
    assert.equal((md.match(/\[!\[/g) ?? []).length, structured);
    const back = importReadme(md);
    assert.deepEqual(back.catalog, catalog);
    assert.deepEqual(
      back.issues.map((i) => i.line),
      importReadme(source).issues.map((i) => i.line),
    );
  });
});
