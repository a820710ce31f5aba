import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { Catalog } from "../catalog/index.js";
import { importReadme, renderReadme } from "./index.js";

const FIXTURE = resolve(import.meta.dirname, "fixtures/area-table-README.md");
const source = readFileSync(FIXTURE, "utf8");
const lines = (text: string) =>
  text
    .replace(/\n$/, "")
    .split("\n")
    .map((l) => l.replace(/\s+/g, ""));

describe("area-table layout", () => {
  const { catalog, issues } = importReadme(source, { file: "area-table-README.md" });

  it("starts a persona at each row that names only an area", () => {
    assert.ok(catalog && Catalog.safeParse(catalog).success);
    assert.equal(catalog.readme?.layout, "area-table");
    assert.deepEqual(
      catalog.personas.map((p) => [p.id, p.title]),
      [
        ["cluster-lifecycle", "Cluster Lifecycle"],
        ["security-policy", "Security & Policy"],
      ],
    );
    assert.deepEqual(
      catalog.projects.map((p) => [p.id, p.persona]),
      [
        ["widget-operator", "cluster-lifecycle"],
        ["gadget-cli", "cluster-lifecycle"],
        ["policy-agent", "security-policy"],
        ["legacy-tool", "security-policy"],
      ],
    );
    assert.equal(catalog.program.usedInTitle, "Use on Contoso");
    assert.equal(catalog.readme?.columns?.area, "Project Area");
  });

  it("reads the other columns as the persona layout does", () => {
    const gadget = catalog!.projects[1]!;
    assert.deepEqual(gadget.versions, {
      label: "APIs",
      items: [
        { name: "Gadget", version: "v1" },
        { name: "Gizmo", version: "v2alpha1" },
      ],
    });
    const policy = catalog!.projects[2]!;
    assert.deepEqual(Array.isArray(policy.channels) && policy.channels.map((c) => ("kind" in c ? c.kind : "text")), [
      "mailing-list",
      "forum",
    ]);
    assert.deepEqual(catalog!.announcements, [
      {
        date: "2024-03-01",
        project: "widget-operator",
        announcement: "Moved to incubating",
        details: "[TOC vote](https://github.com/contoso/toc/issues/12)",
      },
    ]);
  });

  it("warns about the state cell it keeps raw, naming its line", () => {
    assert.deepEqual(
      issues.map((i) => [i.code, i.line]),
      [["E_IMPORT_UNPARSED_CELL", 22]],
    );
    assert.deepEqual(catalog!.projects[3]!.state, { raw: "Deprecated" });
  });

  it("renders the README back the same up to white space", () => {
    assert.deepEqual(lines(renderReadme(catalog!)), lines(source));
  });
});
