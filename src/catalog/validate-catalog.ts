import type { z } from "zod";
import { didYouMean, issue, type ErrorCode, type Issue, type Location, type Severity } from "../core/index.js";
import { Catalog } from "./schema.js";
import {
  choicesHint,
  schemaKeysAt,
  shown,
  zodIssueToRuleIssues,
  type SchemaIssueWording,
  type ZodUnionIssue,
} from "./zod-issues.js";
import type { PathSegment } from "./yaml-source.js";

/** A problem a rule found, placed by its path inside the catalog document. */
export interface RuleIssue {
  readonly code: ErrorCode;
  readonly message: string;
  readonly at: readonly PathSegment[];
  readonly hint?: string;
  readonly severity?: Severity;
  /** Point at the key rather than its value (unknown keys). */
  readonly key?: boolean;
}

/** A cross-field check over a schema-valid catalog. Pure: returns what it found. */
export type CatalogRule = (catalog: Catalog) => RuleIssue[];

/** Turns a document path into a file position; supplied by the loader, which knows the files. */
export type Locator = (at: readonly PathSegment[], options?: { key?: boolean }) => Location;

/** `projects[3].home` */
export function formatPath(at: readonly PathSegment[]): string {
  let out = "";
  // A key such as an attestation's criterion id may hold '.', which would read as nesting.
  for (const s of at)
    out += typeof s === "number" ? `[${s}]` : !/^[\w$-]+$/.test(s) ? `[${JSON.stringify(s)}]` : out ? `.${s}` : s;
  return out;
}

export function locateIssue(r: RuleIssue, locate: Locator): Issue {
  return issue(r.code, r.message, {
    ...locate(r.at, { key: r.key }),
    path: formatPath(r.at),
    hint: r.hint,
    severity: r.severity,
  });
}

/**
 * Validate a catalog document: the schema first, then (only when the schema passes, so rules
 * can trust types) every cross-field rule. Returns every issue; never stops at the first.
 */
export function validateCatalogDocument(
  document: unknown,
  rules: readonly CatalogRule[] = DEFAULT_RULES,
): { catalog?: Catalog; issues: RuleIssue[] } {
  // zod's view of a root that is not a mapping ("missing field 'undefined'") helps no one.
  if (!isMapping(document))
    return {
      issues: [
        {
          code: "E_CATALOG_INVALID_VALUE",
          message:
            `a catalog is a mapping with apiVersion, program, personas ` +
            `and projects, but this file ${describeRoot(document)}`,
          at: [],
          hint: "start from `upstream init` or docs/catalog.reference.yaml",
        },
      ],
    };
  const parsed = Catalog.safeParse(document);
  if (parsed.success) return { catalog: parsed.data, issues: rules.flatMap((rule) => rule(parsed.data)) };
  // Still run the cross-field rules over what was written, so one run reports everything;
  // rules read defensively, and one that trips over malformed data reports nothing.
  const schemaIssues = parsed.error.issues.flatMap((i) => fromZodIssue(i, document));
  const salvaged = salvage(document);
  const ruleIssues = salvaged
    ? rules.flatMap((rule) => {
        try {
          return rule(salvaged);
        } catch {
          return [];
        }
      })
    : [];
  return { issues: [...schemaIssues, ...ruleIssues] };
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** What a file holds instead of a mapping, in words. */
export function describeRoot(document: unknown): string {
  if (document === undefined || document === null) return "is empty (or holds only comments)";
  if (Array.isArray(document)) return "holds a list";
  return `holds a single ${typeof document} value, ${shown(document)}`;
}

/** The document's lists with only well-formed ids kept, so cross-reference rules can run. */
function salvage(document: unknown): Catalog | undefined {
  if (!document || typeof document !== "object") return undefined;
  const d = document as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => (x && typeof x === "object" ? x : {})) : []);
  return {
    ...d,
    projects: list(d.projects),
    personas: list(d.personas),
    announcements: list(d.announcements),
  } as unknown as Catalog;
}

const CATALOG_WORDING: SchemaIssueWording = {
  keysAt: knownKeysAt,
  reference: "docs/catalog.reference.yaml",
  dateHint: "write a real calendar date as YYYY-MM-DD, e.g. 2020-06-01",
  valueHint: invalidValueHint,
  invalidUnion: unionIssues,
};

function fromZodIssue(i: z.core.$ZodIssue, document: unknown): RuleIssue[] {
  return zodIssueToRuleIssues(i, document, CATALOG_WORDING);
}

