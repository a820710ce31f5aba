import type { ReadmeLifecycle } from "./lifecycle.js";
import { ERROR_CODES } from "../core/index.js";
import { makeDirectory } from "../core/index.js";
import { hasTerminalControl } from "../core/index.js";
import { createHash } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { SerializedHistoryState } from "./history-state.js";
import type { MaintainerName } from "./maintainers.js";
import type { EvidenceWarning, FileFinding, FilesEvidence, HistoryEvidence, MaintainersEvidence } from "./model.js";

/**
 * Per-repository cache of what is costly to read: the history aggregates and the tree's
 * findings at a commit, under one affiliation-rules hash. A run at the same commit reads
 * nothing; a run at a descendant reads `old..new` only and merges. The small index (files,
 * maintainers, the last history computed) is kept apart from the aggregates, so a run with
 * nothing new parses a few kilobytes. Every write is atomic (temp file + rename).
 */

/**
 * 4: names, paths, tags and handles are stored with control characters escaped. 5: identities carry bot and merged
 * spellings; history has bots and mergedIdentities. 6: maintainers read by file kind, with what was counted and what is
 * unknown. 7: community files found where projects keep them (linked files, CHANGELOG/ folders, adopters data), README
 * channels. 8: the README's lifecycle statement. 9: an organization keeps its smallest reasons (via), whichever order
 * commits are read in. 10: the history figures no longer depend on the order identities were first seen in (two
 * identities of one name add up in the factors; merged spellings are listed sorted). 11: an identity is shown by its
 * most used name, and keeps its names' commits.
 */
export const CACHE_VERSION = 11;
/** Commits kept per repository: enough for HEAD plus a couple of as-of dates. */
export const MAX_CACHE_ENTRIES = 3;
const MAX_ENTRIES = MAX_CACHE_ENTRIES;

export interface CacheEntry {
  readonly commit: string;
  readonly affiliationsHash: string;
  /** Blob id of `.mailmap` at the commit ("" when none): a changed mailmap forces a full read. */
  readonly mailmap: string;
  readonly shallow: boolean;
  readonly files: FilesEvidence;
  readonly maintainersFile: FileFinding;
  readonly maintainers: readonly MaintainerName[];
  /** What was counted, which file was chosen and why, what is unknown. */
  readonly maintainersInfo?: Pick<MaintainersEvidence, "counted" | "chosen" | "unknown">;
  readonly fileWarnings: readonly EvidenceWarning[];
  /** What the README says of the lifecycle, read with the files (so a cache hit reads no blob). */
  readonly readmeLifecycle?: ReadmeLifecycle;
  /** The history last computed from this entry, and the options it was computed for. */
  readonly memo?: { readonly key: string; readonly history: HistoryEvidence };
}

interface CacheIndex {
  readonly version: number;
  readonly repository: string;
  readonly entries: readonly CacheEntry[];
}

function baseName(cacheDir: string, gitDir: string): string {
  return join(cacheDir, "evidence", createHash("sha256").update(gitDir).digest("hex").slice(0, 20));
}

function statePath(cacheDir: string, gitDir: string, entry: Pick<CacheEntry, "commit" | "affiliationsHash">): string {
  return `${baseName(cacheDir, gitDir)}-${entry.commit.slice(0, 16)}-${entry.affiliationsHash}.state.json`;
}

/** The index file of one repository (by its git directory, so two names of one clone share it). */
function cacheFilePath(cacheDir: string, gitDir: string): string {
  return `${baseName(cacheDir, gitDir)}.json`;
}

