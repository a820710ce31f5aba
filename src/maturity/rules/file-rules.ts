import { z } from "zod";
import type { FileFinding, ProjectEvidence, RepositoryEvidence } from "../../evidence/index.js";
import type { ContributorReason, Fact, FileKindName, FileRef } from "../facts.js";
import { FILE_LABELS } from "../finding-text.js";
import {
  also,
  failureFacts,
  fileRef,
  met,
  noEvidence,
  notMet,
  readable,
  repoRef,
  unknown,
  type Verdict,
} from "../verdict.js";
import { combineAll, type EvidenceRule, type RuleInput } from "./rule.js";

// Rules about governance and community files: present in some repository, and what they say.

/** File kinds a `files` rule can ask for: the FilesEvidence keys plus the maintainers file, and how each is named. */
export const FILE_KINDS: Readonly<Record<FileKindName, string>> = FILE_LABELS;
export type FileKind = FileKindName;

function findingOf(r: RepositoryEvidence, kind: FileKind): FileFinding | undefined {
  if (kind === "maintainers") return r.maintainers?.file;
  return r.files?.[kind];
}

function foundFact(r: RepositoryEvidence, kind: FileKind, f: FileFinding): Fact {
  return {
    kind: "file-found",
    fileKind: kind,
    file: fileRef(r, f.path),
    how: f.how === "file" ? "file" : "readme-reference",
    ...(f.note && f.how === "file" ? { note: f.note } : {}),
    ...(f.reference && f.how !== "file" ? { reference: f.reference } : {}),
    ...(f.url && f.how !== "file" ? { url: f.url } : {}),
  };
}

/** One file kind across repositories: found in the first repository that has it. */
export function fileVerdict(evidence: ProjectEvidence | undefined, kind: FileKind): Verdict {
  const none = noEvidence(evidence);
  if (none) return none;
  const e = evidence!;
  const unreadable: Fact[] = failureFacts(e);
  for (const r of e.repositories) {
    const f = findingOf(r, kind);
    if (!f || f.how === "unreadable") unreadable.push({ kind: "file-unread", fileKind: kind, repository: repoRef(r) });
    // A maintainers file that lists no one (it points elsewhere, or names teams only) is no list of maintainers.
    else if (
      kind === "maintainers" &&
      f.how !== "none" &&
      r.maintainers?.unknown &&
      (r.maintainers.maintainers?.length ?? 0) === 0
    )
      unreadable.push({
        kind: "file-unread",
        fileKind: kind,
        repository: repoRef(r),
        reason: r.maintainers.unknown.reason,
      });
    else if (f.how !== "none") return met(foundFact(r, kind, f));
  }
  const missing: Fact = { kind: "file-missing", fileKind: kind, repositories: e.repositories.map(repoRef) };
  return unreadable.length > 0 ? unknown(missing, ...unreadable) : notMet(missing);
}

