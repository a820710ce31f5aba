import { z } from "zod";
import type { Advice, Fact } from "./facts.js";

/**
 * The facts of findings as strict zod schemas, for the JSON Schemas of `assess --json` and for checking real outputs.
 * Typed against facts.ts (`z.ZodType<Fact>`): a kind or field the schema describes differently fails to compile, and a
 * field the schema lacks fails the strict parse of real outputs in the tests.
 */

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const status = z.enum(["met", "attested", "not-met", "unknown", "expired"]);

const RepositoryRef = z.strictObject({
  repository: z.string(),
  commit: z.string(),
  role: z.literal("governance").optional(),
});
const FileRef = z.strictObject({ ...RepositoryRef.shape, path: z.string().nullable() });
const Person = z.strictObject({
  handle: z.string(),
  organization: z.string().nullable(),
  source: z.string().nullable(),
  file: FileRef,
});
const FileKindName = z.enum([
  "license",
  "readme",
  "contributing",
  "codeOfConduct",
  "security",
  "governance",
  "adopters",
  "roadmap",
  "changelog",
  "issueTemplates",
  "pullRequestTemplate",
  "dcoOrCla",
  "bestPracticesBadge",
  "dependencyBot",
  "maintainers",
]);
const CountMeasure = z.enum([
  "commits-last-12-months",
  "active-contributors-last-12-months",
  "semver-tags",
  "releases-last-12-months",
  "lint-config-files",
  "test-files",
  "ci-systems",
]);
const DatedTag = z.strictObject({ tag: z.string(), date: isoDay });
const CountDetail = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("latest-semver"), latest: DatedTag }),
  z.strictObject({ kind: z.literal("no-semver"), tags: z.number() }),
  z.strictObject({ kind: z.literal("latest-release"), latest: DatedTag }),
  z.strictObject({ kind: z.literal("latest-tag"), latest: DatedTag }),
  z.strictObject({ kind: z.literal("items"), items: z.array(z.string()) }),
]);
const CountPart = z.strictObject({ repository: RepositoryRef, value: z.number(), detail: CountDetail.optional() });
const ChannelLink = z.strictObject({ kind: z.string(), label: z.string(), url: z.string() });
const ReadmeChannel = z.strictObject({ item: z.string(), url: z.string(), file: FileRef });
const CatalogChannels = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("none"), project: z.string() }),
  z.strictObject({ kind: z.literal("raw"), raw: z.string() }),
  z.strictObject({ kind: z.literal("listed"), linked: z.array(ChannelLink) }),
]);
const ContributorReason = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("program"), organization: z.string(), sameName: z.boolean() }),
  z.strictObject({ kind: z.literal("maintainers"), organization: z.string() }),
  z.strictObject({ kind: z.literal("commits"), organization: z.string() }),
]);
const agreement = z.enum(["dco", "cla"]);