async function writeAtomic(path: string, text: string): Promise<void> {
  makeDirectory(dirname(path));
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A cache file (or store row) that could not be used: the run reads the repository again and says so. */
export interface CacheProblem {
  readonly code: "E_CACHE_CORRUPT";
  readonly message: string;
  /** The file, or the store and the row. */
  readonly path: string;
}

/** Which repository's cache: `gitDir` names the clone (and folder) here, `repository` as the catalog does. */
export interface CacheKey {
  /** The git directory, with `\0<folder>` for a folder read as its own repository. */
  readonly gitDir: string;
  /** The repository as the catalog names it (its label). */
  readonly repository: string;
}

/**
 * Where the incremental history aggregates are kept: JSON files under the cache folder (the default,
 * `jsonHistoryCache`) or the store (one mechanism with the evidence snapshots). What is read is checked like any input.
 */
export interface HistoryCache {
  /** Where it is, for messages: the folder, or the store. */
  readonly location: string;
  /** The entries of a repository, the most recent first; a damaged one is a `problem` (read again), never a failure. */
  entries(key: CacheKey): Promise<{ entries: CacheEntry[]; problem?: CacheProblem }>;
  /** The aggregates of an entry; undefined when gone or damaged (a problem is added, the history read again). */
  state(key: CacheKey, entry: CacheEntry, problems: CacheProblem[]): Promise<SerializedHistoryState | undefined>;
  /** Put `entry` first (with its aggregates when given), dropping the oldest beyond MAX_CACHE_ENTRIES. */
  write(
    key: CacheKey,
    entry: CacheEntry,
    previous: readonly CacheEntry[],
    state?: SerializedHistoryState,
  ): Promise<void>;
}

/** The history cache as JSON files under `cacheDir/evidence` (an index per repository, a state file per entry). */
export function jsonHistoryCache(cacheDir: string): HistoryCache {
  return {
    location: cacheDir,
    entries: (key) => readCache(cacheDir, key.gitDir),
    state: (key, entry, problems) => readCachedState(cacheDir, key.gitDir, entry, problems),
    write: (key, entry, previous, state) => writeCache(cacheDir, key.gitDir, key.repository, entry, previous, state),
  };
}

/*
 * The cache is input like any other: a file of the right JSON but the wrong shape (a finding
 * that is a string, a negative count, a missing field, counters that are text) is ignored and
 * the repository read again. The shapes below mirror model.ts. Objects are loose (a field
 * added later survives); every string must be free of terminal controls, as the tool writes
 * them escaped. Checked once per read, by small hand-written checkers rather than zod: in a
 * fresh process zod's first pass over these ~30 object shapes costs 10–40 ms, as much as the
 * whole cached run, while these cost about a millisecond.
 */

/** A check: undefined when `v` fits, else what is wrong, with the path to it. */
type Check = (v: unknown, at: string) => string | undefined;

const fail = (at: string, want: string): string => `${at || "the file"}: expected ${want}`;
const isText = (v: unknown): boolean => typeof v === "string" && !hasTerminalControl(v);
const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
const text: Check = (v, at) => (isText(v) ? undefined : fail(at, "text without control characters"));
const count: Check = (v, at) => (isCount(v) ? undefined : fail(at, "a count (an integer ≥ 0)"));
const share: Check = (v, at) =>
  typeof v === "number" && v >= 0 && v <= 1 ? undefined : fail(at, "a share from 0 to 1");
const bool: Check = (v, at) => (typeof v === "boolean" ? undefined : fail(at, "true or false"));
const date: Check = (v, at) => (isText(v) && !Number.isNaN(Date.parse(v as string)) ? undefined : fail(at, "a date"));
const commitId: Check = (v, at) =>
  typeof v === "string" && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(v) ? undefined : fail(at, "a full commit id");
const oneOf =
  (...values: readonly unknown[]): Check =>
  (v, at) =>
    values.includes(v) ? undefined : fail(at, values.map((x) => JSON.stringify(x)).join(" or "));
const optional =
  (check: Check): Check =>
  (v, at) =>
    v === undefined ? undefined : check(v, at);
const list =
  (check: Check): Check =>
  (v, at) => {
    if (!Array.isArray(v)) return fail(at, "a list");
    for (let i = 0; i < v.length; i++) {
      const problem = check(v[i], `${at}.${i}`);
      if (problem) return problem;
    }
    return undefined;
  };
const record =
  (check: Check): Check =>
  (v, at) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return fail(at, "an object");
    for (const [k, x] of Object.entries(v)) {
      const problem = text(k, `${at}.${k}`) ?? check(x, `${at}.${k}`);
      if (problem) return problem;
    }
    return undefined;
  };
const object = (fields: Readonly<Record<string, Check>>): Check => {
  const entries = Object.entries(fields);
  return (v, at) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return fail(at, "an object");
    const o = v as Record<string, unknown>;
    for (const [k, check] of entries) {
      const problem = check(o[k], at ? `${at}.${k}` : k);
      if (problem) return problem;
    }
    return undefined;
  };
};

