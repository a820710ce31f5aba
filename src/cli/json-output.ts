/**
 * The JSON documents the commands print with --json, each defined once as a strict zod schema.
 * The TypeScript type a command builds its output through is inferred from the schema, the
 * published JSON Schema (`upstream schema --output NAME`) is generated from it, and tests parse
 * the real commands' output with it. The domain types (evidence, assessments) stay interfaces in
 * their modules; the builders below only compile while those interfaces fit these schemas, and
 * the strict parse in the tests catches a field added there and not here.
 */
import { z } from "zod";
import { ERROR_CODES, type ErrorCode } from "../core/index.js";
import { Project as WrittenProject } from "../catalog/index.js";
import { AdviceSchema, FactSchema } from "../maturity/index.js";
import { MEMBER_ROLES, MOTION_KINDS, PUBLIC_LEVELS, RECORDED_KINDS } from "../governance/index.js";

import { JSON_SCHEMA_VERSION } from "./json-documents.js";
export { JSON_SCHEMA_VERSION };

/** Deeply read-only: the domain's readonly data fits the inferred (mutable) output types. */
type Immutable<T> = T extends (infer U)[]
  ? readonly Immutable<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Immutable<T[K]> }
    : T;

const schemaVersion = z.literal(JSON_SCHEMA_VERSION).meta({
  description: "Version of this document's shape; bumped when a field is removed or changes meaning.",
});
const errorCode = z
  .enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]])
  .meta({ description: "A code of docs/errors.md." });
const isoDate = z.string().meta({ description: "A day, YYYY-MM-DD (UTC)." });
const isoDateTime = z.string().meta({ description: "An ISO 8601 date and time." });

// ---- validate ---------------------------------------------------------------------------

export const IssueJson = z
  .strictObject({
    code: errorCode,
    severity: z.enum(["error", "warning"]),
    message: z.string(),
    path: z.string().optional().meta({ description: "Field path inside the document, e.g. projects[3].home." }),
    hint: z.string().optional().meta({ description: "What to do about it." }),
    file: z.string().optional(),
    line: z.number().int().min(1).optional(),
    col: z.number().int().min(1).optional(),
    repository: z.string().optional(),
    commit: z.string().optional(),
  })
  .meta({ description: "A problem, located: file:line:col, or a repository and commit." });

export const ValidateOutput = z
  .strictObject({
    schemaVersion,
    valid: z.boolean().meta({ description: "No errors (warnings allowed)." }),
    catalog: z.string().meta({ description: "The main catalog file." }),
    files: z.array(z.string()).meta({ description: "Every file read." }),
    issues: z.array(IssueJson),
  })
  .meta({ title: "upstream validate --json" });

// ---- list -------------------------------------------------------------------------------

export const ListOutput = z
  .strictObject({
    schemaVersion,
    projects: z
      .array(WrittenProject)
      .meta({ description: "The projects as the catalog writes them (goal, versions, usedIn, attestations, …)." }),
  })
  .meta({ title: "upstream list --json" });

// ---- frameworks -------------------------------------------------------------------------

export const FrameworksOutput = z
  .strictObject({
    schemaVersion,
    frameworks: z.array(
      z.strictObject({
        id: z.string(),
        version: z.string(),
        title: z.string(),
        stages: z.array(z.string()).meta({ description: "Stage ids, least mature first." }),
        criteria: z.number().int().min(0),
        file: z.string().nullable().meta({ description: "The file it was read from; null for none." }),
      }),
    ),
  })
  .meta({ title: "upstream frameworks list --json" });

const requirement = z.enum(["must", "should"]);
const decided = z.enum(["automatic", "attestation", "both"]);

const CriterionJson = z.strictObject({
  id: z.string(),
  stage: z.string(),
  text: z.string(),
  requirement,
  decided,
  rule: z
    .strictObject({
      id: z.string(),
      threshold: z.number().optional(),
      params: z.record(z.string(), z.unknown()),
    })
    .optional(),
  evidenceSuffices: z.boolean(),
  byDecision: z.boolean().meta({ description: "A passed TOC vote admitting or promoting to this stage attests it." }),
  section: z.string().optional(),
});

export const FrameworkJson = z.strictObject({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  name: z.string(),
  source: z.string().optional(),
  stages: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      synonyms: z.array(z.string()),
      criteria: z.array(CriterionJson),
    }),
  ),
  file: z.string().optional(),
});

