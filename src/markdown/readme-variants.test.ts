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
    assert.deepEqual(listed, ["Kite Operator @ cluster-management", "Lantern CSI Driver @ cluster-management", "Runner @ container-runtime"]);
    assert.deepEqual(catalog.readme?.emptyRows, { "cluster-management": [{ at: 1, row: "| | | | | |" }], "container-runtime": [{ at: 1, row: "|||||" }] });
  });

  it("an all-empty row of an area table is no project either", () => {
    const md = "# P\n\n## Projects\n\n| Project Area | Project | Goal | State | Communication | Use on Azure |\n|---|---|---|---|---|---|\n| | | | | | |\n| One | | | | | |\n| | [A](https://a.example) | g | | | |\n| | | | | | |\n| Two | | | | | |\n| | | | | | |\n";
    const { catalog } = importReadme(md);
    assert.deepEqual(catalog!.projects.map((p) => p.name), ["A"]);
    assert.deepEqual(catalog!.personas.map((p) => p.title), ["One", "Two"]);
    assert.equal(diffW(md, renderReadme(catalog!)), "");
  });

  it("keeps blank lines before the title", () => {
    const { catalog, listed } = roundTrip("leading-blank-README.md");
    assert.equal(catalog.readme?.lead, "\n\n");
    assert.equal(catalog.program.name, "Contoso Upstream");
    assert.equal(listed.length, 2);
  });
});
