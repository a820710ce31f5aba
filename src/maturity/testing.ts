import { projectModel, type Project, type ProjectModel } from "../catalog/index.js";
import {
  EVIDENCE_VERSION,
  type FileFinding,
  type FilesEvidence,
  type Maintainer,
  type ProjectEvidence,
  type RepositoryEvidence,
} from "../evidence/index.js";
import type { Framework } from "./framework.js";
import { parseFramework } from "./load-framework.js";

/**
 * Fixture builders for maturity tests (ours and users'): evidence without git, projects
 * without a catalog. `richRepository` meets every built-in rule at any shipped threshold,
 * `bareRepository` meets none, `unreadableRepository` could read nothing.
 */

const COMMIT = "abc1234def5678900000000000000000000000000";
const DATE = "2020-06-01";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const file = (path: string): FileFinding => ({ how: "file", path });
const none: FileFinding = { how: "none" };
const unreadable: FileFinding = { how: "unreadable" };

function filesWith(f: (name: string) => FileFinding, counts: number): FilesEvidence {
  return {
    license: { ...f("LICENSE"), spdx: "MIT" },
    readme: f("README.md"),
    contributing: f("CONTRIBUTING.md"),
    codeOfConduct: f("CODE_OF_CONDUCT.md"),
    security: f("SECURITY.md"),
    governance: f("GOVERNANCE.md"),
    adopters: {
      ...f("ADOPTERS.md"),
      ...(counts ? { count: 50, items: Array.from({ length: 50 }, (_, i) => `Adopter ${i + 1}`) } : {}),
    },
    roadmap: f("ROADMAP.md"),
    changelog: f("CHANGELOG.md"),
    issueTemplates: f(".github/ISSUE_TEMPLATE"),
    pullRequestTemplate: f(".github/pull_request_template.md"),
    ci: { count: counts ? 1 : 0, items: counts ? ["github-actions"] : [] },
    lint: { count: counts ? 2 : 0, items: counts ? [".golangci.yml", ".eslintrc.json"] : [] },
    unitTests: { count: counts ? 40 : 0, items: counts ? ["pkg/a_test.go"] : [] },
    dcoOrCla: { ...f(".github/cla.yml"), ...(counts ? { kind: "cla" as const } : {}) },
    bestPracticesBadge: { ...f("README.md"), ...(counts ? { projectId: "1234" } : {}) },
    dependencyBot: { ...f(".github/dependabot.yml"), ...(counts ? { kind: "dependabot" as const } : {}) },
  };
}

/** `n` maintainers from the given organizations in turn (the first is usually the program's own). */
export function maintainers(
  n: number,
  organizations: readonly (string | undefined)[] = ["Microsoft", "Acme", "Globex"],
): Maintainer[] {
  return Array.from({ length: n }, (_, i) => ({
    handle: `maintainer${i + 1}`,
    ...(organizations[i % organizations.length] ? { organization: organizations[i % organizations.length] } : {}),
  }));
}

function repository(name: string, rich: boolean): Mutable<RepositoryEvidence> {
  const source = { repository: name, commit: COMMIT };
  const people = rich ? maintainers(40) : [];
  return {
    repository: name,
    commit: COMMIT,
    commitDate: `${DATE}T00:00:00Z`,
    asOf: DATE,
    history: {
      firstCommitDate: "2018-01-01T00:00:00Z",
      lastCommitDate: `${DATE}T00:00:00Z`,
      commits: rich ? 5000 : 1,
      merges: 0,
      commitsLast12Months: rich ? 5000 : 0,
      contributors: rich ? 200 : 1,
      activeContributorsLast12Months: rich ? 200 : 0,
      newContributorsPerQuarter: {},
      organizations: [],
      elephantFactor: { value: rich ? 3 : 1, threshold: 0.5, windowMonths: 12, organizations: [] },
      contributorAbsenceFactor: { value: rich ? 10 : 1, threshold: 0.5, windowMonths: 12, people: [] },
      shallow: false,
      source,
    },
    releases: rich
      ? {
          tags: 30,
          semverTags: 30,
          latest: { tag: "v2.3.0", date: "2020-05-01T00:00:00Z", semver: true },
          latestSemver: { tag: "v2.3.0", date: "2020-05-01T00:00:00Z" },
          releasesLast12Months: 12,
          stable: true,
          source,
        }
      : { tags: 0, semverTags: 0, releasesLast12Months: 0, stable: false, source },
    files: rich ? filesWith(file, 1) : filesWith(() => none, 0),
    maintainers: rich
      ? { file: file("OWNERS"), maintainers: people, organizations: ["Microsoft", "Acme", "Globex"] }
      : { file: none, maintainers: [], organizations: [] },
  };
}

