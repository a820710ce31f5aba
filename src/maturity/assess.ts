import type { Attestation, ProjectModel } from "../catalog/index.js";
import type { ProjectEvidence } from "../evidence/index.js";
import { attestationFact, attestationOn } from "./attestations.js";
import {
  isSatisfied,
  type LifecycleWarning,
  type Counts,
  type Drift,
  type DriftFacts,
  type EvidenceGap,
  type EvidenceGapFacts,
  type LifecycleWarningFacts,
  type Finding,
  type FindingStatus,
  type ProjectAssessment,
  type UnreadRepository,
} from "./assessment.js";
import { EVIDENCE_RULES, PREVIOUS_STAGE_RULE } from "./evidence-rules.js";
import { stageIndex, type Criterion, type Framework } from "./framework.js";
import { declaredLevel, type DeclaredLevel, type DeclaredState, type RecordedDeclaration } from "./resolve-state.js";
import type { Advice, Fact } from "./facts.js";
import { adviceText, driftText, evidenceGapText, factText, lifecycleWarningText } from "./finding-text.js";
import { met, notMet, unknown, type Verdict } from "./verdict.js";

/** The program settings an assessment depends on. */
export interface ProgramSettings {
  /** The program's own organizations (program.organizations). */
  readonly organizations?: readonly string[];
  /** "framework-id/criterion-id" → threshold (program.thresholds). */
  readonly thresholds?: Readonly<Record<string, number>>;
}

export interface AssessInput {
  readonly project: ProjectModel;
  /** Undefined when no evidence was collected: every automatic criterion is then unknown. */
  readonly evidence: ProjectEvidence | undefined;
  /** Undefined when the project's framework is not known; `notAssessed` says why. */
  readonly framework: Framework | undefined;
  readonly declared: DeclaredState;
  /** The level the project's decisions declare on `asOf`; absent: the catalog's written state is the declared level. */
  readonly recorded?: RecordedDeclaration;
  readonly program: ProgramSettings;
  /** YYYY-MM-DD: attestations given after it do not count, those expired before it are "expired". */
  readonly asOf: string;
  readonly notAssessed?: string;
}

/**
 * Judge one project against one framework. Pure: evidence and catalog in, assessment out.
 * @example assess({ project, evidence, framework: cncf, declared, program: {}, asOf: "2020-06-01" }).supported //
 * "sandbox"
 */
export function assess(input: AssessInput): ProjectAssessment {
  const unread = unreadRepositories(input);
  const result = assessWithFramework(input);
  return unread.length ? { ...result, unreadRepositories: unread } : result;
}

/** Failures that leave criteria unmeasured; a repository with no commit yet at the date was read and had nothing. */
function unreadRepositories(input: AssessInput): UnreadRepository[] {
  return (input.evidence?.failures ?? [])
    .filter((f) => f.code !== "E_REPO_EMPTY")
    .map((f) => ({ repository: f.repository, code: f.code, message: f.message }));
}

function assessWithFramework(input: AssessInput): ProjectAssessment {
  const { project, framework, asOf } = input;
  if (!framework) return notAssessedResult(input);
  // evaluate stage by stage, so previous-stage criteria can read earlier findings
  const findings: Finding[] = [];
  for (const stage of framework.stages) {
    for (const criterion of stage.criteria) findings.push(judge(criterion, input, framework, findings));
  }
  // the supported level: stages in order while every required criterion is satisfied
  let supportedIdx = -1;
  for (const [i, stage] of framework.stages.entries()) {
    const required = findings.filter((f) => f.stage === stage.id && f.requirement === "must");
    if (!required.every(isSatisfied)) break;
    supportedIdx = i;
  }
  const supported = framework.stages[supportedIdx]?.id ?? null;
  const nextStage = framework.stages[supportedIdx + 1];
  const next = nextStage
    ? {
        stage: nextStage.id,
        missing: findings.filter((f) => f.stage === nextStage.id && f.requirement === "must" && !isSatisfied(f)),
        suggested: findings.filter((f) => f.stage === nextStage.id && f.requirement === "should" && !isSatisfied(f)),
      }
    : null;
  const declared = declaredOn(input, framework);
  const gap = evidenceGap(input);
  const lifecycle = lifecycleWarning(input.evidence, declared.stage);
  return {
    project: project.id,
    name: project.name,
    asOf,
    framework: { id: framework.id, version: framework.version, title: framework.title },
    declared,
    supported,
    findings,
    next,
    drift: drift(framework, declared.stage, supported, declared.note, findings),
    counts: countFindings(findings),
    ...(gap ? { evidenceGap: gap } : {}),
    ...(lifecycle ? { lifecycleWarning: lifecycle } : {}),
  };
}

/** The decisions' level when they were taken in the framework applied; else the catalog's, marked so. */
function declaredOn(input: AssessInput, framework: Framework): DeclaredLevel {
  const r = input.recorded;
  if (r && r.framework === framework.id)
    return { written: r.written, stage: r.stage, ...(r.note ? { note: r.note } : {}), source: r.source };
  return { ...declaredLevel(input.declared, framework), source: { kind: "catalog" } };
}

