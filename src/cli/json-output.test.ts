import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { JSON_OUTPUTS, outputJsonSchema, type JsonOutputName } from "./json-output.js";
import { PACKAGE_ROOT } from "./shared.js";
import { runUpstream } from "./testing.js";
import { LANDSCAPE_VK_YML, writeGovernedProgram } from "../governance/testing.js";

/**
 * Every --json document of the real commands, run on the bundled example, the broken example and
 * the demo program (real git repositories), parsed with its strict schema: a field the command
 * prints and the schema does not name, or one the schema requires and the command leaves out,
 * fails here.
 */

let root: string;
let demo: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), "json-output-"));
  demo = join(root, "demo");
  const made = spawnSync(
    process.execPath,
    [join(PACKAGE_ROOT, "node_modules/tsx/dist/cli.mjs"), "examples/demo/make-demo.ts", demo],
    { cwd: PACKAGE_ROOT, encoding: "utf8", timeout: 120_000 },
  );
  assert.equal(made.status, 0, made.stderr);
});
after(() => rmSync(root, { recursive: true, force: true }));

/** A catalog with a TOC and a closed quarter (one motion passed, one failed), removed after the tests. */
function governedProgram(): string {
  const dir = writeGovernedProgram();
  governed.push(dir);
  return dir;
}
const governed: string[] = [];
after(() => governed.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Run a command and parse its stdout with the named output's strict schema. */
function parsedOutput<N extends JsonOutputName>(name: N, args: readonly string[], expectedCode = 0) {
  const r = runUpstream(args);
  assert.equal(r.code, expectedCode, r.stderr);
  const json: unknown = JSON.parse(r.stdout);
  const parsed = JSON_OUTPUTS[name].safeParse(json);
  assert.ok(parsed.success, `${args.join(" ")}: ${parsed.success ? "" : z.prettifyError(parsed.error)}`);
  return parsed.data as z.infer<(typeof JSON_OUTPUTS)[N]>;
}

const BUNDLED = join(PACKAGE_ROOT, "examples", "azure-container-compute", "upstream.yaml");
const BROKEN = join(PACKAGE_ROOT, "examples", "broken-catalog.yaml");

describe("--json outputs match their published schemas", () => {
  it("validate: a valid and an invalid catalog", () => {
    const ok = parsedOutput("validate", ["validate", "--json", "--catalog", BUNDLED]);
    assert.equal(ok.schemaVersion, 1);
    assert.equal(ok.valid, true);
    const bad = parsedOutput("validate", ["validate", "--json", "--catalog", BROKEN], 1);
    assert.equal(bad.valid, false);
    assert.ok(bad.issues.some((i) => i.code === "E_CATALOG_UNKNOWN_KEY" && i.line === 5 && i.col === 3));
  });

  it("list: every project whole, as written (goal, versions, usedIn, channels)", () => {
    const out = parsedOutput("list", ["list", "--json", "--catalog", BUNDLED]);
    assert.equal(out.projects.length, 19);
    assert.ok(out.projects.every((p) => typeof p.goal === "string"));
    assert.ok(out.projects.some((p) => p.versions !== undefined));
    assert.ok(out.projects.some((p) => Array.isArray(p.usedIn) && p.usedIn.length > 0));
    const demoOut = parsedOutput("list", ["list", "--json", "--catalog", demo]);
    assert.ok(
      demoOut.projects.some((p) => Object.keys(p.attestations ?? {}).length > 0),
      "attestations listed",
    );
  });

  it("collect: the evidence of the demo program's three repositories", () => {
    const out = parsedOutput("collect", ["collect", "--json", "--catalog", demo, "--as-of", "2026-11-01"]);
    assert.equal(out.schemaVersion, 1);
    assert.deepEqual(
      out.projects.map((p) => p.project),
      ["fleet-manager", "policy-agent", "edge-toolkit"],
    );
    assert.ok(out.projects.every((p) => p.repositories.length > 0));
  });

  it("assess: summary and assessments, with supported null where no stage is supported", () => {
    const out = parsedOutput("assess", ["assess", "--json", "--catalog", demo, "--as-of", "2026-12-01"]);
    const supported: Record<string, string | null> = Object.fromEntries(
      out.summary.rows.map((r) => [r.project, r.supported]),
    );
    // the same value, with the same meaning, in the summary and in each assessment
    for (const a of out.assessments) assert.equal(a.supported, supported[a.project]);
    assert.deepEqual(supported, { "fleet-manager": "incubating", "policy-agent": null, "edge-toolkit": null });
  });

  it("assess --since: both summaries and the changes, supported null for none on both sides", () => {
    const out = parsedOutput("assess-since", [
      "assess",
      "--json",
      "--catalog",
      demo,
      "--as-of",
      "2026-12-01",
      "--since",
      "2025-06-01",
    ]);
    const fleet = out.changes.find((c) => c.project === "fleet-manager")!;
    assert.deepEqual(fleet.supported, { before: "sandbox", after: "incubating" });
    const edge = out.changes.find((c) => c.project === "edge-toolkit")!;
    assert.equal(edge.supported.after, null);
    assert.equal(out.after.rows.find((r) => r.project === "edge-toolkit")!.supported, null);
  });

  it("frameworks list and show", () => {
    const list = parsedOutput("frameworks", ["frameworks", "list", "--json", "--catalog", demo]);
    assert.deepEqual(
      list.frameworks.map((f) => f.id),
      ["azcnu-v0.1", "cncf"],
    );
    const show = parsedOutput("frameworks-show", ["frameworks", "show", "cncf", "--json"]);
    assert.equal(show.framework.id, "cncf");
    assert.ok(show.framework.stages.length >= 3);
  });

  it("decisions: the passed motion, with its vote", () => {
    const out = parsedOutput("decisions", ["decisions", "--json", "--catalog", governedProgram()]);
    assert.equal(out.schemaVersion, 1);
    assert.deepEqual(
      out.decisions.map((d) => [d.project, d.kind, d.stage, d.motion, d.vote?.yes]),
      [["fleet", "promote", "incubating", "2026-Q4/fleet-incubating", 4]],
    );
  });

  it("decisions import: the projects matched and not, and the decisions it would record", () => {
    const dir = governedProgram();
    const landscape = join(dir, "landscape.yml");
    writeFileSync(landscape, LANDSCAPE_VK_YML);
    const out = parsedOutput("decisions-import", ["decisions", "import", landscape, "--json", "--catalog", dir]);
    assert.equal(out.written, false);
    assert.deepEqual(
      out.decisions.map((d) => `${d.project} ${d.kind} ${d.date}`),
      ["vk admit 2018-12-04"],
    );
    const matches = out.files[0]!.matches;
    assert.ok(matches.some((m) => m.matched && m.entry.name === "VK"));
    assert.ok(matches.some((m) => !m.matched && m.project === "fleet"));
  });

  it("toc list: who serves on a date, an observer without a vote, a term that ends", () => {
    const dir = governedProgram();
    const out = parsedOutput("toc", ["toc", "list", "--json", "--catalog", dir, "--date", "2025-06-01"]);
    assert.equal(out.file, join(dir, "governance", "toc.yaml"));
    const gus = out.members.find((m) => m.handle === "gus")!;
    assert.deepEqual([gus.role, gus.votes], ["observer", false]);
    assert.equal(out.members.find((m) => m.handle === "hal")!.term.until, "2025-12-31");
    assert.equal(out.members.find((m) => m.handle === "ann")!.term.until, null);
  });

  it("a strict schema rejects a field it does not name", () => {
    const r = runUpstream(["validate", "--json", "--catalog", BUNDLED]);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.equal(JSON_OUTPUTS.validate.safeParse({ ...json, extra: 1 }).success, false);
    assert.equal(JSON_OUTPUTS.validate.safeParse({ ...json, schemaVersion: 2 }).success, false);
  });
});

describe("upstream schema --output", () => {
  for (const name of Object.keys(JSON_OUTPUTS) as JsonOutputName[])
    it(`prints the JSON Schema of ${name}, generated from its zod schema`, () => {
      const r = runUpstream(["schema", "--output", name]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), z.toJSONSchema(JSON_OUTPUTS[name], { target: "draft-2020-12" }));
      assert.deepEqual(JSON.parse(r.stdout), outputJsonSchema(name));
    });

  it("names the outputs it knows when given another, as a usage error", () => {
    const r = runUpstream(["schema", "--output", "asess"]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /did you mean 'assess'\? \(outputs: validate, list, collect, assess, assess-since/);
  });
});
