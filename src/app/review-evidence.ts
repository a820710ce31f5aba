import type { Project } from "../catalog/index.js";
import { projectModel, repositoryRef } from "../catalog/index.js";
import type { Issue } from "../core/index.js";
import { EVIDENCE_VERSION, type ProjectEvidence, type RepositoryEvidence } from "../evidence/index.js";
import {
  compareAssessments,
  declaredState,
  frameworkAliases,
  momentumText,
  type AssessmentChange,
  type Framework,
  type ProjectAssessment,
  type ProjectMomentum,
} from "../maturity/index.js";
import { assessWithEvidence, type AssessInput } from "./assess.js";
import { momentumBetween } from "./momentum.js";
import type { OpenedCatalog } from "./open-catalog.js";
import type { StoreSession } from "./store-evidence.js";

/**
 * The quarterly review's derived side: each project due with its assessment for the review's day (the store's when
 * it holds one, else computed and stored), what changed since the last review, and its momentum over the quarter
 * from the evidence at both reviews. What the TOC decides stays in the review's YAML; this is recomputable.
 */

/** A value at the last review and at this one. */
export interface ThenNow<T> {
  readonly before: T;
  readonly after: T;
}

export interface ReviewedProject {
  readonly project: string;
  /** The assessment for the review's day; null when there is none (with `why`). */
  readonly assessment: ProjectAssessment | null;
  /** store: read back; computed: assessed now (and stored when there is a store); missing: neither. */
  readonly from: "store" | "computed" | "missing";
  /** What names it in the store (`framework@version as of day`), for the review's YAML. */
  readonly reference?: string;
  readonly why?: string;
  /** The change since the last review's assessment; absent with `changeWhy` when it cannot be told. */
  readonly change?: AssessmentChange;
  readonly changeWhy?: string;
  /** The activity figures at the last review and now; absent with `momentumWhy` when there is no earlier review. */
  readonly momentum?: ProjectMomentum;
  readonly momentumWhy?: string;
  /** The repositories' evidence on the review's day, when read or stored (for the suggestions). */
  readonly evidence?: ProjectEvidence;
}

export interface ReviewEvidenceInput extends Omit<AssessInput, "asOf" | "ids" | "framework"> {
  /** The projects due. */
  readonly due: readonly string[];
  /** The review's day. */
  readonly date: string;
  /** The last review's day; absent for the first review. */
  readonly since?: string;
  /** Assess (and store) what the store lacks; false: read the store only (`review show`). */
  readonly compute: boolean;
}

export interface ReviewEvidence {
  readonly projects: readonly ReviewedProject[];
  readonly issues: readonly Issue[];
}

/** The framework a project is assessed with (its state's), to find its stored assessment. */
function frameworkOf(opened: OpenedCatalog, project: Project): Framework | undefined {
  const state = declaredState(projectModel(project), frameworkAliases(opened.catalog.program));
  return state.kind === "mapped" ? opened.frameworks.get(state.frameworkId) : undefined;
}

const referenceOf = (a: ProjectAssessment, day: string) =>
  a.framework ? `${a.framework.id}@${a.framework.version} as of ${day}` : undefined;

/** The repositories' stored snapshots as of exactly `day`, or the first repository without one. */
async function storedEvidence(
  session: StoreSession,
  project: Project,
  day: string,
): Promise<{ evidence: ProjectEvidence } | { missing: string }> {
  const repositories: RepositoryEvidence[] = [];
  for (const r of project.repositories ?? []) {
    const label = repositoryRef(r).label;
    const [snapshot] = await session.store.snapshotHistory(label, { from: day, to: day });
    if (!snapshot) return { missing: label };
    repositories.push(snapshot.evidence);
  }
  return { evidence: { version: EVIDENCE_VERSION, project: project.id, asOf: day, repositories, failures: [] } };
}

/** Each repository's evidence on the two days, for the momentum (what a day lacks stays undefined: unknown). */
function momentumSides(project: Project, before: ProjectEvidence | undefined, after: ProjectEvidence | undefined) {
  const on = (e: ProjectEvidence | undefined, label: string) => {
    const r = e?.repositories.find((x) => x.repository === label);
    return r && e ? { asOf: e.asOf, commit: r.commit, evidence: r } : undefined;
  };
  const labels = [...new Set((project.repositories ?? []).map((r) => repositoryRef(r).label))];
  return labels.map((repository) => ({ repository, before: on(before, repository), after: on(after, repository) }));
}

interface DayResult {
  readonly assessments: Map<string, { assessment: ProjectAssessment; from: "store" | "computed" }>;
  readonly evidence: Map<string, ProjectEvidence>;
  readonly issues: readonly Issue[];
}

