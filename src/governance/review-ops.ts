import type { CatalogEdit, Project } from "../catalog/index.js";
import { declaredAsOf } from "./decisions.js";
import { stageIndex, stageOf } from "./ladder.js";
import type { Decision, FrameworkLadder, GovernanceContext, MotionOutcome, ProgramProject } from "./model.js";
import { decisionWords } from "./render-governance.js";
import type { Motion, MotionKind, ReviewFile, Vote } from "./schema.js";

/**
 * The pure steps of a quarter: which projects are due, what the evidence suggests, new motions and
 * votes, the cascade's next step, and what closing a review writes back to the catalog. The
 * commands read the files, call these, and write through the catalog editor.
 */

/** The quarter a day falls in: 2026-11-03 → 2026-Q4. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** Levels a catalog writes for a project that has left the program (review close writes them). */
export const ENDED_LEVELS = ["archived", "donated"] as const;

/** Whether the catalog or the decisions say the project has left the program by `date`. */
export function hasLeftProgram(
  project: ProgramProject,
  decisions: readonly Decision[],
  context: GovernanceContext,
  date: string,
): boolean {
  if (project.level && (ENDED_LEVELS as readonly string[]).includes(project.level.trim().toLowerCase())) return true;
  if (!project.frameworkId) return false;
  const asOf = declaredAsOf(decisions, context, project.id, project.frameworkId, date);
  return asOf.kind === "archived" || asOf.kind === "donated" || asOf.kind === "rejected";
}

/** Every project due for review on `date`: those of the catalog still in the program. */
export function dueProjects(context: GovernanceContext, decisions: readonly Decision[], date: string): string[] {
  return context.projects.filter((p) => !hasLeftProgram(p, decisions, context, date)).map((p) => p.id);
}

/** What the assessment says of a project, as the suggestions need it (the caller computes it). */
export interface SuggestionInput {
  readonly project: string;
  readonly framework?: string;
  /** The declared stage id in `framework`; undefined when the level is no stage of it. */
  readonly declared?: string;
  /** The highest stage the evidence supports; null for none, undefined when not assessed. */
  readonly supported?: string | null;
  /** The repositories' lifecycle: archived or deprecated (README), inactive (no commit in 12 months). */
  readonly lifecycle?: "active" | "inactive" | "archived" | "deprecated";
  readonly lifecycleWhy?: string;
}

export interface SuggestedMotion {
  readonly kind: "promote" | "archive";
  readonly project: string;
  readonly level?: string;
  readonly why: string;
}

/**
 * Suggested motions: a project whose repositories are archived, deprecated or inactive → archive;
 * one whose evidence supports a stage above the declared one → promote to the next level (one at
 * a time, as the guidelines vote). A project not assessed gets no suggestion: unknown is not a reason.
 */
export function suggestMotions(
  inputs: readonly SuggestionInput[],
  ladders: ReadonlyMap<string, FrameworkLadder>,
): SuggestedMotion[] {
  const out: SuggestedMotion[] = [];
  for (const input of inputs) {
    if (input.lifecycle && input.lifecycle !== "active") {
      out.push({
        kind: "archive",
        project: input.project,
        why: `its repositories are ${input.lifecycle}${input.lifecycleWhy ? ` (${input.lifecycleWhy})` : ""}`,
      });
      continue;
    }
    const ladder = input.framework ? ladders.get(input.framework) : undefined;
    if (!ladder || input.declared === undefined || !input.supported) continue;
    const declared = stageIndex(ladder, input.declared);
    const supported = stageIndex(ladder, input.supported);
    if (declared < 0 || supported <= declared) continue;
    const next = ladder.stages[declared + 1]!.id;
    out.push({
      kind: "promote",
      project: input.project,
      level: next,
      why: `the evidence supports ${input.supported} (declared ${input.declared})`,
    });
  }
  return out;
}

