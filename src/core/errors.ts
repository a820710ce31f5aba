import { escapeTerminalText } from "./terminal-text.js";
/**
 * The one registry of error and warning codes. Every problem the tool reports carries one
 * of these codes; `docs/errors.md` documents each, and a test keeps the two in step.
 * Retired codes are never reused.
 */
export const ERROR_CODES = {
  E_USAGE: { exit: 2, meaning: "The command line is wrong (unknown flag, missing argument)." },
  E_FILE_NOT_FOUND: {
    exit: 1,
    meaning: "A file or folder named on the command line or in the catalog does not exist.",
  },
  E_FILE_UNREADABLE: {
    exit: 1,
    meaning: "A file exists but cannot be read as one: a folder, a pipe or device, too large, or not permitted.",
  },
  E_CACHE_DIR: {
    exit: 1,
    meaning:
      "The cache folder (--cache-dir) cannot be made or written, " +
      "so a repository given by URL cannot be cloned into it.",
  },
  E_CACHE_WRITE: {
    exit: 1,
    meaning:
      "Evidence was read but could not be saved in the cache (full " +
      "disk, no permission); the result is shown, and the run exits 1.",
  },
  E_CATALOG_CONTROL_CHARACTER: {
    exit: 1,
    meaning:
      "A catalog text holds a control or bidirectional-override character that could drive a terminal or hide text.",
  },
  E_CATALOG_DUPLICATE_REPOSITORY: {
    exit: 1,
    meaning: "A project lists the same repository (or folder) twice, under two spellings.",
  },
  E_AFFILIATIONS_FORMAT: {
    exit: 1,
    meaning: "A file named as affiliations has no line in the gitdm format it should have (a wrong file).",
  },
  E_CATALOG_PATH_OUTSIDE: {
    exit: 1,
    meaning: "A file the catalog names lies outside the catalog's folder; only the command line may name such files.",
  },
  E_CATALOG_FILE_LINK: {
    exit: 0,
    meaning:
      "A warning: a file: link in a rendered field, which a README's readers cannot follow (it is rendered as text).",
  },
  E_YAML_SYNTAX: { exit: 1, meaning: "A YAML file does not parse." },
  E_YAML_ALIAS_CYCLE: {
    exit: 1,
    meaning: "A YAML alias is used inside the value its anchor names, so the value would contain itself.",
  },
  E_YAML_TOO_DEEP: { exit: 1, meaning: "A YAML file nests values deeper than a catalog or framework can (64 levels)." },
  E_CATALOG_UNKNOWN_KEY: { exit: 1, meaning: "A key the catalog format does not know (often a typo)." },
  E_CATALOG_MISSING_FIELD: { exit: 1, meaning: "A required field is missing." },
  E_CATALOG_INVALID_VALUE: { exit: 1, meaning: "A field has the wrong type or form." },
  E_CATALOG_INVALID_URL: {
    exit: 1,
    meaning: "A URL is malformed or uses a scheme other than http(s), mailto or file.",
  },
  E_CATALOG_UNSAFE_URL: {
    exit: 1,
    meaning:
      "A link the outputs would write (a readme.badges template, `badge --link`) uses a scheme other than " +
      "http, https or mailto and is not a relative link: javascript:, data: and vbscript: could run script.",
  },
  E_CATALOG_UNSAFE_MARKDOWN: {
    exit: 0,
    meaning:
      "`validate`: a markdown field holds HTML that could run script (an element or attribute outside the README " +
      "allow-list, an on…= handler) or a link whose scheme is not " +
      "http(s), mailto or relative; the README shows it as text.",
  },
  E_CATALOG_INVALID_DATE: { exit: 1, meaning: "A date is not a real calendar date written YYYY-MM-DD." },
  E_CATALOG_DUPLICATE_ID: { exit: 1, meaning: "Two projects or personas share an id." },
  E_CATALOG_UNKNOWN_PERSONA: { exit: 1, meaning: "A project names a persona the catalog does not define." },
  E_CATALOG_UNKNOWN_PROJECT: {
    exit: 1,
    meaning: "An announcement or argument names a project the catalog does not define.",
  },
  E_CATALOG_UNKNOWN_FRAMEWORK: { exit: 1, meaning: "A framework alias maps to a framework that is not known." },
  E_CATALOG_UNKNOWN_CRITERION: {
    exit: 1,
    meaning: "An attestation names a criterion the project's framework does not have.",
  },
  E_CATALOG_NO_REPOSITORY: {
    exit: 0,
    meaning:
      "`validate`: a project lists no repository, so no evidence can " +
      "be collected for it and its automatic criteria stay unknown.",
  },
  E_CATALOG_PROJECT_FILE: {
    exit: 1,
    meaning: "A file under projects/ does not hold exactly one project, or its id disagrees with its file name.",
  },
  E_CATALOG_EDIT: {
    exit: 1,
    meaning:
      "An edit of the catalog cannot be applied (no project or key at its path, a path through a single value, a " +
      "change this layout cannot take in place), or the edited catalog would not validate; nothing is written.",
  },
  E_CATALOG_LOCKED: {
    exit: 1,
    meaning:
      "Another process is writing the catalog: its lock file (upstream.yaml.lock) names the process, host and " +
      "time; nothing is written.",
  },
  E_CATALOG_STALE_LOCK: {
    exit: 0,
    meaning: "A warning: the catalog's lock was left by a process that no longer runs on this host; it was taken over.",
  },
  E_CATALOG_CHANGED: {
    exit: 1,
    meaning:
      "A catalog file changed on disk after it was read for an edit; it is not overwritten, and nothing is written.",
  },
  E_CATALOG_WRITE: {
    exit: 1,
    meaning: "An edited catalog file could not be written (permission, full disk); every file is left as it was.",
  },
  E_IMPORT_UNPARSED_CELL: {
    exit: 0,
    meaning: "A README table cell could not be understood; it is kept as raw markdown.",
  },
  E_IMPORT_UNSAFE_HTML: {
    exit: 0,
    meaning:
      "A README line holds HTML that could run script (a <script> element, an on…= handler, a tag outside the " +
      "allow-list) or a link to a scheme other than http(s), mailto or relative " +
      "(javascript:, data:, vbscript:); it is imported as written and rendered neutralized.",
  },
  E_IMPORT_TOO_LARGE: {
    exit: 1,
    meaning:
      "A README is larger, or nests lists or block quotes deeper, than the importer reads (20 " +
      "MB, 100 levels); it is refused before parsing so the import cannot exhaust the machine.",
  },
  E_IMPORT_DUPLICATE_PROJECT: {
    exit: 0,
    meaning:
      "The README lists the same project (same name or home link) more than once, e.g. " +
      "under two personas; each listing is imported as its own project with its own id.",
  },
  E_IMPORT_TABLE_SKIPPED: {
    exit: 0,
    meaning:
      "A project table stands outside the section the projects are read from, or has a column " +
      "too many or too few; it is kept as markdown and its rows are not imported as projects.",
  },
  E_IMPORT_EMPTY_HEADING: {
    exit: 0,
    meaning: "A persona heading of the README is empty; its projects are imported under an untitled persona.",
  },
  E_IMPORT_AREA_ROW: {
    exit: 0,
    meaning:
      "A row of a 'Project Area' table names an area and a project at once, or a " +
      "project comes before any area; the area gets a row of its own when rendered.",
  },
  E_IMPORT_NO_TABLE: { exit: 1, meaning: "The README has no project table in a layout the importer understands." },
  E_REPO_NOT_FOUND: { exit: 1, meaning: "A repository path or URL does not exist or cannot be reached." },
  E_REPO_UNREACHABLE: {
    exit: 1,
    meaning:
      "A remote repository cannot be reached (host not resolved, connection " +
      "refused or timed out): a network problem, not a missing repository.",
  },
  E_REPO_PATH_NOT_FOUND: {
    exit: 1,
    meaning:
      "A repository's folder (`path`, or the folder of a " +
      "…/tree/<branch>/<folder> URL) does not exist at the commit read.",
  },
  E_REPO_TREE_REF: {
    exit: 0,
    meaning:
      "A …/tree/<branch>/<folder> URL names a branch other than the one read " +
      "(HEAD), or one the repository does not have; its folder is read at HEAD.",
  },
  E_PROJECT_ARCHIVED: {
    exit: 0,
    meaning:
      "`assess`: a project is declared at a maturity stage, but its repositories say it is archived or " +
      "deprecated (README); move it to an archived state in the catalog, or list its successor's repository.",
  },
  E_REPO_NOT_GIT: { exit: 1, meaning: "A repository path is not a git repository." },
  E_REPO_EMPTY: { exit: 1, meaning: "A repository has no commits (or none on or before --as-of)." },
  E_REPO_SHALLOW: { exit: 0, meaning: "A repository is a shallow clone; its history is incomplete." },
  E_REPO_BAD_ARGUMENT: { exit: 1, meaning: "A repository argument looks like an option (begins with '-')." },
  E_REPO_FILE_UNREADABLE: {
    exit: 0,
    meaning:
      "A file in a repository's tree could not be read (a symlink " +
      "leaving the tree, a submodule); it counts as unknown.",
  },
  E_REPO_FILE_TRUNCATED: {
    exit: 0,
    meaning: "A file in a repository is larger than the read limit; only its beginning was read.",
  },
  E_GIT_FAILED: { exit: 1, meaning: "A git command failed." },
  E_AFFILIATIONS_SYNTAX: {
    exit: 0,
    meaning: "A line of an affiliations file (gitdm format) does not parse; it is skipped.",
  },
  E_FRAMEWORK_INVALID: { exit: 1, meaning: "A maturity framework file does not validate." },
  E_FRAMEWORK_NOT_FOUND: { exit: 1, meaning: "No framework has the requested id." },
  E_OUTPUT_WRITE: { exit: 1, meaning: "An output file could not be written." },
  E_INTERNAL: {
    exit: 1,
    meaning: "A bug in Upstream Portfolio. Please file an issue with the command and its output.",
  },
  E_OUTPUT_IS_INPUT: {
    exit: 1,
    meaning:
      "An output would be written over a file the command reads (the " +
      "catalog, a project file, the README imported); nothing is written.",
  },
  E_OUTPUT_EXISTS: {
    exit: 1,
    meaning: "The output file already exists and --force was not given; nothing is written.",
  },
  E_YAML_MERGE_KEY: {
    exit: 1,
    meaning: "A YAML merge key (<<: *anchor) is used; catalogs and frameworks do not support merge keys.",
  },
  E_CACHE_CORRUPT: {
    exit: 0,
    meaning: "A file of the evidence cache is damaged; it is ignored and the repository is read again.",
  },
  E_FILE_NOT_UTF8: {
    exit: 1,
    meaning: "A catalog or README file holds bytes that are not UTF-8; reading it leniently would replace characters.",
  },
  E_STORE_UNAVAILABLE: {
    exit: 1,
    meaning:
      "The store cannot be opened: its folder is missing or not writable, or the PostgreSQL server is down, refuses " +
      "the login or has no such database.",
  },
  E_STORE_URL: {
    exit: 1,
    meaning: "A store URL (--database, UPSTREAM_DATABASE_URL) is not a postgres:// or postgresql:// URL.",
  },
  E_STORE_DAMAGED: {
    exit: 1,
    meaning: "The SQLite store file is damaged (not a database, or it fails its integrity check).",
  },
  E_STORE_FOREIGN: {
    exit: 1,
    meaning: "The store file or database holds tables of another program, not an Upstream Portfolio store.",
  },
  E_STORE_NEWER: {
    exit: 1,
    meaning:
      "The store was written by a newer version of the tool (a schema this version does not know); it is not touched.",
  },
  E_STORE_WRITE: {
    exit: 1,
    meaning:
      "A write to the store failed (full disk, read-only file, locked by another process too long); " +
      "nothing of it was kept.",
  },
  E_STORE_EXPORT_SYNTAX: {
    exit: 1,
    meaning:
      "`store import FILE`: a line of the export is not what `store export` writes (not JSON, an unknown record, " +
      "a field missing); nothing of the file was imported.",
  },
  E_STORE_NO_SNAPSHOT: {
    exit: 1,
    meaning:
      "Evidence was to be read from the store (`--evidence store`), which holds no snapshot of the repository as of " +
      "the date: its criteria are unknown.",
  },
  E_README_STALE: { exit: 1, meaning: "`render readme --check FILE`: the file differs from what the catalog renders." },
  E_GOV_TERM: {
    exit: 1,
    meaning: "A TOC member's term ends before it begins, or overlaps another seat of the same member.",
  },
  E_GOV_REVIEW: { exit: 1, meaning: "A review's id disagrees with its file name, or it closes before it opens." },
  E_GOV_UNKNOWN_PROJECT: {
    exit: 1,
    meaning: "A governance record names a project that is neither in the catalog nor admitted by an earlier decision.",
  },
  E_GOV_DUPLICATE_MOTION: { exit: 1, meaning: "Two motions of one review share an id." },
  E_GOV_MOTION_DATE: { exit: 1, meaning: "A motion is dated outside the review it belongs to." },
  E_GOV_NOT_A_MEMBER: {
    exit: 1,
    meaning: "A vote by someone who is not a voting member of the TOC on the day of the vote (terms, observers).",
  },
  E_GOV_DUPLICATE_VOTE: { exit: 1, meaning: "A member votes twice on one motion." },
  E_GOV_VOTE_DATE: { exit: 1, meaning: "A vote is dated before the motion it votes on was proposed." },
  E_GOV_VOTE_AFTER_CLOSE: { exit: 1, meaning: "A vote is dated after its review closed." },
  E_GOV_RESULT_MISMATCH: {
    exit: 1,
    meaning: "A motion's written result disagrees with the tally of its votes under the rule (or the vote is open).",
  },
  E_GOV_UNKNOWN_LEVEL: { exit: 1, meaning: "A motion or decision names a level its framework does not have." },
  E_GOV_SKIPPED_LEVEL: {
    exit: 1,
    meaning: "A promotion is not to the project's next level (it skips one, or is no promotion).",
  },
  E_GOV_LEVEL_UNKNOWN: {
    exit: 0,
    meaning:
      "A promotion cannot be checked against the project's level, which is unknown (the catalog's level is no " +
      "stage of the framework, or another framework's).",
  },
  E_GOV_ALREADY_ADMITTED: { exit: 1, meaning: "An admission of a project already in the program." },
  E_GOV_NOT_IN_PROGRAM: {
    exit: 1,
    meaning: "A promotion, archive or donation of a project not in the program on that day (archived, donated, out).",
  },
  E_GOV_CASCADE: {
    exit: 1,
    meaning:
      "The admission cascade is out of order: a lower level voted before the higher one failed, a level " +
      "skipped, a rejection before the first level failed, or a closed review that stops half-way.",
  },
  E_GOV_OPINION_MISSING: { exit: 1, meaning: "A rejection without the opinion the TOC must write." },
  E_GOV_DONATION_EVIDENCE: {
    exit: 1,
    meaning: "A donation motion links no evidence of the receiving foundation's interest.",
  },
  E_GOV_UNKNOWN_MOTION: {
    exit: 1,
    meaning: "`vote` names a motion no review has (or a bare id several reviews share: write REVIEW/ID).",
  },
  E_GOV_NO_OPEN_REVIEW: {
    exit: 1,
    meaning:
      "A command that works on the open review found none (or several), or was given a review that is closed " +
      "or already exists.",
  },
  E_DECISIONS_IMPORT_FORMAT: {
    exit: 1,
    meaning:
      "A file given to `decisions import` is neither cncf/landscape's landscape.yml nor a CLOMonitor " +
      "data/*.yaml file, or an entry of it is malformed (a date that is no date).",
  },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export type Severity = "error" | "warning";

/** Where a problem is: a file position, or a repository and commit. */
export interface Location {
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly col?: number;
  readonly repository?: string;
  readonly commit?: string;
}

/** A problem as data, the way zod reports issues: validators return these, the edges format them. */
export interface Issue extends Location {
  readonly code: ErrorCode;
  readonly severity: Severity;
  readonly message: string;
  /** Field path inside the document, e.g. `projects[3].home`. */
  readonly path?: string;
  /** What to do about it. */
  readonly hint?: string;
}

export function issue(
  code: ErrorCode,
  message: string,
  extra: Omit<Issue, "code" | "message" | "severity"> & { severity?: Severity } = {},
): Issue {
  const { severity = "error", ...rest } = extra;
  return { code, message, severity, ...rest };
}

/** Format `file:line:col: severity: message (path) — hint [code]`, the form editors and CI jump to. */
export function formatIssue(i: Issue): string {
  // Messages quote what they received (a catalog value, a file name, git's words): nothing in
  // them may drive the terminal, so every part is escaped here, once, for every caller.
  let where = "";
  if (i.file) where = escapeTerminalText(i.file) + (i.line ? `:${i.line}${i.col ? `:${i.col}` : ""}` : "");
  else if (i.repository)
    where = escapeTerminalText(i.repository) + (i.commit ? `@${escapeTerminalText(i.commit.slice(0, 12))}` : "");
  const path = i.path ? ` (at ${escapeTerminalText(i.path)})` : "";
  const hint = i.hint ? `\n    fix: ${i.hint.split("\n").map(escapeTerminalText).join("\n    ")}` : "";
  return `${where ? where + ": " : ""}${i.severity}: ${escapeTerminalText(i.message)}${path} [${i.code}]${hint}`;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

/** Bad input from the user: reported without a stack trace, exit code from the registry. */
export class UserError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly Issue[];
  constructor(code: ErrorCode, message: string, options: { issues?: readonly Issue[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "UserError";
    this.code = code;
    this.issues = options.issues ?? [];
  }
  get exitCode(): number {
    return ERROR_CODES[this.code].exit || 1;
  }
}

/** Closest candidate by edit distance, for "did you mean" hints; undefined when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(input.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(input.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