const source = object({ repository: text, commit: text, path: optional(text), line: optional(count) });
const findingFields = {
  how: oneOf("file", "readme-reference", "none", "unreadable"),
  path: optional(text),
  reference: optional(text),
  url: optional(text),
  source: optional(source),
  note: optional(text),
  truncated: optional(bool),
};
const finding = object(findingFields);
const counted = object({ count, items: list(text), source: optional(source) });
const files = object({
  license: object({ ...findingFields, spdx: optional(text) }),
  readme: finding,
  contributing: finding,
  codeOfConduct: finding,
  security: finding,
  governance: finding,
  adopters: object({ ...findingFields, count: optional(count), items: optional(list(text)) }),
  roadmap: finding,
  changelog: finding,
  issueTemplates: finding,
  pullRequestTemplate: finding,
  ci: counted,
  lint: counted,
  unitTests: counted,
  dcoOrCla: object({ ...findingFields, kind: optional(oneOf("dco", "cla")) }),
  bestPracticesBadge: object({ ...findingFields, projectId: optional(text) }),
  dependencyBot: object({ ...findingFields, kind: optional(oneOf("dependabot", "renovate")) }),
  channels: optional(counted),
});
const orgShares = list(
  object({
    organization: text,
    commits: count,
    commitShare: share,
    contributors: count,
    contributorShare: share,
    via: list(text),
  }),
);
const factor = { value: count, threshold: share, windowMonths: count };
const history = object({
  firstCommitDate: date,
  lastCommitDate: date,
  commits: count,
  merges: count,
  commitsLast12Months: count,
  contributors: count,
  activeContributorsLast12Months: count,
  newContributorsPerQuarter: record(count),
  organizations: orgShares,
  organizationsLast12Months: optional(orgShares),
  elephantFactor: object({ ...factor, organizations: list(text) }),
  contributorAbsenceFactor: object({ ...factor, people: list(text) }),
  bots: optional(object({ commits: count, identities: count, names: list(text) })),
  mergedIdentities: optional(object({ count, items: list(text) })),
  commitsDatedAfterAsOf: optional(count),
  shallow: bool,
  source,
});
const errorCode: Check = (v, at) =>
  typeof v === "string" && Object.hasOwn(ERROR_CODES, v) ? undefined : fail(at, "an error code");
const entry = object({
  commit: commitId,
  affiliationsHash: text,
  mailmap: text,
  shallow: bool,
  files,
  maintainersFile: finding,
  maintainers: list(object({ handle: text, email: optional(text), name: optional(text) })),
  maintainersInfo: optional(
    object({
      counted: optional(text),
      chosen: optional(text),
      unknown: optional(object({ reason: text, lowerBound: bool })),
    }),
  ),
  fileWarnings: list(object({ code: errorCode, message: text, path: optional(text) })),
  readmeLifecycle: optional(object({ state: oneOf("archived", "deprecated"), path: text, line: count, text })),
  memo: optional(object({ key: text, history })),
});
const cacheIndex = object({
  version: oneOf(CACHE_VERSION),
  repository: (v, at) => (typeof v === "string" ? undefined : fail(at, "text")),
  entries: list(entry),
});

/** Flattened `[key, count, …]` pairs: an even number of non-negative integers (a plain loop: these arrays are long). */
const counterPairs: Check = (v, at) => {
  const bad = (): string => fail(at, "[key, count, …] pairs of integers ≥ 0");
  if (!Array.isArray(v) || v.length % 2 !== 0) return bad();
  for (const n of v) if (!isCount(n)) return bad();
  return undefined;
};
const seconds: Check = (v, at) => (Number.isSafeInteger(v) ? undefined : fail(at, "seconds since 1970"));
/** `[name, commits, …]`: an identity's names and their authored commits. */
const nameCounts: Check = (v, at) => {
  const bad = (): string => fail(at, "[name, commits, …] pairs");
  if (!Array.isArray(v) || v.length % 2 !== 0) return bad();
  for (let i = 0; i < v.length; i += 2) if (text(v[i], at) !== undefined || !isCount(v[i + 1])) return bad();
  return undefined;
};
/** `[key, name, email, first, last, counts, co, bot?, merged?, why?, names?]` (see SerializedHistoryState). */
const identityParts: readonly Check[] = [
  text,
  text,
  text,
  seconds,
  seconds,
  counterPairs,
  counterPairs,
  optional(oneOf(0, 1)),
  optional(list(text)),
  optional(text),
  optional(nameCounts),
];
const identity: Check = (v, at) => {
  if (!Array.isArray(v) || v.length < 7 || v.length > identityParts.length)
    return fail(at, "[key, name, email, first, last, counts, co, bot, merged, why, names]");
  for (let i = 0; i < identityParts.length; i++) {
    const problem = identityParts[i]!(v[i], `${at}.${i}`);
    if (problem) return problem;
  }
  const merged = v[8] as unknown[] | undefined;
  return merged && merged.length % 2 === 1 ? fail(`${at}.8`, "[spelling, why, …] pairs") : undefined;
};
const historyState = object({
  commits: count,
  merges: count,
  first: seconds,
  last: seconds,
  days: counterPairs,
  identities: list(identity),
  orgs: list(text),
  orgVia: list(list(text)),
});
/** What is wrong with a cache entry read back (undefined when it fits the shape the tool writes). */
export const cacheEntryProblem = (v: unknown): string | undefined => entry(v, "");