export const FrameworkShowOutput = z
  .strictObject({ schemaVersion, framework: FrameworkJson })
  .meta({ title: "upstream frameworks show --json" });

// ---- collect ----------------------------------------------------------------------------

const SourceJson = z
  .strictObject({
    repository: z.string().meta({ description: "As named in the catalog." }),
    commit: z.string().meta({ description: "Full commit id the fact was read at." }),
    path: z.string().optional(),
    line: z.number().int().min(1).optional(),
  })
  .meta({ description: "Where a fact came from." });

const FileFindingFields = {
  how: z.enum(["file", "readme-reference", "none", "unreadable"]),
  path: z.string().optional(),
  reference: z.string().optional(),
  url: z.string().optional(),
  source: SourceJson.optional(),
  note: z.string().optional(),
  truncated: z.boolean().optional(),
};
const FileFindingJson = z.strictObject(FileFindingFields);

const CountedJson = z.strictObject({
  count: z.number().int().min(0),
  items: z.array(z.string()).meta({ description: "Up to 50 of the counted items." }),
  source: SourceJson.optional(),
});

const OrganizationShareJson = z.strictObject({
  organization: z.string(),
  commits: z.number().int().min(0),
  commitShare: z.number().min(0).max(1),
  contributors: z.number().int().min(0),
  contributorShare: z.number().min(0).max(1),
  via: z.array(z.string()),
});

const HistoryJson = z.strictObject({
  firstCommitDate: isoDateTime,
  lastCommitDate: isoDateTime,
  commits: z.number().int().min(0),
  merges: z.number().int().min(0),
  commitsLast12Months: z.number().int().min(0),
  contributors: z.number().int().min(0),
  activeContributorsLast12Months: z.number().int().min(0),
  newContributorsPerQuarter: z.record(z.string(), z.number().int().min(0)),
  organizations: z.array(OrganizationShareJson),
  organizationsLast12Months: z.array(OrganizationShareJson).optional(),
  elephantFactor: z.strictObject({
    value: z.number().int().min(0),
    threshold: z.number(),
    windowMonths: z.number().int(),
    organizations: z.array(z.string()),
  }),
  contributorAbsenceFactor: z.strictObject({
    value: z.number().int().min(0),
    threshold: z.number(),
    windowMonths: z.number().int(),
    people: z.array(z.string()),
  }),
  bots: z
    .strictObject({ commits: z.number().int().min(0), identities: z.number().int().min(0), names: z.array(z.string()) })
    .optional(),
  mergedIdentities: z.strictObject({ count: z.number().int().min(0), items: z.array(z.string()) }).optional(),
  commitsDatedAfterAsOf: z.number().int().min(0).optional(),
  shallow: z.boolean(),
  source: SourceJson,
});

const ReleaseRefJson = z.strictObject({ tag: z.string(), date: isoDateTime, component: z.string().optional() });

const ReleasesJson = z.strictObject({
  tags: z.number().int().min(0),
  semverTags: z.number().int().min(0),
  latest: z.strictObject({ tag: z.string(), date: isoDateTime, semver: z.boolean() }).optional(),
  latestSemver: z.strictObject({ tag: z.string(), date: isoDateTime }).optional(),
  latestStable: ReleaseRefJson.optional(),
  releasesLast12Months: z.number().int().min(0),
  preReleasesLast12Months: z.number().int().min(0).optional(),
  nonReleaseTags: z.number().int().min(0).optional(),
  components: z
    .array(
      z.strictObject({
        component: z.string(),
        tags: z.number().int().min(0),
        releasesLast12Months: z.number().int().min(0),
        latestStable: ReleaseRefJson.optional(),
      }),
    )
    .optional(),
  stable: z.boolean(),
  source: SourceJson,
  items: z.array(z.string()).optional(),
});

const FilesJson = z.strictObject({
  license: z.strictObject({ ...FileFindingFields, spdx: z.string().optional() }),
  readme: FileFindingJson,
  contributing: FileFindingJson,
  codeOfConduct: FileFindingJson,
  security: FileFindingJson,
  governance: FileFindingJson,
  adopters: z.strictObject({
    ...FileFindingFields,
    count: z.number().int().min(0).optional(),
    items: z.array(z.string()).optional(),
  }),
  roadmap: FileFindingJson,
  changelog: FileFindingJson,
  issueTemplates: FileFindingJson,
  pullRequestTemplate: FileFindingJson,
  ci: CountedJson,
  lint: CountedJson,
  unitTests: CountedJson,
  dcoOrCla: z.strictObject({ ...FileFindingFields, kind: z.enum(["dco", "cla"]).optional() }),
  bestPracticesBadge: z.strictObject({ ...FileFindingFields, projectId: z.string().optional() }),
  dependencyBot: z.strictObject({ ...FileFindingFields, kind: z.enum(["dependabot", "renovate"]).optional() }),
  channels: CountedJson.optional(),
});

