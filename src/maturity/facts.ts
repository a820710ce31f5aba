/**
 * What a finding rests on, as data: counts, thresholds, the files (path, repository, commit), the people and where
 * they were read, dates. Rules return facts; `factText` (finding-text.ts) is the one place that turns them into the
 * sentences the text, markdown and JSON outputs show. Plain data only (no classes, functions or Maps), so JSON Schemas
 * can describe it and every front end can read it.
 */

/** A repository as read: the catalog's label and the commit read. */
export interface RepositoryRef {
  readonly repository: string;
  /** The full commit id; text shows the first 7 characters. */
  readonly commit: string;
  /** Set for an org-level repository whose files count and whose history does not. */
  readonly role?: "governance";
}

/** A file in a repository at a commit; `path` is null when the collector found the thing but not one file. */
export interface FileRef extends RepositoryRef {
  readonly path: string | null;
}

/** A maintainer as a maintainers file lists them. */
export interface Person {
  readonly handle: string;
  /** "Microsoft", "(independent)"; null when not known. */
  readonly organization: string | null;
  /** How the organization was found ("developers_affiliations.txt:3", "public domain gmail.com"); null if not said. */
  readonly source: string | null;
  /** The maintainers file that lists them. */
  readonly file: FileRef;
}

/** The kinds of file the `files` rule asks for (keys of FILE_KINDS). */
export type FileKindName =
  | "license"
  | "readme"
  | "contributing"
  | "codeOfConduct"
  | "security"
  | "governance"
  | "adopters"
  | "roadmap"
  | "changelog"
  | "issueTemplates"
  | "pullRequestTemplate"
  | "dcoOrCla"
  | "bestPracticesBadge"
  | "dependencyBot"
  | "maintainers";

/** What a count rule counted. */
export type CountMeasure =
  | "commits-last-12-months"
  | "active-contributors-last-12-months"
  | "semver-tags"
  | "releases-last-12-months"
  | "lint-config-files"
  | "test-files"
  | "ci-systems";

/** A tag and the day of its commit (YYYY-MM-DD). */
export interface DatedTag {
  readonly tag: string;
  readonly date: string;
}

/** What one repository adds to a count, beside its figure. */
export type CountDetail =
  | { readonly kind: "latest-semver"; readonly latest: DatedTag }
  | { readonly kind: "no-semver"; readonly tags: number }
  | { readonly kind: "latest-release"; readonly latest: DatedTag }
  | { readonly kind: "latest-tag"; readonly latest: DatedTag }
  | { readonly kind: "items"; readonly items: readonly string[] };

export interface CountPart {
  readonly repository: RepositoryRef;
  readonly value: number;
  readonly detail?: CountDetail;
}

export interface ChannelLink {
  readonly kind: string;
  readonly label: string;
  readonly url: string;
}

/** A channel a README links to: "slack https://…", and the README it was read in. */
export interface ReadmeChannel {
  /** As the collector wrote it: "slack https://…". */
  readonly item: string;
  readonly url: string;
  readonly file: FileRef;
}

/** What the catalog says about a project's channels. */
export type CatalogChannels =
  | { readonly kind: "none"; readonly project: string }
  | { readonly kind: "raw"; readonly raw: string }
  | { readonly kind: "listed"; readonly linked: readonly ChannelLink[] };

/** Why an adopter counts as one of the contributing organizations. */
export type ContributorReason =
  | { readonly kind: "program"; readonly organization: string; readonly sameName: boolean }
  | { readonly kind: "maintainers"; readonly organization: string }
  | { readonly kind: "commits"; readonly organization: string };

