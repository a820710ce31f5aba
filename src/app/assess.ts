import { resolve } from "node:path";
import { projectModel, type Project } from "../catalog/index.js";
import { issue, UserError, type Issue } from "../core/index.js";
import { failureIssues, type AffiliationRules, type ProjectEvidence } from "../evidence/index.js";
import {
  assessPortfolio,
  comparePortfolio,
  resolveFrameworkOption,
  summarizePortfolio,
  type Framework,
  type PortfolioChange,
  type PortfolioSummary,
  type ProjectAssessment,
  type SummaryRow,
} from "../maturity/index.js";
import { unsavedCacheIssue } from "./cache-issues.js";
import { mirrorsOf, programAffiliations, type EvidenceSourceOptions } from "./evidence-sources.js";
import type { OpenedCatalog } from "./open-catalog.js";
import { selectProjects } from "./projects.js";
import { declaredByDecisions, programGovernance, withDecisions } from "./decisions.js";
import type { OpenedGovernance } from "../governance/index.js";
import { collectThroughStore, type StoreReport, type StoreSession } from "./store-evidence.js";
import { evidenceFromExport, type ParsedExport } from "./store-export.js";
import { momentumFromStore } from "./momentum.js";
import type { ProjectMomentum } from "../maturity/index.js";

export interface AssessInput extends EvidenceSourceOptions {
  /** Project ids; all projects when empty or omitted. */
  readonly ids?: readonly string[];
  /** Assess against this framework (an id, or a framework .yaml file relative to `cwd`) instead of the declared one. */
  readonly framework?: string;
  /** The day to assess as of (YYYY-MM-DD): evidence, attestations and their expiry. */
  readonly asOf: string;
  /** Where clones and evidence are cached (relative: to `cwd`). @default <catalog folder>/.upstream-cache */
  readonly cacheDir?: string;
  /** Fetch cached clones of remote repositories (for `asOf`; an earlier date reads the same copies). @default true */
  readonly fetch?: boolean;
  /** Keep the runs, evidence and assessments in this store, and reuse what it holds; none: no store. */
  readonly store?: StoreSession;
  /** Read the evidence from this store export instead of git (offline; nothing is fetched or read from git). */
  readonly evidenceExport?: ParsedExport & { readonly file: string };
}

export interface AssessResult {
  readonly asOf: string;
  readonly assessments: readonly ProjectAssessment[];
  readonly summary: PortfolioSummary;
  /** Warnings: affiliation files, repositories not read (their criteria are unknown), archived projects, the cache. */
  readonly issues: readonly Issue[];
  /** Projects declared above the level their evidence supports. */
  readonly declaredAbove: readonly SummaryRow[];
  /** Projects some or all of whose repositories could not be read. */
  readonly unmeasured: readonly SummaryRow[];
  /** Evidence was read but could not be saved in the cache. */
  readonly unsavedCache: boolean;
  /** What the run did with the store (absent without one), and how many assessments it stored. */
  readonly stored?: StoreReport & { readonly assessments: number };
}

export interface CompareResult extends AssessResult {
  readonly since: string;
  /** Which assessments as of `since` were read from the store, and which computed from git (project ids). */
  readonly sinceFrom: { readonly stored: readonly string[]; readonly computed: readonly string[] };
  readonly changes: PortfolioChange;
  /**
   * Per project, how its figures moved between the stored snapshots of `since` and `asOf` (absent without a
   * store: then nothing tells them).
   */
  readonly momentum?: readonly ProjectMomentum[];
}

/** What an assessment needs besides the date, prepared once for every date it is made at. */
interface Assessor {
  readonly projects: readonly Project[];
  /** The TOC's records: passed votes attest the criteria their frameworks mark `byDecision`. */
  readonly governance: OpenedGovernance;
  readonly override: Framework | undefined;
  readonly rules: AffiliationRules;
  readonly issues: readonly Issue[];
}

