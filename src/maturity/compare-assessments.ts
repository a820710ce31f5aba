import {
  isSatisfied,
  type Drift,
  type EvidenceGap,
  type Finding,
  type FindingStatus,
  type ProjectAssessment,
} from "./assessment.js";
import type { Fact } from "./facts.js";
import type { DeclaredSource } from "./resolve-state.js";
import { summarizePortfolio, type PortfolioSummary } from "./summary.js";

/**
 * What changed between two assessments of a project (the last review and now): the supported
 * level, the declared one, drift, and every criterion whose status changed. Pure.
 */

/**
 * How the supported level moved. `new`: the project's repositories had no commit yet at the earlier
 * date; `not-comparable`: either side was not assessed, the framework changed, or the evidence could
 * be read at one date and not the other, or at neither date and the level held (nothing to compare it on).
 */
export type Movement = "up" | "down" | "same" | "new" | "not-comparable";

/** One criterion whose status differs between the two dates. */
export interface CriterionChange {
  readonly criterionId: string;
  readonly stage: string;
  readonly text: string;
  readonly requirement: Finding["requirement"];
  /** null when the criterion was not in the earlier assessment's framework (a new framework version). */
  readonly before: FindingStatus | null;
  /** null when the criterion is not in the later assessment's framework. */
  readonly after: FindingStatus | null;
  /**
   * `gained`: now met or attested, was not; `lost`: was, is not now; `changed`: neither (unknown → not-met, say; see
   * `decided`).
   */
  readonly direction: "gained" | "lost" | "changed";
  /**
   * Was unknown and is now decided, neither gained nor lost (unknown → not-met or expired): renderers count these
   * rather than list them.
   */
  readonly decided: boolean;
  /** An attestation that counted, or had not yet expired, at the earlier date has expired since. */
  readonly newlyExpired: boolean;
  /** The evidence now (what the change rests on); the earlier evidence in `evidenceBefore`. */
  readonly evidence: readonly string[];
  readonly evidenceBefore: readonly string[];
  /** The facts now and then, of which `evidence` and `evidenceBefore` are the words. */
  readonly facts: readonly Fact[];
  readonly factsBefore: readonly Fact[];
}

/** A value then and now. */
export interface Then<T> {
  readonly before: T;
  readonly after: T;
}

/** What changed for one project between `since` (the earlier assessment) and `asOf` (the later one). */
export interface AssessmentChange {
  readonly project: string;
  readonly name: string;
  readonly since: string;
  readonly asOf: string;
  /** Framework id@version applied at each date; null when not assessed. */
  readonly framework: Then<string | null>;
  /** Supported stage id; null for none (or not assessed). */
  readonly supported: Then<string | null>;
  readonly movement: Movement;
  /** The declared level as written ("Azure: incubating"). */
  readonly declared: Then<string | null>;
  /** What each declared level rests on: the catalog, or a decision (null: stored before sources were kept). */
  readonly declaredSource: Then<DeclaredSource | null>;
  readonly drift: Then<Drift>;
  /** Why no evidence could be read at each date; null where some was. */
  readonly evidenceGap: Then<EvidenceGap | null>;
  /** Criteria whose status changed, in framework order. */
  readonly criteria: readonly CriterionChange[];
  readonly gained: number;
  readonly lost: number;
  /** Ids of the criteria whose attestation expired between the two dates. */
  readonly newlyExpired: readonly string[];
  /** Nothing changed: same supported level, declared level, drift and criteria. */
  readonly unchanged: boolean;
  /** Why the two assessments cannot be compared criterion by criterion, when they cannot. */
  readonly note?: string;
}

/** The portfolio between two dates: both summaries and each project's change. */
export interface PortfolioChange {
  readonly since: string;
  readonly asOf: string;
  readonly before: PortfolioSummary;
  readonly after: PortfolioSummary;
  /** Each project's change, in the order of the later assessments. */
  readonly changes: readonly AssessmentChange[];
  readonly movedUp: number;
  readonly movedDown: number;
  readonly same: number;
  /** Projects whose repositories had no commit yet at the earlier date. */
  readonly new: number;
  readonly notComparable: number;
}

const frameworkLabel = (a: ProjectAssessment) => (a.framework ? `${a.framework.id}@${a.framework.version}` : null);

/**
 * Up, down or same, from the stage order the findings follow (the framework's); not comparable if a stage has no
 * criteria to place it.
 */
function movementOf(before: ProjectAssessment, after: ProjectAssessment): Movement {
  if (before.supported === after.supported) return "same";
  const stages = [...new Set([...after.findings, ...before.findings].map((f) => f.stage))];
  const rank = (stage: string | null) => (stage === null ? -1 : stages.indexOf(stage));
  const [b, a] = [rank(before.supported), rank(after.supported)];
  if ((before.supported !== null && b < 0) || (after.supported !== null && a < 0)) return "not-comparable";
  return a > b ? "up" : "down";
}

function directionOf(before: FindingStatus | null, after: FindingStatus | null): CriterionChange["direction"] {
  const was = before !== null && isSatisfied({ status: before });
  const is = after !== null && isSatisfied({ status: after });
  return is && !was ? "gained" : was && !is ? "lost" : "changed";
}

