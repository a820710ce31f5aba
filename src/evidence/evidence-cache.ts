import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { SerializedHistoryState } from "./history-state.js";
import type { EvidenceWarning, FileFinding, FilesEvidence, HistoryEvidence } from "./model.js";

/**
 * Per-repository cache of what is costly to read: the history aggregates and the tree's
 * findings at a commit, under one affiliation-rules hash. A run at the same commit reads
 * nothing; a run at a descendant reads `old..new` only and merges. The small index (files,
 * maintainers, the last history computed) is kept apart from the aggregates, so a run with
 * nothing new parses a few kilobytes. Every write is atomic (temp file + rename).
 */

export const CACHE_VERSION = 2;
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
  readonly maintainerHandles: readonly string[];
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
export function cacheFilePath(cacheDir: string, gitDir: string): string {
  return `${baseName(cacheDir, gitDir)}.json`;
}

async function writeAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Entries cached for a repository, most recent first; none when the index is missing or stale. */
export async function readCache(cacheDir: string, gitDir: string): Promise<CacheEntry[]> {
  try {
    const index = JSON.parse(await readFile(cacheFilePath(cacheDir, gitDir), "utf8")) as CacheIndex;
    return index.version === CACHE_VERSION && Array.isArray(index.entries) ? [...index.entries] : [];
  } catch {
    // A missing or corrupt cache is only a slower run.
    return [];
  }
}

/** The aggregates of an entry; undefined when their file is gone (then read again). */
export async function readCachedState(cacheDir: string, gitDir: string, entry: CacheEntry): Promise<SerializedHistoryState | undefined> {
  try {
    return JSON.parse(await readFile(statePath(cacheDir, gitDir, entry), "utf8")) as SerializedHistoryState;
  } catch {
    return undefined;
  }
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
