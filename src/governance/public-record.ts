import { isCalendarDate } from "../core/index.js";
import { issue, type Issue } from "../core/index.js";
import { parseYamlSource, type PathSegment } from "../catalog/index.js";
import { scanLandscape } from "./scan-landscape.js";

/**
 * The CNCF's public record of its projects, as two files keep it: cncf/landscape's landscape.yml
 * (each project's `project:` level and `extra.accepted`, `incubating`, `graduated`, `archived`
 * dates) and CLOMonitor's data/*.yaml (`maturity`, `accepted_at`: the level now, the day accepted).
 */

export const PUBLIC_LEVELS = ["sandbox", "incubating", "graduated", "archived"] as const;
export type PublicLevel = (typeof PUBLIC_LEVELS)[number];

/** One foundation project as a public file lists it. */
export interface PublicProject {
  readonly name: string;
  /** The level now. */
  readonly level: PublicLevel;
  readonly repositories: readonly string[];
  readonly homepage?: string;
  /** CLOMonitor's id (landscape's extra.clomonitor_name). */
  readonly clomonitorName?: string;
  readonly accepted?: string;
  readonly incubating?: string;
  readonly graduated?: string;
  readonly archived?: string;
  /** Where it is written: `landscape.yml:3315`. */
  readonly line: number;
}

export interface PublicRecord {
  readonly kind: "landscape" | "clomonitor";
  readonly file: string;
  readonly projects: readonly PublicProject[];
  /** Entries skipped or dates dropped, located. */
  readonly issues: readonly Issue[];
}

/**
 * Read a landscape.yml or CLOMonitor data file. landscape.yml (1 MB) is read by a line scanner
 * that takes only the keys used (13 ms against js-yaml's 47 ms on the 1.1 MB file, warm:
 * bench/landscape-bench.ts); any other file by YAML.
 */
export function readPublicRecord(file: string, text: string): PublicRecord | { issues: Issue[] } {
  if (/^landscape:\s*$/m.test(text.slice(0, 4096))) return scanLandscape(file, text);
  const parsed = parseYamlSource(file, text);
  if (!parsed.source) return { issues: parsed.issues };
  const value = parsed.source.value;
  if (isMapping(value) && Array.isArray(value.landscape)) return landscapeFromValue(file, value, parsed.source);
  if (Array.isArray(value) && value.some((v) => isMapping(v) && "maturity" in v))
    return clomonitorFromValue(file, value, itemLines(text, value.length) ?? parsed.source);
  return {
    issues: [
      issue(
        "E_DECISIONS_IMPORT_FORMAT",
        `${file} is neither cncf/landscape's landscape.yml nor a CLOMonitor data file`,
        {
          file,
          line: 1,
          col: 1,
          hint:
            "give landscape.yml (a mapping with landscape: categories → subcategories → items) or CLOMonitor's " +
            "data/<foundation>.yaml (a list of projects with maturity and accepted_at)",
        },
      ),
    ],
  };
}

type Locate = { locate(path: readonly PathSegment[]): { line?: number; col?: number } };

/** landscape.yml read by a YAML parser: the reference the scanner is tested against. */
export function landscapeFromValue(file: string, value: Record<string, unknown>, source: Locate): PublicRecord {
  const projects: PublicProject[] = [];
  const issues: Issue[] = [];
  (value.landscape as unknown[]).forEach((category, c) => {
    if (!isMapping(category) || !Array.isArray(category.subcategories)) return;
    category.subcategories.forEach((sub, s) => {
      if (!isMapping(sub) || !Array.isArray(sub.items)) return;
      sub.items.forEach((item, i) => {
        if (!isMapping(item) || item.project === undefined) return;
        const at = ["landscape", c, "subcategories", s, "items", i];
        const extra = isMapping(item.extra) ? item.extra : {};
        const entry = publicProject(
          file,
          {
            name: item.name,
            level: item.project,
            repositories: [
              item.repo_url,
              ...(Array.isArray(item.additional_repos)
                ? item.additional_repos.map((r) => (isMapping(r) ? r.repo_url : undefined))
                : []),
            ],
            homepage: item.homepage_url,
            clomonitorName: extra.clomonitor_name,
            dates: {
              accepted: extra.accepted,
              incubating: extra.incubating,
              graduated: extra.graduated,
              archived: extra.archived,
            },
          },
          source.locate(at).line ?? 0,
          issues,
        );
        if (entry) projects.push(entry);
      });
    });
  });
  return { kind: "landscape", file, projects, issues };
}

