import type { Issue, Location } from "../core/index.js";
import { parseYamlSource, type PathSegment, type YamlSource } from "../catalog/index.js";
import { locateGovernanceIssue, type GovernanceLocator } from "./issues.js";
import type { LoadedGovernance } from "./load-governance.js";
import type { GovernanceRecords } from "./model.js";
import { DecisionsFile, ReviewFile, TocFile } from "./schema.js";
import { schemaIssues } from "./schema-issues.js";
import { normalizeRule } from "./tally.js";

export interface Overlaid {
  readonly records: GovernanceRecords;
  /** Places issues in the edited texts (for the files given) or the files as read. */
  readonly locate: GovernanceLocator;
  /** Parse and schema problems of the edited texts. */
  readonly issues: readonly Issue[];
}

/**
 * The governance records as they would be with some files' texts replaced (an edit not yet
 * written): the commands check what they are about to write with the same checks as the files.
 * `file` is the file as the loader shows it (relative to the working folder).
 */
export function withDocument(
  loaded: LoadedGovernance,
  documents: readonly {
    readonly file: string;
    readonly kind: "toc" | "review" | "decisions";
    readonly text: string;
  }[],
): Overlaid {
  const sources = new Map<string, YamlSource>();
  const issues: Issue[] = [];
  const locate: GovernanceLocator = (file: string, at: readonly PathSegment[], options?: { key?: boolean }) =>
    sources.get(file)?.locate(at, options) ?? loaded.locate(file, at, options) ?? ({ file } satisfies Location);
  let toc = loaded.records.toc;
  let reviews = [...loaded.records.reviews];
  let recorded = loaded.records.recorded;
  for (const d of documents) {
    const parsed = parseYamlSource(d.file, d.text);
    issues.push(...parsed.issues);
    if (!parsed.source) continue;
    sources.set(d.file, parsed.source);
    const schema = d.kind === "toc" ? TocFile : d.kind === "decisions" ? DecisionsFile : ReviewFile;
    const problems = schemaIssues(schema, parsed.source.value, d.file);
    issues.push(...problems.map((p) => locateGovernanceIssue(p, locate)));
    if (problems.length > 0) continue;
    if (d.kind === "toc") {
      const value = TocFile.parse(parsed.source.value);
      toc = { file: d.file, members: value.members, rule: normalizeRule(value.rule) };
    } else if (d.kind === "decisions") {
      recorded = { file: d.file, decisions: DecisionsFile.parse(parsed.source.value).decisions };
    } else {
      const review = ReviewFile.parse(parsed.source.value);
      reviews = [...reviews.filter((r) => r.file !== d.file), { file: d.file, review }];
    }
  }
  reviews.sort((a, b) => a.review.opened.localeCompare(b.review.opened) || a.review.id.localeCompare(b.review.id));
  return { records: { ...loaded.records, toc, reviews, ...(recorded ? { recorded } : {}) }, locate, issues };
}
