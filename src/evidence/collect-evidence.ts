import { availableParallelism } from "node:os";
import { join } from "node:path";
import { today } from "../core/dates.js";
import { UserError, type ErrorCode } from "../core/errors.js";
import { escapeTerminalLine } from "../core/terminal-text.js";
import type { Project } from "../catalog/schema.js";
import { INDEPENDENT, loadAffiliations, NO_AFFILIATIONS, UNKNOWN, type AffiliationRules } from "./affiliations.js";
import { readCache, readCachedState, writeCache, type CacheProblem } from "./evidence-cache.js";
import { readHistory } from "./git-log-reader.js";
import { blobReader, readTree } from "./git-tree.js";
import { computeHistoryEvidence, type FactorOptions } from "./history-evidence.js";
import { parseMailmap } from "./mailmap.js";
import { deserializeHistoryState, mergeHistoryStates, serializeHistoryState, type HistoryState } from "./history-state.js";
import { affiliateMaintainers } from "./maintainers.js";
import { EVIDENCE_VERSION, type EvidenceWarning, type HistoryEvidence, type ProjectEvidence, type RepositoryEvidence, type RepositoryFailure } from "./model.js";
import { computeReleases, readTags } from "./releases.js";
import { detectRepositoryFiles } from "./repository-files.js";
import { openRepository, repositoryError } from "./repository-source.js";
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
  /** Rules already loaded with `loadAffiliations`. */
  readonly rules?: AffiliationRules;
  /** Cache of clones and evidence. @default `<baseDir>/.upstream-cache` */
  readonly cacheDir?: string;
  /** Read and write the evidence cache. @default true */
  readonly useCache?: boolean;
  /** Fetch cached clones of remote repositories. @default true */
  readonly fetch?: boolean;
  /** Repositories read at once. @default the number of cores */
  readonly concurrency?: number;
  readonly onProgress?: (event: ProgressEvent) => void;
}

const DAY = 86400;

/** Load the rules once for a whole run; unreadable files are an error for the caller. */
function rulesOf(options: CollectOptions): AffiliationRules {
  if (options.rules) return options.rules;
  if (!options.affiliations?.length) return NO_AFFILIATIONS;
  const { rules, issues } = loadAffiliations(options.affiliations);
  const fatal = issues.filter((i) => i.severity === "error");
  if (fatal.length) throw new UserError(fatal[0]!.code, "cannot read the affiliations files", { issues: fatal });
  return rules;
}

/** The commit to read: HEAD, or the last commit on or before the end of `asOf`. */
async function resolveCommit(repository: string, gitDir: string, asOf: string | undefined): Promise<{ commit: string; date: string }> {
  const before = asOf ? [`--before=${Date.parse(asOf + "T00:00:00Z") / 1000 + DAY - 1}`] : [];
  let out: string;
  try {
    out = await gitText(["log", "-1", "--format=%H%x00%cI", ...before, "--end-of-options", "HEAD"], { gitDir });
  } catch (cause) {
    if (cause instanceof GitError && /does not have any commits|unknown revision|ambiguous argument 'HEAD'/i.test(cause.stderr)) {
      throw repositoryError("E_REPO_EMPTY", repository, "the repository has no commits", "push at least one commit, or remove the repository from the catalog", cause);
    }
    throw repositoryError("E_GIT_FAILED", repository, (cause as Error).message, undefined, cause);
  }
  const [commit, date] = out.split("\0");
  if (!commit) throw repositoryError("E_REPO_EMPTY", repository, `no commit on or before ${asOf}`, "choose a later --as-of date");
  return { commit, date: date ?? "" };
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
 * @throws UserError (E_REPO_*, E_GIT_FAILED) when the repository cannot be read.
 * @example
 * const ev = await collectRepositoryEvidence("../kured", { baseDir: "/catalog", asOf: "2020-06-01" });
 */
export async function collectRepositoryEvidence(repository: string, options: CollectOptions): Promise<RepositoryEvidence> {
  const rules = rulesOf(options);
  const cacheDir = options.cacheDir ?? join(options.baseDir, ".upstream-cache");
  const useCache = options.useCache ?? true;
  const asOf = options.asOf ?? today();
  const repo = await openRepository(repository, { baseDir: options.baseDir, cacheDir, ...(options.fetch !== undefined ? { fetch: options.fetch } : {}) });
  const { gitDir } = repo;
  const tags = readTags(gitDir);
  tags.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
  const { commit, date } = await resolveCommit(repository, gitDir, options.asOf);
  const source = { repository, commit };
  const warnings: EvidenceWarning[] = [...repo.warnings];
  if (repo.shallow) warnings.push({ code: "E_REPO_SHALLOW", message: "shallow clone: history is incomplete, so ages and counts are lower bounds" });

  try {
    // cache: the exact commit (with the history last computed from it), or an ancestor to read on from
    const cache = useCache ? await readCache(cacheDir, gitDir) : { entries: [] };
    const cached = cache.entries;
    const cacheProblems: CacheProblem[] = cache.problem ? [cache.problem] : [];
    const memoKey = JSON.stringify([asOf, options.threshold ?? null, options.windowMonths ?? null]);
    const compute = (state: HistoryState): HistoryEvidence => computeHistoryEvidence(state, { asOf, shallow: repo.shallow, source, ...factorOptions(options) });
    // A clone deepened since (or made shallow) has other history at the same commit.
    let entry = cached.find((e) => e.commit === commit && e.affiliationsHash === rules.hash && e.shallow === repo.shallow);
    let how: RepositoryEvidence["cache"] = "hit";
    let history: HistoryEvidence | undefined;
    if (entry) {
      if (entry.memo?.key === memoKey) history = { ...entry.memo.history, source };
      else {
        const saved = await readCachedState(cacheDir, gitDir, entry, cacheProblems);
        if (saved) {
          history = compute(deserializeHistoryState(saved));
          entry = { ...entry, memo: { key: memoKey, history } };
          await writeCache(cacheDir, gitDir, repository, entry, cached);
        } else entry = undefined; // aggregates lost: read again
      }
    }
    if (!entry || !history) {
      const tree = await readTree(gitDir, commit);
      const mailmap = tree.find((e) => e.path === ".mailmap")?.oid ?? "";
      let base: { commit: string; state: HistoryState } | undefined;
      if (!repo.shallow) {
        for (const e of cached) {
          if (e.affiliationsHash !== rules.hash || e.mailmap !== mailmap || e.shallow || !(await isAncestor(gitDir, e.commit, commit))) continue;
          const saved = await readCachedState(cacheDir, gitDir, e, cacheProblems);
          if (saved) {
            base = { commit: e.commit, state: deserializeHistoryState(saved) };
            break;
          }
        }
      }
      how = base ? "incremental" : "full";
      // git maps authors through the commit's .mailmap; co-authors are mapped with the same file here.
      const mailmapText = mailmap ? (await blobReader(gitDir)(mailmap)).text : "";
      // The tree's few small reads overlap the one long `git log`.
      const [read, found] = await Promise.all([
        readHistory(gitDir, commit, base ? [commit, `^${base.commit}`] : [commit], rules, mailmapText ? parseMailmap(mailmapText) : undefined),
        detectRepositoryFiles(tree, blobReader(gitDir), source),
      ]);
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
        maintainersInfo: { counted: found.maintainers.counted, chosen: found.maintainers.chosen, unknown: found.maintainers.unknown },
        fileWarnings: found.warnings,
        memo: { key: memoKey, history },
      };
      if (useCache) await writeCache(cacheDir, gitDir, repository, entry, cached, serializeHistoryState(state));
    }

    // compute: windows and figures as of the date, from the aggregates
    const asOfEnd = Date.parse(asOf + "T00:00:00Z") / 1000 + DAY - 1;
    const maintainers = affiliateMaintainers(entry.maintainers, rules, asOfEnd);
    const releases = computeReleases(await tags, asOf, source);
    return {
      repository,
      commit,
      commitDate: date,
      asOf,
      history,
      releases,
      files: entry.files,
      maintainers: {
        file: entry.maintainersFile,
        maintainers,
        organizations: [...new Set(maintainers.map((m) => m.organization).filter((o): o is string => o !== undefined && o !== INDEPENDENT && o !== UNKNOWN))].sort(),
        ...definedOnly(entry.maintainersInfo ?? {}),
      },
      warnings: [...warnings, ...cacheProblems, ...entry.fileWarnings],
      cache: how,
    };
  } catch (cause) {
    if (cause instanceof UserError) throw cause;
    throw repositoryError("E_GIT_FAILED", repository, `at ${commit.slice(0, 12)}: ${(cause as Error).message}`, undefined, cause);
  }
}

