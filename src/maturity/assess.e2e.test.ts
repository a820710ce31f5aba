import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { projectModel } from "../catalog/index.js";
import type { Attestation, Project } from "../catalog/schema.js";
import { collectProjectEvidence } from "../evidence/index.js";
import { buildRepo, tempDir, type FixtureCommit } from "../evidence/testing.js";
import {
  allCriteria,
  assess,
  declaredState,
  DEFAULT_FRAMEWORK_ALIASES,
  loadFrameworks,
  type ProjectAssessment,
} from "./index.js";

// GIVEN real git repositories (temp folders) built to meet exactly the AzCNU incubating stage,
// and variants that each miss one criterion, WHEN the real collector reads them and the
// assessment runs, THEN the verdicts and the evidence text follow.

const AS_OF = "2020-06-01";
const azcnu = (await loadFrameworks()).get("azcnu-v0.1")!;
const root = tempDir("upstream-maturity-");
after(() => root.cleanup());

interface RepoSpec {
  owners?: string[];
  adopters?: number;
  /** Adopter names, instead of "Company 1…n". */
  adopterNames?: string[];
  badge?: boolean;
  commits?: number;
  tag?: string | null;
}

function build(name: string, spec: RepoSpec = {}): string {
  const {
    owners = ["alice", "bob"],
    adopters = 3,
    adopterNames = Array.from({ length: adopters }, (_, i) => `Company ${i + 1}`),
    badge = true,
    commits = 50,
    tag = "v1.4.2",
  } = spec;
  const files: Record<string, string> = {
    "README.md":
      "# Demo project\n" +
      (badge
        ? "[![OpenSSF Best Practices](https://bestpractices.coreinfrastructure.org/projects/1234/badge)]" +
          "(https://bestpractices.coreinfrastructure.org/projects/1234)\n"
        : ""),
    OWNERS: `approvers:\n${owners.map((o) => `  - ${o}\n`).join("")}`,
  };
  if (adopterNames.length > 0) files["ADOPTERS.md"] = `# Adopters\n${adopterNames.map((n) => `- ${n}\n`).join("")}`;
  const history: FixtureCommit[] = Array.from({ length: commits }, (_, i) => ({
    date: `2019-${String(7 + Math.floor(i / 10)).padStart(2, "0")}-${String(1 + (i % 10)).padStart(2, "0")}`,
    author: i % 2 ? "Bob <bob@example.com>" : "Alice <alice@example.com>",
    ...(i === 0 ? { files } : { files: { [`src/f${i}.txt`]: String(i) } }),
    ...(i === commits - 1 && tag ? { tag } : {}),
  }));
  const dir = join(root.dir, name);
  mkdirSync(dir, { recursive: true });
  buildRepo(dir, history);
  return name;
}

/** Attest every attestation-only required criterion of sandbox and incubating. */
const ATTESTED: Record<string, Attestation> = Object.fromEntries(
  allCriteria(azcnu)
    .filter((c) => c.decided === "attestation" && c.requirement === "must" && c.stage !== "graduated")
    .map((c) => [c.id, { status: "met", by: "toc", date: "2020-01-10", link: "https://example.com/review" }]),
);

async function run(
  repos: string[],
  options: { attestations?: Record<string, Attestation>; level?: string } = {},
): Promise<ProjectAssessment> {
  const project: Project = {
    id: "demo",
    name: "Demo",
    persona: "ops",
    repositories: repos,
    state: { framework: "Azure", level: options.level ?? "incubating" },
    attestations: options.attestations ?? ATTESTED,
  };
  const evidence = await collectProjectEvidence(project, {
    baseDir: root.dir,
    asOf: AS_OF,
    cacheDir: join(root.dir, ".cache"),
    useCache: false,
  });
  const model = projectModel(project);
  return assess({
    project: model,
    evidence,
    framework: azcnu,
    declared: declaredState(model, DEFAULT_FRAMEWORK_ALIASES),
    program: { organizations: ["Microsoft"] },
    asOf: AS_OF,
  });
}

const finding = (a: ProjectAssessment, id: string) => a.findings.find((f) => f.criterionId === id)!;

