import { z } from "zod";

/**
 * A framework file as written (YAML). Strict objects, so a typo is a located error.
 * `normalizeFramework` in load-framework.ts turns it into the `Framework` model.
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, {
  message: "expected a lower-case id of letters, digits, '.', '_' or '-' (e.g. incubating.maintainers)",
});

/** `rule: { id: maintainers, threshold: 2 }` — other keys are the rule's own parameters, checked against it. */
export const WrittenRule = z
  .looseObject({
    id: z.string().min(1).meta({ description: "A built-in evidence rule (see docs/frameworks.md)." }),
    threshold: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .meta({ description: "Overrides the rule's default threshold." }),
  })
  .meta({ description: "The evidence rule deciding an automatic criterion, with its parameters." });

export const WrittenCriterion = z
  .strictObject({
    id: Id.meta({ description: "Unique in the framework; attestations use it." }),
    text: z.string().min(1).meta({ description: "The guideline's words." }),
    requirement: z
      .enum(["must", "should"])
      .optional()
      .meta({ description: "must (default): required, gates the stage; should: suggested." }),
    decided: z
      .enum(["automatic", "attestation", "both"])
      .meta({ description: "automatic: evidence; attestation: a person; both: evidence, else a person." }),
    rule: WrittenRule.optional(),
    evidenceSuffices: z
      .boolean()
      .optional()
      .meta({
        description:
          "For decided: both. false when the rule can show the criterion unmet but not met (a " +
          "badge link does not prove the badge is passing): a person confirms. Default true.",
      }),
    section: z.string().optional().meta({ description: "Where the guideline is written in the source document." }),
    byDecision: z
      .boolean()
      .optional()
      .meta({
        description:
          "true: the TOC's passed vote admitting or promoting a project to this stage attests it (due diligence, " +
          "a proposal reviewed and approved): `assess` counts it as attested by that decision, dated on the vote.",
      }),
  })
  .meta({ description: "One entry guideline." });

export const WrittenStage = z
  .strictObject({
    id: Id,
    title: z.string().min(1),
    synonyms: z
      .array(z.string().min(1))
      .optional()
      .meta({ description: "Other words for this stage a catalog may use (incubation, incubating)." }),
    criteria: z.array(WrittenCriterion),
  })
  .meta({ description: "A stage, with its entry guidelines." });

export const WrittenFramework = z
  .strictObject({
    $schema: z.string().optional(),
    id: Id.meta({ description: "The framework id catalogs map aliases to (program.frameworks)." }),
    version: z
      .string()
      .min(1)
      .meta({ description: "Version of the guidelines encoded, so a review can say which it applied." }),
    title: z.string().min(1).meta({ description: "Short name shown on badges, e.g. AzCNU." }),
    name: z.string().min(1).meta({ description: "Full name of the guidelines." }),
    source: z.string().optional().meta({ description: "Where the guidelines are published." }),
    stages: z.array(WrittenStage).min(1).meta({ description: "From least to most mature." }),
  })
  .meta({ title: "Upstream Portfolio maturity framework" });

export type WrittenFramework = z.infer<typeof WrittenFramework>;

/** A schema without its optional / nullable / default wrappers. */
function unwrap(s: z.ZodType): z.ZodType {
  return s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault
    ? unwrap(s.unwrap() as z.ZodType)
    : s;
}

/**
 * The keys a framework file allows at a path (`["stages", 0, "criteria", 1]` → a criterion's keys),
 * for "did you mean" on an unknown key; empty where the path is not an object of the format.
 * @example writtenKeysAt(["stages", 0]) // ["id", "title", "synonyms", "criteria"]
 */
export function writtenKeysAt(at: readonly (string | number)[], schema: z.ZodType = WrittenFramework): string[] {
  let s: z.ZodType | undefined = unwrap(schema);
  for (const segment of at) {
    if (s instanceof z.ZodObject && typeof segment === "string") s = s.shape[segment] as z.ZodType | undefined;
    else if (s instanceof z.ZodArray && typeof segment === "number") s = s.element as z.ZodType;
    else return [];
    if (!s) return [];
    s = unwrap(s);
  }
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** JSON Schema of a framework file, for editors (`# yaml-language-server: $schema=…`). */
export function frameworkJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(WrittenFramework, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
}