async function prepare(opened: OpenedCatalog, input: AssessInput): Promise<Assessor> {
  const override = input.framework
    ? await resolveFrameworkOption(frameworkArgument(input.framework, input.cwd), opened.frameworks)
    : undefined;
  const projects = selectProjects(opened.catalog, input.ids ?? []);
  const { rules, issues } = programAffiliations(opened, input);
  return { projects, override, rules, issues, governance: programGovernance(opened) };
}

/** A framework file is read relative to the caller's folder; an id stays an id. */
function frameworkArgument(value: string, cwd: string): string {
  return /\.ya?ml$/.test(value) ? resolve(cwd, value) : value;
}

interface DateRun {
  assessments: ProjectAssessment[];
  /** The evidence the assessments read (from git, the store or an export). */
  evidence: readonly ProjectEvidence[];
  failures: Issue[];
  unsavedCache?: Issue;
  stored?: StoreReport & { readonly assessments: number };
}

async function assessOn(
  opened: OpenedCatalog,
  input: AssessInput,
  assessor: Assessor,
  date: string,
  fetch: boolean | undefined,
  projects: readonly Project[] = assessor.projects,
): Promise<DateRun> {
  const { evidence: collected, stored } = input.evidenceExport
    ? {
        evidence: evidenceFromExport(input.evidenceExport, projects, date, input.evidenceExport.file),
        stored: undefined,
      }
    : await collectThroughStore(
        opened,
        projects,
        {
          baseDir: opened.baseDir,
          asOf: date,
          rules: assessor.rules,
          mirrors: mirrorsOf(opened, input),
          ...(input.cacheDir ? { cacheDir: resolve(input.cwd, input.cacheDir) } : {}),
          ...(fetch === undefined ? {} : { fetch }),
        },
        input.store,
      );
  const decided = withDecisions(projects, assessor.governance, date);
  const assessments = assessPortfolio({
    program: opened.model.program,
    projects: decided.projects.map(projectModel),
    evidence: new Map(collected.map((e) => [e.project, e])),
    frameworks: opened.frameworks,
    override: assessor.override,
    asOf: date,
    recorded: declaredByDecisions(projects, assessor.governance, date),
  });
  const keep = assessments.flatMap((assessment) =>
    assessment.framework ? [{ assessment: { ...assessment, framework: assessment.framework } }] : [],
  );
  if (input.store && stored) await input.store.store.putAssessments(keep, { runId: stored.runId });
  // An unread repository makes its criteria "unknown": said once, as a warning.
  const failures = failureIssues(collected, {
    severity: "warning",
    consequence: "its evidence-based criteria are unknown",
  });
  const unsavedCache = unsavedCacheIssue(collected);
  return {
    assessments,
    evidence: collected,
    failures: [...decided.issues, ...failures],
    ...(unsavedCache ? { unsavedCache } : {}),
    ...(stored ? { stored: { ...stored, assessments: keep.length } } : {}),
  };
}

/** The assessments the store holds as of `date`, by project, under the framework each is assessed with now. */
async function storedAssessments(
  input: AssessInput,
  current: readonly ProjectAssessment[],
  date: string,
): Promise<Map<string, ProjectAssessment>> {
  const kept = new Map<string, ProjectAssessment>();
  if (!input.store) return kept;
  for (const a of current) {
    if (!a.framework) continue;
    const stored = await input.store.store.getAssessment({
      project: a.project,
      asOf: date,
      frameworkId: a.framework.id,
      frameworkVersion: a.framework.version,
    });
    if (stored) kept.set(a.project, stored.assessment);
  }
  return kept;
}

function archivedIssues(assessments: readonly ProjectAssessment[]): Issue[] {
  return assessments.flatMap((a) =>
    a.lifecycleWarning
      ? [
          issue("E_PROJECT_ARCHIVED", `${a.project}: ${a.lifecycleWarning.message}`, {
            severity: "warning",
            hint:
              `if the project has ended, change its state in the catalog (it is no ` +
              `longer ${a.declared.stage}); if it moved, list the repository it moved to`,
          }),
        ]
      : [],
  );
}