/**
 * A project declared at a stage (every stage is an active level) whose code repositories all
 * say they are archived or deprecated. One active repository (a successor listed beside an
 * archived one) means the project lives on; governance repositories do not speak for the code.
 */
function lifecycleWarning(
  evidence: ProjectEvidence | undefined,
  declaredStage: string | null,
): LifecycleWarning | undefined {
  if (declaredStage === null || !evidence) return undefined;
  const code = evidence.repositories.filter((r) => r.role !== "governance");
  if (code.length === 0) return undefined;
  const ended = code.filter((r) => r.lifecycle?.state === "archived" || r.lifecycle?.state === "deprecated");
  if (ended.length < code.length) return undefined;
  const state = ended.some((r) => r.lifecycle!.state === "archived") ? "archived" : "deprecated";
  const facts: LifecycleWarningFacts = {
    state,
    declared: declaredStage,
    repositories: ended.map((r) => ({ repository: r.repository, commit: r.commit, reason: r.lifecycle!.reason })),
  };
  return { ...facts, message: lifecycleWarningText(facts) };
}

/** Why no repository could be read, or undefined when at least one was (see `noEvidence` in verdict.ts). */
function evidenceGap(input: AssessInput): EvidenceGap | undefined {
  const facts = evidenceGapFacts(input);
  return facts && { ...facts, message: evidenceGapText(facts) };
}

function evidenceGapFacts(input: AssessInput): EvidenceGapFacts | undefined {
  const e = input.evidence;
  const asOf = input.asOf;
  if (!e) return { kind: "not-collected", asOf };
  if (e.repositories.length > 0) return undefined;
  if (e.failures.length === 0) return { kind: "no-repositories", asOf };
  const failures = e.failures.map((f) => ({ repository: f.repository, code: f.code, message: f.message }));
  return { kind: e.failures.every((f) => f.code === "E_REPO_EMPTY") ? "not-yet" : "unreadable", asOf, failures };
}

function notAssessedResult(input: AssessInput): ProjectAssessment {
  const s = input.declared;
  const written =
    s.kind === "mapped" || s.kind === "unmapped" ? `${s.alias}: ${s.level}` : s.kind === "unstructured" ? s.text : null;
  const reason = input.notAssessed ?? "no framework applies";
  return {
    project: input.project.id,
    name: input.project.name,
    asOf: input.asOf,
    framework: null,
    notAssessed: reason,
    declared: { written, stage: null, note: reason, source: { kind: "catalog" } },
    supported: null,
    findings: [],
    next: null,
    drift: { kind: "not-comparable", declared: null, supported: null, note: reason, message: reason },
    counts: { met: 0, attested: 0, notMet: 0, expired: 0, unknown: 0 },
  };
}

function judge(criterion: Criterion, input: AssessInput, framework: Framework, earlier: readonly Finding[]): Finding {
  const threshold = criterion.rule
    ? (input.program.thresholds?.[`${framework.id}/${criterion.id}`] ?? criterion.rule.threshold)
    : undefined;
  const base = {
    criterionId: criterion.id,
    stage: criterion.stage,
    text: criterion.text,
    requirement: criterion.requirement,
    decided: criterion.decided,
    ruleId: criterion.rule?.id,
    threshold,
  };
  const recorded = input.project.attestations?.[criterion.id] as Attestation | undefined;
  // Criterion ids repeat across frameworks (incubating.due-diligence is the AzCNU TOC's in one, the
  // CNCF TOC's in the other): an attestation speaks for the framework the project's state names.
  const foreign =
    input.declared.kind === "mapped" && input.declared.frameworkId !== framework.id
      ? input.declared.frameworkId
      : undefined;
  const attestation = attestationOn(foreign ? undefined : recorded, input.asOf);
  const attested: Extract<Fact, { kind: "attestation" | "foreign-attestation" }> | undefined =
    attestationFact(attestation) ??
    (foreign && recorded
      ? { kind: "foreign-attestation", criterionId: criterion.id, framework: foreign, assessedAgainst: framework.id }
      : undefined);
  const verdict = criterion.rule ? evaluateRule(criterion, threshold ?? 0, input, framework, earlier) : undefined;

  let status: FindingStatus;
  let facts: Fact[];
  if (criterion.decided === "automatic") {
    status = verdict!.status;
    facts = [...verdict!.facts, ...(attested ? [{ ...attested, ignored: true }] : [])];
  } else if (criterion.decided === "both" && verdict!.status === "met" && criterion.evidenceSuffices) {
    status = "met";
    facts = [...verdict!.facts, ...(attested ? [attested] : [])];
  } else {
    // attestation, or both without evidence that meets it: a current attestation settles it
    const fromEvidence = verdict ? [...verdict.facts] : [];
    // evidence that is necessary but not sufficient leaves the criterion to a person
    const needsPerson = verdict?.status === "met" && !criterion.evidenceSuffices;
    if (needsPerson) fromEvidence.push({ kind: "needs-person" });
    if (attestation.kind === "current") status = attestation.attestation.status === "met" ? "attested" : "not-met";
    else if (attestation.kind === "expired") status = "expired";
    else status = verdict && !needsPerson ? verdict.status : "unknown";
    facts = [...fromEvidence, attested ?? { kind: "no-attestation", onlyPerson: !verdict }];
  }
  const advice = isSatisfied({ status })
    ? undefined
    : advise(
        criterion,
        status,
        verdict?.status === "met",
        threshold,
        attestation.kind === "expired" ? attestation.attestation.expires : undefined,
      );
  return {
    ...base,
    status,
    facts,
    evidence: facts.map(factText),
    ...(advice ? { advice, recommendation: adviceText(advice) } : {}),
  };
}

