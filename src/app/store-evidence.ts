import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import type { Project } from "../catalog/index.js";
import { repositoryRef } from "../catalog/index.js";
import {
  cleanWorktreeCommit,
  collectProjectsEvidence,
  EVIDENCE_VERSION,
  type AffiliationRules,
  type CollectOptions,
  type ProjectEvidence,
  type RepositoryEvidence,
} from "../evidence/index.js";
import type { Store } from "../store/index.js";
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
 * What shaped the evidence besides repository, commit and date: the evidence model's version and the affiliation
 * rules. A stored snapshot with another fingerprint is not reused.
 */
export function evidenceFingerprint(rules: AffiliationRules): string {
  return createHash("sha256")
    .update(JSON.stringify({ evidence: EVIDENCE_VERSION, rules: rules.hash }))
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

/** How a read of the store's cache served a repository; warnings about the JSON cache belong to that read only. */
function storable(evidence: RepositoryEvidence): RepositoryEvidence {
  const warnings = evidence.warnings?.filter((w) => w.code !== "E_CACHE_WRITE");
  return { ...evidence, ...(warnings ? { warnings } : {}) };
}

/**
 * Collect the projects' evidence through the store: a run is recorded (catalog revision, tool version,
 * repositories, failures), a snapshot stored for the same repository, commit, date and fingerprint is reused
 * instead of reading git, and every snapshot read is stored, all in one transaction. Without a session, plain
 * collection. The incremental history aggregates stay in the JSON cache (`cacheDir`).
 */
export async function collectThroughStore(
  opened: OpenedCatalog,
  projects: readonly Project[],
  options: CollectOptions & { readonly asOf: string; readonly rules: AffiliationRules },
  session: StoreSession | undefined,
): Promise<{ evidence: ProjectEvidence[]; stored?: StoreReport }> {
  if (!session) return { evidence: await collectProjectsEvidence(projects, options) };
  const { store } = session;
  const fingerprint = evidenceFingerprint(options.rules);
  const repositories = [...new Set(projects.flatMap((p) => (p.repositories ?? []).map((r) => repositoryRef(r).label)))];
  const run = await store.beginRun({
    catalogRevision: await catalogRevision(opened),
    toolVersion: session.toolVersion,
    asOf: options.asOf,
    repositories,
  });
  const evidence = await collectProjectsEvidence(projects, {
    ...options,
    reuse: async (key) => (await store.getSnapshot({ ...key, fingerprint }))?.evidence,
  });
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
