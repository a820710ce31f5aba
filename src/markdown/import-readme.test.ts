import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { Catalog, isRaw, loadCatalog } from "../catalog/index.js";
import { importReadme, renderReadme } from "./index.js";

const PORTFOLIO = fileURLToPath(new URL("../../examples/azure-container-compute/README.md", import.meta.url));
const EXAMPLE = resolve(import.meta.dirname, "../../examples/azure-container-compute/upstream.yaml");
const source = readFileSync(PORTFOLIO, "utf8");
const tmp = mkdtempSync(join(tmpdir(), "import-readme-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** What `diff -w` prints for two texts (empty when they are the same up to white space). */
function diffW(a: string, b: string): string {
  writeFileSync(join(tmp, "a.md"), a);
  writeFileSync(join(tmp, "b.md"), b);
  return spawnSync("diff", ["-w", join(tmp, "a.md"), join(tmp, "b.md")], { encoding: "utf8" }).stdout;
}

/** `diff -w` compares line by line ignoring all white space inside lines. */
function linesIgnoringSpace(text: string): string[] {
  return text
    .replace(/\n$/, "")
    .split("\n")
    .map((l) => l.replace(/\s+/g, ""));
}

describe("importReadme / renderReadme on portfolio-README.md", () => {
  const { catalog, issues } = importReadme(source, { file: "portfolio-README.md" });

  it("imports a catalog that validates", () => {
    assert.ok(catalog);
    assert.equal(Catalog.safeParse(catalog).success, true);
    assert.equal(catalog.projects.length, 19);
    assert.deepEqual(
      catalog.personas.map((p) => p.title),
      [
        "Kubernetes Cluster Management",
        "Kubernetes Azure Cloud Provider",
        "Kubernetes Enhancements",
        "Kubernetes Secure Infrastructure & Governance",
        "Cloud Native Service Mesh",
        "Container Runtime",
      ],
    );
  });

  it("renders it back the same up to white space (as diff -w sees it)", () => {
    const rendered = renderReadme(catalog!);
    assert.deepEqual(linesIgnoringSpace(rendered), linesIgnoringSpace(source));
    assert.equal(diffW(source, rendered), "");
  });

  it("keeps the two cells it cannot understand raw, warning with their lines", () => {
    assert.deepEqual(
      issues.map((i) => [i.code, i.severity, i.line, i.path]),
      [
        ["E_IMPORT_UNPARSED_CELL", "warning", 72, "projects[12].usedIn"],
        ["E_IMPORT_UNPARSED_CELL", "warning", 89, "projects[17].usedIn"],
      ],
    );
    assert.match(issues[0]!.message, /'Use on Azure' for 'OPA Gatekeeper'/);
    const moby = catalog!.projects.find((p) => p.id === "moby")!;
    assert.ok(isRaw(moby.usedIn) && moby.usedIn.raw.includes("many more"));
  });

  it("reads state, versions, channels and the program's text as structured data", () => {
    const smi = catalog!.projects.find((p) => p.id === "service-mesh-interface-smi-spec")!;
    assert.deepEqual(smi.state, {
      framework: "CNCF",
      level: "sandbox",
      note: "([pending](https://github.com/cncf/toc/pull/336))",
    });
    assert.deepEqual(smi.versions, {
      label: "APIs",
      items: [
        { name: "Traffic Split", version: "v1alpha3" },
        { name: "Traffic Target", version: "v1alpha1" },
        { name: "Traffic Spec", version: "v1alpha2" },
        { name: "Traffic Metrics", version: "v1alpha1" },
      ],
    });
    const moby = catalog!.projects.find((p) => p.id === "moby")!;
    assert.deepEqual(moby.state, { framework: "Moby", level: "??" });
    const windows = catalog!.projects.find((p) => p.id === "windows-containers")!;
    assert.deepEqual(Array.isArray(windows.channels) && windows.channels.map((c) => ("kind" in c ? c.kind : c.text)), [
      "slack",
      "mailing-list",
      "forum",
      "issues",
    ]);
    const autoscaler = catalog!.projects.find((p) => p.id === "cluster-autoscaler-azure-provider")!;
    assert.deepEqual(Array.isArray(autoscaler.channels) && autoscaler.channels[0], { text: "same slack and email" });
    assert.match(catalog!.program.support ?? "", /^It is extremely important/);
    assert.match(catalog!.program.contributing ?? "", /opencode@microsoft\.com/);
    assert.equal(catalog!.program.usedInTitle, "Use on Azure");
    assert.equal(catalog!.readme?.announcementsEmpty, "No announcments at this time. Please check back soon.");
    assert.equal(catalog!.announcements, undefined);
  });
});

describe("the bundled example catalog", () => {
  it("loads without errors and renders back portfolio-README.md up to white space", async () => {
    const loaded = await loadCatalog(EXAMPLE);
    assert.deepEqual(
      loaded.issues.filter((i) => i.severity === "error"),
      [],
    );
    assert.ok(loaded.catalog!.projects.every((p) => p.repositories?.length));
    assert.equal(diffW(source, renderReadme(loaded.catalog!)), "");
  });
});

describe("importReadme on other READMEs", () => {
  const readme = (rows: string) =>
    `# Demo\n\n## Projects\n\n### Tools\n\n| Project | Goal | State ` +
    `| Communication | Used in |\n|---|---|---|---|---|\n${rows}`;

  it("names the line of a cell it keeps raw", () => {
    const { catalog, issues } = importReadme(
      readme(
        "| [A](https://a.example) | Goal | CNCF: sandbox | [x](https://x.example) " +
          "|  |\n| [B](https://b.example) | Goal | just words | | |\n",
      ),
      { file: "DEMO.md" },
    );
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.line, 10);
    assert.equal(issues[0]!.file, "DEMO.md");
    assert.match(issues[0]!.message, /the project state of 'State' for 'B'/);
    assert.deepEqual(catalog!.projects[1]!.state, { raw: "just words" });
  });

  it("fails with E_IMPORT_NO_TABLE when there is no project table", () => {
    const { catalog, issues } = importReadme("# Demo\n\n## About\n\nJust prose.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    assert.equal(catalog, undefined);
    assert.equal(issues[0]?.code, "E_IMPORT_NO_TABLE");
    assert.equal(issues[0]?.severity, "error");
  });

  it("escapes hostile names so they break neither the table nor the page", () => {
    const { catalog } = importReadme(readme("| [A](https://a.example) | Goal | | | |\n"));
    const hostile = {
      ...catalog!,
      projects: [{ ...catalog!.projects[0]!, name: "a|b <script>alert(1)</script> [x](y)" }],
    };
    const rendered = renderReadme(hostile);
    assert.match(rendered, /\[a\\\|b \\<script\\>alert\(1\)\\<\/script\\> \\\[x\\\]\(y\)\]\(https:\/\/a\.example\)/);
    assert.equal(importReadme(rendered).catalog!.projects[0]!.name, hostile.projects[0]!.name);
  });

  it("reads CRLF line endings like LF", () => {
    const md = readme("| [A](https://a.example) | Goal | CNCF: sandbox | | |\n");
    assert.deepEqual(importReadme(md.replace(/\n/g, "\r\n")).catalog, importReadme(md).catalog);
  });

  it("renders a hand-written catalog without readme settings, and imports it back", () => {
    const handWritten = Catalog.parse({
      apiVersion: "upstream/v1",
      program: { name: "Hand Made", support: "Ask in the issues." },
      personas: [{ id: "ops", title: "Operators" }],
      projects: [
        {
          id: "alpha",
          name: "Alpha",
          persona: "ops",
          home: "https://alpha.example",
          state: { framework: "CNCF", level: "sandbox" },
        },
      ],
    });
    const rendered = renderReadme(handWritten);
    assert.match(
      rendered,
      /^# Hand Made\n\n## Support\n\nAsk in the issues\.\n\n## Projects\n\n### Operators\n\n\| Project & \(artifacts\)/,
    );
    const back = importReadme(rendered).catalog!;
    // Ids come back as the slugs of the names: a README does not show them.
    assert.deepEqual(back.projects, [
      {
        id: "alpha",
        name: "Alpha",
        persona: "operators",
        home: "https://alpha.example",
        state: { framework: "CNCF", level: "sandbox" },
      },
    ]);
    assert.equal(back.program.support, "Ask in the issues.");
  });

  it("keeps text between persona tables and after the last one", () => {
    const md = readme(
      "| [A](https://a.example) | Goal | | | |\n\nA note under the table.\n\n### More\n\n| Project | Goal " +
        "| State | Communication | Used in |\n|---|---|---|---|---|\n\nClosing words.\n\n## Last\n\nEnd.\n",
    );
    const { catalog } = importReadme(md);
    assert.equal(catalog!.readme?.personaTrailers?.tools, "\nA note under the table.\n\n");
    assert.equal(diffW(md, renderReadme(catalog!)), "");
  });
});

describe("unsafe HTML in a README cell", () => {
  it("is imported as written with a warning naming the line, and rendered escaped", () => {
    const md =
      "# P\n\n## Projects\n\n### Ops\n\n| Project | Goal | State | Communication | Use on Azure " +
      "|\n|---|---|---|---|---|\n| [A](https://a.example) | Do " +
      "<script>alert(1)</script> things | CNCF: sandbox | | |\n";
    const { catalog, issues } = importReadme(md, { file: "x.md" });
    assert.equal(catalog!.projects[0]!.goal, "Do <script>alert(1)</script> things");
    assert.deepEqual(
      issues.map((i) => [i.code, i.line, i.severity]),
      [["E_IMPORT_UNSAFE_HTML", 9, "warning"]],
    );
    assert.match(renderReadme(catalog!), /Do \\<script>alert\(1\)&lt;\/script> things/);
  });
});
