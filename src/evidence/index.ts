/**
 * Evidence: facts read from each project's git repositories — history, organizations,
 * releases, community files — as of any date, cached per commit. The public surface of
 * `evidence/`; everything else in the folder is internal.
 */
export * from "./model.js";
export {
  collectProjectEvidence,
  collectProjectsEvidence,
  collectRepositoryEvidence,
  type CollectOptions,
  type PastHistory,
  type EvidenceKey,
  type ProgressEvent,
} from "./collect-evidence.js";
export { openPastHistory } from "./backfill.js";
export {
  loadAffiliations,
  resolveAffiliation,
  resolveLogin,
  NO_AFFILIATIONS,
  INDEPENDENT,
  UNKNOWN,
  PUBLIC_MAIL_DOMAINS,
  UNAFFILIATED,
  type AffiliationOptions,
  type AffiliationRules,
  type AffiliationPeriod,
  type Affiliation,
} from "./affiliations.js";
export { isBot } from "./bots.js";
export { organizationKey } from "./organization-names.js";
export { FACTOR_DEFAULTS, factor, type FactorOptions } from "./history-evidence.js";
export { gitLogArgs, GitLogParser } from "./git-log-reader.js";
export { openRepository, type OpenedRepository } from "./repository-source.js";
export { renderProjectEvidence, renderRepositoryEvidence } from "./render-evidence.js";
export { failureIssues } from "./failure-issues.js";
export { repositoryOfUrl, type RepositoryLink } from "./maintainers.js";
export { cleanWorktreeCommit } from "./worktree-commit.js";
export {
  CACHE_VERSION,
  cacheEntryProblem,
  jsonHistoryCache,
  MAX_CACHE_ENTRIES,
  parseHistoryState,
  stateProblem,
  type CacheEntry,
  type CacheKey,
  type CacheProblem,
  type HistoryCache,
} from "./evidence-cache.js";
export type { SerializedHistoryState } from "./history-state.js";