/** A new motion's id: `<project>-<level|kind>`, with `-2`, `-3` … when the review already has it. */
export function motionIdFor(review: ReviewFile, kind: MotionKind, project: string, level?: string): string {
  const base = `${project}-${kind === "admit" || kind === "promote" ? (level ?? kind) : kind}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-");
  const taken = new Set((review.motions ?? []).map((m) => m.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** Find a motion by `REVIEW/ID` or a bare id (which must then be unique among the given reviews). */
export function findMotion(
  reviews: readonly { readonly file: string; readonly review: ReviewFile }[],
  name: string,
): { review: ReviewFile; file: string; index: number } | { problem: string; candidates: string[] } {
  const slash = name.indexOf("/");
  const [reviewId, motionId] = slash >= 0 ? [name.slice(0, slash), name.slice(slash + 1)] : [undefined, name];
  const found = reviews.flatMap(({ file, review }) =>
    reviewId !== undefined && review.id !== reviewId
      ? []
      : (review.motions ?? []).flatMap((m, index) => (m.id === motionId ? [{ review, file, index }] : [])),
  );
  const all = reviews.flatMap(({ review }) => (review.motions ?? []).map((m) => `${review.id}/${m.id}`));
  if (found.length === 1) return found[0]!;
  if (found.length === 0) return { problem: `no motion '${name}'`, candidates: all };
  return {
    problem: `'${name}' names a motion in ${found.length} reviews (${found.map((f) => f.review.id).join(", ")})`,
    candidates: found.map((f) => `${f.review.id}/${motionId}`),
  };
}

/** What follows a decided admission in the cascade: the next lower level's motion, or a rejection. */
export type CascadeFollowUp =
  | { readonly kind: "none" }
  | { readonly kind: "propose"; readonly motion: Motion }
  | { readonly kind: "reject"; readonly project: string };

/**
 * After an admission fails at a level, the guidelines vote the next lower one: that motion, with
 * the same candidate, proposer and links, dated `date`; after the first level fails, a rejection,
 * which needs the TOC's opinion (a person writes it). `outcome` must be the admission's, re-tallied.
 */
export function cascadeFollowUp(
  review: ReviewFile,
  outcome: MotionOutcome,
  ladder: FrameworkLadder,
  date: string,
): CascadeFollowUp {
  const m = outcome.motion;
  if (m.kind !== "admit" || outcome.status !== "failed" || !outcome.stage) return { kind: "none" };
  const later = (review.motions ?? []).slice(outcome.index + 1).some((o) => o.project === m.project);
  if (later) return { kind: "none" };
  const at = stageIndex(ladder, outcome.stage);
  if (at <= 0) return { kind: "reject", project: m.project };
  const level = ladder.stages[at - 1]!.id;
  const motion: Motion = {
    id: motionIdFor(review, "admit", m.project, level),
    kind: "admit",
    project: m.project,
    level,
    ...(m.framework ? { framework: m.framework } : {}),
    ...(m.candidate ? { candidate: m.candidate } : {}),
    proposer: m.proposer,
    date: date < m.date ? m.date : date,
    rationale:
      `The admission at ${outcome.stage} failed (${outcome.tally?.explanation ?? "no tally"}); ` +
      "the next level down.",
    ...(m.links ? { links: m.links } : {}),
  };
  return { kind: "propose", motion };
}

/** A vote as written in the review. */
export function voteEntry(member: string, vote: Vote["vote"], date: string): Vote {
  return { member, vote, date };
}

/** What closing a review writes to the review itself: the day it closed, and each voted motion's result. */
export function closeReviewEdits(file: string, outcomes: readonly MotionOutcome[], date: string): CatalogEdit[] {
  const edits: CatalogEdit[] = [{ op: "set", file, path: ["closed"], value: date }];
  for (const o of outcomes)
    if (o.status === "passed" || o.status === "failed")
      edits.push({ op: "set", file, path: ["motions", o.index, "result"], value: o.status });
  return edits;
}

/** How the caller escapes what goes into the catalog's markdown (governance may not import markdown/). */
export interface MarkdownEscapes {
  readonly text: (s: string) => string;
  readonly url: (s: string) => string;
}

export interface WriteBackInput {
  /** The review's decisions: the passed motions (and rejections, which write nothing to the catalog). */
  readonly decisions: readonly Decision[];
  readonly reviewId: string;
  /** Where the announcement links to: the review's file relative to the README, or a URL. */
  readonly reviewLink: string;
  readonly context: GovernanceContext;
  /** Framework id → the alias the catalog writes in `state.framework` (Azure for azcnu-v0.1). */
  readonly aliasOf: (framework: string) => string | undefined;
  /** The admission motions, by project, for the candidate's name, persona and repositories. */
  readonly admissions: ReadonlyMap<string, Motion>;
  readonly escape: MarkdownEscapes;
}

export type WriteBack = { readonly edits: CatalogEdit[] } | { readonly problem: string; readonly hint: string };

/**
 * What a closed review's passed motions change in the catalog: each project's state (the level;
 * archived; donated with the foundation), an admitted project added, and one announcement row per
 * decision (the date of the vote, what was decided with the vote, a link to the review). Nothing else.
 */
export function writeBackEdits(input: WriteBackInput): WriteBack {
  const edits: CatalogEdit[] = [];
  const inCatalog = new Set(input.context.projects.map((p) => p.id));
  // Announcements in the order the votes decided, oldest first.
  const byDate = [...input.decisions].sort((a, b) => a.date.localeCompare(b.date));
  for (const d of byDate) {
    if (d.kind === "reject") continue;
    const alias = input.aliasOf(d.framework);
    if (d.kind === "admit") {
      const motion = input.admissions.get(d.project);
      const candidate = motion?.candidate;
      if (!candidate?.persona || !alias)
        return {
          problem: `${d.project} was admitted, but ${
            !alias ? `no alias of program.frameworks maps ${d.framework}` : "the motion's candidate names no persona"
          }, so it cannot be added to the catalog`,
          hint: !alias
            ? `add an alias for ${d.framework} to program.frameworks`
            : `add candidate: {name, persona} to the motion ${d.motion}`,
        };
      const project: Project = {
        id: d.project,
        name: candidate.name,
        persona: candidate.persona,
        ...(candidate.home ? { home: candidate.home } : {}),
        ...(candidate.goal ? { goal: candidate.goal } : {}),
        state: { framework: alias, level: d.stage! },
        ...(candidate.repositories ? { repositories: [...candidate.repositories] } : {}),
      };
      if (inCatalog.has(d.project))
        return {
          problem: `${d.project} was admitted, but the catalog already has a project '${d.project}'`,
          hint: "give the admitted project another id in the motion, or remove the catalog's entry",
        };
      edits.push({ op: "add-project", value: project });
    } else if (d.kind === "promote") {
      edits.push({ op: "set", project: d.project, path: ["state", "level"], value: d.stage! });
    } else if (d.kind === "archive") {
      edits.push({ op: "set", project: d.project, path: ["state", "level"], value: "archived" });
    } else if (d.kind === "donate") {
      edits.push({ op: "set", project: d.project, path: ["state", "level"], value: "donated" });
      edits.push({ op: "set", project: d.project, path: ["state", "foundation"], value: d.foundation! });
    }
    edits.push({ op: "append", path: ["announcements"], value: announcementOf(d, input) });
  }
  return { edits };
}

function announcementOf(d: Decision, input: WriteBackInput) {
  const md = input.escape;
  const what = decisionWords(d);
  const vote = d.tally
    ? `: ${d.tally.yes} yes, ${d.tally.no} no, ${d.tally.abstain} abstaining of ${d.tally.votingMembers} voting ` +
      `members (${d.tally.needed} needed)`
    : "";
  const capital = what.charAt(0).toUpperCase() + what.slice(1);
  return {
    date: d.date,
    project: d.project,
    announcement: md.text(`${capital} by the TOC${vote}`),
    details: `[${md.text(`${input.reviewId} review`)}](${md.url(input.reviewLink)})`,
  };
}

/** The stage of a project the catalog declares, in its own framework; undefined when none. */
export function declaredStageOf(project: ProgramProject, ladders: ReadonlyMap<string, FrameworkLadder>) {
  const ladder = project.frameworkId ? ladders.get(project.frameworkId) : undefined;
  return ladder ? stageOf(ladder, project.level) : undefined;
}
