/**
 * Evidence: facts read from a project's git repositories, each with what it counted.
 * This is the contract between `evidence/` (which produces it) and `maturity/` (which
 * judges it). Plain JSON-serializable data, so it can be cached and stored as is.
 *
 * A figure that could not be read is `null` (or a `FileFinding` with `how: "unreadable"`),
 * never 0 or false: the assessment then says "unknown", not "not met".
 */

import type { ErrorCode } from "../core/index.js";

export const EVIDENCE_VERSION = 1;

/**
 * What the evidence concludes from the same repository, commit and date: raised whenever a rule reading tags, files,
 * maintainers or history changes what it finds, so a snapshot a store keeps from an earlier rule is read again rather
 * than reused. (EVIDENCE_VERSION is the shape of the JSON.) 2: the project's latest release is not a Go module's tag in
 * a folder, nor, on one day, a component's. 3: the project's release counts and stability are its own line's, not its
 * folders' modules' (cloud-provider-azure: 50 releases in 12 months, not 150); a person is shown by their most used
 * name (jaeger's Yuri Shkuro, not the bot name twice written from his address); a domain of one person's two
 * addresses is theirs (crossplane's rk0n.org); CODEOWNERS comments name owners and their organizations (spire).
 */
export const EVIDENCE_REVISION = 3;

/** Where a fact came from, so a report can show it. */
export interface Source {
  /** Repository as named in the catalog. */
  readonly repository: string;
  /** Full commit id the fact was read at. */
  readonly commit: string;
  /** Path inside the repository, when the fact comes from a file. */
  readonly path?: string;
  /** 1-based line, when it comes from one line. */
  readonly line?: number;
}

/** How a governance/community file was found (CLOMonitor style). */
export type FoundHow = "file" | "readme-reference" | "none" | "unreadable";

export interface FileFinding {
  readonly how: FoundHow;
  /** Path of the file, or of the README holding the reference. */
  readonly path?: string;
  /** For a README reference: the heading or link text that named it, and its URL if a link. */
  readonly reference?: string;
  readonly url?: string;
  readonly source?: Source;
  /** Added by evidence/: how it was read when that matters ("symlink to docs/LICENSE", why it is unreadable). */
  readonly note?: string;
  /** Added by evidence/: the file was larger than the read limit and only its beginning was read. */
  readonly truncated?: boolean;
}

/** A count with the items it counted (names, paths, tags), capped for size. */
export interface Counted {
  readonly count: number;
  /** Up to 50 of the counted items, for display. */
  readonly items: readonly string[];
  readonly source?: Source;
}

export interface OrganizationShare {
  // "(independent)" for public mail domains, "(unknown)" when no rule matched or a host-local domain, "(unaffiliated
  // domain)" for domains of one person
  readonly organization: string;
  readonly commits: number;
  readonly commitShare: number; // 0..1
  readonly contributors: number;
  readonly contributorShare: number; // 0..1
  /** How contributors were mapped to this organization: "affiliations.txt:12", "email-map:3", "domain example.com". */
  readonly via: readonly string[];
}

export interface HistoryEvidence {
  readonly firstCommitDate: string; // ISO date-time
  readonly lastCommitDate: string;
  readonly commits: number; // non-merge commits up to as-of
  readonly merges: number;
  readonly commitsLast12Months: number;
  readonly contributors: number; // distinct people after mailmap and merging, incl. co-authors, bots excluded
  readonly activeContributorsLast12Months: number;
  /** Quarter ("2020-Q1") → contributors whose first commit fell in it. */
  readonly newContributorsPerQuarter: Readonly<Record<string, number>>;
  readonly organizations: readonly OrganizationShare[];
  /** Fewest organizations whose commits exceed `threshold` of the window's commits (CHAOSS). */
  /** Added by evidence/: the same shares over the 12 calendar months ending with the as-of month. */
  readonly organizationsLast12Months?: readonly OrganizationShare[];
  readonly elephantFactor: {
    readonly value: number;
    readonly threshold: number;
    readonly windowMonths: number;
    readonly organizations: readonly string[];
  };
  /** Contributor absence factor (bus factor), same over people. */
  readonly contributorAbsenceFactor: {
    readonly value: number;
    readonly threshold: number;
    readonly windowMonths: number;
    readonly people: readonly string[];
  };
  /**
   * Added by evidence/: commits by bots (see bots.ts), not counted in `contributors`, the
   * organizations, their shares or the factors (`commits` and `commitsLast12Months` count every commit).
   */
  readonly bots?: {
    readonly commits: number;
    readonly identities: number /** Up to 50, the busiest first. */;
    readonly names: readonly string[];
  };
  /**
   * Added by evidence/: email spellings merged into one person beyond .mailmap (other case, same GitHub login, same
   * affiliations login), with why.
   */
  readonly mergedIdentities?: {
    readonly count: number /** Up to 50: `spelling → email (why)`. */;
    readonly items: readonly string[];
  };
  /**
   * Added by evidence/: commits in the history read that are dated after the as-of day (a committer's clock ahead); not
   * counted as the last commit.
   */
  readonly commitsDatedAfterAsOf?: number;
  /** True when the clone is shallow: figures are lower bounds. */
  readonly shallow: boolean;
  readonly source: Source;
}