describe("assess against repositories read by the real collector", () => {
  it("supports incubating for a repository that meets exactly the incubating criteria", async () => {
    const a = await run([build("ready")]);
    assert.equal(
      a.supported,
      "incubating",
      a.next?.missing.map((f) => `${f.criterionId}: ${f.evidence.join("; ")}`).join("\n"),
    );
    assert.equal(a.drift.kind, "none");
    assert.equal(finding(a, "incubating.maintainers").status, "met");
    assert.match(
      finding(a, "incubating.maintainers").evidence[0]!,
      /^OWNERS in ready@[0-9a-f]{7} lists 2 maintainers: alice, bob$/,
    );
    assert.match(
      finding(a, "incubating.adopters").evidence[0]!,
      /^ADOPTERS\.md in ready@[0-9a-f]{7} lists 3 adopters; 3 required$/,
    );
    assert.match(finding(a, "incubating.versioning-scheme").evidence[0]!, /last semver tag v1\.4\.2 on 2019-11-10/);
    assert.match(
      finding(a, "incubating.commit-flow").evidence[0]!,
      /^50 non-merge commits in the 12 months to 2020-06-01/,
    );
    assert.equal(finding(a, "incubating.best-practices-progress").status, "met");
    // graduation is the next step, and its gaps are listed
    assert.equal(a.next!.stage, "graduated");
    assert.ok(a.next!.missing.some((f) => f.criterionId === "graduated.maintainers"));
  });

  const misses: [string, RepoSpec, string, RegExp][] = [
    ["one-owner", { owners: ["alice"] }, "incubating.maintainers", /lists 1 maintainer: alice$/],
    ["two-adopters", { adopters: 2 }, "incubating.adopters", /lists 2 adopters; 3 required$/],
    [
      "adopter-is-the-program",
      { adopterNames: ["Microsoft", "Company 2", "Company 3"] },
      "incubating.adopters",
      /^not counted \(contributing organizations\): Microsoft: the program's organization$/,
    ],
    ["no-adopters", { adopters: 0 }, "incubating.adopters", /^no ADOPTERS file at no-adopters@[0-9a-f]{7}$/],
    [
      "no-tag",
      { tag: null },
      "incubating.versioning-scheme",
      /^0 semver tags \(no-tag@[0-9a-f]{7}: 0, no semver tag among 0 tags\); 1 required$/,
    ],
    ["few-commits", { commits: 10 }, "incubating.commit-flow", /^10 non-merge commits in the 12 months to 2020-06-01/],
  ];
  for (const [name, spec, criterion, text] of misses) {
    it(`falls back to sandbox when ${criterion} is missed (${name})`, async () => {
      const a = await run([build(name, spec)]);
      const f = finding(a, criterion);
      assert.equal(f.status, "not-met", f.evidence.join("\n"));
      assert.ok(
        f.evidence.some((e) => text.test(e)),
        f.evidence.join("\n"),
      );
      assert.equal(a.supported, "sandbox");
      assert.deepEqual(
        a.next!.missing.map((m) => m.criterionId),
        [criterion],
      );
      assert.equal(a.drift.kind, "declared-above-supported");
    });
  }

  it("falls below sandbox without the best practices badge, which both stages ask for", async () => {
    const a = await run([build("no-badge", { badge: false })]);
    assert.equal(finding(a, "sandbox.best-practices-progress").status, "not-met");
    assert.equal(a.supported, null);
  });

  it("lets an attestation settle a 'both' criterion the repository does not show", async () => {
    const a = await run([build("no-badge-attested", { badge: false })], {
      attestations: {
        ...ATTESTED,
        "sandbox.best-practices-progress": { status: "met", by: "toc", date: "2020-01-10" },
        "incubating.best-practices-progress": { status: "met", by: "toc", date: "2020-01-10" },
      },
    });
    assert.equal(finding(a, "sandbox.best-practices-progress").status, "attested");
    assert.equal(a.supported, "incubating");
  });

  it("says unknown, not 'not met', for a repository that does not exist", async () => {
    const a = await run(["missing-repo"]);
    const f = finding(a, "incubating.maintainers");
    assert.equal(f.status, "unknown");
    assert.match(f.evidence.join(" "), /collector failed for missing-repo/);
    assert.equal(a.supported, null);
  });

  it("combines repositories: maintainers united, commits summed", async () => {
    const a = await run([
      build("part-a", { owners: ["alice"], commits: 30 }),
      build("part-b", { owners: ["bob"], commits: 20, adopters: 0 }),
    ]);
    assert.equal(finding(a, "incubating.maintainers").status, "met");
    assert.match(finding(a, "incubating.commit-flow").evidence[0]!, /^50 non-merge commits/);
    assert.equal(a.supported, "incubating");
  });
});