/** One fact a finding rests on; each renders as one evidence line. */
export type Fact =
  // Nothing could be read
  | { readonly kind: "no-evidence"; readonly reason: "not-collected" | "no-repositories" }
  | { readonly kind: "collector-failed"; readonly repository: string; readonly message: string; readonly code: string }
  /** A fact that did not keep the criterion from being met ("also: …"). */
  | { readonly kind: "also"; readonly fact: Fact }
  // Counts
  | {
      readonly kind: "count";
      readonly measure: CountMeasure;
      readonly count: number;
      readonly threshold: number;
      /** The day the 12-month windows end (YYYY-MM-DD). */
      readonly asOf: string;
      readonly repositories: readonly CountPart[];
    }
  | { readonly kind: "figure-unread"; readonly repository: RepositoryRef }
  | { readonly kind: "governance-not-counted"; readonly repositories: readonly string[] }
  | { readonly kind: "only-governance"; readonly repositories: readonly string[] }
  // Maintainers
  | { readonly kind: "maintainers-file"; readonly file: FileRef; readonly people: readonly Person[] }
  | { readonly kind: "maintainers-not-listed"; readonly reason: string; readonly repository: RepositoryRef }
  | { readonly kind: "maintainers-file-missing"; readonly repositories: readonly RepositoryRef[] }
  | { readonly kind: "maintainers-file-unread"; readonly repository: RepositoryRef }
  | {
      readonly kind: "maintainers";
      readonly count: number;
      readonly threshold: number;
      /** The distinct maintainers, united across repositories by handle. */
      readonly people: readonly Person[];
    }
  | {
      readonly kind: "maintainers-outside";
      readonly count: number;
      readonly threshold: number;
      readonly programOrganizations: readonly string[];
      readonly people: readonly Person[];
    }
  | {
      readonly kind: "maintainer-organizations";
      readonly count: number;
      readonly threshold: number;
      readonly organizations: readonly string[];
    }
  | { readonly kind: "organization-unknown"; readonly handles: readonly string[] }
  | { readonly kind: "no-program-organizations" }
  // Files
  | {
      readonly kind: "file-found";
      readonly fileKind: FileKindName;
      readonly file: FileRef;
      /** A file, or a README section or link that names it. */
      readonly how: "file" | "readme-reference";
      readonly note?: string;
      readonly reference?: string;
      readonly url?: string;
    }
  | {
      readonly kind: "file-unread";
      readonly fileKind: FileKindName;
      readonly repository: RepositoryRef;
      /** Why, when it was read but says nothing usable (a maintainers file pointing elsewhere). */
      readonly reason?: string;
    }
  | { readonly kind: "file-missing"; readonly fileKind: FileKindName; readonly repositories: readonly RepositoryRef[] }
  | { readonly kind: "agreement-kind-unknown"; readonly wanted: "dco" | "cla" }
  | { readonly kind: "agreement-kind-differs"; readonly found: "dco" | "cla"; readonly wanted: "dco" | "cla" }
  // Adopters
  | { readonly kind: "adopters-uncountable"; readonly file: FileRef; readonly note?: string }
  | {
      readonly kind: "adopters-file";
      readonly file: FileRef;
      readonly count: number;
      /** Set when the file alone decides: adopters beyond the contributing organizations (when some were left out). */
      readonly independent?: number;
      readonly threshold?: number;
    }
  | {
      readonly kind: "adopters-union";
      readonly distinct: number;
      readonly files: number;
      /** Entries counted past the names listed, which cannot be compared by name. */
      readonly unnamed: number;
      readonly independent?: number;
      readonly threshold: number;
    }
  | {
      readonly kind: "adopters-excluded";
      readonly adopters: readonly { readonly name: string; readonly reason: ContributorReason }[];
    }
  | { readonly kind: "adopters-listed"; readonly names: readonly string[] }
  | {
      readonly kind: "adopters-uncompared";
      readonly entries: number;
      readonly with: "contributing-organizations" | "files";
    }
  | { readonly kind: "adopters-truncated" }
  // Channels
  | {
      readonly kind: "catalog-channels";
      readonly catalog: CatalogChannels;
      /** Set when the READMEs' channels decide it. */
      readonly readme?: readonly ReadmeChannel[];
      readonly threshold?: number;
    }
  | { readonly kind: "readme-channels"; readonly channels: readonly ReadmeChannel[] }
  | { readonly kind: "channels-free-text"; readonly texts: readonly string[] }
  // Decided by the assessor
  | { readonly kind: "assessor-decides" }
  | { readonly kind: "previous-stage"; readonly stage: string; readonly satisfied: number; readonly required: number }
  | {
      readonly kind: "open-criteria";
      readonly criteria: readonly {
        readonly criterionId: string;
        readonly status: "met" | "attested" | "not-met" | "unknown" | "expired";
      }[];
    }
  | { readonly kind: "unknown-rule"; readonly ruleId: string }
  // People's statements
  | {
      readonly kind: "attestation";
      /** current, given after the assessment date (not counted), or expired before it. */
      readonly state: "current" | "future" | "expired";
      readonly status: "met" | "not-met";
      readonly by: string;
      readonly date: string;
      readonly link?: string;
      readonly note?: string;
      readonly expires?: string;
      /** The criterion is decided by evidence only, so the attestation does not count. */
      readonly ignored?: boolean;
    }
  | {
      readonly kind: "foreign-attestation";
      readonly criterionId: string;
      /** The framework the attestation is recorded for (the project's declared one). */
      readonly framework: string;
      readonly assessedAgainst: string;
      readonly ignored?: boolean;
    }
  | { readonly kind: "needs-person" }
  | { readonly kind: "no-attestation"; readonly onlyPerson: boolean };

export type FactKind = Fact["kind"];

/** What to do about a criterion that is not met or attested. */
export type Advice =
  | { readonly kind: "renew"; readonly criterionId: string; readonly expired: string }
  | { readonly kind: "attest"; readonly criterionId: string }
  | {
      readonly kind: "work-towards";
      readonly criterionId: string;
      readonly goal: string;
      readonly threshold?: number;
      /** The evidence could not be read: fixing that may settle it. */
      readonly readEvidence: boolean;
      /** It may be met outside the repositories: a person can attest it. */
      readonly orAttest: boolean;
    };
