export * from "./schema.js";
export * from "./model.js";
export { tally, normalizeRule, describeRule, parseFraction, ceilFractionOf, DEFAULT_RULE } from "./tally.js";
export type { Tally, VotingRule, Fraction, RuleBase } from "./tally.js";
export { membersOn, votingMembersOn, servesOn, seatsOf, votes as hasVote } from "./toc.js";
export { stageOf, stageIndex, stageIds } from "./ladder.js";
export { nextCascadeStep, runCascade, type CascadeStep } from "./cascade.js";
export { checkGovernance, voteSummary, type GovernanceCheck } from "./check-governance.js";
export { declaredAsOf, projectHistory, decisionAttestations, attestationsByProject } from "./decisions.js";
export type { DeclaredAsOf, DecisionAttestation } from "./decisions.js";
export { governanceContext } from "./context.js";
export {
  loadGovernance,
  locateAll,
  sortIssues,
  GOVERNANCE_DIR,
  TOC_FILE,
  REVIEWS_DIR,
  DECISIONS_FILE,
} from "./load-governance.js";
export type { LoadedGovernance } from "./load-governance.js";
export { locateGovernanceIssue, type GovernanceIssue, type GovernanceLocator } from "./issues.js";
export { readPublicRecord, PUBLIC_LEVELS } from "./public-record.js";
export type { PublicProject, PublicRecord, PublicLevel } from "./public-record.js";
export { matchPublicRecord, repositoryKey, nameKey } from "./match-public.js";
export type { PublicMatch, MatchReport } from "./match-public.js";
export { openGovernance, type OpenedGovernance } from "./open-governance.js";
export { renderDecisions, decisionJson, renderMembers, renderMatchReport, decisionWords } from "./render-governance.js";
export {
  quarterOf,
  dueProjects,
  hasLeftProgram,
  suggestMotions,
  motionIdFor,
  findMotion,
  cascadeFollowUp,
  voteEntry,
  closeReviewEdits,
  writeBackEdits,
  declaredStageOf,
  ENDED_LEVELS,
} from "./review-ops.js";
export type {
  SuggestionInput,
  SuggestedMotion,
  CascadeFollowUp,
  MarkdownEscapes,
  WriteBackInput,
  WriteBack,
} from "./review-ops.js";
export { reviewView, renderReviewText, type ReviewView } from "./review-view.js";
export { withDerived, type ReviewDerived } from "./review-view.js";
export { withDocument, type Overlaid } from "./overlay.js";
