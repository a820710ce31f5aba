import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { z } from "zod";
import { buildRepo, tempDir } from "../../evidence/testing.js";
import { JSON_OUTPUTS } from "../json-output.js";
import { runUpstream } from "../testing.js";

// GIVEN a catalog of two projects (real git repositories in a temp folder): `one` gained a contributor from a second
// organization after the last review, `late` had no commit yet at the last review; the store is the real SQLite file
// beside the catalog. WHEN `assess --since` writes the review document and its JSON THEN each project's momentum
// gives the figures of both dates from the stored snapshots, says what rose and what fell, and says "no stored
// evidence" (unknown, not zero) where the store holds none.

const CATALOG = `apiVersion: upstream/v1
program:
  name: Test
  organizations: [{ name: Acme, domains: [acme.io] }, { name: Globex, domains: [globex.com] }]
personas:
  - { id: ops, title: Ops }
projects:
  - { id: one, name: One, persona: ops, repositories: [repos/one], state: { framework: CNCF, level: sandbox } }
  - { id: late, name: Late, persona: ops, repositories: [repos/late], state: { framework: CNCF, level: sandbox } }
`;

const SINCE = "2021-06-30";
const AS_OF = "2022-06-30";

describe("assess --since: the momentum of each project, from the stored snapshots", () => {
  let root: ReturnType<typeof tempDir>;
  before(() => {
    root = tempDir("upstream-momentum-");
    writeFileSync(join(root.dir, "upstream.yaml"), CATALOG);
    buildRepo(join(root.dir, "repos", "one"), [
      { date: "2020-05-01", author: "Ann <ann@acme.io>" },
      { date: "2021-01-10", author: "Ann <ann@acme.io>", tag: "v0.9.0" },
      { date: "2021-03-01", author: "Ann <ann@acme.io>", tag: "v1.0.0" },
      // after the last review: Bob, of another organization, joins; one release only
      { date: "2021-09-01", author: "Bob <bob@globex.com>" },
      { date: "2022-02-01", author: "Ann <ann@acme.io>", tag: "v1.1.0" },
      { date: "2022-03-01", author: "Bob <bob@globex.com>" },
    ]);
    buildRepo(join(root.dir, "repos", "late"), [{ date: "2022-01-05", author: "Cy <cy@initech.com>" }]);
  });
  after(() => root.cleanup());

  const args = (...more: string[]) => [
    "assess",
    "--catalog",
    root.dir,
    "--as-of",
    AS_OF,
    "--since",
    SINCE,
    "--allow-unreadable",
    ...more,
  ];

  it("the markdown review says what rose and fell, with the figures of both dates", () => {
    const r = runUpstream(args("--format", "markdown"));
    assert.equal(r.code, 0, r.stderr);
    const section = r.stdout.slice(r.stdout.indexOf("## One (`one`)"));
    const momentum = section.slice(section.indexOf(`### Momentum since ${SINCE}`));
    assert.ok(momentum.length > 0 && section.includes("### Momentum"), r.stdout);
    assert.match(momentum, /- Rose: commits in the last 12 months, contributors in the last 12 months, organizations/);
    assert.match(momentum, /- Fell: releases in the last 12 months\./);
    assert.match(momentum, /- New organizations: Globex\./);
    assert.match(momentum, new RegExp(`\\| figure \\| ${SINCE} \\| ${AS_OF} \\| change \\|`));
    assert.match(momentum, /\| commits in the last 12 months \| 2 \| 3 \| rose \+1 \|/);
    assert.match(momentum, /\| contributors in the last 12 months \| 1 \| 2 \| rose \+1 \|/);
    assert.match(momentum, /\| organizations in the last 12 months \| 1 \| 2 \| rose \+1 \|/);
    assert.match(momentum, /\| releases in the last 12 months \| 2 \| 1 \| fell −1 \|/);
    assert.match(momentum, new RegExp(`Read from the stored snapshots: repos/one ${SINCE} → ${AS_OF}`));
    // late had no commit at the last review: nothing is stored for it then, so its figures are unknown, not zero
    const late = r.stdout.slice(r.stdout.indexOf("Late"));
    assert.match(late, new RegExp(`No stored evidence as of ${SINCE} for repos/late: its figures are unknown`));
    assert.match(
      late,
      /\| commits in the last 12 months \| unknown \| 1 \| unknown: no stored evidence of repos\/late/,
    );
  });

  it("--json carries the same figures, valid against the published schema", () => {
    const r = runUpstream(args("--json"));
    assert.equal(r.code, 0, r.stderr);
    const parsed = JSON_OUTPUTS["assess-since"].safeParse(JSON.parse(r.stdout));
    assert.ok(parsed.success, parsed.success ? "" : z.prettifyError(parsed.error));
    const momentum = new Map((parsed.data.momentum ?? []).map((m) => [m.project, m]));
    const one = momentum.get("one")!;
    const figures = Object.fromEntries(one.figures.map((f) => [f.metric, [f.before, f.after, f.direction]]));
    assert.deepEqual(figures.commits, [2, 3, "rose"]);
    assert.deepEqual(figures.contributors, [1, 2, "rose"]);
    assert.deepEqual(figures.organizations, [1, 2, "rose"]);
    assert.deepEqual(figures.releases, [2, 1, "fell"]);
    assert.equal(one.repositories[0]!.before?.asOf, SINCE);
    const late = momentum.get("late")!;
    assert.equal(late.repositories[0]!.before, null);
    assert.ok(late.figures.every((f) => f.before === null && f.direction === "unknown"));
    // the figures are the store's: its snapshots of both dates are there
    const db = new Database(join(root.dir, ".upstream", "portfolio.db"), { readonly: true });
    const rows = db
      .prepare("SELECT as_of, contributors FROM snapshots WHERE repository = 'repos/one' ORDER BY as_of")
      .all() as { as_of: string }[];
    db.close();
    assert.deepEqual(
      rows.map((row) => row.as_of),
      [SINCE, AS_OF],
    );
  });
});