/** A value with none of a union's forms: worded in the form it was meant for, or the forms listed. */
function unionIssues(i: ZodUnionIssue, at: readonly PathSegment[], received: unknown, document: unknown): RuleIssue[] {
  // A typo inside a form (`framwork:`, `lable:`, `kind: slak`) is reported at its key, in the form it was meant for.
  const meant = closestBranch(i, received);
  if (meant)
    return withoutMissingTypoed(
      meant.flatMap((sub) => fromZodIssue({ ...sub, path: [...i.path, ...sub.path] } as z.core.$ZodIssue, document)),
    );
  // No form knows any key (`{txt: hi}`): a key close to one some form has is a typo of it.
  if (isMapping(received)) {
    const known = knownKeysAt(at);
    const typos = Object.keys(received).flatMap((key) => {
      const guess = known.includes(key) ? undefined : didYouMean(key, known);
      return guess
        ? [
            {
              code: "E_CATALOG_UNKNOWN_KEY" as const,
              message: `unknown key '${key}'`,
              at: [...at, key],
              key: true,
              hint: `did you mean '${guess}'?`,
            },
          ]
        : [];
    });
    if (typos.length > 0) return typos;
  }
  return [
    {
      code: "E_CATALOG_INVALID_VALUE",
      message: unionMessage(at),
      at,
      hint: "write it in one of those forms (see docs/catalog.reference.yaml)",
    },
  ];
}

/** What a zod type expectation means to a person writing YAML. */
const EXPECTED_WORDS: Record<string, string> = {
  object: "a mapping (key: value lines)",
  array: "a list (- item lines)",
};

/** What to do about a value of the wrong type or form. */
function invalidValueHint(i: z.core.$ZodIssue, received?: unknown): string {
  switch (i.code) {
    case "invalid_type":
      return (
        `write ${EXPECTED_WORDS[i.expected] ?? `a ${i.expected}`} ` +
        `here${i.expected === "string" ? " (quote it if YAML reads it as a number, date or boolean)" : ""}`
      );
    case "invalid_value":
      return choicesHint(i, received);
    case "invalid_format":
      return i.format === "regex"
        ? "use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. aks-engine)"
        : `write it in ${i.format} form`;
    case "too_small":
      return i.origin === "array"
        ? "add at least one item, or remove the key"
        : i.origin === "string"
          ? "write a non-empty value, or remove the key if it is optional"
          : `use a value of at least ${String(i.minimum)}`;
    case "too_big":
      return `use a value of at most ${String(i.maximum)}`;
    default:
      return "see docs/catalog.reference.yaml for the expected form";
  }
}

/**
 * The form of a union a mapping or list was meant to have: among the forms whose type it has
 * (a mapping for a mapping), the one that knows most of its keys, then with fewest problems.
 * Undefined when no form has its type, or two are equally close (then the forms are listed).
 */
function closestBranch(
  i: Extract<z.core.$ZodIssue, { code: "invalid_union" }>,
  received: unknown,
): z.core.$ZodIssue[] | undefined {
  if (received === null || typeof received !== "object") return undefined;
  const keys = Array.isArray(received) ? [] : Object.keys(received);
  const scored = i.errors
    .filter((issues) => issues.length > 0 && !issues.some((x) => x.path.length === 0 && x.code === "invalid_type"))
    .map((issues) => {
      const unknown = new Set(
        issues.flatMap((x) => (x.code === "unrecognized_keys" && x.path.length === 0 ? x.keys : [])),
      );
      return { issues, known: keys.filter((k) => !unknown.has(k)).length, count: issues.length };
    })
    .sort((a, b) => b.known - a.known || a.count - b.count);
  const [best, next] = scored;
  if (!best || (keys.length > 0 && best.known === 0)) return undefined;
  if (next && next.known === best.known && next.count === best.count) return undefined;
  return best.issues;
}

/** `lable:` is reported as "did you mean 'label'": "missing field 'label'" beside it says the same again. */
function withoutMissingTypoed(issues: RuleIssue[]): RuleIssue[] {
  const guessed = new Set(
    issues.flatMap((r) =>
      r.code === "E_CATALOG_UNKNOWN_KEY"
        ? [`${formatPath(r.at.slice(0, -1))}|${/did you mean '([^']+)'/.exec(r.hint ?? "")?.[1] ?? ""}`]
        : [],
    ),
  );
  return issues.filter(
    (r) =>
      !(
        r.code === "E_CATALOG_MISSING_FIELD" &&
        guessed.has(`${formatPath(r.at.slice(0, -1))}|${String(r.at[r.at.length - 1])}`)
      ),
  );
}

