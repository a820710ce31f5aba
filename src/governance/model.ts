import type { Member, Motion, MotionKind, RecordedDecision, ReviewFile } from "./schema.js";
import type { Tally, VotingRule } from "./tally.js";

/** The governance files of a catalog, read and schema-valid; each keeps the file it came from. */
export interface GovernanceRecords {
  readonly toc?: { readonly file: string; readonly members: readonly Member[]; readonly rule: VotingRule };
  /** In the order the reviews opened. */
  readonly reviews: readonly { readonly file: string; readonly review: ReviewFile }[];
  readonly recorded?: { readonly file: string; readonly decisions: readonly RecordedDecision[] };
}

/** A stage of a framework as governance needs it: its id and the words a catalog may write for it. */
export interface StageRef {
  readonly id: string;
  readonly synonyms?: readonly string[];
}

/**
 * What governance needs of a maturity framework: its stages in order (least to most mature) and,
 * as data, the criteria only a TOC can judge that a decision at a stage attests (due diligence,
 * proposal reviewed, TOC approval). The caller builds it from the frameworks (governance may not
 * import maturity).
 */
export interface FrameworkLadder {
  readonly id: string;
  readonly stages: readonly StageRef[];
  /** stage id → criterion ids a passed vote at that stage attests. */
  readonly attestedByDecision?: Readonly<Record<string, readonly string[]>>;
}

/** A project of the catalog, as governance sees it. */
export interface ProgramProject {
  readonly id: string;
  readonly name: string;
  /** The framework id its state declares (alias resolved), if any. */
  readonly frameworkId?: string;
  /** The level as the catalog writes it (a stage id or synonym, or anything else: N/A, ??). */
  readonly level?: string;
  /** Its repositories; `folder` set for a folder of a repository (a monorepo's component). */
  readonly repositories: readonly { readonly url: string; readonly folder?: string }[];
  readonly home?: string;
}

/** Everything the checks take besides the records: the catalog's projects and the frameworks' ladders. */
export interface GovernanceContext {
  readonly projects: readonly ProgramProject[];
  readonly frameworks: ReadonlyMap<string, FrameworkLadder>;
  /** The framework a project from outside is admitted into, when the motion names none. */
  readonly programFramework?: string;
}

export type MotionStatus = "passed" | "failed" | "pending" | "recorded";

/** A motion with its outcome under the rule. */
export interface MotionOutcome {
  readonly review: string;
  readonly file: string;
  readonly index: number;
  readonly motion: Motion;
  readonly framework?: string;
  /** The target stage id (admit, promote), normalized from what was written. */
  readonly stage?: string;
  /** reject motions have none: they record the TOC's opinion. */
  readonly tally?: Tally;
  /** pending: the review is open and the votes so far do not decide it. */
  readonly status: MotionStatus;
  /** The day it was decided: its last vote (the motion's date without votes). */
  readonly decidedOn: string;
}

export type DecisionKind = MotionKind;

/** A change in a project's standing: a passed motion, a rejection, or a decision recorded from elsewhere. */
export interface Decision {
  readonly project: string;
  readonly kind: DecisionKind;
  readonly framework: string;
  /** admit, promote: the stage decided. */
  readonly stage?: string;
  readonly foundation?: string;
  readonly date: string;
  /** Who decided: "TOC" for this program's motions, the record's `by` otherwise. */
  readonly by: string;
  /** `2026-Q4/fleet-manager-incubating`, for motions. */
  readonly motion?: string;
  readonly tally?: Tally;
  readonly opinion?: string;
  readonly link?: string;
  readonly source?: string;
  /** Where it is written. */
  readonly file: string;
  readonly at: readonly (string | number)[];
}
