import type { z } from "zod";
import { schemaKeysAt, choicesHint, zodIssueToRuleIssues, type SchemaIssueWording } from "../catalog/index.js";
import type { GovernanceIssue } from "./issues.js";

/**
 * zod's issues for a governance file, in the catalog's words and codes: an unknown key with the
 * key meant, a missing field, a date or URL of the wrong form, a value outside its choices.
 */
export function schemaIssues(schema: z.ZodType, document: unknown, file: string): GovernanceIssue[] {
  const parsed = schema.safeParse(document);
  if (parsed.success) return [];
  const wording: SchemaIssueWording = {
    keysAt: (at) => schemaKeysAt(schema, at),
    reference: "docs/governance.md",
    dateHint: "write a real calendar date as YYYY-MM-DD, e.g. 2026-10-01 (quote it or not)",
    valueHint: hintFor,
  };
  return parsed.error.issues.flatMap((i) => zodIssueToRuleIssues(i, document, wording).map((r) => ({ ...r, file })));
}

function hintFor(i: z.core.$ZodIssue, received: unknown): string {
  switch (i.code) {
    case "invalid_type":
      return i.expected === "object"
        ? "write a mapping (key: value lines) here"
        : i.expected === "array"
          ? "write a list (- item lines) here"
          : `write a ${i.expected} ` +
            `here${i.expected === "string" ? " (quote it if YAML reads it as another type)" : ""}`;
    case "invalid_value":
      return choicesHint(i, received);
    case "invalid_format":
      return "see docs/governance.md for the form of this field";
    case "too_small":
      return i.origin === "string"
        ? "write a non-empty value, or remove the key if it is optional"
        : "use a larger value";
    default:
      return "see docs/governance.md for the expected form";
  }
}
