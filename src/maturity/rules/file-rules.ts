import { z } from "zod";
import type { FileFinding, ProjectEvidence, RepositoryEvidence } from "../../evidence/model.js";
import { at, failureLines, met, noEvidence, notMet, readable, unknown, type Verdict } from "../verdict.js";
import { combineAll, list, plural, type EvidenceRule, type RuleInput } from "./rule.js";

// Rules about governance and community files: present in some repository, and what they say.

/** File kinds a `files` rule can ask for: the FilesEvidence keys plus the maintainers file. */
export const FILE_KINDS = {
  license: "LICENSE",
  readme: "README",
  contributing: "CONTRIBUTING",
  codeOfConduct: "CODE_OF_CONDUCT",
  security: "SECURITY",
  governance: "GOVERNANCE",
  adopters: "ADOPTERS",
  roadmap: "ROADMAP",
  changelog: "CHANGELOG",
  issueTemplates: "issue templates",
  pullRequestTemplate: "pull request template",
  dcoOrCla: "DCO or CLA",
  bestPracticesBadge: "OpenSSF (CII) Best Practices badge",
  dependencyBot: "dependency update bot configuration",
  maintainers: "OWNERS / MAINTAINERS / CODEOWNERS",
} as const;
export type FileKind = keyof typeof FILE_KINDS;

// How an absence reads: "no ADOPTERS file at …", "no OpenSSF (CII) Best Practices badge in the README at …".
const MISSING_SUFFIX: Partial<Record<FileKind, string>> = { bestPracticesBadge: " in the README", issueTemplates: "", pullRequestTemplate: "", dcoOrCla: " configuration", dependencyBot: "", maintainers: " file" };

function findingOf(r: RepositoryEvidence, kind: FileKind): FileFinding | undefined {
  if (kind === "maintainers") return r.maintainers?.file;
  return r.files?.[kind];
}

function describeFinding(r: RepositoryEvidence, kind: FileKind, f: FileFinding): string {
  const label = FILE_KINDS[kind];
  if (f.how === "file") return `${label}: ${f.path ?? "found"} in ${at(r)}`;
  return `${label}: referenced from ${f.path ?? "the README"}${f.reference ? ` ("${f.reference}")` : ""}${f.url ? ` → ${f.url}` : ""} in ${at(r)}`;
}

/** One file kind across repositories: found in the first repository that has it. */
export function fileVerdict(evidence: ProjectEvidence | undefined, kind: FileKind): Verdict {
  const none = noEvidence(evidence);
  if (none) return none;
  const e = evidence!;
  const unreadable: string[] = failureLines(e);
  for (const r of e.repositories) {
    const f = findingOf(r, kind);
    if (!f || f.how === "unreadable") unreadable.push(`${FILE_KINDS[kind]}: could not be read in ${at(r)}`);
    else if (f.how !== "none") return met(describeFinding(r, kind, f));
  }
  const missing = `no ${FILE_KINDS[kind]}${MISSING_SUFFIX[kind] ?? " file"} at ${e.repositories.map(at).join(", ")}`;
  return unreadable.length > 0 ? unknown(missing, ...unreadable) : notMet(missing);
}

export const files: EvidenceRule = {
  id: "files",
  description: "Every listed file kind is present (as a file, or a README section/link that names it) in some repository.",
  params: z.strictObject({
    files: z.array(z.enum(Object.keys(FILE_KINDS) as [FileKind, ...FileKind[]])).min(1).meta({ description: "File kinds, all required." }),
  }),
  evaluate(input, _threshold, params) {
    return combineAll((params.files as FileKind[]).map((k) => fileVerdict(input.evidence, k)));
  },
};

