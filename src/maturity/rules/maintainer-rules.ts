import type { ProjectEvidence } from "../../evidence/index.js";
import { organizationKey } from "../../evidence/index.js";
import type { Fact, Person, RepositoryRef } from "../facts.js";
import { failureFacts, fileRef, met, noEvidence, notMet, repoRef, unknown, type Verdict } from "../verdict.js";
import { NoParams, type EvidenceRule, type RuleInput } from "./rule.js";

// Rules over the maintainers files (OWNERS / MAINTAINERS / CODEOWNERS), united across repositories.

interface MaintainerUnion {
  /** By lower-cased handle; the first listing with an organization wins. */
  readonly people: Map<string, Person>;
  readonly sources: Fact[];
  readonly unreadable: Fact[];
  readonly missing: RepositoryRef[];
  /**
   * Repositories whose maintainers are not (all) in their files: a pointer elsewhere, teams only, aliases not defined.
   */
  readonly unknown: Fact[];
}

function unionMaintainers(evidence: ProjectEvidence): MaintainerUnion {
  const people = new Map<string, Person>();
  const sources: Fact[] = [];
  const unreadable = failureFacts(evidence);
  const missing: RepositoryRef[] = [];
  const unknownPeople: Fact[] = [];
  for (const r of evidence.repositories) {
    const m = r.maintainers;
    if (!m || m.file.how === "unreadable") unreadable.push({ kind: "maintainers-file-unread", repository: repoRef(r) });
    else if (m.file.how === "none") missing.push(repoRef(r));
    else if (m.unknown && !m.unknown.lowerBound && m.maintainers.length === 0)
      unknownPeople.push({ kind: "maintainers-not-listed", reason: m.unknown.reason, repository: repoRef(r) });
    else {
      if (m.unknown)
        unknownPeople.push({ kind: "maintainers-not-listed", reason: m.unknown.reason, repository: repoRef(r) });
      const file = fileRef(r, m.file.path);
      const listed = m.maintainers.map(
        (p): Person => ({ handle: p.handle, organization: p.organization ?? null, source: p.via ?? null, file }),
      );
      sources.push({ kind: "maintainers-file", file, people: listed });
      for (const p of listed) {
        const key = p.handle.toLowerCase();
        const prior = people.get(key);
        if (!prior || (!prior.organization && p.organization)) people.set(key, p);
      }
    }
  }
  return { people, sources, unreadable, missing, unknown: unknownPeople };
}

function maintainerBase(u: MaintainerUnion): Fact[] {
  return [
    ...u.sources,
    ...u.unknown,
    ...(u.missing.length ? [{ kind: "maintainers-file-missing" as const, repositories: u.missing }] : []),
  ];
}

/** What keeps a count short of the threshold from being "not met": files unread, people listed elsewhere. */
function undecided(u: MaintainerUnion): boolean {
  return u.unreadable.length > 0 || u.unknown.length > 0;
}

/**
 * A rule over the maintainers united across the project's repositories: evidence missing is
 * decided once here, so each rule only says how it judges the people found.
 */
function maintainerRule(rule: {
  id: string;
  description: string;
  threshold: number;
  judge: (u: MaintainerUnion, input: RuleInput, threshold: number) => Verdict;
}): EvidenceRule {
  return {
    id: rule.id,
    description: rule.description,
    threshold: rule.threshold,
    params: NoParams,
    evaluate(input, threshold) {
      return noEvidence(input.evidence) ?? rule.judge(unionMaintainers(input.evidence!), input, threshold);
    },
  };
}

export const maintainers = maintainerRule({
  id: "maintainers",
  description:
    "Distinct maintainers across the repositories' OWNERS / MAINTAINERS / CODEOWNERS files, at least `threshold`.",
  threshold: 2,
  judge(u, _input, threshold) {
    const people = [...u.people.values()];
    const facts = [...maintainerBase(u), { kind: "maintainers" as const, count: people.length, threshold, people }];
    if (people.length >= threshold) return met(...facts);
    return undecided(u) ? unknown(...facts, ...u.unreadable) : notMet(...facts);
  },
});

/**
 * Met when the count is reached; otherwise a maintainer whose organization is unknown (or an
 * unreadable maintainers file, or people listed elsewhere) could still tip it, so unknown
 * rather than not met.
 */
function organizationVerdict(reached: boolean, facts: Fact[], unaffiliated: readonly Person[], u: MaintainerUnion) {
  if (reached) return met(...facts);
  if (unaffiliated.length)
    return unknown(
      ...facts,
      { kind: "organization-unknown", handles: unaffiliated.map((p) => p.handle) },
      ...u.unreadable,
    );
  return undecided(u) ? unknown(...facts, ...u.unreadable) : notMet(...facts);
}

function isProgramOrg(org: string, programOrgs: readonly string[]): boolean {
  // One organization however it is written: "Microsoft Corp." is the program's "Microsoft".
  const key = organizationKey(org);
  return programOrgs.some((o) => organizationKey(o) === key);
}

export const maintainersOutsideProgram = maintainerRule({
  id: "maintainers-outside-program",
  description:
    "Maintainers whose organization is not one of the program's own (program.organizations), at least `threshold`.",
  threshold: 1,
  judge(u, input, threshold) {
    if (input.organizations.length === 0) return unknown({ kind: "no-program-organizations" });
    const people = [...u.people.values()];
    const outside = people.filter((p) => p.organization && !isProgramOrg(p.organization, input.organizations));
    const facts: Fact[] = [
      ...maintainerBase(u),
      {
        kind: "maintainers-outside",
        count: outside.length,
        threshold,
        programOrganizations: input.organizations,
        people: outside,
      },
    ];
    return organizationVerdict(
      outside.length >= threshold,
      facts,
      people.filter((p) => !p.organization),
      u,
    );
  },
});

export const maintainerOrganizations = maintainerRule({
  id: "maintainer-organizations",
  description: "Distinct organizations among maintainers whose organization is known, at least `threshold`.",
  threshold: 2,
  judge(u, _input, threshold) {
    const people = [...u.people.values()];
    const organizations = [...new Set(people.flatMap((p) => (p.organization ? [p.organization] : [])))];
    const facts: Fact[] = [
      ...maintainerBase(u),
      { kind: "maintainer-organizations", count: organizations.length, threshold, organizations },
    ];
    return organizationVerdict(
      organizations.length >= threshold,
      facts,
      people.filter((p) => !p.organization),
      u,
    );
  },
});