const MaintainersJson = z.strictObject({
  file: FileFindingJson,
  maintainers: z.array(
    z.strictObject({
      handle: z.string(),
      email: z.string().optional(),
      organization: z.string().optional(),
      via: z.string().optional(),
      name: z.string().optional(),
    }),
  ),
  organizations: z.array(z.string()),
  counted: z.string().optional(),
  chosen: z.string().optional(),
  unknown: z
    .strictObject({
      reason: z.string(),
      lowerBound: z.boolean(),
      names: z.array(z.string()).optional(),
      pointer: z
        .strictObject({
          url: z.string(),
          line: z.number().int(),
          repository: z.string().optional(),
          path: z.string().optional(),
          source: SourceJson.optional(),
        })
        .optional(),
    })
    .optional(),
});

const RepositoryEvidenceJson = z.strictObject({
  repository: z.string(),
  commit: z.string(),
  commitDate: isoDateTime,
  asOf: isoDate,
  history: HistoryJson,
  releases: ReleasesJson,
  files: FilesJson,
  maintainers: MaintainersJson,
  warnings: z.array(z.strictObject({ code: errorCode, message: z.string(), path: z.string().optional() })).optional(),
  cache: z.enum(["hit", "incremental", "full", "store"]).optional(),
  url: z.string().optional(),
  path: z.string().optional(),
  role: z.enum(["code", "governance"]).optional(),
  mirror: z.string().optional(),
  lifecycle: z
    .strictObject({
      state: z.enum(["active", "inactive", "archived", "deprecated"]),
      reason: z.string(),
      source: SourceJson.optional(),
    })
    .optional(),
});

export const ProjectEvidenceJson = z.strictObject({
  version: z.literal(1).meta({ description: "The evidence model's version (as cached)." }),
  project: z.string(),
  asOf: isoDate,
  repositories: z.array(RepositoryEvidenceJson),
  failures: z.array(
    z.strictObject({ repository: z.string(), code: errorCode, message: z.string(), hint: z.string().optional() }),
  ),
});

export const CollectOutput = z
  .strictObject({ schemaVersion, projects: z.array(ProjectEvidenceJson) })
  .meta({ title: "upstream collect --json" });

// ---- assess -----------------------------------------------------------------------------

const findingStatus = z.enum(["met", "attested", "not-met", "unknown", "expired"]);
const driftKind = z.enum(["none", "declared-above-supported", "unconfirmed", "eligible-to-move-up", "not-comparable"]);
const DriftJson = z.strictObject({
  kind: driftKind,
  declared: z.string().nullable().meta({ description: "The declared stage id; null when not comparable." }),
  supported: z.string().nullable(),
  firstStage: z.string().optional().meta({ description: "The framework's first stage." }),
  open: z
    .array(z.strictObject({ criterionId: z.string(), status: findingStatus }))
    .optional()
    .meta({ description: "Required criteria up to the declared stage not met or attested." }),
  note: z.string().optional().meta({ description: "Why the levels cannot be compared." }),
  message: z.string().meta({ description: "The facts above in words." }),
});
const UnreadRepositoryJson = z.strictObject({ repository: z.string(), code: z.string(), message: z.string() });
const EvidenceGapJson = z.strictObject({
  kind: z.enum(["not-yet", "unreadable", "not-collected", "no-repositories"]),
  asOf: z.string(),
  failures: z.array(UnreadRepositoryJson).optional(),
  message: z.string().meta({ description: "The facts above in words." }),
});
/** One meaning everywhere: the highest stage the evidence supports; null for none, and when not assessed. */
const supported = z.string().nullable().meta({
  description:
    "The highest stage whose required criteria, and every earlier one's, are met or attested; null for none.",
});

const FindingJson = z.strictObject({
  criterionId: z.string(),
  stage: z.string(),
  text: z.string(),
  requirement,
  decided,
  ruleId: z.string().optional(),
  threshold: z.number().optional(),
  status: findingStatus,
  facts: z.array(FactSchema),
  evidence: z.array(z.string()),
  advice: AdviceSchema.optional(),
  recommendation: z.string().optional(),
});

