import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { loadCatalog, type Catalog } from "../catalog/index.js";
import { headingAnchor } from "./contents.js";
import { importReadme, renderReadme } from "./index.js";

// GIVEN a README whose Contents lists the personas WHEN the catalog's personas change THEN the
// rendered Contents follows them (and its links reach the rendered headings), and WHEN they do
// not THEN the Contents renders exactly as written.

const EXAMPLE = resolve(import.meta.dirname, "../../examples/azure-container-compute");
const source = readFileSync(join(EXAMPLE, "README.md"), "utf8");
const tmp = mkdtempSync(join(tmpdir(), "contents-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function diffW(a: string, b: string): string {
  writeFileSync(join(tmp, "a.md"), a);
  writeFileSync(join(tmp, "b.md"), b);
  return spawnSync("diff", ["-w", join(tmp, "a.md"), join(tmp, "b.md")], { encoding: "utf8" }).stdout;
}

/** The Contents section's lines as rendered. */
function contentsOf(markdown: string): string[] {
  const from = markdown.indexOf("## Contents\n");
  return markdown
    .slice(from, markdown.indexOf("\n## ", from + 1))
    .split("\n")
    .filter((l) => l.trim().startsWith("*"));
}

/** The anchors of the rendered headings, as GitHub makes them. */
function anchors(markdown: string): Set<string> {
  return new Set(
    markdown.split("\n").flatMap((l) => (/^#{1,6} /.test(l) ? [headingAnchor(l.replace(/^#+ /, ""))] : [])),
  );
}

const imported = (): Catalog => structuredClone(importReadme(source).catalog!);

describe("the Contents list", () => {
  it("renders as written while the personas are the ones it was written for", async () => {
    const catalog = imported();
    assert.deepEqual(catalog.readme?.sections?.find((s) => s.role === "contents")?.personas?.length, 6);
    assert.equal(diffW(source, renderReadme(catalog)), "");
    // The bundled catalog records them too; its real `diff -w` test is in import-readme.test.ts.
    const bundled = (await loadCatalog(join(EXAMPLE, "upstream.yaml"))).catalog!;
    assert.deepEqual(contentsOf(renderReadme(bundled)), contentsOf(source));
  });

  it("gains an entry for a new persona, linking to its heading", async () => {
    const bundled = (await loadCatalog(join(EXAMPLE, "upstream.yaml"))).catalog!;
    bundled.personas.push({ id: "edge", title: "Edge & IoT", order: 7 });
    bundled.projects.push({
      id: "edge-agent",
      name: "Edge Agent",
      persona: "edge",
      home: "https://github.com/contoso/edge-agent",
    });
    const rendered = renderReadme(bundled);
    const lines = contentsOf(rendered);
    assert.equal(
      lines[lines.indexOf("  * [Container Runtime](#container-runtime)") + 1],
      "  * [Edge & IoT](#edge--iot)",
    );
    assert.ok(anchors(rendered).has("edge--iot"));
    // Every other line as written.
    assert.deepEqual(
      lines.filter((l) => !l.includes("Edge")),
      contentsOf(source),
    );
  });

  it("drops the entry of a dropped persona and renames a renamed one, keeping the others as written", () => {
    const catalog = imported();
    catalog.personas = catalog.personas.filter((p) => p.id !== "kubernetes-enhancements");
    catalog.projects = catalog.projects.filter((p) => p.persona !== "kubernetes-enhancements");
    catalog.personas.find((p) => p.id === "container-runtime")!.title = "Container Runtimes";
    const rendered = renderReadme(catalog);
    const lines = contentsOf(rendered);
    assert.ok(!lines.some((l) => l.includes("Kubernetes Enhancements")));
    assert.ok(lines.includes("  * [Container Runtimes](#container-runtimes)"));
    // An entry whose text differs from its persona's title (it links by anchor) is kept as written.
    assert.ok(lines.includes("  * [Kubernetes Service Mesh](#cloud-native-service-mesh)"));
    for (const l of lines)
      assert.ok(
        anchors(rendered).has(/\(#([^)]*)\)/.exec(l)![1]!) ||
          l.includes("announcments") ||
          l.includes("projects-support"),
        l,
      );
    // The new README imports and renders back as it is.
    assert.equal(diffW(rendered, renderReadme(importReadme(rendered).catalog!)), "");
  });

  it("follows a new order of the personas", () => {
    const catalog = imported();
    for (const p of catalog.personas) p.order = 10 - (p.order ?? 0);
    const lines = contentsOf(renderReadme(catalog)).filter((l) => l.startsWith("  *"));
    assert.equal(lines[0], "  * [Container Runtime](#container-runtime)");
    assert.equal(lines[5], "  * [Kubernetes Cluster Management](#kubernetes-cluster-management)");
  });

  it("a Contents that lists no persona is never changed", () => {
    const md =
      "# P\n\n## Contents\n\n* [Projects](#projects)\n\n## Projects\n\n### One\n\n| Project | Goal | State " +
      "| Communication | Use on Azure |\n|---|---|---|---|---|\n| [A](https://a.example) | g | | | |\n";
    const catalog = importReadme(md).catalog!;
    assert.equal(catalog.readme?.sections?.[0]?.personas, undefined);
    catalog.personas.push({ id: "two", title: "Two" });
    assert.deepEqual(contentsOf(renderReadme(catalog)), ["* [Projects](#projects)"]);
  });
});
