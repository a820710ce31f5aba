import { list, plural, pluralWord } from "../core/index.js";
import { STATUS_WORDS, type DriftFacts, type EvidenceGapFacts, type LifecycleWarningFacts } from "./assessment.js";
import type {
  Advice,
  CatalogChannels,
  ContributorReason,
  CountDetail,
  CountMeasure,
  Fact,
  FileKindName,
  FileRef,
  Person,
  ReadmeChannel,
  RepositoryRef,
} from "./facts.js";

/**
 * The one place a finding's facts become words: every evidence line and recommendation the text, markdown and JSON
 * outputs show is `factText` / `adviceText` of the facts the rules returned. Pure; no escaping (each output escapes
 * for its medium).
 */

/** How a file kind is named in a sentence. */
export const FILE_LABELS: Readonly<Record<FileKindName, string>> = {
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
};

// How an absence reads: "no ADOPTERS file at …", "no OpenSSF (CII) Best Practices badge in the README at …".
const MISSING_SUFFIX: Partial<Record<FileKindName, string>> = {
  bestPracticesBadge: " in the README",
  issueTemplates: "",
  pullRequestTemplate: "",
  dcoOrCla: " configuration",
  dependencyBot: "",
  maintainers: " file",
};

/** `repo@abc1234`, how a fact names where it was read; an org-level repository says so. */
export function at(r: RepositoryRef): string {
  return `${r.repository}@${r.commit.slice(0, 7)}${r.role === "governance" ? " (governance repository)" : ""}`;
}

const COUNT_NOUNS: Readonly<Record<CountMeasure, (n: number, asOf: string) => string>> = {
  "commits-last-12-months": (n, asOf) => `${plural(n, "non-merge commit")} in the 12 months to ${asOf}`,
  "active-contributors-last-12-months": (n, asOf) => `${plural(n, "active contributor")} in the 12 months to ${asOf}`,
  "semver-tags": (n) => plural(n, "semver tag"),
  "releases-last-12-months": (n, asOf) => `${plural(n, "release")} in the 12 months to ${asOf}`,
  "lint-config-files": (n) => plural(n, "lint configuration file"),
  "test-files": (n) => plural(n, "test file"),
  "ci-systems": (n) => plural(n, "CI system"),
};

function countDetail(d: CountDetail): string {
  switch (d.kind) {
    case "latest-semver":
      return `last semver tag ${d.latest.tag} on ${d.latest.date}`;
    case "no-semver":
      return `no semver tag among ${plural(d.tags, "tag")}`;
    case "latest-release":
      return `latest release ${d.latest.tag} on ${d.latest.date}`;
    case "latest-tag":
      return `latest tag ${d.latest.tag} on ${d.latest.date}`;
    case "items":
      return d.items.join(", ");
  }
}

/** "annlee (Microsoft)", "estesp (independent)": an organization already in brackets keeps its own. */
function person(p: Pick<Person, "handle" | "organization">): string {
  if (!p.organization) return p.handle;
  return p.organization.startsWith("(") ? `${p.handle} ${p.organization}` : `${p.handle} (${p.organization})`;
}

const adoptersFile = (f: FileRef) => `${f.path ?? "ADOPTERS"} in ${at(f)}`;

function contributorWhy(name: string, r: ContributorReason): string {
  if (r.kind === "program") return `the program's organization${r.sameName ? "" : ` ${r.organization}`}`;
  return r.kind === "maintainers" ? `maintainers from ${r.organization}` : `commits from ${r.organization}`;
}

function catalogChannels(c: CatalogChannels): string {
  if (c.kind === "none") return `the catalog lists no channels for ${c.project}`;
  if (c.kind === "raw") return `the catalog's channels cell is raw markdown, so no channel can be checked: ${c.raw}`;
  const linked = c.linked.map((l) => `${l.label} (${l.kind}) ${l.url}`);
  return `the catalog lists ${plural(linked.length, "channel")} with a link${linked.length ? `: ${list(linked)}` : ""}`;
}

const readmeChannels = (channels: readonly ReadmeChannel[]) =>
  `the README links ${plural(channels.length, "channel")}: ` +
  list(channels.map((c) => `${c.item} (from ${c.file.path ?? "the README"} in ${at(c.file)})`));

const required = (threshold: number | undefined) => (threshold === undefined ? "" : `; ${threshold} required`);