/** `o` without its undefined fields, so evidence JSON holds only what is known. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function factorOptions(o: FactorOptions): FactorOptions {
  return { ...(o.threshold !== undefined ? { threshold: o.threshold } : {}), ...(o.windowMonths !== undefined ? { windowMonths: o.windowMonths } : {}) };
}

/** A failure on one line: its message may quote git's stderr, so control characters are escaped. */
function failureOf(repository: string, error: unknown): RepositoryFailure {
  if (error instanceof UserError) {
    const first = error.issues[0];
    return { repository, code: error.code, message: escapeTerminalLine(first?.message ?? error.message), ...(first?.hint ? { hint: escapeTerminalLine(first.hint) } : {}) };
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
export async function collectProjectsEvidence(projects: readonly Pick<Project, "id" | "repositories">[], options: CollectOptions): Promise<ProjectEvidence[]> {
  const rules = rulesOf(options);
  const asOf = options.asOf ?? today();
  const tasks = projects.flatMap((p) => (p.repositories ?? []).map((repository) => ({ project: p.id, repository })));
  let done = 0;
  const outcomes = await mapLimit(tasks, options.concurrency ?? availableParallelism(), async (task) => {
    options.onProgress?.({ type: "start", ...task, done, total: tasks.length });
    try {
      const evidence = await collectRepositoryEvidence(task.repository, { ...options, rules });
      done++;
      options.onProgress?.({ type: "done", ...task, done, total: tasks.length });
      return { task, evidence };
    } catch (error) {
      done++;
      options.onProgress?.({ type: "failed", ...task, done, total: tasks.length });
      return { task, failure: failureOf(task.repository, error) };
    }
  });
  // one pass over the outcomes (in task order, so each project's repositories keep the catalog's order)
  const byProject = new Map(projects.map((p) => [p.id, { repositories: [] as RepositoryEvidence[], failures: [] as RepositoryFailure[] }]));
  for (const o of outcomes) {
    const slot = byProject.get(o.task.project)!;
    if (o.evidence) slot.repositories.push(o.evidence);
    else slot.failures.push(o.failure);
  }
  return projects.map((p) => ({ version: EVIDENCE_VERSION, project: p.id, asOf, ...byProject.get(p.id)! }));
}

/**
 * Collect the evidence of one project's repositories; failures are recorded, never thrown.
 *
 * @example
 * const ev = await collectProjectEvidence(project, { baseDir: dirname(catalogPath), asOf: "2020-06-01" });
 * for (const f of ev.failures) console.error(`${f.repository}: ${f.message}`);
 */
export async function collectProjectEvidence(project: Pick<Project, "id" | "repositories">, options: CollectOptions): Promise<ProjectEvidence> {
  return (await collectProjectsEvidence([project], options))[0]!;
}
