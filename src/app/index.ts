/**
 * Use cases: what the product does, for every front end (the CLI today; an HTTP route or a worker later). Each takes
 * explicit inputs (paths with the folder they are relative to, dates, options, a progress callback) and returns
 * data plus problems as `Issue`s; bad input throws a `UserError`. None writes to stdout or stderr, sets an exit
 * code, reads the environment or the clock: the front end does, and renders the result.
 */
export {
  BUNDLED_EXAMPLE,
  catalogDir,
  folderSides,
  locateCatalog,
  PACKAGE_ROOT,
  PROJECT_SCHEMA_FILE,
  SCHEMA_FILE,
  type CatalogLocation,
  type CatalogSource,
  type LocateCatalogInput,
} from "./catalog-path.js";
export { extraCatalogRules } from "./catalog-rules.js";
export {
  openCatalog,
  validateCatalog,
  type CatalogCheck,
  type FileRead,
  type OpenCatalogInput,
  type OpenedCatalog,
} from "./open-catalog.js";
export {
  listProjects,
  projectsOfPersona,
  selectProjects,
  stateText,
} from "./projects.js";
export {
  affiliationFiles,
  affiliationOptions,
  mirrorsOf,
  programAffiliations,
  type EvidenceSourceOptions,
} from "./evidence-sources.js";
export { unsavedCacheIssue } from "./cache-issues.js";
export {
  catalogRevision,
  collectThroughStore,
  evidenceFingerprint,
  storeHistoryCache,
  type StoreReport,
  type StoreSession,
} from "./store-evidence.js";
export {
  cacheLocation,
  isBundledExample,
  storeLocation,
  type StoreLocation,
  type StoreLocationInput,
} from "./store-location.js";
export {
  evidenceFromExport,
  exportStore,
  importStore,
  parseExport,
  publishableEvidence,
  type ExportHeader,
  type ExportRecord,
  type ParsedExport,
} from "./store-export.js";
export { collectEvidence, type CollectInput, type CollectResult } from "./collect.js";
export { assessProjects, compareSince, type AssessInput, type AssessResult, type CompareResult } from "./assess.js";
export { assessWithEvidence } from "./assess.js";
export { reviewEvidence, reviewedLines } from "./review-evidence.js";
export { momentumBetween, momentumFromStore } from "./momentum.js";
export type {
  ReviewedProject,
  ReviewedLines,
  ReviewEvidence,
  ReviewEvidenceInput,
} from "./review-evidence.js";
export { makeBadges, type BadgesInput, type ProjectBadge } from "./badges.js";
export {
  checkReadme,
  importReadmeFile,
  isCatalogFileName,
  renderCatalogReadme,
  type ImportedReadme,
  type ReadmeDifference,
} from "./readme.js";
export {
  listFrameworks,
  showFramework,
  validateFrameworkFiles,
  type FrameworkRow,
} from "./frameworks.js";
export { starterCatalog } from "./starter-catalog.js";
export {
  backfillHistory,
  HISTORY_METRICS,
  METRIC_MEANING,
  metricOf,
  periodEnds,
  projectHistory,
  type BackfillInput,
  type BackfillResult,
  type HistoryMetric,
  type HistoryPeriod,
  type HistoryPoint,
  type ProjectHistory,
} from "./history.js";
export { frameworkLadders, programGovernance, withDecisions } from "./decisions.js";