/** What the declared level rests on: the catalog's written state, or a decision dated on or before the day. */
const DeclaredSourceJson = z
  .union([
    z.strictObject({ kind: z.literal("catalog") }),
    z.strictObject({
      kind: z.enum(["decision", "implied"]),
      decision: z.string().meta({ description: "The motion (2026-Q4/fleet-incubating), or file#place of a record." }),
      decisionKind: z.string(),
      date: isoDate,
      by: z.string(),
      link: z.string().optional(),
    }),
  ])
  .meta({
    description:
      "catalog: the written state (undated); decision: the last passed decision on or before the day; " +
      "implied: before the first recorded decision (the level a first promotion implies, or not yet in the program).",
  });

const ProjectAssessmentJson = z.strictObject({
  project: z.string(),
  name: z.string(),
  asOf: isoDate,
  framework: z.strictObject({ id: z.string(), version: z.string(), title: z.string() }).nullable(),
  notAssessed: z.string().optional(),
  declared: z.strictObject({
    written: z.string().nullable(),
    stage: z.string().nullable(),
    note: z.string().optional(),
    source: DeclaredSourceJson.optional(),
  }),
  supported,
  findings: z.array(FindingJson),
  next: z
    .strictObject({ stage: z.string(), missing: z.array(FindingJson), suggested: z.array(FindingJson) })
    .nullable(),
  drift: DriftJson,
  counts: z.strictObject({
    met: z.number().int().min(0),
    attested: z.number().int().min(0),
    notMet: z.number().int().min(0),
    expired: z.number().int().min(0),
    unknown: z.number().int().min(0),
  }),
  evidenceGap: EvidenceGapJson.optional(),
  unreadRepositories: z.array(UnreadRepositoryJson).optional(),
  lifecycleWarning: z
    .strictObject({
      state: z.enum(["archived", "deprecated"]),
      declared: z.string(),
      repositories: z.array(z.strictObject({ repository: z.string(), commit: z.string(), reason: z.string() })),
      message: z.string().meta({ description: "The facts above in words." }),
    })
    .optional(),
});

const SummaryJson = z.strictObject({
  asOf: isoDate,
  rows: z.array(
    z.strictObject({
      project: z.string(),
      name: z.string(),
      framework: z.string().nullable().meta({ description: "id@version; null when not assessed." }),
      declared: z.string().nullable(),
      supported,
      met: z.number().int().min(0).meta({ description: "met + attested." }),
      missing: z.number().int().min(0).meta({ description: "not met + expired." }),
      unknown: z.number().int().min(0),
      drift: driftKind,
      note: z.string().optional(),
      measured: z.enum(["all", "partly", "none"]),
      unread: z.array(UnreadRepositoryJson).optional(),
    }),
  ),
  declaredAbove: z.number().int().min(0),
  unconfirmed: z.number().int().min(0),
  eligible: z.number().int().min(0),
  notAssessed: z.number().int().min(0),
  notMeasured: z.number().int().min(0),
  partlyMeasured: z.number().int().min(0),
});

export const AssessOutput = z
  .strictObject({ schemaVersion, summary: SummaryJson, assessments: z.array(ProjectAssessmentJson) })
  .meta({ title: "upstream assess --json" });

const then = <T extends z.ZodType>(value: T) => z.strictObject({ before: value, after: value });

const AssessmentChangeJson = z.strictObject({
  project: z.string(),
  name: z.string(),
  since: isoDate,
  asOf: isoDate,
  framework: then(z.string().nullable()),
  supported: then(supported),
  movement: z.enum(["up", "down", "same", "new", "not-comparable"]),
  declared: then(z.string().nullable()),
  declaredSource: then(DeclaredSourceJson.nullable()),
  drift: then(DriftJson),
  evidenceGap: then(EvidenceGapJson.nullable()),
  criteria: z.array(
    z.strictObject({
      criterionId: z.string(),
      stage: z.string(),
      text: z.string(),
      requirement,
      before: findingStatus.nullable(),
      after: findingStatus.nullable(),
      direction: z.enum(["gained", "lost", "changed"]),
      decided: z.boolean(),
      newlyExpired: z.boolean(),
      facts: z.array(FactSchema),
      factsBefore: z.array(FactSchema),
      evidence: z.array(z.string()),
      evidenceBefore: z.array(z.string()),
    }),
  ),
  gained: z.number().int().min(0),
  lost: z.number().int().min(0),
  newlyExpired: z.array(z.string()),
  unchanged: z.boolean(),
  note: z.string().optional(),
});

