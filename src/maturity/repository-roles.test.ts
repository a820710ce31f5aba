import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { collectProjectsEvidence } from "../evidence/index.js";
import { buildRepo, tempDir } from "../evidence/testing.js";
import { assess, declaredState } from "./index.js";
import { framework, project, writtenProject } from "./testing.js";

// Real repositories in temp folders, assessed: an org-level governance repository lends its
// files (containerd/project's shape), never its history; an archived project declared at a stage.

const TINY = framework(`id: tiny
version: "1"
title: Tiny
name: Tiny
stages:
  - id: sandbox
    title: Sandbox
    criteria:
      - { id: sandbox.commits, text: Commits, decided: automatic, rule: { id: commits-last-12-months, threshold: 3 } }
      - { id: sandbox.releases, text: Releases, decided: automatic, rule: { id: semver-releases, threshold: 2 } }
      - { id: sandbox.governance, text: Governance, decided: automatic,
          rule: { id: files, files: [governance, security] } }
      - { id: sandbox.maintainers, text: Maintainers, decided: automatic, rule: { id: maintainers, threshold: 2 } }
`);

const GOVERNANCE_FILES = {
  "GOVERNANCE.md": "# Governance\n\nThe maintainers decide by lazy consensus.\n",
  MAINTAINERS: "# The maintainers, as name,email,github\nAnn Acme,ann@acme.io,ann\nBo Beta,bo@beta.org,bo\n",
  "SECURITY.md": "# Security\n\nReport a vulnerability privately to the maintainers.\n",
};

test("a governance repository's files count with provenance; its commits and tags do not", async () => {
  const { dir, cleanup } = tempDir();
  try {
    buildRepo(join(dir, "engine"), [{ date: "2024-05-01", files: { "README.md": "# Engine\n" }, tag: "v1.0.0" }]);
    // busy and tagged: were its history counted, commits and releases would be met
    buildRepo(join(dir, "project"), [
      { date: "2024-03-01", author: "Gov <gov@acme.io>", files: GOVERNANCE_FILES, tag: "v0.1.0" },
      { date: "2024-04-01", author: "Gov <gov@acme.io>", tag: "v0.2.0" },
      { date: "2024-05-01", author: "Gov <gov@acme.io>", tag: "v0.3.0" },
    ]);
    const p = project({
      id: "engine",
      repositories: ["engine", { url: "project", role: "governance" }],
      state: { framework: "Tiny", level: "sandbox" },
    });
    const [evidence] = await collectProjectsEvidence(
      [writtenProject({ id: p.id, repositories: ["engine", { url: "project", role: "governance" }] })],
      {
        baseDir: dir,
        cacheDir: join(dir, "cache"),
        asOf: "2024-06-01",
      },
    );
    const a = assess({
      project: p,
      evidence,
      framework: TINY,
      declared: declaredState(p, { Tiny: "tiny" }),
      program: {},
      asOf: "2024-06-01",
    });
    const finding = (id: string) => a.findings.find((f) => f.criterionId === id)!;
    assert.equal(finding("sandbox.commits").status, "not-met");
    assert.match(finding("sandbox.commits").evidence.join("\n"), /^1 non-merge commit .*engine@[0-9a-f]{7}: 1\)/m);
    assert.match(
      finding("sandbox.commits").evidence.join("\n"),
      /not counted: project \(governance repository: files only\)/,
    );
    assert.equal(
      finding("sandbox.releases").status,
      "not-met",
      "the governance repository's tags are not releases of the project",
    );
    assert.equal(finding("sandbox.governance").status, "met");
    assert.match(
      finding("sandbox.governance").evidence.join("\n"),
      /GOVERNANCE: GOVERNANCE\.md in project@[0-9a-f]{7} \(governance repository\)/,
    );
    assert.equal(finding("sandbox.maintainers").status, "met");
    // only governance repositories: the counts cannot be known, they are not zero
    const onlyGov = project({
      id: "gov",
      repositories: [{ url: "project", role: "governance" }],
      state: { framework: "Tiny", level: "sandbox" },
    });
    const [govEvidence] = await collectProjectsEvidence(
      [writtenProject({ id: onlyGov.id, repositories: [{ url: "project", role: "governance" }] })],
      {
        baseDir: dir,
        cacheDir: join(dir, "cache"),
        asOf: "2024-06-01",
      },
    );
    const g = assess({
      project: onlyGov,
      evidence: govEvidence,
      framework: TINY,
      declared: declaredState(onlyGov, { Tiny: "tiny" }),
      program: {},
      asOf: "2024-06-01",
    });
    assert.equal(g.findings.find((f) => f.criterionId === "sandbox.commits")!.status, "unknown");
  } finally {
    cleanup();
  }
});

test(
  "assess warns when a project declared at a stage says in " +
    "its README it is archived; an active successor silences it",
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      buildRepo(join(dir, "old"), [
        {
          date: "2024-05-01",
          files: { "README.md": "# Widget Identity\n\n**This repository has been archived** and is read-only.\n" },
        },
      ]);
      buildRepo(join(dir, "new"), [{ date: "2024-05-01", files: { "README.md": "# Widget Identity 2\n" } }]);
      const run = async (repositories: string[], level = "sandbox") => {
        const p = project({ id: "widget", repositories, state: { framework: "Tiny", level } });
        const [evidence] = await collectProjectsEvidence([writtenProject({ id: p.id, repositories })], {
          baseDir: dir,
          cacheDir: join(dir, "cache"),
          asOf: "2024-06-01",
        });
        return assess({
          project: p,
          evidence,
          framework: TINY,
          declared: declaredState(p, { Tiny: "tiny" }),
          program: {},
          asOf: "2024-06-01",
        });
      };
      const archived = await run(["old"]);
      assert.equal(archived.lifecycleWarning?.state, "archived");
      assert.match(
        archived.lifecycleWarning!.message,
        new RegExp(
          String.raw`declared sandbox, an active level, but its repository says it is archived \(old@[0-9a-f]{7}:` +
            String.raw` README\.md:3 says archived`,
        ),
      );
      assert.equal((await run(["old", "new"])).lifecycleWarning, undefined);
      assert.equal(
        (await run(["old"], "archived")).lifecycleWarning,
        undefined,
        "a level that is no stage is not an active level",
      );
    } finally {
      cleanup();
    }
  },
);
