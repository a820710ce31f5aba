import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { issue, type Issue, type Location } from "../core/index.js";
import { readInputFile } from "../core/index.js";
import { describeFsError } from "../core/index.js";
import { decodeUtf8, parseYamlSource, type PathSegment, type YamlSource } from "../catalog/index.js";
import type { z } from "zod";
import { locateGovernanceIssue, type GovernanceIssue, type GovernanceLocator } from "./issues.js";
import type { GovernanceRecords } from "./model.js";
import { DecisionsFile, ReviewFile, TocFile } from "./schema.js";
import { schemaIssues } from "./schema-issues.js";
import { normalizeRule } from "./tally.js";

export const GOVERNANCE_DIR = "governance";
export const TOC_FILE = "toc.yaml";
export const REVIEWS_DIR = "reviews";
export const DECISIONS_FILE = "decisions.yaml";

export interface LoadedGovernance {
  /** The schema-valid files (a file with a schema error is left out, and reported). */
  readonly records: GovernanceRecords;
  /** Problems reading or parsing the files, and schema errors, located. */
  readonly issues: readonly Issue[];
  /** Place an issue of a later check in its file. */
  readonly locate: GovernanceLocator;
  /** Every file read. */
  readonly files: readonly string[];
}

/**
 * Read the governance files of a catalog folder: governance/toc.yaml (the TOC and its rule),
 * governance/reviews/<YYYY-Qn>.yaml (one per quarter), governance/decisions.yaml (decisions
 * recorded from elsewhere). Every file is optional: a catalog without governance has none.
 * Never throws for bad content.
 */
export function loadGovernance(catalogDir: string, cwd = process.cwd()): LoadedGovernance {
  const dir = join(catalogDir, GOVERNANCE_DIR);
  const display = (f: string) => {
    const rel = relative(cwd, f);
    return rel && !rel.startsWith("..") ? rel : f;
  };
  const sources = new Map<string, YamlSource>();
  const issues: Issue[] = [];
  const files: string[] = [];
  const read = <T>(path: string, schema: z.ZodType<T>, optional: boolean): { file: string; value: T } | undefined => {
    const shown = display(path);
    const bytes = readInputFile(path, { what: shown });
    if ("problem" in bytes) {
      if (bytes.problem === "not-found" && optional) return undefined;
      issues.push(
        issue(bytes.problem === "not-found" ? "E_FILE_NOT_FOUND" : "E_FILE_UNREADABLE", bytes.message, {
          file: shown,
          hint: bytes.hint,
        }),
      );
      return undefined;
    }
    files.push(path);
    const text = decodeUtf8(shown, bytes.bytes);
    if ("issue" in text) return void issues.push(text.issue);
    const parsed = parseYamlSource(shown, text.text);
    issues.push(...parsed.issues);
    if (!parsed.source) return undefined;
    sources.set(shown, parsed.source);
    const problems = schemaIssues(schema, parsed.source.value, shown);
    issues.push(...problems.map((p) => locateGovernanceIssue(p, locate)));
    return problems.length > 0 ? undefined : { file: shown, value: schema.parse(parsed.source.value) };
  };
  const locate: GovernanceLocator = (file: string, at: readonly PathSegment[], options?: { key?: boolean }) =>
    sources.get(file)?.locate(at, options) ?? ({ file } satisfies Location);

  const toc = read(join(dir, TOC_FILE), TocFile, true);
  const reviews: { file: string; review: ReviewFile }[] = [];
  for (const name of listReviewFiles(join(dir, REVIEWS_DIR), display, issues)) {
    const r = read(join(dir, REVIEWS_DIR, name), ReviewFile, false);
    if (r) reviews.push({ file: r.file, review: r.value });
  }
  reviews.sort((a, b) => a.review.opened.localeCompare(b.review.opened) || a.review.id.localeCompare(b.review.id));
  const recorded = read(join(dir, DECISIONS_FILE), DecisionsFile, true);
  const records: GovernanceRecords = {
    toc: toc && { file: toc.file, members: toc.value.members, rule: normalizeRule(toc.value.rule) },
    reviews,
    recorded: recorded && { file: recorded.file, decisions: recorded.value.decisions },
  };
  return { records, issues, locate, files };
}

function listReviewFiles(dir: string, display: (f: string) => string, issues: Issue[]): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT")
      issues.push(
        issue("E_FILE_UNREADABLE", `cannot read the reviews folder ${display(dir)}: ${describeFsError(error)}`, {
          file: display(dir),
          hint: `make ${GOVERNANCE_DIR}/${REVIEWS_DIR}/ a readable folder of <YYYY-Qn>.yaml files`,
        }),
      );
    return [];
  }
  return names.filter((n) => /\.ya?ml$/i.test(n)).sort();
}

/** Turn the pure checks' issues into located ones. */
export function locateAll(found: readonly GovernanceIssue[], locate: GovernanceLocator): Issue[] {
  return found.map((g) => locateGovernanceIssue(g, locate));
}

/** By file, then position: the order editors and CI list problems in. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
}