const MomentumSnapshotJson = z.strictObject({ asOf: isoDate, commit: z.string() }).nullable().meta({
  description: "The stored snapshot read: the closest on or before the date; null when the store holds none.",
});

const ProjectMomentumJson = z.strictObject({
  project: z.string(),
  since: isoDate,
  asOf: isoDate,
  repositories: z.array(
    z.strictObject({ repository: z.string(), before: MomentumSnapshotJson, after: MomentumSnapshotJson }),
  ),
  figures: z.array(
    z.strictObject({
      metric: z.enum(["commits", "contributors", "organizations", "elephant", "releases"]),
      before: z.number().int().nullable().meta({ description: "As of `since`; null when unknown (not zero)." }),
      after: z.number().int().nullable().meta({ description: "As of `asOf`; null when unknown (not zero)." }),
      direction: z.enum(["rose", "fell", "same", "unknown"]),
      delta: z.number().int().nullable(),
      unknown: z.string().optional().meta({ description: "Why the figure is unknown." }),
    }),
  ),
  organizations: z
    .strictObject({ joined: z.array(z.string()), left: z.array(z.string()) })
    .optional()
    .meta({ description: "Organizations of the last 12 months new at `asOf` and gone since; when both are known." }),
  unknown: z.string().optional(),
});

export const AssessSinceOutput = z
  .strictObject({
    schemaVersion,
    since: isoDate,
    asOf: isoDate,
    before: SummaryJson,
    after: SummaryJson,
    changes: z.array(AssessmentChangeJson),
    movedUp: z.number().int().min(0),
    movedDown: z.number().int().min(0),
    same: z.number().int().min(0),
    new: z.number().int().min(0),
    notComparable: z.number().int().min(0),
    momentum: z
      .array(ProjectMomentumJson)
      .optional()
      .meta({
        description:
          "Per project, its figures (12 months before each date) from the store's snapshots of `since` and `asOf`, " +
          "and what rose or fell; absent when no store is used.",
      }),
  })
  .meta({ title: "upstream assess --since DATE --json" });

// ---- history ------------------------------------------------------------------------------

export const HistoryOutput = z
  .strictObject({
    schemaVersion,
    project: z.string(),
    name: z.string(),
    metric: z.enum(["commits", "contributors", "organizations", "elephant", "releases", "level"]),
    meaning: z.string(),
    points: z.array(
      z.strictObject({
        asOf: isoDate,
        value: z.union([z.number(), z.string(), z.null()]).meta({ description: "null: unknown (see unknown)" }),
        unknown: z.string().optional(),
        repositories: z.array(z.strictObject({ repository: z.string(), value: z.number().nullable() })),
      }),
    ),
    empty: z.string().optional(),
  })
  .meta({ title: "upstream history PROJECT --json" });

// ---- decisions and toc ------------------------------------------------------------------

const DecisionJson = z.strictObject({
  date: isoDate,
  project: z.string(),
  kind: z.enum(MOTION_KINDS),
  framework: z.string(),
  stage: z.string().nullable().meta({ description: "admit, promote: the stage decided; null otherwise." }),
  foundation: z.string().nullable(),
  by: z.string().meta({ description: "Who decided: TOC for this program's motions, the record's body otherwise." }),
  motion: z.string().nullable().meta({ description: "2026-Q4/<id> for a motion; null for a recorded decision." }),
  vote: z
    .strictObject({
      yes: z.number().int().min(0),
      no: z.number().int().min(0),
      abstain: z.number().int().min(0),
      votingMembers: z.number().int().min(0),
      needed: z.number().int().min(0).meta({ description: "Yes votes the motion needed." }),
      explanation: z.string(),
    })
    .nullable(),
  opinion: z.string().nullable(),
  link: z.string().nullable(),
  source: z.string().nullable(),
  file: z.string().meta({ description: "The governance file it is written in." }),
});

export const DecisionsOutput = z
  .strictObject({ schemaVersion, decisions: z.array(DecisionJson).meta({ description: "Oldest first." }) })
  .meta({ title: "upstream decisions --json" });

