/** Maturity: frameworks as data, attestations, and the assessment of projects against them. */
export {
  allCriteria,
  normalizeLevel,
  stageIndex,
  type Criterion,
  type Decided,
  type Framework,
  type NormalizedLevel,
  type Requirement,
  type RuleRef,
  type Stage,
} from "./framework.js";
export { frameworkJsonSchema, WrittenFramework, writtenKeysAt } from "./framework-schema.js";
export {
  BUILTIN_FRAMEWORKS_DIR,
  loadFrameworkFile,
  loadFrameworks,
  parseFramework,
  readFrameworkText,
  resolveFrameworkOption,
} from "./load-framework.js";
export {
  EVIDENCE_RULES,
  FILE_KINDS,
  PREVIOUS_STAGE_RULE,
  type EvidenceRule,
  type FileKind,
  type RuleInput,
} from "./evidence-rules.js";
export type { Verdict } from "./verdict.js";
export type {
  Advice,
  CountMeasure,
  Fact,
  FactKind,
  FileKindName,
  FileRef,
  Person,
  RepositoryRef,
} from "./facts.js";
export {
  adviceText,
  driftText,
  evidenceGapText,
  factText,
  FILE_LABELS,
  lifecycleWarningText,
} from "./finding-text.js";
export { AdviceSchema, FactSchema } from "./facts-schema.js";
export { attestationFact, attestationOn, describeAttestation, type AttestationState } from "./attestations.js";
export {
  DEFAULT_FRAMEWORK_ALIASES,
  declaredLevel,
  declaredState,
  frameworkAliases,
  sourceWords,
  type DeclaredLevel,
  type DeclaredState,
  type DeclaredSource,
  type RecordedDeclaration,
} from "./resolve-state.js";
export { assess, type AssessInput, type ProgramSettings } from "./assess.js";
export {
  isSatisfied,
  STATUS_WORDS,
  type Counts,
  type Drift,
  type EvidenceGap,
  type Finding,
  type FindingStatus,
  type ProjectAssessment,
} from "./assessment.js";
export { summarizePortfolio, type PortfolioSummary, type SummaryRow } from "./summary.js";
export {
  renderAssessmentText,
  renderChangeText,
  renderChangesMarkdown,
  renderChangesText,
  renderMarkdown,
  renderSummaryText,
} from "./render-assessment.js";
export { renderReviewMarkdown } from "./render-review.js";
export {
  compareAssessments,
  comparePortfolio,
  type AssessmentChange,
  type CriterionChange,
  type Movement,
  type PortfolioChange,
  type Then,
} from "./compare-assessments.js";
export {
  attestationRule,
  frameworkAliasRule,
  maturityCatalogRules,
  stateTypoRule,
  thresholdRule,
} from "./catalog-rules.js";
export { assessPortfolio, type PortfolioInput } from "./assess-portfolio.js";
export {
  MOMENTUM_LABELS,
  MOMENTUM_METRICS,
  momentumFigure,
  momentumText,
  type MomentumDirection,
  type MomentumFigure,
  type MomentumMetric,
  type MomentumSnapshot,
  type ProjectMomentum,
} from "./momentum.js";
