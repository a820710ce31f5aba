import { readdir, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { today } from "../core/index.js";
import { UserError, type ErrorCode } from "../core/index.js";
import { escapeTerminalLine } from "../core/index.js";
import type { Project, Repository } from "../catalog/index.js";
import { repositoryRef, resolveTreeRef, type RepositoryRef } from "../catalog/index.js";
import {
  INDEPENDENT,
  loadAffiliations,
  NO_AFFILIATIONS,
  UNKNOWN,
  type AffiliationOptions,
  type AffiliationRules,
} from "./affiliations.js";
import { describeFsError } from "../core/index.js";
import { jsonHistoryCache, type CacheProblem, type HistoryCache } from "./evidence-cache.js";
import { readHistory, startHistoryRead } from "./git-log-reader.js";
import {
  blobReader,
  listingOf,
  objectKind,
  openBlobReader,
  readTree,
  topLevelBlob,
  unreadableBlobWords,
} from "./git-tree.js";
import type { BatchBlobReader, TreeListing } from "./git-tree.js";
import { lifecycleOf } from "./lifecycle.js";
import { computeHistoryEvidence, type FactorOptions } from "./history-evidence.js";
import { mailmapOfBlob, type Mailmap } from "./mailmap.js";
import {
  deserializeHistoryState,
  mergeHistoryStates,
  serializeHistoryState,
  type HistoryState,
} from "./history-state.js";
import { affiliateMaintainers, readMaintainersFile, repositoryOfUrl } from "./maintainers.js";
import {
  EVIDENCE_VERSION,
  type EvidenceWarning,
  type HistoryEvidence,
  type ProjectEvidence,
  type RepositoryEvidence,
  type RepositoryFailure,
} from "./model.js";
import { computeReleases, readTags, type TagInfo } from "./releases.js";
import { detectRepositoryFiles, type FilesResult } from "./repository-files.js";
import type { PathFacts } from "./repository-files.js";
import { openRepository, repositoryError, type Mirrors, type OpenedRepository } from "./repository-source.js";
import { GitError, gitText, runGit } from "./run-git.js";

/** What a collection step reports, for a progress bar. */
export interface ProgressEvent {
  readonly type: "start" | "done" | "failed";
  readonly project: string;
  readonly repository: string;
  /** Repositories finished so far, and in all. */
  readonly done: number;
  readonly total: number;
}

/** Options of a collection. All optional but `baseDir`. */
export interface CollectOptions extends FactorOptions {
  /** Folder relative repository paths are resolved against (the catalog's folder). */
  readonly baseDir: string;
  /** Collect as of the end of this day (YYYY-MM-DD). @default today (UTC), at HEAD */
  readonly asOf?: string;
  /** developers_affiliations / email-map files. Ignored when `rules` is given. */
  readonly affiliations?: readonly string[];
  /**
   * What the program adds to the files (program.organizations with domains, program.bots). Ignored when `rules` is
   * given.
   */
  readonly program?: AffiliationOptions;
  /** Rules already loaded with `loadAffiliations`. */
  readonly rules?: AffiliationRules;
  /** Cache of clones and evidence. @default `<baseDir>/.upstream-cache` */
  readonly cacheDir?: string;
  /** Read and write the evidence cache. @default true */
  readonly useCache?: boolean;
  /**
   * Where the incremental history aggregates are kept (the store, when a command uses one).
   * @default JSON files under `cacheDir` (jsonHistoryCache)
   */
  readonly historyCache?: HistoryCache;
  /** Fetch cached clones of remote repositories. @default true */
  readonly fetch?: boolean;
  /** Repositories read at once. @default the number of cores */
  readonly concurrency?: number;
  /**
   * URL prefix → local folder or other URL (program.mirrors, --mirror), as git's insteadOf; the longest prefix wins.
   */
  readonly mirrors?: Mirrors;
  readonly onProgress?: (event: ProgressEvent) => void;
  /**
   * Serves many as-of dates from one pass over each repository's history (a backfill, see backfill.ts) instead of
   * reading git per date; the evidence is the same. Use it with `useCache: false`.
   */
  readonly pastHistory?: PastHistory;
  /**
   * Final evidence kept elsewhere (the store) for this repository at this commit as of this date: returned as is
   * (marked `cache: "store"`) instead of reading the history, tree and tags again; undefined reads git.
   */
  readonly reuse?: (key: EvidenceKey) => Promise<RepositoryEvidence | undefined>;
}

/** What identifies a repository's evidence besides the rules it was read with. */
export interface EvidenceKey {
  /** As the catalog names it. */
  readonly repository: string;
  readonly commit: string;
  /** YYYY-MM-DD. */
  readonly asOf: string;
}

/** What a backfill answers from memory in place of git: the commit of a date, its history, the tags. */
export interface PastHistory {
  /** Clones opened once for every date. */
  readonly opened: Map<string, Promise<OpenedRepository>>;
  /** What `git log -1 --before=<end of asOf>` finds (limited to `folder`); undefined when no commit. */
  commitAsOf(
    gitDir: string,
    folder: string | undefined,
    asOf: string,
  ): Promise<{ commit: string; seconds: number } | undefined>;
  /**
   * The aggregates `git log <commit>` (limited to `folder`, authors through `mailmap` when `useMailmap`) gives.
   */
  historyAt(request: {
    gitDir: string;
    folder: string | undefined;
    commit: string;
    mailmap: Mailmap | undefined;
    useMailmap: boolean;
    rules: AffiliationRules;
  }): Promise<HistoryState>;
  tags(gitDir: string): Promise<TagInfo[]>;
  /** A blob reader shared by every date (its `close` leaves it open for the next); absent: one per read. */
  blobs?(gitDir: string): BatchBlobReader;
  /** What `readTree` gives (with a lookup), from tree objects read once for every date; absent: `readTree`. */
  tree?(gitDir: string, commit: string, folder: string | undefined): Promise<TreeListing>;
  /** What the presence checks found in each path, kept for every date. */
  readonly pathFacts?: PathFacts;
}

const DAY = 86400;

/** Load the rules once for a whole run; unreadable files are an error for the caller. */
function rulesOf(options: CollectOptions): AffiliationRules {
  if (options.rules) return options.rules;
  if (!options.affiliations?.length && !options.program) return NO_AFFILIATIONS;
  const { rules, issues } = loadAffiliations(options.affiliations ?? [], options.program);
  const fatal = issues.filter((i) => i.severity === "error");
  if (fatal.length) throw new UserError(fatal[0]!.code, "cannot read the affiliations files", { issues: fatal });
  return rules;
}

/**
 * The commit to read: HEAD, or the last commit on or before the end of `asOf`; for a folder,
 * the last such commit that touched it (its tree there is the folder as of that day).
 */
async function resolveCommit(
  repository: string,
  gitDir: string,
  asOf: string | undefined,
  folder?: string,
  past?: PastHistory,
): Promise<{ commit: string; date: string }> {
  const known = asOf && past ? await past.commitAsOf(gitDir, folder, asOf) : undefined;
  // A date, not a unix timestamp: git takes a number below 100000000 (before 1973-03-03) for
  // something else and silently reads HEAD.
  const before = asOf ? [`--before=${asOf} 23:59:59 +0000`] : [];
  let out: string;
  try {
    // --no-use-mailmap: a bare clone reads HEAD:.mailmap otherwise, and a partial clone lacking that blob fails here.
    out = known
      ? `${known.commit}\0${known.seconds}`
      : await gitText(
          [
            "log",
            "--no-use-mailmap",
            "-1",
            "--format=%H%x00%ct",
            ...before,
            "--end-of-options",
            "HEAD",
            ...(folder ? ["--", `:(literal)${folder}`] : []),
          ],
          { gitDir },
        );
  } catch (cause) {
    if (
      cause instanceof GitError &&
      /does not have any commits|unknown revision|ambiguous argument 'HEAD'/i.test(cause.stderr)
    ) {
      throw repositoryError(
        "E_REPO_EMPTY",
        repository,
        "the repository has no commits",
        "push at least one commit, or remove the repository from the catalog",
        cause,
      );
    }
    throw repositoryError("E_GIT_FAILED", repository, (cause as Error).message, undefined, cause);
  }
  const [commit, seconds] = out.split("\0");
  if (folder && (!commit || (await objectKind(gitDir, commit, folder)) !== "tree")) {
    // Told apart from "no commit yet": a folder misspelt, moved, or not there yet.
    const head = (await gitText(["rev-parse", "--verify", "--quiet", "HEAD"], { gitDir }).catch(() => "")) || "HEAD";
    const now = (await objectKind(gitDir, head, folder)) === "tree";
    const when = asOf ? ` on ${asOf}` : "";
    throw repositoryError(
      "E_REPO_PATH_NOT_FOUND",
      repository,
      now
        ? `the folder ${folder} did not exist yet${when}`
        : `no folder ${folder} in the repository${commit ? ` at ${commit.slice(0, 12)}` : ""}${when}`,
      now
        ? "choose a later --as-of date"
        : "check the folder (path, or the part after tree/<branch>/ of the URL) against the repository",
    );
  }
  if (!commit)
    throw repositoryError("E_REPO_EMPTY", repository, `no commit on or before ${asOf}`, "choose a later --as-of date");
  // One convention for a day everywhere: UTC, as --as-of and the 12-month windows count it (not the committer's
  // offset).
  return { commit, date: new Date(Number(seconds) * 1000).toISOString() };
}

/** Commit ids written in a /tree/ URL instead of a branch. */
const COMMIT_ID = /^[0-9a-f]{7,40}$/i;

/** The organizations maintainers work for, sorted; independent and unknown people name none. */
function organizationsOf(maintainers: readonly { readonly organization?: string }[]): string[] {
  const named = maintainers
    .map((m) => m.organization)
    .filter((o): o is string => o !== undefined && o !== INDEPENDENT && o !== UNKNOWN);
  return [...new Set(named)].sort();
}

/**
 * Settle the folder of a `/tree/<branch>/<folder>` URL against the repository's refs (a branch
 * may hold a slash), and say when the branch named is not the one read (HEAD).
 */
async function settleTreeRef(ref: RepositoryRef, gitDir: string, warnings: EvidenceWarning[]): Promise<RepositoryRef> {
  if (!ref.treeRef) return ref;
  const refs = new Set<string>();
  const listed = await gitText(["for-each-ref", "--format=%(refname)", "refs/heads", "refs/tags", "refs/remotes"], {
    gitDir,
  }).catch(() => "");
  for (const name of listed.split("\n")) {
    if (name.startsWith("refs/heads/")) refs.add(name.slice(11));
    else if (name.startsWith("refs/tags/")) refs.add(name.slice(10));
    else if (name.startsWith("refs/remotes/")) refs.add(name.slice(13).split("/").slice(1).join("/"));
  }
  const settled = resolveTreeRef(ref, (name) => refs.has(name));
  const branch = settled.branch ?? "";
  if (!settled.matched && !COMMIT_ID.test(branch)) {
    warnings.push({
      code: "E_REPO_TREE_REF",
      message:
        `no branch or tag '${branch}' in the repository: took it as ` +
        `the branch, so the folder is ${settled.ref.path ?? "the top"}`,
    });
  } else if (settled.matched) {
    const head = await gitText(["symbolic-ref", "--quiet", "--short", "HEAD"], { gitDir }).catch(() => "");
    if (head && head !== branch)
      warnings.push({
        code: "E_REPO_TREE_REF",
        message:
          `the URL names branch ${branch}; evidence is read from HEAD ` +
          `(${head}), whose folder ${settled.ref.path ?? ""} is used`,
      });
  }
  return settled.ref;
}

async function isAncestor(gitDir: string, older: string, newer: string): Promise<boolean> {
  try {
    await runGit(["merge-base", "--is-ancestor", "--end-of-options", older, newer], { gitDir });
    return true;
  } catch {
    return false;
  }
}

/**
 * Collect the evidence of one repository as of a date. Uses the cache when it can: nothing
 * is read at a cached commit, and only new commits after a cached ancestor.
 *
 * A folder (`{url, path}`, or a `/tree/<branch>/<folder>` URL) is read as its own repository:
 * history limited to it, its files with paths relative to it; tags are the repository's.
 *
 * @throws UserError (E_REPO_*, E_GIT_FAILED) when the repository cannot be read.
 * @example
 * const ev = await collectRepositoryEvidence("../kured", { baseDir: "/catalog", asOf: "2020-06-01" });
 * const azure = await collectRepositoryEvidence({ url: "https://github.com/kubernetes/autoscaler", path:
 * "cluster-autoscaler/cloudprovider/azure" }, options);
 */
export async function collectRepositoryEvidence(
  entry: Repository,
  options: CollectOptions & { opened?: Map<string, Promise<OpenedRepository>> },
): Promise<RepositoryEvidence> {
  const rules = rulesOf(options);
  const cacheDir = cacheDirOf(options);
  const useCache = options.useCache ?? true;
  const asOf = options.asOf ?? today();
  const written = repositoryRef(entry);
  const repository = written.label;
  const past = options.pastHistory;
  const repo = await openOnce(written.url, openOptionsOf(options), options.opened ?? past?.opened);
  const { gitDir } = repo;
  const warnings: EvidenceWarning[] = [...repo.warnings];
  const ref = await settleTreeRef(written, gitDir, warnings);
  const folder = ref.path;
  const { commit, date } = await resolveCommit(repository, gitDir, options.asOf, folder, past);
  const source = { repository, commit };
  // The whole history is likely to be read: git log starts now, while the store and the cache are asked, and is
  // cancelled when they make it unneeded (a stored snapshot, or cached aggregates to read on from).
  let early = past ? undefined : startHistoryRead(gitDir, commit, [commit], rules, folder ? [folder] : []);
  const reused = await options.reuse?.({ repository, commit, asOf }).catch((error: unknown) => {
    early?.cancel();
    throw error;
  });
  if (reused) {
    early?.cancel();
    const evidence: RepositoryEvidence = { ...reused, cache: "store" };
    readFrom.set(evidence, { gitDir, ...(folder ? { folder } : {}) });
    return evidence;
  }
  // Started after the store was asked (a reused snapshot reads no tags), awaited below.
  const tags = past ? past.tags(gitDir) : readTags(gitDir);
  tags.catch(() => undefined); // avoid an unhandled rejection meanwhile
  if (repo.shallow)
    warnings.push({
      code: "E_REPO_SHALLOW",
      message: "shallow clone: history is incomplete, so ages and counts are lower bounds",
    });
  // Two folders of one clone are two repositories to the cache.
  const cacheKey = { gitDir: folder ? `${gitDir}\0${folder}` : gitDir, repository };
  const historyCache = options.historyCache ?? jsonHistoryCache(cacheDir);

  try {
    // cache: the exact commit (with the history last computed from it), or an ancestor to read on from
    const cache = useCache ? await historyCache.entries(cacheKey) : { entries: [] };
    const cached = cache.entries;
    const cacheProblems: CacheProblem[] = cache.problem ? [cache.problem] : [];
    const memoKey = JSON.stringify([asOf, options.threshold ?? null, options.windowMonths ?? null]);
    const compute = (state: HistoryState): HistoryEvidence =>
      computeHistoryEvidence(state, {
        asOf,
        shallow: repo.shallow,
        source,
        commitDate: date,
        ...factorOptions(options),
      });
    // A clone deepened since (or made shallow) has other history at the same commit.
    let entry = cached.find(
      (e) => e.commit === commit && e.affiliationsHash === rules.hash && e.shallow === repo.shallow,
    );
    let how: RepositoryEvidence["cache"] = "hit";
    let history: HistoryEvidence | undefined;
    if (entry) {
      if (entry.memo?.key === memoKey) history = { ...entry.memo.history, source };
      else {
        const saved = await historyCache.state(cacheKey, entry, cacheProblems);
        if (saved) {
          history = compute(deserializeHistoryState(saved));
          entry = { ...entry, memo: { key: memoKey, history } };
          await saveCache(() => historyCache.write(cacheKey, entry!, cached), historyCache.location, warnings);
        } else entry = undefined; // aggregates lost: read again
      }
    }
    if (entry && history) {
      early?.cancel(); // read from the cache
      early = undefined;
    }
    if (!entry || !history) {
      // With no cached state that could be read on from, the whole history is read: git log
      // starts now, beside the reads of the tree and the .mailmap, rather than after them.
      const mayReadOn = !repo.shallow && cached.some((e) => e.affiliationsHash === rules.hash && !e.shallow);
      if (mayReadOn) {
        early?.cancel();
        early = undefined;
      }
      const blobs = past?.blobs?.(gitDir) ?? openBlobReader(gitDir);
      let base: { commit: string; state: HistoryState } | undefined;
      let read: HistoryState;
      let found: FilesResult;
      let mailmap = "";
      try {
        const tree = past?.tree
          ? await past.tree(gitDir, commit, folder)
          : listingOf(await readTree(gitDir, commit, folder));
        // git reads the top-level .mailmap, for a folder too
        mailmap = folder
          ? await topLevelBlob(gitDir, commit, ".mailmap")
          : (tree.files.find((e) => e.path === ".mailmap")?.oid ?? "");
        // git maps authors through the commit's .mailmap; co-authors are mapped with the same file here.
        // A partial clone may lack it: the history is then read without it, and says so.
        let mailmapBlob: { readonly text: string } | undefined;
        let mailmapUnreadable = false;
        if (mailmap) {
          try {
            mailmapBlob = await blobs.read(mailmap);
          } catch (cause) {
            warnings.push({
              code: "E_REPO_FILE_UNREADABLE",
              message:
                `.mailmap could not be read (${unreadableBlobWords(cause)}): authors ` +
                `are counted as their commits spell them, not merged through it`,
              path: ".mailmap",
            });
            mailmap = ""; // cached as read without a mailmap, so a run that can read it reads the history again
            mailmapUnreadable = true;
            early?.cancel(); // it reads through the .mailmap: read again without
            early = undefined;
          }
        }
        if (mayReadOn) {
          for (const e of cached) {
            if (
              e.affiliationsHash !== rules.hash ||
              e.mailmap !== mailmap ||
              e.shallow ||
              !(await isAncestor(gitDir, e.commit, commit))
            )
              continue;
            const saved = await historyCache.state(cacheKey, e, cacheProblems);
            if (saved) {
              base = { commit: e.commit, state: deserializeHistoryState(saved) };
              break;
            }
          }
        }
        how = base ? "incremental" : "full";
        const parsedMailmap = mailmapBlob?.text ? mailmapOfBlob(mailmapBlob) : undefined;
        // The tree's few small reads overlap the one long `git log`.
        const reading = early
          ? early.finish(parsedMailmap)
          : past
            ? past.historyAt({
                gitDir,
                folder,
                commit,
                mailmap: parsedMailmap,
                useMailmap: !mailmapUnreadable,
                rules,
              })
            : readHistory(
                gitDir,
                commit,
                base ? [commit, `^${base.commit}`] : [commit],
                rules,
                parsedMailmap,
                folder ? [folder] : [],
                { useMailmap: !mailmapUnreadable },
              );
        early = undefined;
        [read, found] = await Promise.all([reading, detectRepositoryFiles(tree, blobs.read, source, past?.pathFacts)]);
      } finally {
        early?.cancel();
        blobs.close();
      }
      const state = base ? mergeHistoryStates(base.state, read) : read;
      history = compute(state);
      entry = {
        commit,
        affiliationsHash: rules.hash,
        mailmap,
        shallow: repo.shallow,
        files: found.files,
        maintainersFile: found.maintainersFile,
        maintainers: found.maintainers.people,
        maintainersInfo: {
          counted: found.maintainers.counted,
          chosen: found.maintainers.chosen,
          unknown: found.maintainers.unknown,
        },
        fileWarnings: found.warnings,
        ...(found.readmeLifecycle ? { readmeLifecycle: found.readmeLifecycle } : {}),
        memo: { key: memoKey, history },
      };
      if (useCache)
        await saveCache(
          () => historyCache.write(cacheKey, entry!, cached, serializeHistoryState(state)),
          historyCache.location,
          warnings,
        );
    }

    // compute: windows and figures as of the date, from the aggregates
    const asOfEnd = Date.parse(asOf + "T00:00:00Z") / 1000 + DAY - 1;
    const maintainers = affiliateMaintainers(entry.maintainers, rules, asOfEnd, {
      organizationsSeen: new Set(history.organizations.map((o) => o.organization)),
    });
    const releases = computeReleases(await tags, asOf, source, folder);
    const lifecycle = lifecycleOf({
      ...(entry.readmeLifecycle ? { readme: entry.readmeLifecycle } : {}),
      lastCommitDate: date,
      asOf,
      source,
      ...(folder ? { folder } : {}),
      governance: ref.role === "governance",
    });
    const evidence: RepositoryEvidence = {
      repository,
      url: ref.url,
      ...(folder ? { path: folder } : {}),
      role: ref.role,
      ...(repo.mirror ? { mirror: repo.mirror } : {}),
      lifecycle,
      commit,
      commitDate: date,
      asOf,
      history,
      releases,
      files: entry.files,
      maintainers: {
        file: entry.maintainersFile,
        maintainers,
        organizations: organizationsOf(maintainers),
        ...definedOnly(entry.maintainersInfo ?? {}),
      },
      warnings: [...warnings, ...cacheProblems, ...entry.fileWarnings],
      cache: how,
    };
    readFrom.set(evidence, { gitDir, ...(folder ? { folder } : {}) });
    return evidence;
  } catch (cause) {
    if (cause instanceof UserError) throw cause;
    throw repositoryError(
      "E_GIT_FAILED",
      repository,
      `at ${commit.slice(0, 12)}: ${(cause as Error).message}`,
      undefined,
      cause,
    );
  } finally {
    early?.cancel();
  }
}

function cacheDirOf(options: CollectOptions): string {
  // Absolute: git clones with another working folder, where a relative cache path means another place.
  return resolve(options.cacheDir ?? join(options.baseDir, ".upstream-cache"));
}

function openOptionsOf(options: CollectOptions): Parameters<typeof openRepository>[1] {
  return {
    baseDir: options.baseDir,
    cacheDir: cacheDirOf(options),
    ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
    ...(options.mirrors ? { mirrors: options.mirrors } : {}),
  };
}

/** Bytes of a repository's packs: how long its history takes to read, roughly; 0 when unknown. */
async function packBytes(gitDir: string): Promise<number> {
  const packs = join(gitDir, "objects", "pack");
  try {
    const names = (await readdir(packs)).filter((n) => n.endsWith(".pack"));
    const sizes = await Promise.all(names.map((n) => stat(join(packs, n)).then((s) => s.size)));
    return sizes.reduce((a, b) => a + b, 0);
  } catch {
    return 0;
  }
}

/** Open each location once per run: projects sharing a repository share its clone and its fetch. */
function openOnce(
  location: string,
  options: Parameters<typeof openRepository>[1],
  opened: Map<string, Promise<OpenedRepository>> | undefined,
): Promise<OpenedRepository> {
  if (!opened) return openRepository(location, options);
  let pending = opened.get(location);
  if (!pending) {
    pending = openRepository(location, options);
    opened.set(location, pending);
  }
  return pending;
}

/**
 * Write the cache, keeping the evidence when that fails (a full disk, a folder that cannot be
 * made): what was read is still true, so it is returned with a warning the CLI turns into exit 1.
 */
async function saveCache(write: () => Promise<void>, cacheDir: string, warnings: EvidenceWarning[]): Promise<void> {
  try {
    await write();
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "its folder cannot be created" : describeFsError(error);
    warnings.push({
      code: "E_CACHE_WRITE",
      message:
        `the evidence was read but could not be saved in the cache ` +
        `${cacheDir} (${why}); it will be read again next time`,
    });
  }
}

/** `o` without its undefined fields, so evidence JSON holds only what is known. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function factorOptions(o: FactorOptions): FactorOptions {
  return {
    ...(o.threshold !== undefined ? { threshold: o.threshold } : {}),
    ...(o.windowMonths !== undefined ? { windowMonths: o.windowMonths } : {}),
  };
}

/** A failure on one line: its message may quote git's stderr, so control characters are escaped. */
function failureOf(repository: string, error: unknown): RepositoryFailure {
  if (error instanceof UserError) {
    const first = error.issues[0];
    return {
      repository,
      code: error.code,
      message: escapeTerminalLine(first?.message ?? error.message),
      ...(first?.hint ? { hint: escapeTerminalLine(first.hint) } : {}),
    };
  }
  const code: ErrorCode = "E_INTERNAL";
  return { repository, code, message: escapeTerminalLine(error instanceof Error ? error.message : String(error)) };
}

/** Run `work` over `items`, at most `limit` at a time, keeping the order of results. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Collect the evidence of many projects, all their repositories in one pool (up to the
 * number of cores at once). A repository that fails is recorded in its project's
 * `failures`; the others go on. Throws only for a problem of the whole run (unreadable
 * affiliations file).
 */
export async function collectProjectsEvidence(
  projects: readonly Pick<Project, "id" | "repositories">[],
  options: CollectOptions,
): Promise<ProjectEvidence[]> {
  const rules = rulesOf(options);
  const asOf = options.asOf ?? today();
  const tasks = projects.flatMap((p) =>
    (p.repositories ?? []).map((entry) => ({ project: p.id, entry, repository: repositoryRef(entry).label })),
  );
  const opened = options.pastHistory?.opened ?? new Map<string, Promise<OpenedRepository>>();
  const limit = options.concurrency ?? availableParallelism();
  let done = 0;
  // Every repository is opened (cloned, fetched) first, so that the biggest are read first: on a
  // few cores the longest `git log` then starts at once rather than after the short ones.
  const byLocation = new Map<string, (typeof tasks)[number][]>();
  for (const task of tasks) {
    const location = repositoryRef(task.entry).url;
    byLocation.set(location, [...(byLocation.get(location) ?? []), task]);
  }
  const openOptions = openOptionsOf(options);
  await mapLimit([...byLocation], limit, async ([location, sharing]) => {
    for (const task of sharing)
      options.onProgress?.({
        type: "start",
        project: task.project,
        repository: task.repository,
        done,
        total: tasks.length,
      });
    await openOnce(location, openOptions, opened).catch(() => undefined); // a failure is the task's, below
  });
  // The largest first, when there is an order to choose (a backfill asks for one repository per date, many times).
  const order = tasks.map((_, i) => i);
  if (tasks.length > 1) {
    const sizes = await Promise.all(
      tasks.map((task) =>
        opened.get(repositoryRef(task.entry).url)!.then(
          (repo) => packBytes(repo.gitDir),
          () => 0,
        ),
      ),
    );
    order.sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  }
  const outcomes = new Array<
    | { task: (typeof tasks)[number]; evidence: RepositoryEvidence }
    | { task: (typeof tasks)[number]; failure: RepositoryFailure }
  >(tasks.length);
  await mapLimit(order, limit, async (i) => {
    const task = tasks[i]!;
    const event = { project: task.project, repository: task.repository };
    try {
      const evidence = await collectRepositoryEvidence(task.entry, { ...options, rules, opened });
      done++;
      options.onProgress?.({ type: "done", ...event, done, total: tasks.length });
      outcomes[i] = { task, evidence };
    } catch (error) {
      done++;
      options.onProgress?.({ type: "failed", ...event, done, total: tasks.length });
      outcomes[i] = { task, failure: failureOf(task.repository, error) };
    }
  });
  // one pass over the outcomes (in task order, so each project's repositories keep the catalog's order)
  const byProject = new Map(
    projects.map((p) => [p.id, { repositories: [] as RepositoryEvidence[], failures: [] as RepositoryFailure[] }]),
  );
  for (const o of outcomes) {
    const slot = byProject.get(o.task.project)!;
    if ("evidence" in o) slot.repositories.push(o.evidence);
    else slot.failures.push(o.failure);
  }
  for (const slot of byProject.values())
    slot.repositories = await followMaintainerPointers(slot.repositories, rules, asOf);
  return projects.map((p) => ({ version: EVIDENCE_VERSION, project: p.id, asOf, ...byProject.get(p.id)! }));
}

/** Where each repository's evidence was read, for following links into it afterwards. */
const readFrom = new WeakMap<RepositoryEvidence, { gitDir: string; folder?: string }>();

/**
 * A maintainers file that only points to another repository (flux2's MAINTAINERS → the
 * fluxcd/community CORE-MAINTAINERS) is followed when the project lists that repository
 * (as code or, usually, `role: governance`): the people are read from the file there, at the
 * commit read for it, with provenance. A pointer outside the listed repositories stays unknown,
 * and says how to make it known.
 */
async function followMaintainerPointers(
  repositories: RepositoryEvidence[],
  rules: AffiliationRules,
  asOf: string,
): Promise<RepositoryEvidence[]> {
  const byName = new Map<string, RepositoryEvidence>();
  for (const r of repositories) {
    const named = repositoryOfUrl(r.url ?? r.repository);
    if (named && !r.path) byName.set(named.repository.toLowerCase(), r);
  }
  const asOfEnd = Date.parse(asOf + "T00:00:00Z") / 1000 + DAY - 1;
  return Promise.all(
    repositories.map(async (r) => {
      const pointer = r.maintainers.unknown?.pointer;
      // Evidence reused from the store had its pointer followed (or explained) when it was read.
      if (r.cache === "store") return r;
      if (!pointer?.repository || !pointer.path) return r;
      const target = byName.get(pointer.repository.toLowerCase());
      const at = target ? readFrom.get(target) : undefined;
      if (!target || !at || target === r) {
        const listIt =
          `list https://${pointer.repository} in the project's ` + `repositories (role: governance) to read them`;
        return {
          ...r,
          maintainers: {
            ...r.maintainers,
            unknown: { ...r.maintainers.unknown!, reason: `${r.maintainers.unknown!.reason}; ${listIt}` },
          },
        };
      }
      let text: string;
      try {
        text = (await blobReader(at.gitDir)(`${target.commit}:${at.folder ? `${at.folder}/` : ""}${pointer.path}`))
          .text;
      } catch {
        const reason =
          `${r.maintainers.unknown!.reason}; ${pointer.path} is not a ` +
          `file of ${target.repository} at ${target.commit.slice(0, 12)}`;
        return { ...r, maintainers: { ...r.maintainers, unknown: { ...r.maintainers.unknown!, reason } } };
      }
      const reading = readMaintainersFile(pointer.path, text);
      if (reading.people.length === 0) return r;
      const maintainers = affiliateMaintainers(reading.people, rules, asOfEnd, {
        organizationsSeen: new Set(r.history.organizations.map((o) => o.organization)),
      });
      const source = { repository: target.repository, commit: target.commit, path: pointer.path };
      return {
        ...r,
        maintainers: {
          file: {
            how: "file",
            path: pointer.path,
            source,
            note:
              `followed from ${r.maintainers.file.path ?? "the maintainers file"}:${pointer.line} ` +
              `into ${target.repository}`,
          },
          maintainers,
          organizations: organizationsOf(maintainers),
          counted: reading.counted,
          chosen:
            `${r.maintainers.file.path ?? "the maintainers file"} points to ` +
            `${pointer.url}, a file of ${target.repository}, which the project lists`,
        },
      };
    }),
  );
}

/**
 * Collect the evidence of one project's repositories; failures are recorded, never thrown.
 *
 * @example
 * const ev = await collectProjectEvidence(project, { baseDir: dirname(catalogPath), asOf: "2020-06-01" });
 * for (const f of ev.failures) console.error(`${f.repository}: ${f.message}`);
 */
export async function collectProjectEvidence(
  project: Pick<Project, "id" | "repositories">,
  options: CollectOptions,
): Promise<ProjectEvidence> {
  return (await collectProjectsEvidence([project], options))[0]!;
}