/** Every project's assessment and evidence on one day: the store's first, then (with `compute`) assessed. */
async function onDay(
  opened: OpenedCatalog,
  input: ReviewEvidenceInput,
  projects: readonly Project[],
  day: string,
  fetch: boolean | undefined,
): Promise<DayResult> {
  const assessments: DayResult["assessments"] = new Map();
  const evidence = new Map<string, ProjectEvidence>();
  const session = input.store;
  if (session)
    for (const p of projects) {
      const framework = frameworkOf(opened, p);
      if (!framework) continue;
      const key = { project: p.id, asOf: day, frameworkId: framework.id, frameworkVersion: framework.version };
      const stored = await session.store.getAssessment(key);
      if (stored) assessments.set(p.id, { assessment: stored.assessment, from: "store" });
      const snapshots = await storedEvidence(session, p, day);
      if ("evidence" in snapshots) evidence.set(p.id, snapshots.evidence);
    }
  const missing = projects.filter((p) => !assessments.has(p.id));
  if (!input.compute || missing.length === 0) return { assessments, evidence, issues: [] };
  const computed = await assessWithEvidence(opened, {
    ...input,
    ids: missing.map((p) => p.id),
    asOf: day,
    ...(fetch === undefined ? {} : { fetch }),
  });
  for (const a of computed.assessments) assessments.set(a.project, { assessment: a, from: "computed" });
  for (const e of computed.evidence) evidence.set(e.project, e);
  return { assessments, evidence, issues: computed.issues };
}

/**
 * The review's projects with their assessments, changes and momentum. With `compute`, what the store lacks is
 * assessed (the review's day with `fetch`, the last review's day from the same copies) and stored when there is a
 * store; without, only the store is read and what it lacks is said.
 * @example const { projects } = await reviewEvidence(opened, { cwd, due, date: "2026-10-01", compute: true, store })
 */
export async function reviewEvidence(opened: OpenedCatalog, input: ReviewEvidenceInput): Promise<ReviewEvidence> {
  const projects = opened.catalog.projects.filter((p) => input.due.includes(p.id));
  const now = await onDay(opened, input, projects, input.date, input.fetch);
  const then = input.since ? await onDay(opened, input, projects, input.since, false) : undefined;
  const none = input.store ? "no assessment stored" : "no store";
  const reviewed = projects.map((p): ReviewedProject => {
    const after = now.assessments.get(p.id);
    const before = then?.assessments.get(p.id);
    const reference = after ? referenceOf(after.assessment, input.date) : undefined;
    const change =
      after && before
        ? { change: compareAssessments(before.assessment, after.assessment) }
        : {
            changeWhy: !input.since
              ? "no earlier review"
              : `${!before ? `${none} for ${input.since}` : `${none} for ${input.date}`}`,
          };
    const momentum = input.since
      ? {
          momentum: momentumBetween(p.id, momentumSides(p, then?.evidence.get(p.id), now.evidence.get(p.id)), {
            since: input.since,
            asOf: input.date,
          }),
        }
      : { momentumWhy: "no earlier review" };
    const evidence = now.evidence.get(p.id);
    return {
      project: p.id,
      assessment: after?.assessment ?? null,
      from: after?.from ?? "missing",
      ...(reference ? { reference } : {}),
      ...(after ? {} : { why: `${none} for ${input.date}` }),
      ...change,
      ...momentum,
      ...(evidence ? { evidence } : {}),
    };
  });
  return { projects: reviewed, issues: [...now.issues, ...(then?.issues ?? [])] };
}

/** What the review document shows of a project's derived side, in words (the renderers escape them). */
export interface ReviewedLines {
  readonly assessment: string;
  readonly changes: readonly string[];
  readonly momentum: string;
}

const thenNow = (v: ThenNow<number | string | null>) =>
  v.before === v.after ? `${v.after ?? "none"}` : `${v.before ?? "none"} → ${v.after ?? "none"}`;

/** A reviewed project in words: its assessment and where it is kept, the change since the last review, momentum. */
export function reviewedLines(
  r: ReviewedProject,
  dates: { readonly date: string; readonly since?: string },
): ReviewedLines {
  const a = r.assessment;
  const assessment = !a
    ? `no assessment for ${dates.date}: ${r.why ?? "none"}; ` +
      `\`upstream assess --as-of ${dates.date}\` computes and stores it`
    : !a.framework
      ? `not assessed as of ${dates.date}: ${a.notAssessed ?? "no framework applies"}`
      : `assessed as of ${dates.date} against ${a.framework.id}@${a.framework.version} ` +
        `(${r.from === "store" ? "read from the store" : "computed"}): declared ${a.declared.written ?? "—"}, ` +
        `supported ${a.supported ?? "none"}; ${a.drift.message}`;
  const c = r.change;
  const changes: string[] = [];
  if (!c) changes.push(`since the last review: ${r.changeWhy ?? "not known"}`);
  else if (c.unchanged) changes.push(`no change since ${c.since}${c.note ? ` (${c.note})` : ""}`);
  else {
    if (c.note) changes.push(`note: ${c.note}`);
    changes.push(`supported since ${c.since}: ${thenNow(c.supported)} (${c.movement})`);
    if (c.declared.before !== c.declared.after) changes.push(`declared since ${c.since}: ${thenNow(c.declared)}`);
    const ids = (direction: "gained" | "lost") =>
      c.criteria.filter((k) => k.direction === direction).map((k) => k.criterionId);
    if (c.gained) changes.push(`criteria gained (${c.gained}): ${ids("gained").join(", ")}`);
    if (c.lost) changes.push(`criteria lost (${c.lost}): ${ids("lost").join(", ")}`);
    if (!c.gained && !c.lost) changes.push("no criterion gained or lost");
  }
  const momentum = r.momentum ? momentumText(r.momentum) : `momentum: ${r.momentumWhy ?? "not known"}`;
  return { assessment, changes, momentum };
}