function criterionChange(b: Finding | undefined, a: Finding | undefined): CriterionChange {
  const f = (a ?? b)!;
  const before = b?.status ?? null;
  const after = a?.status ?? null;
  return {
    criterionId: f.criterionId,
    stage: f.stage,
    text: f.text,
    requirement: f.requirement,
    before,
    after,
    direction: directionOf(before, after),
    decided: before === "unknown" && (after === "not-met" || after === "expired"),
    newlyExpired: after === "expired" && before !== "expired",
    evidence: a?.evidence ?? [],
    evidenceBefore: b?.evidence ?? [],
    facts: a?.facts ?? [],
    factsBefore: b?.facts ?? [],
  };
}

/**
 * Compare a project's assessment at the last review (`before`) with its assessment now (`after`).
 * Criteria are matched by id when both dates applied the same framework; a different framework
 * (or a project not assessed at either date) makes the movement `not-comparable`.
 *
 * @example
 * const c = compareAssessments(assess({ ...input, asOf: "2025-06-01" }), assess({ ...input, asOf: "2026-11-01" }));
 * c.movement // "up"; c.criteria[0] // { criterionId: "incubating.maintainers", before: "not-met", after: "met", … }
 */
export function compareAssessments(before: ProjectAssessment, after: ProjectAssessment): AssessmentChange {
  if (before.project !== after.project)
    throw new Error(`compareAssessments: '${before.project}' and '${after.project}' are different projects`);
  const framework = { before: frameworkLabel(before), after: frameworkLabel(after) };
  const sameFramework =
    before.framework !== null && after.framework !== null && before.framework.id === after.framework.id;
  let note: string | undefined;
  if (!before.framework || !after.framework) {
    const side =
      !before.framework && !after.framework
        ? "at either date"
        : !before.framework
          ? `on ${before.asOf}`
          : `on ${after.asOf}`;
    note =
      `not assessed ${side}: ` +
      `${(!before.framework ? before.notAssessed : after.notAssessed) ?? "no framework applies"}`;
  } else if (!sameFramework)
    note =
      `assessed against ${framework.before} on ${before.asOf} and ` +
      `${framework.after} on ${after.asOf}: criteria not compared`;
  // Evidence read at one date and not at the other: every evidence criterion would "change" from or to
  // unknown, which says nothing about the project. Both sides without evidence compare attestations alike.
  const gap =
    sameFramework && !before.evidenceGap !== !after.evidenceGap
      ? before.evidenceGap
        ? { side: before, gap: before.evidenceGap }
        : { side: after, gap: after.evidenceGap! }
      : undefined;
  const isNew = gap?.side === before && gap.gap.kind === "not-yet";
  if (gap)
    note = isNew
      ? `new since ${before.asOf}: ${gap.gap.message}`
      : `no evidence as of ${gap.side.asOf} (${gap.gap.message}): criteria not compared`;

  const criteria: CriterionChange[] = [];
  if (sameFramework && !gap) {
    const earlier = new Map(before.findings.map((f) => [f.criterionId, f]));
    const later = new Set(after.findings.map((f) => f.criterionId));
    for (const a of after.findings) {
      const b = earlier.get(a.criterionId);
      if (b?.status !== a.status) criteria.push(criterionChange(b, a));
    }
    for (const b of before.findings) if (!later.has(b.criterionId)) criteria.push(criterionChange(b, undefined));
  }

  // No evidence at either date (no repository listed, none readable): "none → none" is no finding about the project, so
  // the level's movement is not comparable unless attestations alone moved it.
  const blind =
    before.evidenceGap !== undefined && after.evidenceGap !== undefined && before.supported === after.supported;
  const movement: Movement = isNew
    ? "new"
    : sameFramework && !gap && !blind
      ? movementOf(before, after)
      : "not-comparable";
  const declared = { before: before.declared.written, after: after.declared.written };
  const drift = { before: before.drift, after: after.drift };
  return {
    project: after.project,
    name: after.name,
    since: before.asOf,
    asOf: after.asOf,
    framework,
    supported: { before: before.supported, after: after.supported },
    movement,
    declared,
    declaredSource: { before: before.declared.source ?? null, after: after.declared.source ?? null },
    drift,
    evidenceGap: { before: before.evidenceGap ?? null, after: after.evidenceGap ?? null },
    criteria,
    gained: criteria.filter((c) => c.direction === "gained").length,
    lost: criteria.filter((c) => c.direction === "lost").length,
    newlyExpired: criteria.filter((c) => c.newlyExpired).map((c) => c.criterionId),
    unchanged:
      !gap &&
      framework.before === framework.after &&
      before.supported === after.supported &&
      declared.before === declared.after &&
      drift.before.kind === drift.after.kind &&
      criteria.length === 0,
    ...(note ? { note } : {}),
  };
}

/**
 * Compare the portfolio at the last review with now: each project (matched by id, in the order of
 * `after`) and both summaries. Every project in `after` must have an assessment in `before`.
 */
export function comparePortfolio(
  before: readonly ProjectAssessment[],
  after: readonly ProjectAssessment[],
  dates: { readonly since: string; readonly asOf: string },
): PortfolioChange {
  const earlier = new Map(before.map((a) => [a.project, a]));
  const changes = after.map((a) => {
    const b = earlier.get(a.project);
    if (!b) throw new Error(`comparePortfolio: no assessment of '${a.project}' as of ${dates.since}`);
    return compareAssessments(b, a);
  });
  const count = (m: Movement) => changes.filter((p) => p.movement === m).length;
  return {
    since: dates.since,
    asOf: dates.asOf,
    before: summarizePortfolio(before, dates.since),
    after: summarizePortfolio(after, dates.asOf),
    changes,
    movedUp: count("up"),
    movedDown: count("down"),
    same: count("same"),
    new: count("new"),
    notComparable: count("not-comparable"),
  };
}
