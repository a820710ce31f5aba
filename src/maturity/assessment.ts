import type { DeclaredLevel } from "./resolve-state.js";
import type { Advice, Fact } from "./facts.js";
import type { Decided, Requirement } from "./framework.js";

/** A criterion's verdict: met by evidence, attested by a person, not met, unknown, or attested but expired. */
export type FindingStatus = "met" | "attested" | "not-met" | "unknown" | "expired";

/** One criterion's outcome, in the rule shape every renderer (CLI, README, badges, API) uses. */
export interface Finding {
  readonly criterionId: string;
  readonly stage: string;
  readonly text: string;
  readonly requirement: Requirement;
  readonly decided: Decided;
  /** The evidence rule applied, and its threshold after program overrides. */
  readonly ruleId?: string;
  readonly threshold?: number;
  readonly status: FindingStatus;
  /** What the status rests on, as data: counts, thresholds, files with path and commit, people, attestations. */
  readonly facts: readonly Fact[];
  /** The facts in words, one line each (`factText`): "OWNERS in repo@abc1234 lists 3 maintainers: …". */
  readonly evidence: readonly string[];
  /** What to do to meet it, as data; absent when met or attested. */
  readonly advice?: Advice;
  /** The advice in words (`adviceText`). */
  readonly recommendation?: string;
}

/**
 * Declared vs supported: declared above (a warning: some required criterion is not met),
 * unconfirmed (declared above what is confirmed, but only because criteria are unknown),
 * supported above (eligible to move up), equal, or not comparable.
 */
export interface DriftFacts {
  readonly kind: "none" | "declared-above-supported" | "unconfirmed" | "eligible-to-move-up" | "not-comparable";
  /** The declared stage id; null when not comparable. */
  readonly declared: string | null;
  readonly supported: string | null;
  /** The framework's first stage, for "no stage (not even sandbox)"; absent when no framework applies. */
  readonly firstStage?: string;
  /** Required criteria up to the declared stage that are not met or attested (declared above / unconfirmed). */
  readonly open?: readonly { readonly criterionId: string; readonly status: FindingStatus }[];
  /** Why the levels cannot be compared (not-comparable). */
  readonly note?: string;
}

/** The drift's facts and their words (`driftText`). */
export interface Drift extends DriftFacts {
  readonly message: string;
}

/**
 * Why no repository of the project could be read as of the assessment's date, so every criterion
 * decided by evidence is unknown. `not-yet`: no repository had a commit on or before the date (they
 * did not exist yet); `unreadable`: the collector failed; `not-collected`: no evidence was given;
 * `no-repositories`: the catalog lists none.
 */
export interface EvidenceGapFacts {
  readonly kind: "not-yet" | "unreadable" | "not-collected" | "no-repositories";
  readonly asOf: string;
  /** The repositories that failed, with the collector's code and words (not-yet, unreadable). */
  readonly failures?: readonly UnreadRepository[];
}

/** The gap's facts and their words (`evidenceGapText`). */
export interface EvidenceGap extends EvidenceGapFacts {
  readonly message: string;
}

export interface Counts {
  readonly met: number;
  readonly attested: number;
  readonly notMet: number;
  readonly expired: number;
  readonly unknown: number;
}

/** The assessment of one project against one framework, as of a date. */
export interface ProjectAssessment {
  readonly project: string;
  readonly name: string;
  readonly asOf: string;
  /** The framework applied; null when none could be (see `notAssessed`). */
  readonly framework: { readonly id: string; readonly version: string; readonly title: string } | null;
  readonly notAssessed?: string;
  readonly declared: DeclaredLevel;
  /** The highest stage whose required criteria, and every earlier stage's, are met or attested; null for none. */
  readonly supported: string | null;
  readonly findings: readonly Finding[];
  /** What is missing for the stage after `supported`; null at the top stage or when not assessed. */
  readonly next: {
    readonly stage: string;
    readonly missing: readonly Finding[];
    readonly suggested: readonly Finding[];
  } | null;
  readonly drift: Drift;
  /** Over every criterion of the framework. */
  readonly counts: Counts;
  /** Set when no repository could be read: why (see `EvidenceGap`). */
  readonly evidenceGap?: EvidenceGap;
  /**
   * Repositories the collector could not read (not those with no commit yet at the date): their criteria are unknown,
   * not measured.
   */
  readonly unreadRepositories?: readonly UnreadRepository[];
  /** Set when every code repository says it is archived or deprecated while the project is declared at a stage. */
  readonly lifecycleWarning?: LifecycleWarning;
}

/** A repository that could not be read, and why. */
export interface UnreadRepository {
  readonly repository: string;
  readonly code: string;
  readonly message: string;
}

/** A project declared at an active stage whose repositories say it is archived or deprecated. */
export interface LifecycleWarningFacts {
  readonly state: "archived" | "deprecated";
  readonly declared: string;
  /** Each code repository and what says it ended (a README line, the host's archived flag). */
  readonly repositories: readonly { readonly repository: string; readonly commit: string; readonly reason: string }[];
}

/** The warning's facts and their words (`lifecycleWarningText`). */
export interface LifecycleWarning extends LifecycleWarningFacts {
  /** "declared incubating, an active level, but its repositories say it is archived (…)" */
  readonly message: string;
}

/** A status in words for text and markdown ("not met"); JSON keeps the machine names. */
export const STATUS_WORDS: Readonly<Record<FindingStatus, string>> = {
  met: "met",
  attested: "attested",
  "not-met": "not met",
  unknown: "unknown",
  expired: "expired",
};

/** met or attested: what counts towards a stage. */
export function isSatisfied(f: Pick<Finding, "status">): boolean {
  return f.status === "met" || f.status === "attested";
}
