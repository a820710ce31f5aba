import { z } from "zod";
import { didYouMean } from "../core/index.js";
import type { RuleIssue } from "./validate-catalog.js";
import type { PathSegment } from "./yaml-source.js";

/**
 * How the issues of one kind of file are worded. The codes and messages are the same for every
 * file (the catalog's); the hints name the file's own reference and examples.
 */
export interface SchemaIssueWording {
  /** The keys the file's schema allows at a path, for "did you mean". */
  readonly keysAt: (at: readonly PathSegment[]) => string[];
  /** Where the file's form is described: the missing-field hint points there. */
  readonly reference: string;
  /** The hint for a date that is not a real YYYY-MM-DD. */
  readonly dateHint: string;
  /** The hint for any other value the schema rejects (wrong type, outside its choices, too short). */
  readonly valueHint: (i: z.core.$ZodIssue, received: unknown) => string;
  /** A value that has none of a union's forms; without it, worded as any other rejected value. */
  readonly invalidUnion?: (
    i: ZodUnionIssue,
    at: readonly PathSegment[],
    received: unknown,
    document: unknown,
  ) => RuleIssue[];
}

export type ZodUnionIssue = Extract<z.core.$ZodIssue, { code: "invalid_union" }>;

/** One zod issue over `document` as located issues: an unknown key with the key meant, a missing field, a bad value. */
export function zodIssueToRuleIssues(i: z.core.$ZodIssue, document: unknown, wording: SchemaIssueWording): RuleIssue[] {
  const at = i.path.filter((s): s is string | number => typeof s !== "symbol");
  if (i.code === "unrecognized_keys") {
    const known = wording.keysAt(at);
    return i.keys.map((key) => {
      const guess = didYouMean(key, known);
      return {
        code: "E_CATALOG_UNKNOWN_KEY" as const,
        message: `unknown key '${key}'`,
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
        at,
        hint: `add '${field}:' here (see ${wording.reference})`,
      },
    ];
  }
  // The catalog's refinements say what they check in params.kind.
  const kind = i.code === "custom" ? (i.params as { kind?: string } | undefined)?.kind : undefined;
  const refined = kind ? REFINEMENTS[kind] : undefined;
  if (refined)
    return [
      {
        code: refined.code,
        message: `${i.message}, got ${shown(received)}`,
        at,
        hint: refined.hint(received, wording),
      },
    ];
  if (i.code === "invalid_union" && wording.invalidUnion) return wording.invalidUnion(i, at, received, document);
  return [
    {
      code: "E_CATALOG_INVALID_VALUE",
      message: `${i.message}${received !== undefined ? `, got ${shown(received)}` : ""}`,
      at,
      hint: wording.valueHint(i, received),
    },
  ];
}

type Refinement = { code: RuleIssue["code"]; hint: (received: unknown, wording: SchemaIssueWording) => string };
const REFINEMENTS: Record<string, Refinement> = {
  url: { code: "E_CATALOG_INVALID_URL", hint: () => "write the full URL including https://" },
  "unsafe-url": {
    code: "E_CATALOG_UNSAFE_URL",
    hint: () => "write an https:// URL or a path relative to the README (e.g. badges/{id}.svg)",
  },
  date: { code: "E_CATALOG_INVALID_DATE", hint: (_, wording) => wording.dateHint },
  "option-like": {
    code: "E_REPO_BAD_ARGUMENT",
    hint: (received) => `if it is a local path, write it as ./${String(received)}`,
  },
};

/** The hint for a value outside its choices: the choice meant, then all of them. */
export function choicesHint(i: Extract<z.core.$ZodIssue, { code: "invalid_value" }>, received: unknown): string {
  const guess =
    typeof received === "string"
      ? didYouMean(
          received,
          i.values.filter((v): v is string => typeof v === "string"),
        )
      : undefined;
  return (
    `${guess ? `did you mean ${JSON.stringify(guess)}? ` : ""}use ` +
    `${i.values.length === 1 ? "" : "one of: "}${i.values.map((v) => JSON.stringify(v)).join(", ")}`
  );
}

/** A received value for a message: JSON, cut short so a large value cannot flood the output. */
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

/** The keys `schema` allows at a path, for "did you mean". */
export function schemaKeysAt(schema: z.ZodType, at: readonly PathSegment[]): string[] {
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

function unwrap(s: z.ZodType): z.ZodType[] {
  if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
    return unwrap(s.unwrap() as z.ZodType);
  if (s instanceof z.ZodUnion) return (s.options as z.ZodType[]).flatMap(unwrap);
  if (s instanceof z.ZodPipe) return unwrap(s.in as z.ZodType);
  return [s];
}