export const contributorAgreement: EvidenceRule = {
  id: "contributor-agreement",
  description: "A DCO check or CLA bot is configured; `kind` narrows it to dco or cla.",
  params: z.strictObject({ kind: z.enum(["dco", "cla", "any"]).optional() }),
  evaluate(input, _threshold, params) {
    const v = fileVerdict(input.evidence, "dcoOrCla");
    const kind = (params.kind as string | undefined) ?? "any";
    if (v.status !== "met" || kind === "any") return v;
    const found = input.evidence!.repositories.map((r) => r.files?.dcoOrCla).find((f) => f && f.how !== "none" && f.how !== "unreadable");
    if (found?.kind === kind) return v;
    if (found?.kind === undefined) return unknown(...v.evidence, `cannot tell whether it is a ${kind.toUpperCase()}`);
    return notMet(...v.evidence, `it is a ${found.kind.toUpperCase()}, not a ${kind.toUpperCase()}`);
  },
};

// "Acme Corp." and "acme" are one organization: compare names without case, punctuation or legal suffix.
const LEGAL_SUFFIX = /\s+(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|gmbh|ag|sa|plc)$/;
const orgKey = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim().replace(LEGAL_SUFFIX, "");

/** The organizations behind the project: the program's own, its maintainers' and its committers'. */
function contributingOrganizations(input: RuleInput): string[] {
  const names = [...input.organizations];
  for (const r of input.evidence?.repositories ?? []) {
    for (const m of r.maintainers?.maintainers ?? []) if (m.organization) names.push(m.organization);
    for (const o of r.history?.organizations ?? []) if (!o.organization.startsWith("(")) names.push(o.organization); // "(independent)", "(unknown)"
  }
  return [...new Map(names.map((n) => [orgKey(n), n])).values()].filter((n) => orgKey(n));
}

/**
 * The contributing organization an adopter is, if any. Names must match (up to case, punctuation
 * and legal suffix): "Contoso Retail" may or may not be Contoso, and guessing would turn a
 * possibly independent adopter into a silent "not met".
 */
function contributorOf(adopter: string, organizations: readonly string[]): string | undefined {
  const a = orgKey(adopter);
  return organizations.find((o) => a === orgKey(o));
}

export const adopters: EvidenceRule = {
  id: "adopters",
  description:
    "The ADOPTERS file (or README section) lists at least `threshold` adopters beyond the contributing organizations (the program's, maintainers' and committers'); `includeContributors: true` counts them too.",
  threshold: 3,
  params: z.strictObject({ includeContributors: z.boolean().optional().meta({ description: "Count adopters that are contributing organizations too (default false: the guidelines ask for adopters beyond them)." }) }),
  evaluate(input, threshold, params) {
    const file = fileVerdict(input.evidence, "adopters");
    if (file.status !== "met") return file;
    const repo = input.evidence!.repositories.find((r) => r.files?.adopters && r.files.adopters.how !== "none" && r.files.adopters.how !== "unreadable")!;
    const found = repo.files.adopters;
    const count = readable(found.count);
    if (count === null) return unknown(`${file.evidence[0]}, but its entries could not be counted`);
    const items = found.items ?? [];
    const names = items.length ? [`adopters listed: ${list(items)}`] : [];
    const where = `${found.path ?? "ADOPTERS"} in ${at(repo)} lists ${plural(count, "adopter")}`;
    if (params.includeContributors === true) {
      const line = `${where}; ${threshold} required`;
      if (count >= threshold) return met(line, ...names);
      return found.truncated ? unknown(line, ...names, "the file is larger than the read limit, so only its beginning was counted") : notMet(line, ...names);
    }
    const orgs = contributingOrganizations(input);
    const excluded = items.flatMap((i) => {
      const o = contributorOf(i, orgs);
      return o ? [o === i ? i : `${i} (${o})`] : [];
    });
    const independent = items.length - excluded.length;
    // entries beyond the listed items could not be compared with the contributors
    const unchecked = Math.max(0, count - items.length);
    const line = `${where}${excluded.length ? `, ${independent} beyond the contributing organizations (not counted: ${list(excluded)})` : ""}; ${threshold} required`;
    if (independent >= threshold) return met(line, ...names);
    if (independent + unchecked >= threshold) return unknown(line, ...names, `${plural(unchecked, "entry", "entries")} could not be compared with the contributing organizations`);
    // a truncated file was only read in part: its count is a lower bound
    return found.truncated ? unknown(line, ...names, "the file is larger than the read limit, so only its beginning was counted") : notMet(line, ...names);
  },
};
