import { z } from "zod";
import { ERROR_CODES } from "../core/errors.js";
import { makeDirectory } from "../core/make-directory.js";
import { hasTerminalControl } from "../core/terminal-text.js";
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

/** 4: names, paths, tags and handles are stored with control characters escaped. 5: identities carry bot and merged spellings; history has bots and mergedIdentities. 6: maintainers read by file kind, with what was counted and what is unknown. 7: community files found where projects keep them (linked files, CHANGELOG/ folders, adopters data), README channels. */
export const CACHE_VERSION = 7;
/** Commits kept per repository: enough for HEAD plus a couple of as-of dates. */
const MAX_ENTRIES = 3;

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

/** A cache file that could not be used: the run reads the repository again and says so. */
export interface CacheProblem {
  readonly code: "E_CACHE_CORRUPT";
  readonly message: string;
  readonly path: string;
}

/*
 * The cache is input like any other: a file of the right JSON but the wrong shape (a finding
 * that is a string, a negative count, a missing field, counters that are text) is ignored and
 * the repository read again. Objects are loose (fields added by a later minor change survive);
 * every string must be free of terminal controls, as the tool writes them escaped. Each file
 * is checked once per read; the big numeric arrays of the counters by a plain loop.
 */
const Text = z.string().refine((s) => !hasTerminalControl(s), { message: "holds a control character" });
const Count = z.number().int().nonnegative();
const Share = z.number().min(0).max(1);
const SourceSchema = z.looseObject({ repository: Text, commit: Text, path: Text.optional(), line: Count.optional() });
const Finding = z.looseObject({
  how: z.enum(["file", "readme-reference", "none", "unreadable"]),
  path: Text.optional(),
  reference: Text.optional(),
  url: Text.optional(),
  source: SourceSchema.optional(),
  note: Text.optional(),
  truncated: z.boolean().optional(),
});
const CountedSchema = z.looseObject({ count: Count, items: z.array(Text), source: SourceSchema.optional() });
const FilesSchema = z.looseObject({
  license: Finding.extend({ spdx: Text.optional() }),
  readme: Finding,
  contributing: Finding,
  codeOfConduct: Finding,
  security: Finding,
  governance: Finding,
  adopters: Finding.extend({ count: Count.optional(), items: z.array(Text).optional() }),
  roadmap: Finding,
  changelog: Finding,
  issueTemplates: Finding,
  pullRequestTemplate: Finding,
  ci: CountedSchema,
  lint: CountedSchema,
  unitTests: CountedSchema,
  dcoOrCla: Finding.extend({ kind: z.enum(["dco", "cla"]).optional() }),
  bestPracticesBadge: Finding.extend({ projectId: Text.optional() }),
  dependencyBot: Finding.extend({ kind: z.enum(["dependabot", "renovate"]).optional() }),
  channels: CountedSchema.optional(),
});
const Iso = Text.refine((s) => !Number.isNaN(Date.parse(s)), { message: "expected a date" });
const OrgShare = z.looseObject({ organization: Text, commits: Count, commitShare: Share, contributors: Count, contributorShare: Share, via: z.array(Text) });
const Factor = { value: Count, threshold: Share, windowMonths: Count };
const HistorySchema = z.looseObject({
  firstCommitDate: Iso,
  lastCommitDate: Iso,
  commits: Count,
  merges: Count,
  commitsLast12Months: Count,
  contributors: Count,
  activeContributorsLast12Months: Count,
  newContributorsPerQuarter: z.record(Text, Count),
  organizations: z.array(OrgShare),
  organizationsLast12Months: z.array(OrgShare).optional(),
  elephantFactor: z.looseObject({ ...Factor, organizations: z.array(Text) }),
  contributorAbsenceFactor: z.looseObject({ ...Factor, people: z.array(Text) }),
  bots: z.looseObject({ commits: Count, identities: Count, names: z.array(Text) }).optional(),
  mergedIdentities: z.looseObject({ count: Count, items: z.array(Text) }).optional(),
  commitsDatedAfterAsOf: Count.optional(),
  shallow: z.boolean(),
  source: SourceSchema,
});
const Warning = z.looseObject({ code: z.string().refine((c) => c in ERROR_CODES, { message: "not an error code" }), message: Text, path: Text.optional() });
const MaintainerNameSchema = z.looseObject({ handle: Text, email: Text.optional(), name: Text.optional() });
const EntrySchema = z.looseObject({
  commit: z.string().regex(/^[0-9a-f]{40,64}$/),
  affiliationsHash: Text,
  mailmap: Text,
  shallow: z.boolean(),
  files: FilesSchema,
  maintainersFile: Finding,
  maintainers: z.array(MaintainerNameSchema),
  maintainersInfo: z.looseObject({ counted: Text.optional(), chosen: Text.optional(), unknown: z.looseObject({ reason: Text, lowerBound: z.boolean() }).optional() }).optional(),
  fileWarnings: z.array(Warning),
  memo: z.looseObject({ key: z.string(), history: HistorySchema }).optional(),
});
const IndexSchema = z.looseObject({ version: z.literal(CACHE_VERSION), repository: z.string(), entries: z.array(EntrySchema) });