function unionMessage(at: readonly PathSegment[]): string {
  const field = String([...at].reverse().find((s) => typeof s === "string") ?? "value");
  // One item of a list: its own forms, not the list's.
  if (typeof at[at.length - 1] === "number") {
    const items: Record<string, string> = {
      channels: "expected a channel: {kind, label, url} or {text}",
      usedIn: "expected {title, url?}",
      repositories: "expected a URL or local path, or {url, path?, role?} (role: code or governance)",
    };
    if (items[field]) return items[field];
  }
  const forms: Record<string, string> = {
    state: "expected {framework, level[, note]} (e.g. framework: CNCF, level: incubating) or {raw: markdown}",
    versions: "expected {label, items: [{name?, version}]} or {label, text} or {raw: markdown}",
    channels: "expected a list of {kind, label, url} or {text}, or {raw: markdown}",
    usedIn: "expected a list of {title, url?}, or {raw: markdown}",
    repositories: "expected a URL or local path, or {url, path?, role?} (role: code or governance)",
  };
  return forms[field] ?? `'${field}' does not have any of its allowed forms`;
}

/** Keys the schema allows at a path, for "did you mean". */
export function knownKeysAt(at: readonly PathSegment[]): string[] {
  return schemaKeysAt(Catalog as unknown as z.ZodType, at);
}

// ---- cross-field rules ----------------------------------------------------------------

/** Project and persona ids are unique. */
const uniqueIds: CatalogRule = (catalog) => {
  const out: RuleIssue[] = [];
  for (const list of ["projects", "personas"] as const) {
    const seen = new Map<string, number>();
    catalog[list].forEach((item, index) => {
      if (typeof item.id !== "string") return;
      const first = seen.get(item.id);
      if (first !== undefined)
        out.push({
          code: "E_CATALOG_DUPLICATE_ID",
          message:
            `duplicate ${list === "projects" ? "project" : "persona"} ` +
            `id '${item.id}' (first used at ${list}[${first}])`,
          at: [list, index, "id"],
          hint: "give each one a distinct id",
        });
      else seen.set(item.id, index);
    });
  }
  return out;
};

/** Every project's persona exists. */
const knownPersonas: CatalogRule = (catalog) => {
  const ids = catalog.personas.map((p) => p.id);
  return catalog.projects.flatMap((project, index) => {
    if (typeof project.persona !== "string" || ids.includes(project.persona)) return [];
    const guess = didYouMean(project.persona, ids);
    return [
      {
        code: "E_CATALOG_UNKNOWN_PERSONA" as const,
        message: `project '${project.id}' names persona '${project.persona}', which is not defined`,
        at: ["projects", index, "persona"],
        hint: guess
          ? `did you mean '${guess}'?`
          : ids.length > 0
            ? `define it under personas: or use one of: ${ids.join(", ")}`
            : `define it under personas: (- id: ${project.persona}, title: …)`,
      },
    ];
  });
};

/**
 * The README's per-persona records (personaTrailers, delimiters, emptyRows) are keyed by persona
 * id: a key no persona has would be ignored when rendering, so it is an unknown key.
 */
const knownReadmePersonaKeys: CatalogRule = (catalog) => {
  const ids = catalog.personas.map((p) => p.id);
  const readme = catalog.readme ?? {};
  return (["personaTrailers", "delimiters", "emptyRows"] as const).flatMap((field) =>
    Object.keys(readme[field] ?? {})
      .filter((key) => !ids.includes(key))
      .map((key) => {
        const guess = didYouMean(key, ids);
        return {
          code: "E_CATALOG_UNKNOWN_KEY" as const,
          message: `unknown key '${key}': readme.${field} is keyed by persona id, and no persona has this one`,
          at: ["readme", field, key],
          key: true,
          hint: guess
            ? `did you mean '${guess}'?`
            : `use a persona id (${ids.join(", ") || "none defined"}), or remove it`,
        };
      }),
  );
};

/** Every announcement names a project of the catalog. */
const knownAnnouncedProjects: CatalogRule = (catalog) => {
  const ids = catalog.projects.map((p) => p.id);
  return (catalog.announcements ?? []).flatMap((a, index) => {
    if (typeof a.project !== "string" || ids.includes(a.project)) return [];
    const guess = didYouMean(a.project, ids);
    return [
      {
        code: "E_CATALOG_UNKNOWN_PROJECT" as const,
        message: `announcement names project '${a.project}', which is not in the catalog`,
        at: ["announcements", index, "project"],
        hint: guess ? `did you mean '${guess}'?` : "use the id of a project listed under projects:",
      },
    ];
  });
};

/** Attestations only count if they have not expired on the day they were given. */
const attestationDates: CatalogRule = (catalog) =>
  catalog.projects.flatMap((project, index) =>
    Object.entries(project.attestations ?? {}).flatMap(([criterion, a]) =>
      a && typeof a.expires === "string" && typeof a.date === "string" && a.expires < a.date
        ? [
            {
              code: "E_CATALOG_INVALID_DATE" as const,
              message: `attestation '${criterion}' expires (${a.expires}) before it was given (${a.date})`,
              at: ["projects", index, "attestations", criterion, "expires"],
              hint: "set expires after date, or remove it",
            },
          ]
        : [],
    ),
  );

