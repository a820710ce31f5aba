/**
 * The built-in evidence rules a framework file can name. Each reads facts gathered across all
 * of a project's repositories and says met / not met / unknown, with the evidence in words.
 *
 * How facts from several repositories combine (documented in docs/frameworks.md):
 * - counts of commits, releases, tags, test and lint files are summed;
 * - active contributors take the largest repository's figure (people are not deduplicated
 *   across repositories, so a sum would overcount; the maximum is a lower bound);
 * - maintainers are the union of every repository's OWNERS/MAINTAINERS, by handle;
 * - adopters are the union of every repository's ADOPTERS file, by normalized name;
 * - a file counts when any repository has it, reported from the first one in catalog order.
 * A repository the collector could not read makes a short count "unknown", never "not met":
 * only a count that already reaches the threshold without it is "met".
 */
import { communicationChannels, PREVIOUS_STAGE_RULE, previousStage } from "./rules/catalog-fact-rules.js";
import {
  activeContributors,
  commitsLast12Months,
  lintConfig,
  releasesLast12Months,
  semverReleases,
  testedCi,
  unitTests,
} from "./rules/count-rules.js";
import { adopters, contributorAgreement, FILE_KINDS, fileVerdict, files, type FileKind } from "./rules/file-rules.js";
import { maintainerOrganizations, maintainers, maintainersOutsideProgram } from "./rules/maintainer-rules.js";
import { combineAll, type EvidenceRule, type RuleInput } from "./rules/rule.js";

export { combineAll, FILE_KINDS, fileVerdict, PREVIOUS_STAGE_RULE, type EvidenceRule, type FileKind, type RuleInput };

/** The registry: rule id → rule. */
export const EVIDENCE_RULES: ReadonlyMap<string, EvidenceRule> = new Map(
  [
    maintainers,
    maintainersOutsideProgram,
    maintainerOrganizations,
    adopters,
    files,
    contributorAgreement,
    semverReleases,
    releasesLast12Months,
    commitsLast12Months,
    activeContributors,
    lintConfig,
    unitTests,
    testedCi,
    communicationChannels,
    previousStage,
  ].map((r) => [r.id, r]),
);
