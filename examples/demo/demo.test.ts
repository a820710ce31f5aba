import { it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
let dir: string;

before(() => {
  dir = join(mkdtempSync(join(tmpdir(), "demo-test-")), "demo");
  const made = run([join(ROOT, "node_modules/tsx/dist/cli.mjs"), "examples/demo/make-demo.ts", dir]);
  assert.equal(made.status, 0, made.stderr);
});
after(() => rmSync(join(dir, ".."), { recursive: true, force: true }));

it("GIVEN the demo program WHEN assessed as of a date THEN the whole pipeline gives levels, evidence and drift", () => {
  const r = run(["bin/upstream.js", "assess", "--catalog", dir, "--as-of", "2026-11-01", "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { summary: { rows: Array<{ project: string; supported: string; drift: string }> }; assessments: Array<{ project: string; findings: Array<{ criterionId: string; status: string; evidence: string[] }> }> };
  const row = (id: string) => out.summary.rows.find((x) => x.project === id)!;
  assert.deepEqual([row("fleet-manager").supported, row("fleet-manager").drift], ["incubating", "none"]);
  assert.equal(row("edge-toolkit").drift, "declared-above-supported");
  const fleet = out.assessments.find((a) => a.project === "fleet-manager")!;
  const maintainers = fleet.findings.find((f) => f.criterionId === "incubating.maintainers")!;
  assert.equal(maintainers.status, "met");
  // organizations come from the catalog's gitdm affiliations file
  assert.match(maintainers.evidence.join("\n"), /annlee \(Microsoft\), rajpatel \(Microsoft\), miachen \(Acme Corp\)/);
  assert.equal(fleet.findings.find((f) => f.criterionId === "incubating.security-review")!.status, "expired");
});

it("--fail-on-drift exits 1 naming each project declared above its evidence", () => {
  const r = run(["bin/upstream.js", "assess", "--catalog", dir, "--as-of", "2026-11-01", "--fail-on-drift"]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--fail-on-drift: declared above what the evidence supports: edge-toolkit \(declared Azure: sandbox, supported none\)/);
  assert.doesNotMatch(r.stderr, /fleet-manager \(declared/);
});