/**
 * C0 and C1 controls (tab, line feed and carriage return excepted: markdown needs them) and the
 * bidirectional overrides and isolates. In a catalog they can only be a mistake or an attack:
 * they would drive the terminal of whoever runs `list`, garble the README, break a badge's XML.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const CHARACTER_NAMES: Readonly<Record<number, string>> = {
  0: "NUL",
  7: "BEL",
  8: "BS",
  11: "VT",
  12: "FF",
  27: "ESC",
  127: "DEL",
  155: "CSI",
  157: "OSC",
  8238: "RIGHT-TO-LEFT OVERRIDE",
  8237: "LEFT-TO-RIGHT OVERRIDE",
  8294: "LEFT-TO-RIGHT ISOLATE",
  8295: "RIGHT-TO-LEFT ISOLATE",
};

const noControlCharacters: CatalogRule = (catalog) => {
  const issues: RuleIssue[] = [];
  // One path, extended and shortened in place while walking; copied only for an issue (a copy per value was
  // most of this rule's time on a large catalog).
  const at: PathSegment[] = [];
  const visit = (value: unknown): void => {
    if (issues.length >= 50) return;
    if (typeof value === "string") {
      const found = CONTROL.exec(value);
      if (!found) return;
      const code = found[0].charCodeAt(0);
      const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
      const name = CHARACTER_NAMES[code] ? `${codePoint} ${CHARACTER_NAMES[code]}` : codePoint;
      issues.push({
        code: "E_CATALOG_CONTROL_CHARACTER",
        at: [...at],
        message:
          `this text holds a control character (${name}) at position ` +
          `${found.index + 1}, which could drive a terminal or hide text`,
        hint: "remove it (it is invisible in most editors: retype the text)",
      });
      return;
    }
    if (Array.isArray(value))
      for (let i = 0; i < value.length; i++) {
        at.push(i);
        visit(value[i]);
        at.pop();
      }
    else if (value !== null && typeof value === "object")
      for (const k in value) {
        if (!Object.hasOwn(value, k)) continue;
        at.push(k);
        visit(CONTROL.test(k) ? k : (value as Record<string, unknown>)[k]);
        at.pop();
      }
  };
  visit(catalog);
  return issues;
};

/**
 * `validate` only (other commands say it where it matters): a project that lists no
 * repository cannot be measured, so every criterion decided by evidence stays unknown.
 */
export const repositoriesListed: CatalogRule = (catalog) =>
  catalog.projects.flatMap((project, index) =>
    typeof project.id === "string" && !(Array.isArray(project.repositories) && project.repositories.length > 0)
      ? [
          {
            code: "E_CATALOG_NO_REPOSITORY" as const,
            message:
              `project '${project.id}' lists no repository: no evidence can be ` +
              `collected for it, and every criterion decided by evidence stays unknown`,
            at: ["projects", index, ...(project.repositories ? ["repositories"] : [])],
            hint:
              "add repositories: [https://github.com/<owner>/<repo>] (a " +
              "…/tree/<branch>/<path> URL for a folder of a monorepo, or a local path)",
            severity: "warning" as const,
          },
        ]
      : [],
  );

/**
 * A `file:` URL is accepted (a team may link a local document), but a README reader cannot
 * follow it, and rendering writes it as text: say so where it is written.
 */
const fileLinks: CatalogRule = (catalog) => {
  const issues: RuleIssue[] = [];
  const check = (url: string | undefined, at: PathSegment[]) => {
    if (url?.toLowerCase().startsWith("file:"))
      issues.push({
        code: "E_CATALOG_FILE_LINK",
        severity: "warning",
        at,
        message: "a file: link cannot be followed by a README's readers; it is rendered as text",
        hint: "link an https:// page, or a path relative to the README",
      });
  };
  catalog.projects.forEach((p, i) => {
    check(p.home, ["projects", i, "home"]);
    p.artifacts?.forEach((a, j) => check(a.url, ["projects", i, "artifacts", j, "url"]));
    if (Array.isArray(p.channels))
      p.channels.forEach((c, j) => check("url" in c ? c.url : undefined, ["projects", i, "channels", j, "url"]));
    if (Array.isArray(p.usedIn)) p.usedIn.forEach((u, j) => check(u.url, ["projects", i, "usedIn", j, "url"]));
  });
  return issues;
};

export const DEFAULT_RULES: readonly CatalogRule[] = [
  uniqueIds,
  knownPersonas,
  knownAnnouncedProjects,
  knownReadmePersonaKeys,
  attestationDates,
  noControlCharacters,
  fileLinks,
];
