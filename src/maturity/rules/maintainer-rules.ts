import type { ProjectEvidence } from "../../evidence/index.js";
import { organizationKey } from "../../evidence/index.js";
import { at, failureLines, met, noEvidence, notMet, unknown, type Verdict } from "../verdict.js";
import { plural } from "../../core/index.js";
import { list, NoParams, type EvidenceRule, type RuleInput } from "./rule.js";

// Rules over the maintainers files (OWNERS / MAINTAINERS / CODEOWNERS), united across repositories.

interface MaintainerUnion {
  readonly people: Map<string, { handle: string; organization?: string; where: string }>;
  readonly sources: string[];
  readonly unreadable: string[];
  readonly missing: string[];
  /**
   * Repositories whose maintainers are not (all) in their files: a pointer elsewhere, teams only, aliases not defined.
   */
  readonly unknown: string[];
}

function unionMaintainers(evidence: ProjectEvidence): MaintainerUnion {
  const people = new Map<string, { handle: string; organization?: string; where: string }>();
  const sources: string[] = [];
  const unreadable = failureLines(evidence);
  const missing: string[] = [];
  const unknownPeople: string[] = [];
  for (const r of evidence.repositories) {
    const m = r.maintainers;
    if (!m || m.file.how === "unreadable") unreadable.push(`maintainers file could not be read in ${at(r)}`);
    else if (m.file.how === "none") missing.push(at(r));
    else if (m.unknown && !m.unknown.lowerBound && m.maintainers.length === 0)
      unknownPeople.push(`${m.unknown.reason} in ${at(r)}`);
    else {
      if (m.unknown) unknownPeople.push(`${m.unknown.reason} in ${at(r)}`);
      sources.push(
        `${m.file.path ?? "maintainers file"} in ${at(r)} lists ${plural(m.maintainers.length, "maintainer")}: ` +
          `${list(m.maintainers.map((p) => p.handle + (p.organization ? (p.organization.startsWith("(") ? ` ${p.organization}` : ` (${p.organization})`) : "")))}`,
      );
      for (const p of m.maintainers) {
        const key = p.handle.toLowerCase();
        const prior = people.get(key);
        if (!prior || (!prior.organization && p.organization))
          people.set(key, { handle: p.handle, organization: p.organization, where: at(r) });
      }
    }
  }
  return { people, sources, unreadable, missing, unknown: unknownPeople };
}

function maintainerBase(u: MaintainerUnion): string[] {
  return [
    ...u.sources,
    ...u.unknown,
    ...(u.missing.length ? [`no OWNERS, MAINTAINERS or CODEOWNERS file at ${u.missing.join(", ")}`] : []),
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
    const lines = [...maintainerBase(u), `${plural(u.people.size, "distinct maintainer")}; ${threshold} required`];
    if (u.people.size >= threshold) return met(...lines);
    return undecided(u) ? unknown(...lines, ...u.unreadable) : notMet(...lines);
  },
});

/**
 * Met when the count is reached; otherwise a maintainer whose organization is unknown (or an
 * unreadable maintainers file, or people listed elsewhere) could still tip it, so unknown
 * rather than not met.
 */
function organizationVerdict(
  reached: boolean,
  lines: string[],
  unaffiliated: readonly { handle: string }[],
  u: MaintainerUnion,
): Verdict {
  if (reached) return met(...lines);
  if (unaffiliated.length)
    return unknown(...lines, `organization unknown for ${list(unaffiliated.map((p) => p.handle))}`, ...u.unreadable);
  return undecided(u) ? unknown(...lines, ...u.unreadable) : notMet(...lines);
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
    if (input.organizations.length === 0)
      return unknown(
        "the catalog lists no program organizations (program.organizations), so 'outside the program' cannot be told",
      );
    const people = [...u.people.values()];
    const outside = people.filter((p) => p.organization && !isProgramOrg(p.organization, input.organizations));
    const lines = [
      ...maintainerBase(u),
      `${plural(outside.length, "maintainer")} outside ` +
        `${input.organizations.join(", ")}${outside.length ? `: ${list(outside.map((p) => `${p.handle} (${p.organization})`))}` : ""}; ` +
        `${threshold} required`,
    ];
    return organizationVerdict(
      outside.length >= threshold,
      lines,
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
    const orgs = [...new Set(people.flatMap((p) => (p.organization ? [p.organization] : [])))];
    const lines = [
      ...maintainerBase(u),
      `maintainers from ${plural(orgs.length, "organization")}${orgs.length ? `: ${list(orgs)}` : ""}; ` +
        `${threshold} required`,
    ];
    return organizationVerdict(
      orgs.length >= threshold,
      lines,
      people.filter((p) => !p.organization),
      u,
    );
  },
});