/** What is wrong with history aggregates read back (undefined when they fit). */
export const stateProblem = (v: unknown): string | undefined =>
  historyState(v, "") ??
  ((v as SerializedHistoryState).orgVia.length !== (v as SerializedHistoryState).orgs.length
    ? "orgVia: expected one list per organization"
    : undefined);

function corrupt(path: string, why: string): CacheProblem {
  return {
    code: "E_CACHE_CORRUPT",
    message: `ignored the cache file ${path} (${why}); the repository is read again`,
    path,
  };
}

/**
 * Entries cached for a repository, most recent first; none when the index is missing, from
 * another version, or corrupt (then with a `problem` to report: a damaged cache is only a
 * slower run, never a failure).
 */
export async function readCache(
  cacheDir: string,
  gitDir: string,
): Promise<{ entries: CacheEntry[]; problem?: CacheProblem }> {
  const path = cacheFilePath(cacheDir, gitDir);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return { entries: [] }; // not cached yet
  }
  try {
    const index: unknown = JSON.parse(text);
    const version = typeof index === "object" && index !== null ? (index as { version?: unknown }).version : undefined;
    if (typeof version === "number" && version !== CACHE_VERSION) return { entries: [] }; // written by another version
    const problem = cacheIndex(index, "");
    if (problem) return { entries: [], problem: corrupt(path, `not a cache index: ${problem}`) };
    // The checked value, not a copy: loose objects keep every field as written.
    return { entries: [...(index as CacheIndex).entries] };
  } catch (error) {
    return { entries: [], problem: corrupt(path, (error as Error).message) };
  }
}

/** The aggregates of an entry; undefined when their file is gone or damaged (then read again). */
export async function readCachedState(
  cacheDir: string,
  gitDir: string,
  entry: CacheEntry,
  problems: CacheProblem[] = [],
): Promise<SerializedHistoryState | undefined> {
  const path = statePath(cacheDir, gitDir, entry);
  if (problems.some((p) => p.path === path)) return undefined; // found damaged already in this run
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  return parseHistoryState(text, (why) => problems.push(corrupt(path, why)));
}

/**
 * Serialized history aggregates read back (from a cache file or the store), checked; undefined, with why told to
 * `damaged`, when they are not JSON or not history counters.
 */
export function parseHistoryState(text: string, damaged: (why: string) => void): SerializedHistoryState | undefined {
  try {
    const state: unknown = JSON.parse(text);
    const problem = stateProblem(state);
    if (problem === undefined) return state as SerializedHistoryState;
    damaged(`not history counters: ${problem}`);
  } catch (error) {
    damaged((error as Error).message);
  }
  return undefined;
}

/**
 * Put `entry` first in the index (with its aggregates when given) and drop the oldest.
 * The aggregates are written before the index that points at them.
 */
export async function writeCache(
  cacheDir: string,
  gitDir: string,
  repository: string,
  entry: CacheEntry,
  previous: readonly CacheEntry[],
  state?: SerializedHistoryState,
): Promise<void> {
  if (state) await writeAtomic(statePath(cacheDir, gitDir, entry), JSON.stringify(state));
  const others = previous.filter((e) => e.commit !== entry.commit || e.affiliationsHash !== entry.affiliationsHash);
  const entries = [entry, ...others].slice(0, MAX_ENTRIES);
  const index: CacheIndex = { version: CACHE_VERSION, repository, entries };
  await writeAtomic(cacheFilePath(cacheDir, gitDir), JSON.stringify(index));
  for (const dropped of others.slice(MAX_ENTRIES - 1)) await rm(statePath(cacheDir, gitDir, dropped), { force: true });
}
