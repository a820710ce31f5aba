import { makeDirectory } from "../core/make-directory.js";
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isNumbers = (v: unknown): boolean => Array.isArray(v) && v.every((n) => typeof n === "number");

function isEntry(e: unknown): e is CacheEntry {
  return isObject(e) && typeof e.commit === "string" && typeof e.affiliationsHash === "string" && typeof e.mailmap === "string" && typeof e.shallow === "boolean" &&
    isObject(e.files) && isObject(e.maintainersFile) && Array.isArray(e.maintainers) && Array.isArray(e.fileWarnings) && (e.memo === undefined || (isObject(e.memo) && typeof e.memo.key === "string" && isObject(e.memo.history)));
}

function isState(s: unknown): s is SerializedHistoryState {
  return isObject(s) && typeof s.commits === "number" && typeof s.merges === "number" && typeof s.first === "number" && typeof s.last === "number" && isNumbers(s.days) &&
    Array.isArray(s.orgs) && Array.isArray(s.orgVia) && Array.isArray(s.identities) &&
    s.identities.every((i) => Array.isArray(i) && i.length === 10 && typeof i[0] === "string" && isNumbers(i[5]) && isNumbers(i[6]) && typeof i[7] === "number" && Array.isArray(i[8]) && typeof i[9] === "string");
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
    const index = JSON.parse(text) as CacheIndex;
    if (isObject(index) && typeof index.version === "number" && index.version !== CACHE_VERSION) return { entries: [] }; // written by another version
    if (!isObject(index) || !Array.isArray(index.entries) || !index.entries.every(isEntry)) return { entries: [], problem: corrupt(path, "not a cache index") };
    return { entries: [...index.entries] };
  } catch (error) {
    return { entries: [], problem: corrupt(path, (error as Error).message) };
  }
}

/** The aggregates of an entry; undefined when their file is gone or damaged (then read again). */
export async function readCachedState(cacheDir: string, gitDir: string, entry: CacheEntry, problems: CacheProblem[] = []): Promise<SerializedHistoryState | undefined> {
  const path = statePath(cacheDir, gitDir, entry);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    const state: unknown = JSON.parse(text);
    if (isState(state)) return state;
    problems.push(corrupt(path, "not history counters"));
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