/** Flattened `[key, count, …]` pairs: an even number of non-negative integers (a loop: these arrays are long). */
function isCounterPairs(v: unknown): boolean {
  if (!Array.isArray(v) || v.length % 2 !== 0) return false;
  for (const n of v) if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) return false;
  return true;
}
const isText = (v: unknown): boolean => typeof v === "string" && !hasTerminalControl(v);
const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
/** `[key, name, email, first, last, counts, co, bot?, merged?, why?]` (see SerializedHistoryState). */
function isIdentity(v: unknown): boolean {
  if (!Array.isArray(v) || v.length < 7 || v.length > 10) return false;
  const [key, name, email, first, last, counts, co, bot, merged, why] = v as unknown[];
  return isText(key) && isText(name) && isText(email) && Number.isSafeInteger(first) && Number.isSafeInteger(last) && isCounterPairs(counts) && isCounterPairs(co) &&
    (bot === undefined || bot === 0 || bot === 1) && (merged === undefined || (Array.isArray(merged) && merged.length % 2 === 0 && merged.every(isText))) && (why === undefined || isText(why));
}

/**
 * Why a parsed counters file is not a SerializedHistoryState, or undefined when it is. By hand,
 * not zod: a big repository's file holds thousands of identities and a million numbers, and
 * this check runs on every read at another as-of date.
 */
function stateProblem(s: unknown): string | undefined {
  if (typeof s !== "object" || s === null || Array.isArray(s)) return "not an object";
  const o = s as Record<string, unknown>;
  for (const k of ["commits", "merges"] as const) if (!isCount(o[k])) return `${k}: expected a count`;
  for (const k of ["first", "last"] as const) if (!Number.isSafeInteger(o[k])) return `${k}: expected seconds`;
  if (!isCounterPairs(o.days)) return "days: expected [day, count, …] pairs of non-negative integers";
  if (!Array.isArray(o.identities)) return "identities: expected a list";
  const bad = o.identities.findIndex((i) => !isIdentity(i));
  if (bad >= 0) return `identities.${bad}: expected [key, name, email, first, last, counts, co, bot, merged, why]`;
  if (!Array.isArray(o.orgs) || !o.orgs.every(isText)) return "orgs: expected a list of names";
  if (!Array.isArray(o.orgVia) || o.orgVia.length !== o.orgs.length || !o.orgVia.every((v) => Array.isArray(v) && v.every(isText))) return "orgVia: expected a list of names per organization";
  return undefined;
}

/** The first problem zod found, as `at: message`. */
function firstIssue(error: z.ZodError): string {
  const i = error.issues[0];
  return i ? `${i.path.length ? i.path.join(".") : "the file"}: ${i.message}` : "not valid";
}

function corrupt(path: string, why: string): CacheProblem {
  return { code: "E_CACHE_CORRUPT", message: `ignored the cache file ${path} (${why}); the repository is read again`, path };
}

/**
 * Entries cached for a repository, most recent first; none when the index is missing, from
 * another version, or corrupt (then with a `problem` to report: a damaged cache is only a
 * slower run, never a failure).
 */
export async function readCache(cacheDir: string, gitDir: string): Promise<{ entries: CacheEntry[]; problem?: CacheProblem }> {
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
    const checked = IndexSchema.safeParse(index);
    if (!checked.success) return { entries: [], problem: corrupt(path, `not a cache index: ${firstIssue(checked.error)}`) };
    // The checked value, not a copy: loose objects keep every field as written.
    return { entries: [...(index as CacheIndex).entries] };
  } catch (error) {
    return { entries: [], problem: corrupt(path, (error as Error).message) };
  }
}

/** The aggregates of an entry; undefined when their file is gone or damaged (then read again). */
export async function readCachedState(cacheDir: string, gitDir: string, entry: CacheEntry, problems: CacheProblem[] = []): Promise<SerializedHistoryState | undefined> {
  const path = statePath(cacheDir, gitDir, entry);
  if (problems.some((p) => p.path === path)) return undefined; // found damaged already in this run
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    const state: unknown = JSON.parse(text);
    const problem = stateProblem(state);
    if (problem === undefined) return state as SerializedHistoryState;
    problems.push(corrupt(path, `not history counters: ${problem}`));
  } catch (error) {
    problems.push(corrupt(path, (error as Error).message));
  }
  return undefined;
}

/**
 * Put `entry` first in the index (with its aggregates when given) and drop the oldest.
 * The aggregates are written before the index that points at them.
 */
export async function writeCache(cacheDir: string, gitDir: string, repository: string, entry: CacheEntry, previous: readonly CacheEntry[], state?: SerializedHistoryState): Promise<void> {
  if (state) await writeAtomic(statePath(cacheDir, gitDir, entry), JSON.stringify(state));
  const others = previous.filter((e) => e.commit !== entry.commit || e.affiliationsHash !== entry.affiliationsHash);
  const entries = [entry, ...others].slice(0, MAX_ENTRIES);
  const index: CacheIndex = { version: CACHE_VERSION, repository, entries };
  await writeAtomic(cacheFilePath(cacheDir, gitDir), JSON.stringify(index));
  for (const dropped of others.slice(MAX_ENTRIES - 1)) await rm(statePath(cacheDir, gitDir, dropped), { force: true });
}