/**
 * The line of each top-level `- ` item, when the file is a plain block list (CLOMonitor's are):
 * locating by the YAML parser's positions would take seconds on a 200 KB file.
 */
function itemLines(text: string, count: number): Locate | undefined {
  const lines: number[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    if ((i === 0 || text.charCodeAt(i - 1) === 10) && text.startsWith("- ", i)) lines.push(line);
    if (text.charCodeAt(i) === 10) line++;
  }
  return lines.length === count ? { locate: (path) => ({ line: lines[path[0] as number] }) } : undefined;
}

function clomonitorFromValue(file: string, value: unknown[], source: Locate): PublicRecord {
  const projects: PublicProject[] = [];
  const issues: Issue[] = [];
  value.forEach((item, i) => {
    // Entries without a maturity are no foundation project (a TAG, a Kubernetes subproject).
    if (!isMapping(item) || item.maturity === undefined) return;
    const entry = publicProject(
      file,
      {
        name: item.display_name ?? item.name,
        level: item.maturity,
        repositories: Array.isArray(item.repositories)
          ? item.repositories.map((r) => (isMapping(r) ? r.url : undefined))
          : [],
        clomonitorName: item.name,
        dates: { accepted: item.accepted_at },
      },
      source.locate([i]).line ?? 0,
      issues,
    );
    if (entry) projects.push(entry);
  });
  return { kind: "clomonitor", file, projects, issues };
}

/** The fields as read, checked: a level outside the four, or a date that is none, is reported and left out. */
export interface RawPublicProject {
  readonly name: unknown;
  readonly level: unknown;
  readonly repositories: readonly unknown[];
  readonly homepage?: unknown;
  readonly clomonitorName?: unknown;
  readonly dates: Readonly<Partial<Record<"accepted" | "incubating" | "graduated" | "archived", unknown>>>;
}

export function publicProject(
  file: string,
  raw: RawPublicProject,
  line: number,
  issues: Issue[],
): PublicProject | undefined {
  const name = typeof raw.name === "string" ? raw.name : undefined;
  const level = typeof raw.level === "string" ? raw.level.trim().toLowerCase() : undefined;
  if (!name || !PUBLIC_LEVELS.includes(level as PublicLevel)) {
    issues.push(
      issue(
        "E_DECISIONS_IMPORT_FORMAT",
        `entry ${name ? `'${name}'` : "without a name"} has level ${JSON.stringify(raw.level)}, not one of ` +
          `${PUBLIC_LEVELS.join(", ")}`,
        {
          file,
          line,
          severity: "warning",
          hint: "it is skipped; correct the entry upstream if it is a foundation project",
        },
      ),
    );
    return undefined;
  }
  const dates: Partial<Record<keyof RawPublicProject["dates"], string>> = {};
  for (const [key, v] of Object.entries(raw.dates) as [keyof RawPublicProject["dates"], unknown][]) {
    if (v === undefined || v === null) continue;
    const text = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
    if (isCalendarDate(text)) dates[key] = text;
    else
      issues.push(
        issue(
          "E_DECISIONS_IMPORT_FORMAT",
          `'${name}': ${key} is ${JSON.stringify(v)}, not a date YYYY-MM-DD; it is left out`,
          {
            file,
            line,
            severity: "warning",
            hint: "the decision it dates is not imported; record it by hand in governance/decisions.yaml",
          },
        ),
      );
  }
  const repositories = raw.repositories.filter((r): r is string => typeof r === "string" && r.length > 0);
  return {
    name,
    level: level as PublicLevel,
    repositories,
    ...(typeof raw.homepage === "string" ? { homepage: raw.homepage } : {}),
    ...(typeof raw.clomonitorName === "string" ? { clomonitorName: raw.clomonitorName } : {}),
    ...dates,
    line,
  };
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
