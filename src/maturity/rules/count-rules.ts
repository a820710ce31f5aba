import type { RepositoryEvidence } from "../../evidence/index.js";
import { isoDay } from "../../core/index.js";
import type { CountDetail, CountMeasure, CountPart, Fact } from "../facts.js";
import { also, failureFacts, met, noEvidence, notMet, readable, repoRef, unknown } from "../verdict.js";
import { combineAll, NoParams, type EvidenceRule } from "./rule.js";

// Rules that compare a figure read from the repositories (summed, or the largest) with a threshold.

interface CountSpec {
  id: string;
  description: string;
  threshold: number;
  measure: CountMeasure;
  read: (r: RepositoryEvidence) => number | null;
  combine: "sum" | "max";
  /** Extra detail for one repository, e.g. the last semver tag. */
  detail?: (r: RepositoryEvidence) => CountDetail | undefined;
}

function countRule(spec: CountSpec): EvidenceRule {
  return {
    id: spec.id,
    description: spec.description,
    threshold: spec.threshold,
    params: NoParams,
    evaluate(input, threshold) {
      const none = noEvidence(input.evidence);
      if (none) return none;
      const evidence = input.evidence!;
      let total = 0;
      const parts: CountPart[] = [];
      const unreadable: Fact[] = failureFacts(evidence);
      // An org-level governance repository lends its files, never its history, tags or code.
      const governance = evidence.repositories.filter((r) => r.role === "governance").map((r) => r.repository);
      const notCounted: Fact[] = governance.length
        ? [{ kind: "governance-not-counted", repositories: governance }]
        : [];
      for (const r of evidence.repositories) {
        if (r.role === "governance") continue;
        const v = spec.read(r);
        if (v === null) {
          unreadable.push({ kind: "figure-unread", repository: repoRef(r) });
          continue;
        }
        total = spec.combine === "sum" ? total + v : Math.max(total, v);
        const detail = spec.detail?.(r);
        parts.push({ repository: repoRef(r), value: v, ...(detail ? { detail } : {}) });
      }
      const count: Fact = {
        kind: "count",
        measure: spec.measure,
        count: total,
        threshold,
        asOf: evidence.asOf,
        repositories: parts,
      };
      if (total >= threshold) return met(count, ...also(unreadable), ...notCounted);
      if (unreadable.length > 0) return unknown(count, ...unreadable, ...notCounted);
      if (parts.length === 0 && governance.length > 0)
        return unknown({ kind: "only-governance", repositories: governance });
      return notMet(count, ...notCounted);
    },
  };
}

const items = (list: readonly string[] | undefined, max: number): CountDetail | undefined =>
  list?.length ? { kind: "items", items: list.slice(0, max) } : undefined;

export const commitsLast12Months = countRule({
  id: "commits-last-12-months",
  description: "Non-merge commits in the 12 months before --as-of, summed over repositories, at least the threshold.",
  threshold: 50,
  measure: "commits-last-12-months",
  read: (r) => readable(r.history?.commitsLast12Months),
  combine: "sum",
});

export const activeContributors = countRule({
  id: "active-contributors-last-12-months",
  description:
    "People who committed in the 12 months before --as-of (largest repository's figure), at least the threshold.",
  threshold: 5,
  measure: "active-contributors-last-12-months",
  read: (r) => readable(r.history?.activeContributorsLast12Months),
  combine: "max",
});

export const semverReleases = countRule({
  id: "semver-releases",
  description:
    "Tags that are semantic versions (v1.2.3, or a component's: api/v1.2.3, " +
    "docker-v29.0.1), summed over repositories, at least the threshold.",
  threshold: 1,
  measure: "semver-tags",
  read: (r) => readable(r.releases?.semverTags),
  combine: "sum",
  detail: (r) =>
    r.releases?.latestSemver
      ? {
          kind: "latest-semver",
          latest: { tag: r.releases.latestSemver.tag, date: isoDay(r.releases.latestSemver.date) },
        }
      : readable(r.releases?.tags) !== null
        ? { kind: "no-semver", tags: r.releases.tags }
        : undefined,
});

export const releasesLast12Months = countRule({
  id: "releases-last-12-months",
  description:
    "Final releases (not pre-releases; tags on one commit are one release) made in " +
    "the 12 months before --as-of, summed over repositories, at least the threshold.",
  threshold: 2,
  measure: "releases-last-12-months",
  read: (r) => readable(r.releases?.releasesLast12Months),
  combine: "sum",
  detail: (r) =>
    r.releases?.latestStable
      ? {
          kind: "latest-release",
          latest: { tag: r.releases.latestStable.tag, date: isoDay(r.releases.latestStable.date) },
        }
      : r.releases?.latest
        ? { kind: "latest-tag", latest: { tag: r.releases.latest.tag, date: isoDay(r.releases.latest.date) } }
        : undefined,
});

export const lintConfig = countRule({
  id: "lint-config",
  description: "Lint configuration files (.golangci.yml, .eslintrc, …), at least the threshold.",
  threshold: 1,
  measure: "lint-config-files",
  read: (r) => readable(r.files?.lint?.count),
  combine: "sum",
  detail: (r) => items(r.files?.lint?.items, 5),
});

export const unitTests = countRule({
  id: "unit-tests",
  description: "Test files (*_test.go, *.test.ts, test_*.py, …), at least the threshold.",
  threshold: 1,
  measure: "test-files",
  read: (r) => readable(r.files?.unitTests?.count),
  combine: "sum",
  detail: (r) => items(r.files?.unitTests?.items, 3),
});

const ciSystems = countRule({
  id: "ci",
  description: "",
  threshold: 1,
  measure: "ci-systems",
  read: (r) => readable(r.files?.ci?.count),
  combine: "sum",
  detail: (r) => items(r.files?.ci?.items, Infinity),
});

/** Gated PRs with unit tests: a CI system runs and test files exist. */
export const testedCi: EvidenceRule = {
  id: "tested-ci",
  description: "A CI system is configured (GitHub Actions, Prow, …) and at least `threshold` test files exist.",
  threshold: 1,
  params: NoParams,
  evaluate(input, threshold) {
    return combineAll([ciSystems.evaluate(input, 1, {}), unitTests.evaluate(input, threshold, {})]);
  },
};