export interface Maintainer {
  readonly handle: string; // login or email as written in the file
  /** Added by evidence/: the email written beside the login (`Jane <jane@acme.io> (@jdoe)`), when both are given. */
  readonly email?: string;
  readonly organization?: string;
  readonly via?: string;
  /** Added by evidence/: the person's name as the maintainers file writes it. */
  readonly name?: string;
}

export interface MaintainersEvidence {
  readonly file: FileFinding; // OWNERS / MAINTAINERS / CODEOWNERS
  readonly maintainers: readonly Maintainer[];
  /** Distinct organizations among maintainers whose organization is known. */
  readonly organizations: readonly string[];
  /** Added by evidence/: what was counted as a maintainer (keys, groups, sections) and what was left out. */
  readonly counted?: string;
  /** Added by evidence/: which file was used when several exist, and why. */
  readonly chosen?: string;
  /** Added by evidence/: the people cannot all be told from this repository (see MaintainersUnknown). */
  readonly unknown?: MaintainersUnknown;
}

/**
 * Added by evidence/: why the maintainers of a repository are not (all) known from it: the
 * file only points elsewhere, names teams or undefined aliases, or lists no one the tool can
 * read. With `lowerBound`, the people found are maintainers but there may be more.
 */
export interface MaintainersUnknown {
  readonly reason: string;
  readonly lowerBound: boolean;
  /** Teams (`@org/team`) or aliases standing for people not listed here. */
  readonly names?: readonly string[];
  /** The link a pointer-only file gives: another repository (`repository`, `path`) or a website. */
  readonly pointer?: {
    readonly url: string;
    readonly line: number;
    readonly repository?: string;
    readonly path?: string;
    readonly source?: Source;
  };
}

/**
 * A release as the report names it: the tag, its date, and the component it releases (absent for the project itself).
 */
export interface ReleaseRef {
  readonly tag: string;
  readonly date: string;
  readonly component?: string;
}

/** Releases of one component (`docker` of `docker-v29.7.2`; "" for the project's own `v1.2.3` tags). */
export interface ReleaseComponent {
  readonly component: string;
  readonly tags: number;
  readonly releasesLast12Months: number;
  readonly latestStable?: ReleaseRef;
}

export interface ReleasesEvidence {
  /** Every tag dated on or before the as-of date. */
  readonly tags: number;
  /** Release tags: a semantic version, with an optional component prefix (`v1.2.3`, `api/v1.2.3`, `docker-v29.7.2`). */
  readonly semverTags: number;
  /** The newest tag of any kind. */
  readonly latest?: { readonly tag: string; readonly date: string; readonly semver: boolean };
  /**
   * The project's newest release tag by date, pre-releases included: not a Go module's tag in a folder
   * (`pkg/azclient/v0.22.0`) while there is any other release.
   */
  readonly latestSemver?: { readonly tag: string; readonly date: string };
  /**
   * Added by evidence/: the project's newest release that is not a pre-release (on one day, its own before a
   * component's, then the highest version), chosen as latestSemver is.
   */
  readonly latestStable?: ReleaseRef;
  /**
   * The project's final (not pre-) releases in the 365 days ending on the as-of date; tags on one commit are one
   * release. Chosen as latestSemver is: a folder's module counts under `components` while there is any other release.
   */
  readonly releasesLast12Months: number;
  /** Added by evidence/: pre-releases (rc, beta, alpha) in the same window, counted the same way. */
  readonly preReleasesLast12Months?: number;
  /** Added by evidence/: tags that name no version (`nightly`, `builder/1`): not releases. */
  readonly nonReleaseTags?: number;
  /** Added by evidence/: releases by component, most active first (up to 20). */
  readonly components?: readonly ReleaseComponent[];
  readonly stable: boolean; // a final release >= 1.0.0 of the project's own line exists
  readonly source: Source;
  /** Added by evidence/: up to 50 tags counted, newest first. */
  readonly items?: readonly string[];
}

