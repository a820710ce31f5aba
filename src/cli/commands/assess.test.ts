import assert from "node:assert/strict";
import { runUpstream } from "../testing.js";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { buildRepo, tempDir } from "../../evidence/testing.js";

// GIVEN a catalog with a real repository WHEN the commands run as a user runs them THEN
// stdout holds only the result, and bad input exits 1 with located errors.

const root = tempDir("upstream-assess-cli-");
after(() => root.cleanup());

mkdirSync(join(root.dir, "repo"));
buildRepo(join(root.dir, "repo"), [
  { date: "2020-01-02", files: { OWNERS: "approvers:\n  - alice\n  - bob\n", "README.md": "# Demo\n" }, tag: "v1.0.0" },
]);
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
  return runUpstream(args, { cwd: root.dir });
}

describe("upstream assess / badge / frameworks", () => {
  it("reads program organizations written with their domains", () => {
    const folder = join(root.dir, "with-domains");
    mkdirSync(folder);
    writeFileSync(
      join(folder, "upstream.yaml"),
      readFileSync(CATALOG, "utf8")
        .replace(
          "organizations: [Microsoft]",
          "organizations: [{ name: Microsoft, domains: [microsoft.com] }], bots: [ci-robot]",
        )
        .replaceAll("[repo]", "[../repo]"),
    );
    const plain = upstream("assess", "alpha", "--json", "--as-of", "2020-06-01");
    const withDomains = upstream("assess", "alpha", "--json", "--as-of", "2020-06-01", "--catalog", folder);
    assert.equal(withDomains.code, plain.code, withDomains.stderr);
    const findings = (r: { stdout: string }) =>
      (
        JSON.parse(r.stdout) as { assessments: { findings: { criterionId: string; status: string }[] }[] }
      ).assessments[0]!.findings.map((f) => [f.criterionId, f.status]);
    assert.deepEqual(findings(withDomains), findings(plain));
  });

  it("prints only JSON on stdout with --json", () => {
    const r = upstream("assess", "--catalog", CATALOG, "--as-of", "2020-06-01", "--json");
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.summary.asOf, "2020-06-01");
    assert.equal(
      out.assessments[0].findings.find((f: { criterionId: string }) => f.criterionId === "incubating.maintainers")
        .status,
      "met",
    );
    assert.equal(out.assessments[1].framework, null);
  });

  it("shows a named project in detail and exits 1 on drift with --fail-on-drift", () => {
    const r = upstream("assess", "alpha", "--catalog", CATALOG, "--as-of", "2020-06-01", "--fail-on-drift");
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Alpha \(alpha\) as of 2020-06-01/);
    assert.match(r.stdout, /· OWNERS in repo@[0-9a-f]{7} lists 2 maintainers: alice, bob/);
  });

  it(
    "exits 1 when repositories could not be read, says which " +
      "projects were not measured, and passes with --allow-unreadable",
    () => {
      const catalog = join(root.dir, "unreadable.yaml");
      writeFileSync(
        catalog,
        `apiVersion: upstream/v1
program: { name: Demo, frameworks: { CNCF: cncf } }
personas: [{ id: ops, title: Operators }]
projects:
  - { id: alpha, name: Alpha, persona: ops, repositories: [repo], state: { framework: CNCF, level: sandbox } }
  - { id: gone, name: Gone, persona: ops, repositories: [missing-repo], state: { framework: CNCF, level: sandbox } }
  - { id: half, name: Half, persona: ops, repositories: [repo, also-missing],
      state: { framework: CNCF, level: sandbox } }
`,
      );
      mkdirSync(join(root.dir, "missing-repo"), { recursive: true }); // exists but is no git repository
      const r = upstream("assess", "--catalog", catalog, "--as-of", "2020-06-01");
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(
          "1 project not measured and 1 measured in part, because repositories could not be read: " +
            String.raw`gone, half; exit 1 \(--allow-unreadable to accept\)`,
        ),
      );
      assert.match(r.stdout, /1 not measured and 1 measured in part/);
      assert.match(r.stdout, /gone: not measured: missing-repo could not be read: .*\[E_REPO_NOT_GIT\]/);
      assert.match(r.stdout, /half: measured in part: also-missing could not be read/);
      const json = JSON.parse(upstream("assess", "--catalog", catalog, "--as-of", "2020-06-01", "--json").stdout);
      assert.deepEqual(
        json.summary.rows.map((row: { measured: string }) => row.measured),
        ["all", "none", "partly"],
      );
      const allowed = upstream("assess", "--catalog", catalog, "--as-of", "2020-06-01", "--allow-unreadable");
      assert.equal(allowed.code, 0, allowed.stderr);
      assert.equal(
        upstream("assess", "alpha", "--catalog", catalog, "--as-of", "2020-06-01").code,
        0,
        "a project whose repositories were all read passes",
      );
    },
  );

  it("assesses an unmapped state with --framework and writes markdown", () => {
    const r = upstream(
      "assess",
      "kube",
      "--catalog",
      CATALOG,
      "--framework",
      "cncf",
      "--format",
      "markdown",
      "--as-of",
      "2020-06-01",
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\| kube \| cncf@1\.6 \| Kubernetes: stable \| none \|/);
  });

  it("refuses an unknown project, a bad date and a bad framework file", () => {
    assert.match(
      upstream("assess", "alpah", "--catalog", CATALOG).stderr,
      /no project 'alpah' in the catalog; did you mean 'alpha'\?/,
    );
    assert.equal(upstream("assess", "--catalog", CATALOG, "--as-of", "2020-13-01").code, 2);
    const bad = join(root.dir, "bad.yaml");
    writeFileSync(
      bad,
      "id: bad\nversion: '1'\ntitle: Bad\nname: Bad\nstages:\n  - id: one\n    title: One\n    " +
        "criteria:\n      - { id: one.x, text: X, decided: automatic, rule: { id: maintainer } }\n",
    );
    const r = upstream("assess", "--catalog", CATALOG, "--framework", bad);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      new RegExp(
        String.raw`bad\.yaml:9:\d+: error: unknown rule 'maintainer' .*\[E_FRAMEWORK_INVALID\]\n` +
          String.raw` {4}fix: did you mean 'maintainers'\?`,
      ),
    );
    assert.equal(upstream("frameworks", "validate", bad).code, 1);
  });

  it("writes a badge to stdout or a folder", () => {
    const r = upstream("badge", "alpha", "--catalog", CATALOG);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<svg [^>]*aria-label="AzCNU maturity: incubating/);
    assert.equal(upstream("badge", "--catalog", CATALOG, "--out-dir", join(root.dir, "badges")).code, 0);
    assert.match(readFileSync(join(root.dir, "badges", "kube.svg"), "utf8"), /Kubernetes maturity: stable/);
  });

  it("writes the badges all or none, and replaces an --out file only with --force", () => {
    const dir = join(root.dir, "badges-blocked");
    mkdirSync(join(dir, "kube.svg"), { recursive: true }); // a folder where one badge must go
    const blocked = upstream("badge", "--catalog", CATALOG, "--out-dir", dir);
    assert.equal(blocked.code, 1);
    assert.match(blocked.stderr, /kube\.svg: it is a folder/);
    assert.equal(existsSync(join(dir, "alpha.svg")), false, "no badge is written when one cannot be");
    const out = join(root.dir, "alpha-badge.svg");
    assert.equal(upstream("badge", "alpha", "--catalog", CATALOG, "--out", out).code, 0);
    const again = upstream("badge", "alpha", "--catalog", CATALOG, "--out", out);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /alpha-badge\.svg already exists; nothing was written\. Pass --force to replace it/);
    assert.equal(upstream("badge", "alpha", "--catalog", CATALOG, "--out", out, "--force").code, 0);
  });

  describe("--since: what changed since the last review", () => {
    // GIVEN a repository whose second maintainer was added between the two dates
    const dir = join(root.dir, "since");
    mkdirSync(join(dir, "repo"), { recursive: true });
    buildRepo(join(dir, "repo"), [
      { date: "2020-01-02", files: { OWNERS: "approvers:\n  - alice\n", "README.md": "# Growing\n" }, tag: "v1.0.0" },
      { date: "2020-09-01", files: { OWNERS: "approvers:\n  - alice\n  - bob\n" } },
    ]);
    const catalog = join(dir, "upstream.yaml");
    writeFileSync(
      catalog,
      `apiVersion: upstream/v1
program: { name: Demo, organizations: [Microsoft] }
personas: [{ id: ops, title: Operators }]
projects:
  - id: growing
    name: Growing
    persona: ops
    repositories: [repo]
    state: { framework: Azure, level: incubating }
    attestations:
      sandbox.msft-sponsor: { status: met, by: jane, date: 2020-01-01 }
      incubating.due-diligence: { status: met, by: toc, date: 2020-10-01, link: https://example.com/toc/1 }
`,
    );

    it("prints the criteria that changed, with their evidence now", () => {
      const r = upstream("assess", "--catalog", catalog, "--since", "2020-06-01", "--as-of", "2021-01-01");
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Changes since 2020-06-01 \(as of 2021-01-01\)\n/);
      assert.match(r.stdout, /\ngrowing +azcnu-v0\.1@0\.1 +none → none += same +2 +0 +0\n/);
      assert.match(
        r.stdout,
        new RegExp(
          String.raw`\n {4}incubating\.maintainers: ✘ not met → ✔ met\n` +
            String.raw` {8}· OWNERS in repo@[0-9a-f]{7} lists 2 maintainers: alice, bob\n`,
        ),
      );
      // an attestation given after the last review counts only now
      assert.match(
        r.stdout,
        new RegExp(
          String.raw`\n {4}incubating\.due-diligence: \? unknown → ✔ attested\n` +
            String.raw` {8}· attested met by toc on 2020-10-01 \(https:\/\/example\.com\/toc\/1\)\n`,
        ),
      );
      assert.match(
        r.stdout,
        /1 project between 2020-06-01 and 2021-01-01: 0 moved up, 0 moved down, 1 same, 0 not comparable/,
      );
    });

    it("prints both summaries and the changes as JSON", () => {
      const r = upstream(
        "assess",
        "growing",
        "--catalog",
        catalog,
        "--since",
        "2020-06-01",
        "--as-of",
        "2021-01-01",
        "--json",
      );
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(
        [out.since, out.asOf, out.before.asOf, out.after.asOf],
        ["2020-06-01", "2021-01-01", "2020-06-01", "2021-01-01"],
      );
      const change = out.changes[0];
      assert.equal(change.project, "growing");
      const maintainers = change.criteria.find(
        (c: { criterionId: string }) => c.criterionId === "incubating.maintainers",
      );
      assert.deepEqual([maintainers.before, maintainers.after, maintainers.direction], ["not-met", "met", "gained"]);
      assert.match(maintainers.evidenceBefore.join("\n"), /lists 1 maintainer/);
      assert.equal(change.gained, 2);
    });

    it("calls a project whose repository had no commit yet at --since new, with one line saying why", () => {
      const young = join(root.dir, "young");
      mkdirSync(join(young, "repo"), { recursive: true });
      buildRepo(join(young, "repo"), [{ date: "2020-09-01", files: { "README.md": "# Young\n" } }]);
      const cat = join(young, "upstream.yaml");
      writeFileSync(
        cat,
        `apiVersion: upstream/v1\nprogram: { name: Demo, organizations: [Microsoft] }\npersonas: [{ id: ops, ` +
          `title: Operators }]\nprojects:\n  - id: young\n    name: Young\n    persona: ` +
          `ops\n    repositories: [repo]\n    state: { framework: Azure, level: sandbox }\n`,
      );
      const r = upstream("assess", "--catalog", cat, "--since", "2020-06-01", "--as-of", "2021-01-01");
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /\nyoung +azcnu-v0\.1@0\.1 +— → none +\+ new +0 +0 +0\n/);
      assert.match(
        r.stdout,
        /1 project between 2020-06-01 and 2021-01-01: 0 moved up, 0 moved down, 0 same, 1 new, 0 not comparable/,
      );
      assert.match(r.stdout, /\n {2}note: +new since 2020-06-01: repo had no commit on or before 2020-06-01\n/);
      assert.ok(!/criteria changed|unknown →|not-met|declared-above-supported/.test(r.stdout), r.stdout);
    });

    it("refuses a --since that is not before --as-of", () => {
      const r = upstream("assess", "--catalog", catalog, "--since", "2021-01-01", "--as-of", "2021-01-01");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--since 2021-01-01 must be before --as-of 2021-01-01/);
      assert.equal(r.stdout, "");
      assert.equal(upstream("assess", "--catalog", catalog, "--since", "2020-02-30").code, 2);
    });
  });

  it("lists and shows frameworks", () => {
    assert.match(upstream("frameworks", "list", "--catalog", CATALOG).stdout, /azcnu-v0\.1 +0\.1 +AzCNU/);
    assert.match(
      upstream("frameworks", "show", "cncf").stdout,
      /must {3}automatic {3}graduated\.maintainer-organizations \[maintainer-organizations ≥ 2\]/,
    );
  });
});
