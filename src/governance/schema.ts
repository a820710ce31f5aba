import { z } from "zod";
import { API_VERSION, DateString, Id, Url } from "../catalog/index.js";

/**
 * Governance records as written (YAML in the catalog folder's governance/ folder). What people
 * decide lives here: the TOC and its voting rule, each quarter's review with its motions and
 * votes, and decisions recorded from elsewhere (the CNCF's public record). Objects are strict
 * so a typo is a located error, as in the catalog.
 */

/** `2/3`: exact, never a float. */
export const FractionText = z
  .string()
  .regex(/^\s*[1-9]\d{0,5}\s*\/\s*[1-9]\d{0,5}\s*$/, {
    message: "expected a fraction written a/b with whole numbers, such as 2/3",
  })
  .refine(
    (s) => {
      const [a, b] = s.split("/").map((x) => Number(x.trim()));
      return a! <= b!;
    },
    { message: "a fraction of the TOC is at most 1 (e.g. 2/3, 1/2, 1/1)" },
  )
  .meta({ description: "A fraction a/b of whole numbers, at most 1.", examples: ["2/3", "1/2"] });

export const RULE_BASES = ["members", "votes-cast"] as const;

export const WrittenRule = z
  .strictObject({
    fraction: FractionText.optional().meta({ description: "The share of yes votes a motion needs (default 2/3)." }),
    of: z
      .enum(RULE_BASES)
      .optional()
      .meta({
        description:
          "members (default): of the TOC's voting members on the vote date (an abstention or a missing vote " +
          "counts against); votes-cast: of the yes and no votes (abstentions left out).",
      }),
    quorum: z
      .union([z.number().int().nonnegative(), FractionText])
      .optional()
      .meta({
        description:
          "How many voting members must take part (vote yes, no or abstain) for a result: a number, or a " +
          "fraction of the voting members on the vote date (rounded up). Default: none.",
        examples: [4, "1/2"],
      }),
  })
  .meta({ description: "How the TOC decides: the supermajority and its base." });

export const MEMBER_ROLES = ["chair", "member", "observer"] as const;

/** A GitHub-style handle: how votes name a member. */
export const Handle = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, {
    message: "expected a handle of letters, digits and '-' (a GitHub login, e.g. ann-lee)",
  })
  .meta({ description: "The member's handle (GitHub login); votes name members by it.", examples: ["ann-lee"] });

export const Term = z
  .strictObject({
    from: DateString.meta({ description: "First day the member serves (and may vote)." }),
    until: DateString.optional().meta({ description: "Last day the member serves; absent: still serving." }),
  })
  .meta({ description: "When a member serves, both days included." });

export const Member = z
  .strictObject({
    name: z.string().min(1),
    handle: Handle,
    organization: z.string().min(1).optional().meta({ description: "Who employs the member (or 'independent')." }),
    role: z
      .enum(MEMBER_ROLES)
      .optional()
      .meta({ description: "chair or member (default) vote; an observer takes part without a vote." }),
    term: Term,
  })
  .meta({ description: "A seat on the TOC for one term; a member re-seated after a break has a second entry." });

export const TocFile = z
  .strictObject({
    $schema: z.string().optional(),
    apiVersion: z.literal(API_VERSION).meta({ description: `Format version; always ${API_VERSION}.` }),
    rule: WrittenRule.optional().meta({ description: "The voting rule (default: 2/3 of the voting members)." }),
    members: z.array(Member),
  })
  .meta({
    title: "Upstream Portfolio TOC (governance/toc.yaml)",
    description: "The technical oversight committee and its voting rule.",
  });

export const MOTION_KINDS = ["admit", "promote", "archive", "donate", "reject"] as const;
export const VOTE_CHOICES = ["yes", "no", "abstain"] as const;
export const MOTION_RESULTS = ["passed", "failed"] as const;

