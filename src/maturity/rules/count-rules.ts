import type { RepositoryEvidence } from "../../evidence/index.js";
import { at, failureLines, met, noEvidence, notMet, readable, unknown } from "../verdict.js";
import { plural } from "../../core/index.js";
import { combineAll, list, NoParams, type EvidenceRule } from "./rule.js";

// Rules that compare a figure read from the repositories (summed, or the largest) with a threshold.

interface CountSpec {
  id: string;
  description: string;
  threshold: number;
  /** "142 non-merge commits in the 12 months to 2020-06-01" */
  noun: (n: number, asOf: string) => string;
  read: (r: RepositoryEvidence) => number | null;
  combine: "sum" | "max";
  /** Extra detail for one repository, e.g. the last semver tag. */
  detail?: (r: RepositoryEvidence) => string | undefined;
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
      const parts: string[] = [];
      const unreadable: string[] = [...failureLines(evidence)];
      // An org-level governance repository lends its files, never its history, tags or code.
      const governance = evidence.repositories.filter((r) => r.role === "governance").map((r) => r.repository);
      const notCounted = governance.length
        ? [
            `not counted: ${list(governance)} (governance ` +
              `${governance.length === 1 ? "repository" : "repositories"}: files only)`,
          ]
        : [];
      for (const r of evidence.repositories) {
        if (r.role === "governance") continue;
        const v = spec.read(r);
        if (v === null) {
          unreadable.push(`${at(r)}: could not be read`);
          continue;
        }
        total = spec.combine === "sum" ? total + v : Math.max(total, v);
        const extra = spec.detail?.(r);
        parts.push(`${at(r)}: ${v}${extra ? `, ${extra}` : ""}`);
      }
      const line =
        `${spec.noun(total, evidence.asOf)} ` +
        `(${parts.join("; ") || "no repository readable"}); ${threshold} required`;
      if (total >= threshold) return met(line, ...unreadable.map((u) => `also: ${u}`), ...notCounted);
      if (unreadable.length > 0) return unknown(line, ...unreadable, ...notCounted);
      if (parts.length === 0 && governance.length > 0)
        return unknown(
          `only governance repositories are listed (${list(governance)}), ` +
            `whose history does not count; list the project's code repository`,
        );
      return notMet(line, ...notCounted);
    },
  };
}

export const commitsLast12Months = countRule({
  id: "commits-last-12-months",
  description: "Non-merge commits in the 12 months before --as-of, summed over repositories, at least the threshold.",
  threshold: 50,
  noun: (n, asOf) => `${plural(n, "non-merge commit")} in the 12 months to ${asOf}`,
  read: (r) => readable(r.history?.commitsLast12Months),
  combine: "sum",
});

export const activeContributors = countRule({
  id: "active-contributors-last-12-months",
  description:
    "People who committed in the 12 months before --as-of (largest repository's figure), at least the threshold.",
  threshold: 5,
  noun: (n, asOf) => `${plural(n, "active contributor")} in the 12 months to ${asOf}`,
  read: (r) => readable(r.history?.activeContributorsLast12Months),
  combine: "max",
});

export const semverReleases = countRule({
  id: "semver-releases",
  description:
    "Tags that are semantic versions (v1.2.3, or a component's: api/v1.2.3, " +
    "docker-v29.0.1), summed over repositories, at least the threshold.",
  threshold: 1,
  noun: (n) => plural(n, "semver tag"),
  read: (r) => readable(r.releases?.semverTags),
  combine: "sum",
  detail: (r) =>
    r.releases?.latestSemver
      ? `last semver tag ${r.releases.latestSemver.tag} on ${r.releases.latestSemver.date.slice(0, 10)}`
      : readable(r.releases?.tags) !== null
        ? `no semver tag among ${plural(r.releases.tags, "tag")}`
        : undefined,
});

export const releasesLast12Months = countRule({
  id: "releases-last-12-months",
  description:
    "Final releases (not pre-releases; tags on one commit are one release) made in " +
    "the 12 months before --as-of, summed over repositories, at least the threshold.",
  threshold: 2,
  noun: (n, asOf) => `${plural(n, "release")} in the 12 months to ${asOf}`,
  read: (r) => readable(r.releases?.releasesLast12Months),
  combine: "sum",
  detail: (r) =>
    r.releases?.latestStable
      ? `latest release ${r.releases.latestStable.tag} on ${r.releases.latestStable.date.slice(0, 10)}`
      : r.releases?.latest
        ? `latest tag ${r.releases.latest.tag} on ${r.releases.latest.date.slice(0, 10)}`
        : undefined,
});

export const lintConfig = countRule({
  id: "lint-config",
  description: "Lint configuration files (.golangci.yml, .eslintrc, …), at least the threshold.",
  threshold: 1,
  noun: (n) => plural(n, "lint configuration file"),
  read: (r) => readable(r.files?.lint?.count),
  combine: "sum",
  detail: (r) => (r.files?.lint?.items.length ? r.files.lint.items.slice(0, 5).join(", ") : undefined),
});

export const unitTests = countRule({
  id: "unit-tests",
  description: "Test files (*_test.go, *.test.ts, test_*.py, …), at least the threshold.",
  threshold: 1,
  noun: (n) => plural(n, "test file"),
  read: (r) => readable(r.files?.unitTests?.count),
  combine: "sum",
  detail: (r) => (r.files?.unitTests?.items.length ? r.files.unitTests.items.slice(0, 3).join(", ") : undefined),
});

/** Gated PRs with unit tests: a CI system runs and test files exist. */
export const testedCi: EvidenceRule = {
  id: "tested-ci",
  description: "A CI system is configured (GitHub Actions, Prow, …) and at least `threshold` test files exist.",
  threshold: 1,
  params: NoParams,
  evaluate(input, threshold) {
    const ci = countRule({
      id: "ci",
      description: "",
      threshold: 1,
      noun: (n) => plural(n, "CI system"),
      read: (r) => readable(r.files?.ci?.count),
      combine: "sum",
      detail: (r) => r.files?.ci?.items.join(", ") || undefined,
    }).evaluate(input, 1, {});
    const tests = unitTests.evaluate(input, threshold, {});
    return combineAll([ci, tests]);
  },
};