export const FactSchema: z.ZodType<Fact> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("no-evidence"), reason: z.enum(["not-collected", "no-repositories"]) }),
    z.strictObject({
      kind: z.literal("collector-failed"),
      repository: z.string(),
      message: z.string(),
      code: z.string(),
    }),
    z.strictObject({ kind: z.literal("also"), fact: FactSchema }),
    z.strictObject({
      kind: z.literal("count"),
      measure: CountMeasure,
      count: z.number(),
      threshold: z.number(),
      asOf: isoDay,
      repositories: z.array(CountPart),
    }),
    z.strictObject({ kind: z.literal("figure-unread"), repository: RepositoryRef }),
    z.strictObject({ kind: z.literal("governance-not-counted"), repositories: z.array(z.string()) }),
    z.strictObject({ kind: z.literal("only-governance"), repositories: z.array(z.string()) }),
    z.strictObject({ kind: z.literal("maintainers-file"), file: FileRef, people: z.array(Person) }),
    z.strictObject({ kind: z.literal("maintainers-not-listed"), reason: z.string(), repository: RepositoryRef }),
    z.strictObject({ kind: z.literal("maintainers-file-missing"), repositories: z.array(RepositoryRef) }),
    z.strictObject({ kind: z.literal("maintainers-file-unread"), repository: RepositoryRef }),
    z.strictObject({
      kind: z.literal("maintainers"),
      count: z.number(),
      threshold: z.number(),
      people: z.array(Person),
    }),
    z.strictObject({
      kind: z.literal("maintainers-outside"),
      count: z.number(),
      threshold: z.number(),
      programOrganizations: z.array(z.string()),
      people: z.array(Person),
    }),
    z.strictObject({
      kind: z.literal("maintainer-organizations"),
      count: z.number(),
      threshold: z.number(),
      organizations: z.array(z.string()),
    }),
    z.strictObject({ kind: z.literal("organization-unknown"), handles: z.array(z.string()) }),
    z.strictObject({ kind: z.literal("no-program-organizations") }),
    z.strictObject({
      kind: z.literal("file-found"),
      fileKind: FileKindName,
      file: FileRef,
      how: z.enum(["file", "readme-reference"]),
      note: z.string().optional(),
      reference: z.string().optional(),
      url: z.string().optional(),
    }),
    z.strictObject({
      kind: z.literal("file-unread"),
      fileKind: FileKindName,
      repository: RepositoryRef,
      reason: z.string().optional(),
    }),
    z.strictObject({ kind: z.literal("file-missing"), fileKind: FileKindName, repositories: z.array(RepositoryRef) }),
    z.strictObject({ kind: z.literal("agreement-kind-unknown"), wanted: agreement }),
    z.strictObject({ kind: z.literal("agreement-kind-differs"), found: agreement, wanted: agreement }),
    z.strictObject({ kind: z.literal("adopters-uncountable"), file: FileRef, note: z.string().optional() }),
    z.strictObject({
      kind: z.literal("adopters-file"),
      file: FileRef,
      count: z.number(),
      independent: z.number().optional(),
      threshold: z.number().optional(),
    }),
    z.strictObject({
      kind: z.literal("adopters-union"),
      distinct: z.number(),
      files: z.number(),
      unnamed: z.number(),
      independent: z.number().optional(),
      threshold: z.number(),
    }),
    z.strictObject({
      kind: z.literal("adopters-excluded"),
      adopters: z.array(z.strictObject({ name: z.string(), reason: ContributorReason })),
    }),
    z.strictObject({ kind: z.literal("adopters-listed"), names: z.array(z.string()) }),
    z.strictObject({
      kind: z.literal("adopters-uncompared"),
      entries: z.number(),
      with: z.enum(["contributing-organizations", "files"]),
    }),
    z.strictObject({ kind: z.literal("adopters-truncated") }),
    z.strictObject({
      kind: z.literal("catalog-channels"),
      catalog: CatalogChannels,
      readme: z.array(ReadmeChannel).optional(),
      threshold: z.number().optional(),
    }),
    z.strictObject({ kind: z.literal("readme-channels"), channels: z.array(ReadmeChannel) }),
    z.strictObject({ kind: z.literal("channels-free-text"), texts: z.array(z.string()) }),
    z.strictObject({ kind: z.literal("assessor-decides") }),
    z.strictObject({
      kind: z.literal("previous-stage"),
      stage: z.string(),
      satisfied: z.number(),
      required: z.number(),
    }),
    z.strictObject({
      kind: z.literal("open-criteria"),
      criteria: z.array(z.strictObject({ criterionId: z.string(), status })),
    }),
    z.strictObject({ kind: z.literal("unknown-rule"), ruleId: z.string() }),
    z.strictObject({
      kind: z.literal("attestation"),
      state: z.enum(["current", "future", "expired"]),
      status: z.enum(["met", "not-met"]),
      by: z.string(),
      date: isoDay,
      link: z.string().optional(),
      note: z.string().optional(),
      expires: isoDay.optional(),
      ignored: z.boolean().optional(),
    }),
    z.strictObject({
      kind: z.literal("foreign-attestation"),
      criterionId: z.string(),
      framework: z.string(),
      assessedAgainst: z.string(),
      ignored: z.boolean().optional(),
    }),
    z.strictObject({ kind: z.literal("needs-person") }),
    z.strictObject({ kind: z.literal("no-attestation"), onlyPerson: z.boolean() }),
  ]),
);

export const AdviceSchema: z.ZodType<Advice> = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("renew"), criterionId: z.string(), expired: isoDay }),
  z.strictObject({ kind: z.literal("attest"), criterionId: z.string() }),
  z.strictObject({
    kind: z.literal("work-towards"),
    criterionId: z.string(),
    goal: z.string(),
    threshold: z.number().optional(),
    readEvidence: z.boolean(),
    orAttest: z.boolean(),
  }),
]);