export const Vote = z
  .strictObject({
    member: Handle.meta({ description: "The handle of the TOC member voting." }),
    vote: z.enum(VOTE_CHOICES),
    date: DateString.meta({ description: "The day the vote was cast." }),
  })
  .meta({ description: "One member's vote." });

const Markdown = z.string().meta({ description: "Markdown, kept as written." });

export const Candidate = z
  .strictObject({
    name: z.string().min(1),
    home: Url.optional(),
    repositories: z.array(z.string().min(1)).optional(),
    persona: Id.optional().meta({ description: "The persona it joins in the catalog (required to admit it)." }),
    goal: Markdown.optional(),
  })
  .meta({ description: "An admission: the project from outside the program, as it would enter the catalog." });

export const Motion = z
  .strictObject({
    id: Id.meta({ description: "Unique in the review; `2026-Q4/<id>` names it elsewhere." }),
    kind: z.enum(MOTION_KINDS).meta({
      description:
        "admit (a project from outside, at a level), promote (to the next level), archive, donate (to a " +
        "foundation), reject (the end of an admission cascade that failed at every level: the TOC's opinion).",
    }),
    project: Id.meta({ description: "The project's id (for admit: the id it takes in the catalog)." }),
    level: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "admit, promote: the target level, a stage of the project's framework." }),
    framework: Id.optional().meta({
      description: "The framework id whose levels the motion moves (default: the one the project's state declares).",
    }),
    foundation: z.string().min(1).optional().meta({ description: "donate: the foundation receiving the project." }),
    candidate: Candidate.optional(),
    proposer: z.string().min(1).meta({ description: "Who proposed the motion (a handle or name)." }),
    date: DateString.meta({ description: "The day it was proposed." }),
    rationale: Markdown.optional(),
    opinion: Markdown.optional().meta({ description: "reject: the opinion the TOC wrote (required)." }),
    links: z
      .array(Url)
      .optional()
      .meta({ description: "Proposal, due diligence, minutes; donate: evidence of the foundation's interest." }),
    votes: z.array(Vote).optional(),
    result: z.enum(MOTION_RESULTS).optional().meta({
      description: "The outcome when the review closed; it must agree with the tally of the votes under the rule.",
    }),
  })
  .meta({ description: "A motion the TOC votes on." });

export const SUGGESTED_KINDS = ["promote", "archive"] as const;

export const Suggestion = z
  .strictObject({
    kind: z.enum(SUGGESTED_KINDS),
    project: Id,
    level: z.string().min(1).optional().meta({ description: "promote: the level the evidence supports." }),
    why: z.string().meta({ description: "What in the evidence suggests it." }),
  })
  .meta({ description: "A motion the evidence suggests; the TOC proposes it (upstream motion propose) or not." });

export const AssessedProject = z
  .strictObject({
    framework: Id.optional(),
    declared: z.string().nullable().meta({ description: "The level the catalog declared, as written." }),
    supported: z.string().nullable().meta({ description: "The highest stage the evidence supported; null: none." }),
    lifecycle: z
      .string()
      .optional()
      .meta({ description: "active, inactive, archived or deprecated (its repositories)." }),
    stored: z
      .string()
      .optional()
      .meta({
        description:
          "Which assessment the store keeps for the review's day (framework@version as of the day); the assessment, " +
          "what changed since the last review and momentum are read from the store by `review show`, not written here.",
      }),
    momentum: z
      .string()
      .optional()
      .meta({ description: "Not written by the tool (momentum is derived: `review show` reads it from the store)." }),
  })
  .meta({ description: "A project's assessment on the day the review opened." });

/** `2026-Q4`. */
export const ReviewId = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, { message: "expected a quarter written YYYY-Qn (e.g. 2026-Q4)" })
  .meta({ description: "The quarter reviewed.", examples: ["2026-Q4"] });