function evaluateRule(
  criterion: Criterion,
  threshold: number,
  input: AssessInput,
  framework: Framework,
  earlier: readonly Finding[],
): Verdict {
  const ref = criterion.rule!;
  if (ref.id === PREVIOUS_STAGE_RULE) {
    const idx = stageIndex(framework, criterion.stage);
    const target = (ref.params.stage as string | undefined) ?? framework.stages[idx - 1]?.id ?? "";
    const required = earlier.filter((f) => f.stage === target && f.requirement === "must");
    const open = required.filter((f) => !isSatisfied(f));
    const line: Fact = {
      kind: "previous-stage",
      stage: target,
      satisfied: required.length - open.length,
      required: required.length,
    };
    if (open.length === 0) return met(line);
    const openFact: Fact = {
      kind: "open-criteria",
      criteria: open.map((f) => ({ criterionId: f.criterionId, status: f.status })),
    };
    return open.some((f) => f.status === "not-met" || f.status === "expired")
      ? notMet(line, openFact)
      : unknown(line, openFact);
  }
  const rule = EVIDENCE_RULES.get(ref.id);
  if (!rule) return unknown({ kind: "unknown-rule", ruleId: ref.id });
  return rule.evaluate(
    {
      evidence: input.evidence,
      project: input.project,
      organizations: input.program.organizations ?? [],
      asOf: input.asOf,
    },
    threshold,
    ref.params as Record<string, unknown>,
  );
}

function advise(
  criterion: Criterion,
  status: FindingStatus,
  evidenceMet: boolean,
  threshold: number | undefined,
  expired: string | undefined,
): Advice {
  const criterionId = criterion.id;
  if (status === "expired") return { kind: "renew", criterionId, expired: expired ?? "" };
  if (criterion.decided === "attestation" || (evidenceMet && status === "unknown"))
    return status === "unknown"
      ? { kind: "attest", criterionId }
      : { kind: "work-towards", criterionId, goal: criterion.text, readEvidence: false, orAttest: false };
  const counted = threshold !== undefined && criterion.rule?.id !== PREVIOUS_STAGE_RULE;
  return {
    kind: "work-towards",
    criterionId,
    goal: criterion.text,
    ...(counted ? { threshold } : {}),
    readEvidence: status === "unknown",
    orAttest: criterion.decided === "both",
  };
}

function drift(
  framework: Framework,
  declared: string | null,
  supported: string | null,
  note: string | undefined,
  findings: readonly Finding[],
): Drift {
  const facts = driftFacts(framework, declared, supported, note, findings);
  return { ...facts, message: driftText(facts) };
}

function driftFacts(
  framework: Framework,
  declared: string | null,
  supported: string | null,
  note: string | undefined,
  findings: readonly Finding[],
): DriftFacts {
  const firstStage = framework.stages[0]!.id;
  if (declared === null)
    return { kind: "not-comparable", declared, supported, firstStage, note: note ?? "no declared stage" };
  const d = stageIndex(framework, declared);
  const s = stageIndex(framework, supported);
  if (d > s) {
    // Only a criterion read as not met (or expired) contradicts the declared level; unknowns leave it unconfirmed.
    const upToDeclared = new Set(framework.stages.slice(0, d + 1).map((st) => st.id));
    const open = findings
      .filter((f) => upToDeclared.has(f.stage) && f.requirement === "must" && !isSatisfied(f))
      .map((f) => ({ criterionId: f.criterionId, status: f.status }));
    const kind = open.every((f) => f.status === "unknown") ? "unconfirmed" : "declared-above-supported";
    return { kind, declared, supported, firstStage, open };
  }
  if (s > d) return { kind: "eligible-to-move-up", declared, supported, firstStage };
  return { kind: "none", declared, supported, firstStage };
}

function countFindings(findings: readonly Finding[]): Counts {
  const c = { met: 0, attested: 0, notMet: 0, expired: 0, unknown: 0 };
  for (const f of findings) {
    if (f.status === "not-met") c.notMet++;
    else c[f.status]++;
  }
  return c;
}