const PublicProjectJson = z.strictObject({
  name: z.string(),
  level: z.enum(PUBLIC_LEVELS),
  repositories: z.array(z.string()),
  homepage: z.string().optional(),
  clomonitorName: z.string().optional(),
  accepted: isoDate.optional(),
  incubating: isoDate.optional(),
  graduated: isoDate.optional(),
  archived: isoDate.optional(),
  line: z.number().int().min(1),
});

const RecordedDecisionJson = z.strictObject({
  project: z.string(),
  kind: z.enum(RECORDED_KINDS),
  level: z.string().optional(),
  framework: z.string(),
  foundation: z.string().optional(),
  date: isoDate,
  by: z.string(),
  link: z.string().optional(),
  source: z.string().optional(),
  imported: z.strictObject({ from: z.enum(["landscape", "clomonitor"]), on: isoDate }).optional(),
});

const PublicMatchJson = z.discriminatedUnion("matched", [
  z.strictObject({
    project: z.string(),
    matched: z.literal(true),
    by: z.enum(["repository", "name"]),
    entry: PublicProjectJson,
    decisions: z.array(RecordedDecisionJson),
    notes: z.array(z.string()),
  }),
  z.strictObject({ project: z.string(), matched: z.literal(false), why: z.string() }),
]);

export const DecisionsImportOutput = z
  .strictObject({
    schemaVersion,
    files: z.array(
      z.strictObject({
        file: z.string(),
        kind: z.enum(["landscape", "clomonitor"]),
        listed: z.number().int().min(0).meta({ description: "Foundation projects the file lists." }),
        readMs: z.number().int().min(0),
        matches: z.array(PublicMatchJson).meta({ description: "Each catalog project: found, and how, or why not." }),
      }),
    ),
    decisions: z
      .array(RecordedDecisionJson)
      .meta({ description: "What recording the files adds (those recorded already are left out)." }),
    conflicts: z.array(z.strictObject({ code: errorCode, message: z.string(), hint: z.string().nullable() })),
    written: z
      .boolean()
      .meta({ description: "Whether governance/decisions.yaml was written (--write, and something new to record)." }),
  })
  .meta({ title: "upstream decisions import --json" });

export const TocOutput = z
  .strictObject({
    schemaVersion,
    date: isoDate.meta({ description: "The day the TOC is shown on." }),
    file: z.string().nullable().meta({ description: "governance/toc.yaml; null when the catalog has none." }),
    members: z.array(
      z.strictObject({
        handle: z.string(),
        name: z.string(),
        organization: z.string().nullable(),
        role: z.enum(MEMBER_ROLES),
        votes: z.boolean().meta({ description: "Whether the role carries a vote (an observer has none)." }),
        term: z.strictObject({ from: isoDate, until: isoDate.nullable() }),
      }),
    ),
  })
  .meta({ title: "upstream toc list --json" });

// ---- the registry -----------------------------------------------------------------------

/** Every --json document, by the name `upstream schema --output NAME` takes. */
export const JSON_OUTPUTS = {
  validate: ValidateOutput,
  list: ListOutput,
  collect: CollectOutput,
  assess: AssessOutput,
  "assess-since": AssessSinceOutput,
  frameworks: FrameworksOutput,
  "frameworks-show": FrameworkShowOutput,
  history: HistoryOutput,
  decisions: DecisionsOutput,
  "decisions-import": DecisionsImportOutput,
  toc: TocOutput,
} as const;

export type JsonOutputName = keyof typeof JSON_OUTPUTS;
export type JsonOutput<N extends JsonOutputName> = Immutable<z.infer<(typeof JSON_OUTPUTS)[N]>>;

export function isJsonOutputName(name: string): name is JsonOutputName {
  return Object.hasOwn(JSON_OUTPUTS, name);
}

/** The published JSON Schema of one output (what `upstream schema --output NAME` prints). */
export function outputJsonSchema(name: JsonOutputName): Record<string, unknown> {
  return z.toJSONSchema(JSON_OUTPUTS[name], { target: "draft-2020-12", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
}

// printJson and the builders live in json-documents.ts, which a command can import without building the schemas.
export {
  assessOutput,
  assessSinceOutput,
  collectOutput,
  decisionsImportOutput,
  decisionsOutput,
  frameworkShowOutput,
  frameworksOutput,
  historyOutput,
  listOutput,
  printJson,
  tocOutput,
  validateOutput,
} from "./json-documents.js";