export const files: EvidenceRule = {
  id: "files",
  description:
    "Every listed file kind is present (as a file, or a README section/link that names it) in some repository.",
  params: z.strictObject({
    files: z
      .array(z.enum(Object.keys(FILE_KINDS) as [FileKind, ...FileKind[]]))
      .min(1)
      .meta({ description: "File kinds, all required." }),
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
    const found = input
      .evidence!.repositories.map((r) => r.files?.dcoOrCla)
      .find((f) => f && f.how !== "none" && f.how !== "unreadable");
    if (found?.kind === kind) return v;
    const wanted = kind as "dco" | "cla";
    if (found?.kind === undefined) return unknown(...v.facts, { kind: "agreement-kind-unknown", wanted });
    return notMet(...v.facts, { kind: "agreement-kind-differs", found: found.kind, wanted });
  },
};

// "Acme Corp." and "acme" are one organization: compare names without case, punctuation, spaces or legal suffixes.
const LEGAL_SUFFIX =
  /\s+(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|gmbh|ag|sa|plc|bv|srl|pty|oy|ab)$/;
function nameKey(name: string): string {
  let k = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  for (let prev = ""; prev !== k; ) [prev, k] = [k, k.replace(LEGAL_SUFFIX, "")];
  return k.replace(/ /g, "");
}

// An organization derived from an email domain ("acme.com", "us.ibm.com", "acme.co.uk").
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;
const SECOND_LEVEL = new Set(["co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"]);

/** "acme.com" → "acme", "us.ibm.com" → "ibm", "acme.co.uk" → "acme": the name a domain stands for. */
function domainStem(domain: string): string {
  const labels = domain.toLowerCase().split(".");
  labels.pop(); // top-level domain
  // co.uk, com.au
  if (labels.length > 1 && labels.at(-1)!.length <= 3 && SECOND_LEVEL.has(labels.at(-1)!)) labels.pop();
  return nameKey(labels.at(-1) ?? "");
}

/** How an organization (or an adopter) is compared: a domain by its stem, a name by its key. */
function orgKey(name: string): string {
  return DOMAIN.test(name.trim()) ? domainStem(name.trim()) : nameKey(name);
}

interface ContributingOrganization {
  readonly name: string;
  readonly key: string;
  /**
   * Why it is a contributing organization: "the program's organization", "maintainers from Acme Corp", "commits from
   * acme.com".
   */
  readonly why: (adopter: string) => ContributorReason;
}

/**
 * The organizations behind the project: the program's own, its maintainers' and its committers' (first reason wins).
 */
function contributingOrganizations(input: RuleInput): ContributingOrganization[] {
  const found: ContributingOrganization[] = [];
  const add = (name: string, why: (adopter: string) => ContributorReason) => {
    const key = orgKey(name);
    if (key && !found.some((o) => o.key === key)) found.push({ name, key, why });
  };
  for (const o of input.organizations) add(o, (a) => ({ kind: "program", organization: o, sameName: a === o }));
  for (const r of input.evidence?.repositories ?? [])
    for (const m of r.maintainers?.maintainers ?? [])
      if (m.organization) {
        const org = m.organization;
        add(org, () => ({ kind: "maintainers", organization: org }));
      }
  // A governance repository lends files, not history: its committers are not the project's.
  for (const r of input.evidence?.repositories ?? [])
    if (r.role !== "governance")
      // "(independent)", "(unknown)"
      for (const o of r.history?.organizations ?? [])
        if (!o.organization.startsWith("("))
          add(o.organization, () => ({ kind: "commits", organization: o.organization }));
  return found;
}

/**
 * The contributing organization an adopter is, if any. Names must match (up to case,
 * punctuation, spaces and legal suffix; an organization known only by its email domain, by the
 * domain's stem: acme.com ~ "Acme Corp"): "Contoso Retail" may or may not be Contoso, and
 * guessing would turn a possibly independent adopter into a silent "not met".
 */
function contributorOf(
  adopter: string,
  organizations: readonly ContributingOrganization[],
): ContributingOrganization | undefined {
  const a = orgKey(adopter);
  return a ? organizations.find((o) => a === o.key) : undefined;
}

interface AdoptersSource {
  readonly repo: RepositoryEvidence;
  readonly finding: RepositoryEvidence["files"]["adopters"];
  readonly count: number | null;
}

export const adopters: EvidenceRule = {
  id: "adopters",
  description:
    "The ADOPTERS files (or README sections) of the project's repositories, united by name, list at least " +
    "`threshold` adopters beyond the contributing organizations (the program's, " +
    "maintainers' and committers'); `includeContributors: true` counts them too.",
  threshold: 3,
  params: z.strictObject({
    includeContributors: z
      .boolean()
      .optional()
      .meta({
        description:
          "Count adopters that are contributing organizations too " +
          "(default false: the guidelines ask for adopters beyond them).",
      }),
  }),
  evaluate(input, threshold, params) {
    const file = fileVerdict(input.evidence, "adopters");
    if (file.status !== "met") return file;
    const e = input.evidence!;
    // Every repository's adopters, not just the first one's: a project lists them where it likes.
    const sources: AdoptersSource[] = [];
    const unread: Fact[] = failureFacts(e);
    const missing: RepositoryEvidence[] = [];
    for (const r of e.repositories) {
      const f = r.files?.adopters;
      if (!f || f.how === "unreadable")
        unread.push({ kind: "file-unread", fileKind: "adopters", repository: repoRef(r) });
      else if (f.how === "none") missing.push(r);
      else sources.push({ repo: r, finding: f, count: readable(f.count) });
    }
    const where = (s: AdoptersSource): FileRef => fileRef(s.repo, s.finding.path);
    const whereKey = (s: AdoptersSource) =>
      `${s.finding.path ?? "ADOPTERS"}\u0000${s.repo.repository}\u0000${s.repo.commit}`;
    const uncountable = sources.filter((s) => s.count === null);
    unread.unshift(
      ...uncountable.map(
        (s): Fact => ({
          kind: "adopters-uncountable",
          file: where(s),
          ...(s.finding.note ? { note: s.finding.note } : {}),
        }),
      ),
    );
    const countable = sources.filter((s) => s.count !== null);
    if (countable.length === 0) return unknown(...unread);

    // Union by normalized name; entries past the listed items (count > items) cannot be compared.
    const union = new Map<string, { name: string; files: string[] }>();
    let unchecked = 0;
    for (const s of countable) {
      const items = s.finding.items ?? [];
      for (const item of items) {
        const key = orgKey(item) || item;
        const u = union.get(key);
        if (!u) union.set(key, { name: item, files: [whereKey(s)] });
        else if (!u.files.includes(whereKey(s))) u.files.push(whereKey(s));
      }
      unchecked += Math.max(0, s.count! - items.length);
    }
    const include = params.includeContributors === true;
    const orgs = include ? [] : contributingOrganizations(input);
    const excluded: { name: string; reason: ContributorReason }[] = [];
    let independent = 0;
    for (const { name } of union.values()) {
      const o = contributorOf(name, orgs);
      if (o) excluded.push({ name, reason: o.why(name) });
      else independent++;
    }
    // a lower bound of distinct (independent) adopters; with contributors counted, one file's own count is one too
    const lower = include ? Math.max(independent, ...countable.map((s) => s.count!)) : independent;
    const beyond = excluded.length ? { independent } : {};
    const facts: Fact[] =
      countable.length === 1 && uncountable.length === 0
        ? [{ kind: "adopters-file", file: where(countable[0]!), count: countable[0]!.count!, ...beyond, threshold }]
        : [
            ...countable.map((s): Fact => ({ kind: "adopters-file", file: where(s), count: s.count! })),
            {
              kind: "adopters-union",
              distinct: union.size,
              files: countable.length,
              unnamed: unchecked,
              ...beyond,
              threshold,
            },
          ];
    if (excluded.length) facts.push({ kind: "adopters-excluded", adopters: excluded });
    const names = [...union.values()].map((u) => u.name);
    if (names.length) facts.push({ kind: "adopters-listed", names });
    if (missing.length) facts.push({ kind: "file-missing", fileKind: "adopters", repositories: missing.map(repoRef) });

    if (lower >= threshold) return met(...facts, ...also(unread));
    if (!include && lower + unchecked >= threshold)
      return unknown(
        ...facts,
        { kind: "adopters-uncompared", entries: unchecked, with: "contributing-organizations" },
        ...unread,
      );
    if (include && independent + unchecked >= threshold)
      return unknown(...facts, { kind: "adopters-uncompared", entries: unchecked, with: "files" }, ...unread);
    if (unread.length) return unknown(...facts, ...unread);
    // a truncated file was only read in part: its count is a lower bound
    return countable.some((s) => s.finding.truncated)
      ? unknown(...facts, { kind: "adopters-truncated" })
      : notMet(...facts);
  },
};