/** A repository whose evidence meets every built-in rule at any threshold the shipped frameworks use. */
export function richRepository(name = "repo", edit?: (r: Mutable<RepositoryEvidence>) => void): RepositoryEvidence {
  const r = repository(name, true);
  edit?.(r);
  return r;
}

/** A repository that was read and has nothing: no files, no maintainers, no releases, no recent commits. */
export function bareRepository(name = "repo", edit?: (r: Mutable<RepositoryEvidence>) => void): RepositoryEvidence {
  const r = repository(name, false);
  edit?.(r);
  return r;
}

/** A repository the collector reached but could read nothing of (every figure null / unreadable). */
export function unreadableRepository(name = "repo"): RepositoryEvidence {
  const r = repository(name, false) as unknown as Record<string, unknown>;
  const nulls = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "number" ? null : v]));
  r.history = nulls(r.history as Record<string, unknown>);
  r.releases = nulls(r.releases as Record<string, unknown>);
  const files = filesWith(() => unreadable, 0) as unknown as Record<string, unknown>;
  for (const k of ["ci", "lint", "unitTests"]) files[k] = { count: null, items: [] };
  r.files = files;
  r.maintainers = { file: unreadable, maintainers: [], organizations: [] };
  return r as unknown as RepositoryEvidence;
}

/** Wrap repositories (and failures) into a project's evidence. */
export function projectEvidence(
  repositories: readonly RepositoryEvidence[],
  options: { project?: string; asOf?: string; failures?: ProjectEvidence["failures"] } = {},
): ProjectEvidence {
  return {
    version: EVIDENCE_VERSION,
    project: options.project ?? "demo",
    asOf: options.asOf ?? DATE,
    repositories,
    failures: options.failures ?? [],
  };
}

/** A catalog project with sensible defaults, as written. */
export function writtenProject(overrides: Partial<Project> = {}): Project {
  return {
    id: "demo",
    name: "Demo",
    persona: "operators",
    repositories: ["repo"],
    channels: [{ kind: "slack", label: "#demo", url: "https://slack.example.com/demo" }],
    ...overrides,
  };
}

/** A catalog project with sensible defaults, as the assessor reads it (written fields in, the model out). */
export function project(overrides: Partial<Project> = {}): ProjectModel {
  return projectModel(writtenProject(overrides));
}

/** Parse a framework from YAML text, throwing on issues (tests only). */
export function framework(text: string, file = "test-framework.yaml"): Framework {
  const { framework: fw, issues } = parseFramework(text, file);
  if (!fw) throw new Error(issues.map((i) => `${i.line}:${i.col} ${i.message}`).join("\n"));
  return fw;
}

/** A framework file with one of each problem a framework can have (the tests name its lines). */
export const BAD_FRAMEWORK = `id: bad
version: "1"
title: Bad
name: Bad framework
stages:
  - id: sandbox
    title: Sandbox
    criteria:
      - id: sandbox.sponsor
        text: A sponsor
        requirement: must-have
        decided: attestation
      - id: sandbox.sponsor
        text: Again
        decided: sometimes
      - id: sandbox.prev
        text: Previous
        decided: automatic
        rule: { id: previous-stage }
      - id: sandbox.rules
        text: Unknown rule
        decided: automatic
        rule: { id: maintaners }
      - id: sandbox.files
        text: Files
        decided: automatic
        rule: { id: files, files: [governence], threshold: 2 }
      - id: sandbox.review
        text: Review
        decided: attestation
        rule: { id: maintainers }
  - id: sandbox
    title: Again
    criteria: []
`;