/** One fact as the evidence line outputs show. */
export function factText(f: Fact): string {
  switch (f.kind) {
    case "no-evidence":
      return f.reason === "not-collected"
        ? "no evidence was collected for this project"
        : "no repository listed in the catalog";
    case "collector-failed":
      return `collector failed for ${f.repository}: ${f.message} [${f.code}]`;
    case "also":
      return `also: ${factText(f.fact)}`;
    case "count": {
      const parts = f.repositories.map(
        (p) => `${at(p.repository)}: ${p.value}${p.detail ? `, ${countDetail(p.detail)}` : ""}`,
      );
      const noun = COUNT_NOUNS[f.measure](f.count, f.asOf);
      return `${noun} (${parts.join("; ") || "no repository readable"})${required(f.threshold)}`;
    }
    case "figure-unread":
      return `${at(f.repository)}: could not be read`;
    case "governance-not-counted":
      return (
        `not counted: ${list(f.repositories)} ` +
        `(governance ${pluralWord(f.repositories.length, "repository", "repositories")}: files only)`
      );
    case "only-governance":
      return (
        `only governance repositories are listed (${list(f.repositories)}), ` +
        `whose history does not count; list the project's code repository`
      );
    case "maintainers-file":
      return (
        `${f.file.path ?? "maintainers file"} in ${at(f.file)} lists ${plural(f.people.length, "maintainer")}: ` +
        list(f.people.map(person))
      );
    case "maintainers-not-listed":
      return `${f.reason} in ${at(f.repository)}`;
    case "maintainers-file-missing":
      return `no OWNERS, MAINTAINERS or CODEOWNERS file at ${f.repositories.map(at).join(", ")}`;
    case "maintainers-file-unread":
      return `maintainers file could not be read in ${at(f.repository)}`;
    case "maintainers":
      return `${plural(f.count, "distinct maintainer")}${required(f.threshold)}`;
    case "maintainers-outside":
      return (
        `${plural(f.count, "maintainer")} outside ${f.programOrganizations.join(", ")}` +
        `${f.people.length ? `: ${list(f.people.map(person))}` : ""}${required(f.threshold)}`
      );
    case "maintainer-organizations":
      return (
        `maintainers from ${plural(f.count, "organization")}` +
        `${f.organizations.length ? `: ${list(f.organizations)}` : ""}${required(f.threshold)}`
      );
    case "organization-unknown":
      return `organization unknown for ${list(f.handles)}`;
    case "no-program-organizations":
      return (
        "the catalog lists no program organizations (program.organizations), " +
        "so 'outside the program' cannot be told"
      );
    case "file-found": {
      const label = FILE_LABELS[f.fileKind];
      // the note says how a file was found where it was ("linked from README.md", "12 release notes files, e.g. …")
      if (f.how === "file")
        return `${label}: ${f.file.path ?? "found"} in ${at(f.file)}${f.note ? ` (${f.note})` : ""}`;
      return (
        `${label}: referenced from ${f.file.path ?? "the README"}` +
        `${f.reference ? ` ("${f.reference}")` : ""}${f.url ? ` → ${f.url}` : ""} in ${at(f.file)}`
      );
    }
    case "file-unread":
      return `${FILE_LABELS[f.fileKind]}: ${f.reason ?? "could not be read"} in ${at(f.repository)}`;
    case "file-missing":
      return (
        `no ${FILE_LABELS[f.fileKind]}${MISSING_SUFFIX[f.fileKind] ?? " file"} ` +
        `at ${f.repositories.map(at).join(", ")}`
      );
    case "agreement-kind-unknown":
      return `cannot tell whether it is a ${f.wanted.toUpperCase()}`;
    case "agreement-kind-differs":
      return `it is a ${f.found.toUpperCase()}, not a ${f.wanted.toUpperCase()}`;
    case "adopters-uncountable":
      return `${adoptersFile(f.file)} was found, but its entries could not be counted${f.note ? ` (${f.note})` : ""}`;
    case "adopters-file":
      return (
        `${adoptersFile(f.file)} lists ${plural(f.count, "adopter")}` +
        `${f.independent !== undefined ? `, ${f.independent} beyond the contributing organizations` : ""}` +
        required(f.threshold)
      );
    case "adopters-union":
      return (
        `${plural(f.distinct, "distinct adopter")} named across ${plural(f.files, "file")}` +
        `${f.unnamed ? ` (and ${plural(f.unnamed, "entry", "entries")} not read by name)` : ""}` +
        `${f.independent !== undefined ? `, ${f.independent} beyond the contributing organizations` : ""}` +
        required(f.threshold)
      );
    case "adopters-excluded": {
      const shown = f.adopters.slice(0, 8).map((a) => `${a.name}: ${contributorWhy(a.name, a.reason)}`);
      const more = f.adopters.length > 8 ? ` and ${f.adopters.length - 8} more` : "";
      return `not counted (contributing organizations): ${shown.join("; ")}${more}`;
    }
    case "adopters-listed":
      return `adopters listed: ${list(f.names)}`;
    case "adopters-uncompared":
      return (
        `${plural(f.entries, "entry", "entries")} could not be compared ` +
        (f.with === "files" ? "across files" : "with the contributing organizations")
      );
    case "adopters-truncated":
      return "the file is larger than the read limit, so only its beginning was counted";
    case "catalog-channels":
      return `${catalogChannels(f.catalog)}${f.readme ? `; ${readmeChannels(f.readme)}` : ""}${required(f.threshold)}`;
    case "readme-channels":
      return readmeChannels(f.channels);
    case "channels-free-text":
      return (
        `free text without a link does not show a public channel: ${list(f.texts.map((t) => `"${t}"`))}; ` +
        `give the channel as { kind, label, url } in the catalog, or attest it`
      );
    case "assessor-decides":
      return "decided by the assessor from the previous stage";
    case "previous-stage":
      return (
        `${f.satisfied} of ${f.required} required ${f.stage} ` +
        `${pluralWord(f.required, "criterion", "criteria")} met or attested`
      );
    case "open-criteria":
      return `open: ${f.criteria.map((c) => `${c.criterionId} (${STATUS_WORDS[c.status]})`).join(", ")}`;
    case "unknown-rule":
      return `rule '${f.ruleId}' is not a built-in rule`;
    case "attestation": {
      const base =
        `attested ${f.status === "met" ? "met" : "not met"} by ${f.by} on ` +
        `${f.date}${f.link ? ` (${f.link})` : ""}${f.note ? `: ${f.note}` : ""}`;
      const when =
        f.state === "future"
          ? `${base}, after the assessment date, so not counted`
          : f.state === "expired"
            ? `${base}, expired ${f.expires}`
            : f.expires
              ? `${base}, expires ${f.expires}`
              : base;
      return f.ignored ? `${when}${IGNORED}` : when;
    }
    case "foreign-attestation": {
      const text =
        `an attestation of '${f.criterionId}' is recorded for ${f.framework} (the ` +
        `project's declared framework), so it does not count against ${f.assessedAgainst}`;
      return f.ignored ? `${text}${IGNORED}` : text;
    }
    case "needs-person":
      return "this evidence is necessary but not sufficient: a person must confirm the criterion";
    case "no-attestation":
      return f.onlyPerson
        ? "no attestation recorded; only a person can decide this criterion"
        : "no attestation recorded";
  }
}