export interface FilesEvidence {
  readonly license: FileFinding & { readonly spdx?: string };
  readonly readme: FileFinding;
  readonly contributing: FileFinding;
  readonly codeOfConduct: FileFinding;
  readonly security: FileFinding;
  readonly governance: FileFinding;
  readonly adopters: FileFinding & {
    readonly count?: number /** Added by evidence/: up to 50 adopters listed. */;
    readonly items?: readonly string[];
  };
  readonly roadmap: FileFinding;
  readonly changelog: FileFinding;
  readonly issueTemplates: FileFinding;
  readonly pullRequestTemplate: FileFinding;
  /** CI systems found: "github-actions", "prow", "azure-pipelines", "travis", "circleci", "gitlab-ci", "jenkins". */
  readonly ci: Counted;
  readonly lint: Counted; // lint configuration files
  readonly unitTests: Counted; // test files
  readonly dcoOrCla: FileFinding & { readonly kind?: "dco" | "cla" };
  readonly bestPracticesBadge: FileFinding & { readonly projectId?: string };
  readonly dependencyBot: FileFinding & { readonly kind?: "dependabot" | "renovate" };
  /**
   * Added by evidence/: chat, mailing-list and discussion channels the README links to, as "slack https://…"; absent in
   * evidence read before.
   */
  readonly channels?: Counted;
}

export interface RepositoryEvidence {
  readonly repository: string;
  readonly commit: string; // the commit read (last on or before as-of)
  readonly commitDate: string;
  readonly asOf: string; // YYYY-MM-DD the evidence is as of
  readonly history: HistoryEvidence;
  readonly releases: ReleasesEvidence;
  readonly files: FilesEvidence;
  readonly maintainers: MaintainersEvidence;
  /**
   * Added by evidence/: problems that did not stop the read (shallow clone, a file cut short, a symlink not followed).
   */
  readonly warnings?: readonly EvidenceWarning[];
  /**
   * Added by evidence/: how the cache served this read: "hit" (nothing read), "incremental" (new commits only),
   * "full", or "store" (the final evidence kept in the store for this commit and date, reused).
   */
  readonly cache?: "hit" | "incremental" | "full" | "store";
  /** Added by evidence/: the repository's location without any folder (`repository` is the catalog's label). */
  readonly url?: string;
  /** Added by evidence/: the monorepo folder read; history, people and files are this folder's. */
  readonly path?: string;
  /**
   * Added by evidence/: "governance" for an org-level repository whose files count and whose history does not. @default
   * "code"
   */
  readonly role?: "code" | "governance";
  /** Added by evidence/: where the repository was read from when a mirror rewrote its location. */
  readonly mirror?: string;
  /** Added by evidence/: whether the repository says it is archived or deprecated, or has gone quiet. */
  readonly lifecycle?: Lifecycle;
}

/**
 * Added by evidence/: a repository's lifecycle. `archived` / `deprecated`: its README says so
 * (`source` names the line); `inactive`: no commit in the 12 months before as-of; else `active`.
 */
export interface Lifecycle {
  readonly state: "active" | "inactive" | "archived" | "deprecated";
  /** Why, in words: the README's line, or the last commit's date. */
  readonly reason: string;
  readonly source?: Source;
}

/** Added by evidence/: a problem worth showing that did not stop collection. */
export interface EvidenceWarning {
  readonly code: ErrorCode;
  readonly message: string;
  readonly path?: string;
}

export interface RepositoryFailure {
  readonly repository: string;
  readonly code: ErrorCode;
  readonly message: string;
  /** Added by evidence/: what to do about it. */
  readonly hint?: string;
}

/** Everything known about one project: one entry per repository, plus failures. */
export interface ProjectEvidence {
  readonly version: typeof EVIDENCE_VERSION;
  readonly project: string; // project id
  readonly asOf: string;
  readonly repositories: readonly RepositoryEvidence[];
  readonly failures: readonly RepositoryFailure[];
}
