import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { buildRepo, tempDir } from "../../evidence/testing.js";

// GIVEN a catalog with a real repository WHEN the commands run as a user runs them THEN
// stdout holds only the result, and bad input exits 1 with located errors.

const BIN = resolve(import.meta.dirname, "../../../bin/upstream.js");
const root = tempDir("upstream-assess-cli-");
after(() => root.cleanup());

mkdirSync(join(root.dir, "repo"));
buildRepo(join(root.dir, "repo"), [{ date: "2020-01-02", files: { OWNERS: "approvers:\n  - alice\n  - bob\n", "README.md": "# Demo\n" }, tag: "v1.0.0" }]);
const CATALOG = join(root.dir, "upstream.yaml");
writeFileSync(
  CATALOG,
  `apiVersion: upstream/v1
program: { name: Demo, organizations: [Microsoft] }
personas: [{ id: ops, title: Operators }]
projects:
  - id: alpha
    name: Alpha
    persona: ops
    repositories: [repo]
    state: { framework: Azure, level: incubation }
    attestations:
      sandbox.msft-sponsor: { status: met, by: jane, date: 2020-01-01 }
  - id: kube
    name: Kube
    persona: ops
    state: { framework: Kubernetes, level: stable }
`,
);

function upstream(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: root.dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("upstream assess / badge / frameworks", () => {
  it("prints only JSON on stdout with --json", () => {
    const r = upstream("assess", "--catalog", CATALOG, "--as-of", "2020-06-01", "--json");
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.summary.asOf, "2020-06-01");
    assert.equal(out.assessments[0].findings.find((f: { criterionId: string }) => f.criterionId === "incubating.maintainers").status, "met");
    assert.equal(out.assessments[1].framework, null);
  });

  it("shows a named project in detail and exits 1 on drift with --fail-on-drift", () => {
    const r = upstream("assess", "alpha", "--catalog", CATALOG, "--as-of", "2020-06-01", "--fail-on-drift");
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Alpha \(alpha\) as of 2020-06-01/);
    assert.match(r.stdout, /· OWNERS in repo@[0-9a-f]{7} lists 2 maintainers: alice, bob/);
  });

  it("assesses an unmapped state with --framework and writes markdown", () => {
    const r = upstream("assess", "kube", "--catalog", CATALOG, "--framework", "cncf", "--format", "markdown", "--as-of", "2020-06-01");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\| kube \| cncf@1\.6 \| Kubernetes: stable \| none \|/);
  });

  it("refuses an unknown project, a bad date and a bad framework file", () => {
    assert.match(upstream("assess", "alpah", "--catalog", CATALOG).stderr, /no project 'alpah' in the catalog; did you mean 'alpha'\?/);
    assert.equal(upstream("assess", "--catalog", CATALOG, "--as-of", "2020-13-01").code, 2);
    const bad = join(root.dir, "bad.yaml");
    writeFileSync(bad, "id: bad\nversion: '1'\ntitle: Bad\nname: Bad\nstages:\n  - id: one\n    title: One\n    criteria:\n      - { id: one.x, text: X, decided: automatic, rule: { id: maintainer } }\n");
    const r = upstream("assess", "--catalog", CATALOG, "--framework", bad);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.yaml:9:\d+: error: unknown rule 'maintainer' .*\[E_FRAMEWORK_INVALID\]\n    fix: did you mean 'maintainers'\?/);
    assert.equal(upstream("frameworks", "validate", bad).code, 1);
  });

  it("writes a badge to stdout or a folder", () => {
    const r = upstream("badge", "alpha", "--catalog", CATALOG);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<svg [^>]*aria-label="AzCNU maturity: incubating/);
    assert.equal(upstream("badge", "--catalog", CATALOG, "--out-dir", join(root.dir, "badges")).code, 0);
    assert.match(readFileSync(join(root.dir, "badges", "kube.svg"), "utf8"), /Kubernetes maturity: stable/);
  });

  it("lists and shows frameworks", () => {
    assert.match(upstream("frameworks", "list", "--catalog", CATALOG).stdout, /azcnu-v0\.1 +0\.1 +AzCNU/);
    assert.match(upstream("frameworks", "show", "cncf").stdout, /must {3}automatic {3}graduated\.maintainer-organizations \[maintainer-organizations ≥ 2\]/);
  });
});