function resultOf(asOf: string, assessor: Assessor, run: DateRun): AssessResult {
  const summary = summarizePortfolio(run.assessments, asOf);
  return {
    asOf,
    assessments: run.assessments,
    summary,
    issues: [
      ...assessor.issues,
      ...(run.unsavedCache ? [run.unsavedCache] : []),
      ...run.failures,
      ...archivedIssues(run.assessments),
    ],
    declaredAbove: summary.rows.filter((r) => r.drift === "declared-above-supported"),
    unmeasured: summary.rows.filter((r) => r.measured !== "all"),
    unsavedCache: run.unsavedCache !== undefined,
    ...(run.stored ? { stored: run.stored } : {}),
  };
}

/**
 * `assess`: the selected projects against their frameworks (or `framework`) as of `asOf`, with the portfolio
 * summary and what a gate checks (drift above the evidence, repositories not read).
 * @example const { summary } = await assessProjects(opened, { cwd, asOf: "2026-12-01" })
 */
export async function assessProjects(opened: OpenedCatalog, input: AssessInput): Promise<AssessResult> {
  const assessor = await prepare(opened, input);
  return resultOf(input.asOf, assessor, await assessOn(opened, input, assessor, input.asOf, input.fetch));
}

/**
 * `assess --since`: the assessment as of `asOf` and as of the earlier `since` (the last review), and what changed
 * between them: levels, drift, criteria gained and lost. Problems are those of `asOf` (the earlier date reads the
 * same repositories), plus a cache that could not be written then.
 */
export async function compareSince(
  opened: OpenedCatalog,
  input: AssessInput & { since: string },
): Promise<CompareResult> {
  if (input.since >= input.asOf)
    throw new UserError(
      "E_USAGE",
      `--since ${input.since} must be before --as-of ${input.asOf}: ` +
        `--since is the date of the last review, --as-of the date to compare it with`,
    );
  const assessor = await prepare(opened, input);
  const now = await assessOn(opened, input, assessor, input.asOf, input.fetch);
  const kept = await storedAssessments(input, now.assessments, input.since);
  const missing = assessor.projects.filter((p) => !kept.has(p.id));
  // the clones were fetched (or not) for asOf; the earlier date reads the same copies
  const computed =
    missing.length > 0
      ? await assessOn(opened, input, assessor, input.since, false, missing)
      : { assessments: [], evidence: [], failures: [] };
  const computedById = new Map(computed.assessments.map((a) => [a.project, a]));
  const then = {
    ...computed,
    assessments: assessor.projects.flatMap((p) => kept.get(p.id) ?? computedById.get(p.id) ?? []),
  };
  const current = resultOf(input.asOf, assessor, now);
  // Read after both dates were collected: their snapshots are stored by then.
  const momentum = input.store
    ? await momentumFromStore(input.store.store, assessor.projects, { since: input.since, asOf: input.asOf })
    : undefined;
  const lateCache = !now.unsavedCache && then.unsavedCache ? [then.unsavedCache] : [];
  return {
    ...current,
    issues: [...current.issues, ...lateCache],
    unsavedCache: current.unsavedCache || lateCache.length > 0,
    since: input.since,
    sinceFrom: { stored: [...kept.keys()].sort(), computed: missing.map((p) => p.id) },
    changes: comparePortfolio(then.assessments, now.assessments, { since: input.since, asOf: input.asOf }),
    ...(momentum ? { momentum } : {}),
  };
}

/**
 * `assess` with the evidence it read, for use cases that also need the repositories (the quarterly review: their
 * lifecycle and activity). Stored like `assess` when `input.store` is given.
 */
export async function assessWithEvidence(
  opened: OpenedCatalog,
  input: AssessInput,
): Promise<AssessResult & { readonly evidence: readonly ProjectEvidence[] }> {
  const assessor = await prepare(opened, input);
  const run = await assessOn(opened, input, assessor, input.asOf, input.fetch);
  return { ...resultOf(input.asOf, assessor, run), evidence: run.evidence };
}