export const ReviewFile = z
  .strictObject({
    $schema: z.string().optional(),
    apiVersion: z.literal(API_VERSION),
    id: ReviewId,
    opened: DateString.meta({ description: "The day the review opened." }),
    closed: DateString.optional().meta({ description: "The day it closed; absent while open." }),
    due: z
      .array(Id)
      .optional()
      .meta({ description: "The projects reviewed (default: every project in the program on the day it opened)." }),
    notes: z.record(Id, Markdown).optional().meta({ description: "project id → the TOC's notes on this quarter." }),
    suggested: z.array(Suggestion).optional().meta({
      description: "Motions the tool suggested when the review opened, from the evidence; nobody voted them.",
    }),
    assessed: z
      .record(Id, AssessedProject)
      .optional()
      .meta({ description: "project id → what the assessment said when the review opened." }),
    motions: z.array(Motion).optional(),
  })
  .meta({
    title: "Upstream Portfolio quarterly review (governance/reviews/<YYYY-Qn>.yaml)",
    description: "One quarter's review by the TOC: notes per project and the motions voted.",
  });

export const RECORDED_KINDS = ["admit", "promote", "archive", "donate"] as const;

export const RecordedDecision = z
  .strictObject({
    project: Id,
    kind: z.enum(RECORDED_KINDS),
    level: z.string().min(1).optional().meta({ description: "admit, promote: the level decided." }),
    framework: Id.meta({ description: "The framework whose level was decided (e.g. cncf)." }),
    foundation: z.string().min(1).optional(),
    date: DateString,
    by: z.string().min(1).meta({ description: "Who decided (e.g. CNCF TOC)." }),
    link: Url.optional().meta({ description: "Where the decision is recorded." }),
    source: z.string().optional().meta({ description: "Where the record was imported from (file and commit)." }),
    imported: z
      .strictObject({
        from: z.enum(["landscape", "clomonitor"]).meta({ description: "The public record it was read from." }),
        on: DateString.meta({ description: "The day `upstream decisions import --write` recorded it." }),
      })
      .optional()
      .meta({
        description:
          "Set when imported from the public record: the decision was taken by another body, whose votes the " +
          "record does not give (none are recorded here, and none are needed).",
      }),
  })
  .meta({ description: "A decision taken outside this program's reviews (another body's public record)." });

export const DecisionsFile = z
  .strictObject({
    $schema: z.string().optional(),
    apiVersion: z.literal(API_VERSION),
    decisions: z.array(RecordedDecision),
  })
  .meta({
    title: "Upstream Portfolio recorded decisions (governance/decisions.yaml)",
    description: "Decisions of other bodies (e.g. the CNCF TOC), imported with `upstream decisions import`.",
  });

export type WrittenRule = z.infer<typeof WrittenRule>;
export type Member = z.infer<typeof Member>;
export type TocFile = z.infer<typeof TocFile>;
export type Vote = z.infer<typeof Vote>;
export type Motion = z.infer<typeof Motion>;
export type MotionKind = (typeof MOTION_KINDS)[number];
export type VoteChoice = (typeof VOTE_CHOICES)[number];
export type ReviewFile = z.infer<typeof ReviewFile>;
export type RecordedDecision = z.infer<typeof RecordedDecision>;
export type DecisionsFile = z.infer<typeof DecisionsFile>;

const jsonSchemaOf = (schema: z.ZodType, id: string): Record<string, unknown> => ({
  $id: `https://upstream-portfolio.dev/schema/${id}`,
  ...(z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >),
});

/** The JSON Schemas editors use for the governance files, by file name under schema/. */
export function governanceJsonSchemas(): Record<string, Record<string, unknown>> {
  return {
    "toc.schema.json": jsonSchemaOf(TocFile, "toc.schema.json"),
    "review.schema.json": jsonSchemaOf(ReviewFile, "review.schema.json"),
    "decisions.schema.json": jsonSchemaOf(DecisionsFile, "decisions.schema.json"),
  };
}
