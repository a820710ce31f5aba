import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import type { Project } from "../catalog/index.js";
import { repositoryRef } from "../catalog/index.js";
import {
  CACHE_VERSION,
  cacheEntryProblem,
  cleanWorktreeCommit,
  collectProjectsEvidence,
  EVIDENCE_REVISION,
  EVIDENCE_VERSION,
  MAX_CACHE_ENTRIES,
  parseHistoryState,
  type AffiliationRules,
  type CacheEntry,
  type CacheProblem,
  type HistoryCache,
  type CollectOptions,
  type ProjectEvidence,
  type RepositoryEvidence,
} from "../evidence/index.js";
import type { RunRecord, Store } from "../store/index.js";
import type { OpenedCatalog } from "./open-catalog.js";

/** The store a use case keeps its results in, and what it records about the tool. */
export interface StoreSession {
  readonly store: Store;
  /** The tool's version (package.json), recorded with each run. */
  readonly toolVersion: string;
}

/** What a collection did with the store. */
export interface StoreReport {
  /** Where the store is (a file, or a URL without its password). */
  readonly location: string;
  readonly runId: string;
  /** Repositories whose stored snapshot was reused (git's history, tree and tags not read). */
  readonly reused: number;
  /** Snapshots written by this run. */
  readonly written: number;
}

/**
 * What shaped the evidence besides repository, commit and date: the evidence model's version, the revision of the rules
 * reading it, and the affiliation rules. A stored snapshot with another fingerprint is not reused.
 */
export function evidenceFingerprint(rules: AffiliationRules): string {
  return createHash("sha256")
    .update(JSON.stringify({ evidence: EVIDENCE_VERSION, revision: EVIDENCE_REVISION, rules: rules.hash }))
    .digest("hex");
}

/**
 * The catalog's revision: `git:<commit>` when its folder is in git and its files are unchanged there, else
 * `sha256:<hash of the catalog's files>`; null when neither can be read.
 */
export async function catalogRevision(opened: OpenedCatalog): Promise<string | null> {
  // The catalog's own files (the built-in frameworks are the tool's: its version tells them).
  const paths = opened.inputs.map((f) => f.path).filter((path) => !relative(opened.baseDir, path).startsWith(".."));
  const commit = await cleanWorktreeCommit(opened.baseDir, paths);
  if (commit) return `git:${commit}`;
  try {
    const hash = createHash("sha256");
    for (const path of [...paths].sort())
      hash
        .update(path)
        .update("\0")
        .update(await readFile(path))
        .update("\0");
    return `sha256:${hash.digest("hex")}`;
  } catch {
    return null;
  }
}

/**
 * The evidence cache's history aggregates kept in the store, beside the snapshots: one mechanism. Rows are read back
 * as any cache input is: checked, and a damaged one is a problem to report and a repository read again.
 */
export function storeHistoryCache(opening: Store | (() => Promise<Store>)): HistoryCache {
  // A store opened when first needed is awaited by each call; its location is known by the time a warning names it.
  let known = typeof opening === "function" ? undefined : opening;
  const ready = async () => (known ??= await (opening as () => Promise<Store>)());
  const where = (repository: string, commit: string) =>
    `${known?.location ?? "the store"} (history of ${repository} at ${commit})`;
  const corrupt = (path: string, why: string): CacheProblem => ({
    code: "E_CACHE_CORRUPT",
    message: `ignored the cached history in the store ${path} (${why}); the repository is read again`,
    path,
  });
  return {
    get location() {
      return known?.location ?? "the store";
    },
    async entries({ repository }) {
      const store = await ready();
      const rows = await store.historyEntries(repository);
      const entries: CacheEntry[] = [];
      for (const row of rows) {
        if (row.cacheVersion !== CACHE_VERSION) continue; // written by another version of the tool
        let problem: string | undefined;
        try {
          const entry: unknown = JSON.parse(row.entry);
          problem = cacheEntryProblem(entry);
          if (!problem) {
            const e = entry as CacheEntry;
            // The row's key is the truth: an entry that disagrees with it is not ours.
            if (e.commit !== row.commit || e.affiliationsHash !== row.affiliationsHash || e.shallow !== row.shallow)
              problem = "its entry names another commit, rules or clone depth than its key";
            else entries.push(e);
          }
        } catch (error) {
          problem = (error as Error).message;
        }
        if (problem) return { entries: [], problem: corrupt(where(repository, row.commit), problem) };
      }
      return { entries };
    },
    async state({ repository }, entry, problems) {
      const path = where(repository, entry.commit);
      if (problems.some((p) => p.path === path)) return undefined; // found damaged already in this run
      const key = {
        repository,
        commit: entry.commit,
        affiliationsHash: entry.affiliationsHash,
        shallow: entry.shallow,
      };
      const stored = await (await ready()).getHistoryState(key);
      if (!stored) return undefined;
      if ("damaged" in stored) {
        problems.push(corrupt(path, stored.damaged));
        return undefined;
      }
      return parseHistoryState(stored.text, (why) => problems.push(corrupt(path, why)));
    },
    async write({ repository }, entry, _previous, state) {
      await (await ready()).putHistoryState(
        {
          repository,
          commit: entry.commit,
          affiliationsHash: entry.affiliationsHash,
          shallow: entry.shallow,
          cacheVersion: CACHE_VERSION,
          entry: JSON.stringify(entry),
          ...(state ? { state: JSON.stringify(state) } : {}),
        },
        { keep: MAX_CACHE_ENTRIES },
      );
    },
  };
}

