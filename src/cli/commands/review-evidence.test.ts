import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { momentumBetween } from "../../app/index.js";
import { buildRepo } from "../../evidence/testing.js";
import { TOC_YAML } from "../../governance/testing.js";
import { runUpstream } from "../testing.js";

// GIVEN a catalog folder in git whose project fleet has a local repository with work by Acme before July and by
// Contoso in August and September, an attestation given in August, and whose 2026-Q3 review opened on 2026-07-01
// WHEN 2026-Q4 opens on 2026-10-01 THEN each project due carries its assessment for the day (kept in the store,
// named in the YAML, not copied there), what changed since 2026-07-01 and its momentum; `review show --format
// markdown` shows them from the store.

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function git(dir: string, ...args: string[]): void {
  const r = spawnSync("git", ["-C", dir, ...args], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
}

function program(): string {
  const dir = mkdtempSync(join(tmpdir(), "review-evidence-"));
  dirs.push(dir);
  const repo = join(dir, "repos", "fleet");
  buildRepo(repo, [
    { date: "2026-01-10", author: "Ann <ann@acme.io>", files: { LICENSE: "MIT License\n", "README.md": "# Fleet\n" } },
    { date: "2026-03-10", author: "Ann <ann@acme.io>", files: { "a.txt": "1\n" } },
    { date: "2026-05-10", author: "Al <al@acme.io>", files: { "b.txt": "2\n" } },
    { date: "2026-08-10", author: "Cy <cy@contoso.com>", files: { "c.txt": "3\n" } },
    { date: "2026-09-10", author: "Cy <cy@contoso.com>", files: { "d.txt": "4\n" } },
  ]);
  mkdirSync(join(dir, "catalog", "governance", "reviews"), { recursive: true });
  const catalog = join(dir, "catalog");
  writeFileSync(
    join(catalog, "upstream.yaml"),
    "apiVersion: upstream/v1\nprogram:\n  name: Example\n  frameworks: {Azure: azcnu-v0.1}\n" +
      "  organizations: [{name: Acme, domains: [acme.io]}, {name: Contoso, domains: [contoso.com]}]\n" +
      "personas: [{id: ops, title: Ops}]\nprojects:\n" +
      `  - id: fleet\n    name: Fleet\n    persona: ops\n    state: {framework: Azure, level: sandbox}\n` +
      `    repositories: [${repo}]\n` +
      // given in August: not yet counted when 2026-Q3 opened, counted at 2026-Q4
      "    attestations:\n      sandbox.msft-sponsor: {status: met, by: ann, date: 2026-08-01}\n",
  );
  writeFileSync(join(catalog, "governance", "toc.yaml"), TOC_YAML);
  writeFileSync(join(catalog, ".gitignore"), ".upstream/\n.upstream-cache/\n");
  git(catalog, "init", "-q");
  git(catalog, "add", "-A");
  git(catalog, "-c", "user.name=T", "-c", "user.email=t@t.invalid", "commit", "-qm", "the catalog");
  return catalog;
}

const ok = (dir: string, ...args: string[]) => {
  const r = runUpstream([...args, "--catalog", dir]);
  assert.equal(r.code, 0, `${args.join(" ")}\n${r.stderr}`);
  return r;
};
const has = (text: string, part: string) => assert.ok(text.includes(part), `expected «${part}» in\n${text}`);

describe("review open: each project due with its assessment, changes and momentum", () => {
  it("stores the assessments, names them in the YAML, review show reads them back with the quarter's momentum", () => {
    const dir = program();
    ok(dir, "review", "open", "2026-Q3", "--date", "2026-07-01", "--no-fetch");
    ok(dir, "review", "close", "2026-Q3", "--date", "2026-07-15");
    const opened = ok(dir, "review", "open", "2026-Q4", "--date", "2026-10-01", "--no-fetch", "--json");
    const review = JSON.parse(opened.stdout).review;
    assert.deepEqual(Object.keys(review.assessed), ["fleet"]);
    assert.equal(review.assessed.fleet.stored, "azcnu-v0.1@0.1 as of 2026-10-01");
    // The YAML keeps what humans decide and a reference to the derived side, not the assessment itself.
    const yaml = readFileSync(join(dir, "governance", "reviews", "2026-Q4.yaml"), "utf8");
    assert.doesNotMatch(yaml, /findings|criterion|commits|momentum/);
    has(yaml, "stored: azcnu-v0.1@0.1 as of 2026-10-01");

    const markdown = ok(dir, "review", "show", "2026-Q4", "--format", "markdown").stdout;
    has(markdown, "## Since the last review");
    has(markdown, "assessed as of 2026-10-01 against azcnu-v0.1@0.1 (read from the store)");
    has(markdown, "momentum 2026-07-01 → 2026-10-01: commits in the last 12 months 3 → 5 (+2)");
    has(markdown, "contributors in the last 12 months 2 → 3 (+1)");
    has(markdown, "organizations in the last 12 months 1 → 2 (+1; new: Contoso)");
    has(markdown, "- criteria gained (1): sandbox.msft-sponsor");
    const text = ok(dir, "review", "show", "2026-Q4").stdout;
    has(text, "momentum 2026-07-01 → 2026-10-01: commits in the last 12 months 3 → 5 (+2)");
    has(text, "criteria gained (1): sandbox.msft-sponsor");
    const json = JSON.parse(ok(dir, "review", "show", "2026-Q4", "--json").stdout);
    has(json.due[0].derived.momentum, "commits in the last 12 months 3 → 5 (+2)");

    // Without the store, show says what it cannot tell rather than computing it.
    const bare = ok(dir, "review", "show", "2026-Q4", "--no-store").stdout;
    has(bare, "no assessment for 2026-10-01: no store");
    has(bare, "momentum: no stored evidence as of 2026-07-01 or 2026-10-01");
  });
});

describe("momentum from the evidence at two reviews", () => {
  it("says which day has no stored evidence, and never adds up people over repositories", () => {
    const dates = { since: "2026-07-01", asOf: "2026-10-01" };
    const none = momentumBetween("fleet", [{ repository: "r", before: undefined, after: undefined }], dates);
    assert.equal(none.unknown, "no stored evidence as of 2026-07-01 or 2026-10-01");
    assert.ok(none.figures.every((f) => f.direction === "unknown" && f.before === null && f.after === null));
    assert.equal(momentumBetween("fleet", [], dates).unknown, "fleet lists no repository");
  });
});
