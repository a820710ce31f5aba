import { issue, type ErrorCode, type Issue, type Location, type Severity } from "../core/index.js";
import { formatPath, type PathSegment } from "../catalog/index.js";

/**
 * A problem in a governance file, placed by the file and the path inside it; the loader, which
 * kept each file's positions, turns it into file:line:col. Pure checks return these.
 */
export interface GovernanceIssue {
  readonly code: ErrorCode;
  readonly message: string;
  /** The file as shown (relative to where the user is). */
  readonly file: string;
  readonly at: readonly PathSegment[];
  readonly hint?: string;
  readonly severity?: Severity;
  /** Point at the key rather than its value. */
  readonly key?: boolean;
}

/** Turns a file and a path inside it into a position. */
export type GovernanceLocator = (file: string, at: readonly PathSegment[], options?: { key?: boolean }) => Location;

export function locateGovernanceIssue(g: GovernanceIssue, locate: GovernanceLocator): Issue {
  const where = locate(g.file, g.at, { key: g.key });
  return issue(g.code, g.message, {
    ...where,
    file: where.file ?? g.file,
    path: g.at.length > 0 ? formatPath(g.at) : undefined,
    hint: g.hint,
    severity: g.severity,
  });
}