/** How a read of the store's cache served a repository; warnings about the JSON cache belong to that read only. */
function storable(evidence: RepositoryEvidence): RepositoryEvidence {
  const warnings = evidence.warnings?.filter((w) => w.code !== "E_CACHE_WRITE");
  return { ...evidence, ...(warnings ? { warnings } : {}) };
}

/**
 * Collect the projects' evidence through the store: a run is recorded (catalog revision, tool version,
 * repositories, failures), a snapshot stored for the same repository, commit, date and fingerprint is reused
 * instead of reading git, and every snapshot read is stored, all in one transaction. Without a session, plain
 * collection. The incremental history aggregates are kept in the store too (no JSON cache is written then).
 *
 * A session given as a function is opened when the store is first needed: after the repositories' commits are
 * resolved and their history reads started, so git works while the store opens. A store that fails to open is then
 * this call's error, after the reads stopped, with nothing stored.
 */
export async function collectThroughStore(
  opened: OpenedCatalog,
  projects: readonly Project[],
  options: CollectOptions & { readonly asOf: string; readonly rules: AffiliationRules },
  session: StoreSession | (() => Promise<StoreSession>) | undefined,
): Promise<{ evidence: ProjectEvidence[]; stored?: StoreReport }> {
  if (!session) return { evidence: await collectProjectsEvidence(projects, options) };
  const fingerprint = evidenceFingerprint(options.rules);
  const repositories = [...new Set(projects.flatMap((p) => (p.repositories ?? []).map((r) => repositoryRef(r).label)))];
  let opening: Promise<{ session: StoreSession; run: Promise<RunRecord> }> | undefined;
  const open = () => {
    if (opening) return opening;
    // Asked while the store opens, after the repositories' reads started: its git call is not theirs to wait for.
    const revision = catalogRevision(opened);
    revision.catch(() => undefined); // awaited once the store is open
    return (opening = (typeof session === "function" ? session() : Promise.resolve(session)).then((s) => {
      const run = (async () =>
        s.store.beginRun({
          catalogRevision: await revision,
          toolVersion: s.toolVersion,
          asOf: options.asOf,
          repositories,
        }))();
      run.catch(() => undefined); // awaited after the collection
      return { session: s, run };
    }));
  };
  const storeOf = async () => (await open()).session.store;
  const evidence = await collectProjectsEvidence(projects, {
    ...options,
    historyCache: storeHistoryCache(storeOf),
    reuse: async (key) => (await (await storeOf()).getSnapshot({ ...key, fingerprint }))?.evidence,
  });
  const { session: s, run: starting } = await open();
  const { store } = s;
  const run = await starting;
  const read = evidence.flatMap((p) => p.repositories).filter((r) => r.cache !== "store");
  const reused = new Set(
    evidence.flatMap((p) => p.repositories.filter((r) => r.cache === "store").map((r) => r.repository)),
  );
  await store.putSnapshots(
    read.map((r) => ({ evidence: storable(r), fingerprint })),
    { runId: run.id },
  );
  await store.finishRun(run.id, { failures: evidence.flatMap((p) => p.failures) });
  const written = new Set(read.map((r) => `${r.repository}\0${r.commit}`)).size;
  return { evidence, stored: { location: store.location, runId: run.id, reused: reused.size, written } };
}
