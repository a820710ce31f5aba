import { it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = (args: string[]) =>
  spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, UPSTREAM_FROM_SOURCES: "1" },
  });
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
  const out = JSON.parse(r.stdout) as {
    summary: { rows: Array<{ project: string; supported: string; drift: string }> };
    assessments: Array<{
      project: string;
      findings: Array<{ criterionId: string; status: string; evidence: string[] }>;
    }>;
  };
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
  assert.match(
    r.stderr,
    new RegExp(
      "--fail-on-drift: declared above what the evidence supports: " +
        String.raw`edge-toolkit \(declared Azure: sandbox, supported none\)`,
    ),
  );
  assert.doesNotMatch(r.stderr, /fleet-manager \(declared/);
});

it("the README's collect and assess examples are the real output on the demo program", async () => {
  const { readFileSync } = await import("node:fs");
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const shown = (command: string) => {
    const at = readme.indexOf(`$ ${command}\n`);
    assert.ok(at >= 0, `the README shows ${command}`);
    return readme.slice(at + command.length + 3, readme.indexOf("```", at));
  };
  const real = (args: string[]) => {
    const r = run(["bin/upstream.js", ...args.map((a) => (a === "/tmp/upstream-demo" ? dir : a))]);
    // as the README's tour shows a command: its output, then what it said on stderr
    return (r.stdout + r.stderr).replaceAll(dir, "/tmp/upstream-demo");
  };
  // A first run reads everything; the README shows a second, served by the cache.
  real(["collect", "fleet-manager", "--catalog", "/tmp/upstream-demo", "--as-of", "2026-11-01"]);
  assert.equal(
    shown("upstream collect fleet-manager --catalog /tmp/upstream-demo --as-of 2026-11-01"),
    real(["collect", "fleet-manager", "--catalog", "/tmp/upstream-demo", "--as-of", "2026-11-01"]),
  );
  const summary = shown("upstream assess --catalog /tmp/upstream-demo --as-of 2026-12-01");
  assert.equal(summary, real(["assess", "--catalog", "/tmp/upstream-demo", "--as-of", "2026-12-01"]));
});

it("the README's review and decision history are the real output on the demo's invented TOC", async () => {
  const { readFileSync } = await import("node:fs");
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const review = run(["bin/upstream.js", "review", "show", "2025-Q4", "--catalog", dir]);
  assert.equal(review.status, 0, review.stderr);
  const decisions = run(["bin/upstream.js", "decisions", "--catalog", dir]);
  assert.equal(decisions.status, 0, decisions.stderr);
  const normalize = (s: string) => s.split(dir).join("/tmp/upstream-demo");
  for (const line of [
    "  2025-Q4/fleet-manager-incubating: promote fleet-manager to incubating — " +
      "proposed by ann-lee on 2025-10-01: PASSED",
    "    tally: 3 yes of 6 voting members < 2/3 (4 needed)",
    "  2025-10-22  fleet-manager  promoted to incubating",
  ]) {
    assert.ok(normalize(review.stdout).includes(`${line}\n`), `review show prints: ${line}`);
    assert.ok(readme.includes(`${line}\n`), `the README shows: ${line}`);
  }
  const row = normalize(decisions.stdout).trim().split("\n").at(-1)!;
  assert.ok(readme.includes(`${row}\n`), `the README shows the decision row: ${row}`);
  const toc = readFileSync(join(dir, "governance", "toc.yaml"), "utf8");
  assert.match(toc, /^# INVENTED for the demo program/);
  // The bundled example of the real program records no TOC and no decision it does not have.
  const real = run(["bin/upstream.js", "decisions", "--catalog", "examples/azure-container-compute", "--json"]);
  assert.equal(real.status, 0, real.stderr);
  assert.deepEqual(JSON.parse(real.stdout), { schemaVersion: 1, decisions: [] });
});
