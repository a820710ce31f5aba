import { z } from "zod";
import { didYouMean } from "../core/index.js";
import type { PathSegment } from "../catalog/index.js";
import type { GovernanceIssue } from "./issues.js";

/**
 * zod's issues for a governance file, in the catalog's words and codes: an unknown key with the
 * key meant, a missing field, a date or URL of the wrong form, a value outside its choices.
 */
export function schemaIssues(schema: z.ZodType, document: unknown, file: string): GovernanceIssue[] {
  const parsed = schema.safeParse(document);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((i) => fromZodIssue(schema, i, document, file));
}

function fromZodIssue(schema: z.ZodType, i: z.core.$ZodIssue, document: unknown, file: string): GovernanceIssue[] {
  const at = i.path.filter((s): s is string | number => typeof s !== "symbol");
  if (i.code === "unrecognized_keys") {
    const known = keysAt(schema, at);
    return i.keys.map((key) => {
      const guess = didYouMean(key, known);
      return {
        code: "E_CATALOG_UNKNOWN_KEY" as const,
        message: `unknown key '${key}'`,
        file,
        at: [...at, key],
        key: true,
        hint: guess ? `did you mean '${guess}'?` : `remove it; allowed keys here: ${known.join(", ")}`,
      };
    });
  }
  const received = valueAt(document, at);
  if (received === undefined && (i.code === "invalid_type" || i.code === "invalid_union")) {
    const field = String(at[at.length - 1] ?? "value");
    return [
      {
        code: "E_CATALOG_MISSING_FIELD",
        message: `missing required field '${field}'`,
        file,
        at,
        hint: `add '${field}:' here (see docs/governance.md)`,
      },
    ];
  }
  const kind = i.code === "custom" ? (i.params as { kind?: string } | undefined)?.kind : undefined;
  if (kind === "date")
    return [
      {
        code: "E_CATALOG_INVALID_DATE",
        message: `${i.message}, got ${shown(received)}`,
        file,
        at,
        hint: "write a real calendar date as YYYY-MM-DD, e.g. 2026-10-01 (quote it or not)",
      },
    ];
  if (kind === "url")
    return [
      {
        code: "E_CATALOG_INVALID_URL",
        message: `${i.message}, got ${shown(received)}`,
        file,
        at,
        hint: "write the full URL including https://",
      },
    ];
  return [
    {
      code: "E_CATALOG_INVALID_VALUE",
      message: `${i.message}${received !== undefined ? `, got ${shown(received)}` : ""}`,
      file,
      at,
      hint: hintFor(i, received),
    },
  ];
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
    case "invalid_value": {
      const options = i.values.filter((v): v is string => typeof v === "string");
      const guess = typeof received === "string" ? didYouMean(received, options) : undefined;
      return `${guess ? `did you mean ${JSON.stringify(guess)}? ` : ""}use ${
        i.values.length === 1 ? "" : "one of: "
      }${i.values.map((v) => JSON.stringify(v)).join(", ")}`;
    }
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

/** A received value for a message, cut short. */
export function shown(value: unknown, max = 60): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function valueAt(document: unknown, at: readonly PathSegment[]): unknown {
  let v: unknown = document;
  for (const s of at) v = v && typeof v === "object" ? (v as Record<string | number, unknown>)[s] : undefined;
  return v;
}

function unwrap(s: z.ZodType): z.ZodType[] {
  if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
    return unwrap(s.unwrap() as z.ZodType);
  if (s instanceof z.ZodUnion) return (s.options as z.ZodType[]).flatMap(unwrap);
  return [s];
}

/** The keys a schema allows at a path, for "did you mean". */
export function keysAt(schema: z.ZodType, at: readonly PathSegment[]): string[] {
  let current = unwrap(schema);
  for (const segment of at)
    current = current.flatMap((s): z.ZodType[] => {
      if (s instanceof z.ZodObject && typeof segment === "string")
        return s.shape[segment] ? unwrap(s.shape[segment] as z.ZodType) : [];
      if (s instanceof z.ZodArray) return unwrap(s.element as z.ZodType);
      if (s instanceof z.ZodRecord) return unwrap(s.valueType as z.ZodType);
      return [];
    });
  return [...new Set(current.flatMap((s) => (s instanceof z.ZodObject ? Object.keys(s.shape) : [])))];
}