const IGNORED = " — ignored: this criterion is decided by evidence only";

/** What to do, in words: "renew the attestation …", "work towards: … (threshold 4)". */
export function adviceText(a: Advice): string {
  const attest = `record attestations.${a.criterionId} in the catalog (status, by, date, link)`;
  if (a.kind === "renew") return `renew the attestation '${a.criterionId}' (expired ${a.expired})`;
  if (a.kind === "attest") return `once a person has confirmed it, ${attest}`;
  const goal = `work towards: ${a.goal}${a.threshold !== undefined ? ` (threshold ${a.threshold})` : ""}`;
  const fix = a.readEvidence ? "make the evidence readable (see the evidence lines), or " : "";
  return a.orAttest ? `${fix}${goal}; if it is met outside the repositories, ${attest}` : `${fix}${goal}`;
}

/** Declared against supported, in words: "declared incubating, but the evidence … support sandbox: …". */
export function driftText(d: DriftFacts): string {
  const supported = d.supported ?? `no stage (not even ${d.firstStage ?? "the first stage"})`;
  const criteria = (n: number) =>
    `${plural(n, "required criterion", "required criteria")} up to ${d.declared} ${n === 1 ? "is" : "are"}`;
  switch (d.kind) {
    case "not-comparable":
      return d.note ?? "no declared stage";
    case "unconfirmed":
      return (
        `declared ${d.declared}; not yet confirmed${d.supported ? ` (confirmed up to ${d.supported})` : ""}: ` +
        `${criteria(d.open?.length ?? 0)} unknown (evidence not read or no attestation)`
      );
    case "declared-above-supported": {
      const against = (d.open ?? []).filter((f) => f.status !== "unknown");
      const how = against.every((f) => f.status === "expired")
        ? "expired"
        : against.some((f) => f.status === "expired")
          ? "not met or expired"
          : "not met";
      return (
        `declared ${d.declared}, but the evidence and attestations support ${supported}: ` +
        `${criteria(against.length)} ${how}`
      );
    }
    case "eligible-to-move-up":
      return (
        `the evidence and attestations support ${d.supported}, ` +
        `above the declared ${d.declared}: eligible to move up`
      );
    case "none":
      return `declared ${d.declared}, supported ${d.supported}`;
  }
}

/** Why no repository could be read, in words. */
export function evidenceGapText(g: EvidenceGapFacts): string {
  const failures = g.failures ?? [];
  switch (g.kind) {
    case "not-collected":
      return "no evidence was collected for this project";
    case "no-repositories":
      return "the catalog lists no repository for this project";
    case "not-yet":
      return `${list(failures.map((f) => f.repository))} had no commit on or before ${g.asOf}`;
    case "unreadable":
      return failures.map((f) => `collector failed for ${f.repository}: ${f.message} [${f.code}]`).join("; ");
  }
}

/** A project declared at an active stage whose repositories say it ended, in words. */
export function lifecycleWarningText(w: LifecycleWarningFacts): string {
  const why = w.repositories.map((r) => `${r.repository}@${r.commit.slice(0, 7)}: ${r.reason}`).join("; ");
  return (
    `declared ${w.declared}, an active level, but its ` +
    `${w.repositories.length === 1 ? "repository says" : "repositories say"} it is ${w.state} (${why})`
  );
}
