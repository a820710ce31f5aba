import { describeFsError } from "../core/index.js";
import { makeDirectory } from "../core/index.js";
import { createHash } from "node:crypto";
import { realpath, rename, rm, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { issue, UserError, type ErrorCode } from "../core/index.js";
import { applyMirrors } from "../catalog/index.js";
import { GitError, gitCause, gitFailureHint, gitText, runGit } from "./run-git.js";

/**
 * Turns a repository as the catalog names it (a local path, a `file://` URL or a remote URL)
 * into a git directory to read. Remote and file URLs are cloned once into the cache (bare,
 * without blobs where the server allows it) and fetched on later runs.
 */

export interface OpenedRepository {
  /** The repository as named in the catalog. */
  readonly repository: string;
  /** Absolute git directory to pass as `--git-dir`. */
  readonly gitDir: string;
  /** True when history is incomplete (a shallow clone). */
  readonly shallow: boolean;
  /** Problems that did not stop the read (a failed fetch: evidence is from the last one). */
  readonly warnings: readonly { code: ErrorCode; message: string }[];
  /** Where it was read from, when a mirror rewrote the catalog's location. */
  readonly mirror?: string;
}

/** URL prefix → replacement (program.mirrors and --mirror), applied as git's insteadOf. */
export type Mirrors = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** A failure tied to one repository: code, message and what to do. */
export function repositoryError(
  code: ErrorCode,
  repository: string,
  message: string,
  hint?: string,
  cause?: unknown,
): UserError {
  return new UserError(code, `${repository}: ${message}`, {
    issues: [issue(code, message, { repository, ...(hint ? { hint } : {}) })],
    cause,
  });
}

const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const SCP_LIKE = /^[\w.-]+@[\w.-]+:(?!\/\/)/;
const ALLOWED_SCHEMES = new Set(["http", "https", "ssh", "git", "file"]);

/** True for anything git would fetch over a transport rather than read as a local path. */
export function isUrl(repository: string): boolean {
  return URL_SCHEME.test(repository) || SCP_LIKE.test(repository);
}

/** Where a URL's bare clone lives in the cache: readable name plus a hash of the URL. */
function clonePath(cacheDir: string, url: string): string {
  const hash = createHash("sha256").update(url).digest("hex").slice(0, 12);
  const name =
    url
      .replace(/\.git$/, "")
      .split(/[/:]/)
      .filter(Boolean)
      .slice(-2)
      .join("-")
      .replace(/[^\w.-]/g, "_") || "repo";
  return join(cacheDir, "repos", `${name}-${hash}.git`);
}

async function exists(path: string): Promise<"dir" | "file" | undefined> {
  try {
    return (await stat(path)).isDirectory() ? "dir" : "file";
  } catch {
    return undefined;
  }
}

// git's and curl's/ssh's words for a network that is down, not a repository that is missing.
const NETWORK_FAILURE = new RegExp(
  "could not resolve host|could not resolve hostname|name or service not known|temporary failure in name resolution|" +
    "connection refused|connection timed out|operation timed out|timed out after|network is unreachable|" +
    "no route to host|failed to connect to|connection reset by peer",
  "i",
);
// git's words for a repository that is not there.
const REPOSITORY_MISSING = new RegExp(
  "not found|could not resolve host|unable to access|no such file|repository .* does not exist|" +
    "could not read from remote",
  "i",
);

/** What to do when the network is the problem. */
export const UNREACHABLE_HINT =
  "check the network; to work offline run with --no-fetch (cached clones are read as last " +
  "fetched), or map the URL to a local mirror with --mirror FROM=TO or program.mirrors";

function classifyGitFailure(error: unknown): ErrorCode {
  const text = error instanceof GitError ? error.stderr : String(error);
  if (NETWORK_FAILURE.test(text)) return "E_REPO_UNREACHABLE";
  if (/not a git repository|does not appear to be a git repository/i.test(text)) return "E_REPO_NOT_GIT";
  if (REPOSITORY_MISSING.test(text)) return "E_REPO_NOT_FOUND";
  return "E_GIT_FAILED";
}

let tempCounter = 0;

/**
 * Clones and fetches under way, by clone path: two projects listing one URL (or one URL read
 * for two folders) share one clone instead of racing to make it.
 */
const inFlight = new Map<string, Promise<{ gitDir: string; warnings: OpenedRepository["warnings"] }>>();

function openUrl(
  repository: string,
  cacheDir: string,
  fetch: boolean,
): Promise<{ gitDir: string; warnings: OpenedRepository["warnings"] }> {
  const key = clonePath(cacheDir, repository);
  const pending = inFlight.get(key);
  if (pending) return pending;
  const opening = cloneOrFetch(repository, cacheDir, fetch).finally(() => inFlight.delete(key));
  inFlight.set(key, opening);
  return opening;
}

async function cloneOrFetch(
  repository: string,
  cacheDir: string,
  fetch: boolean,
): Promise<{ gitDir: string; warnings: OpenedRepository["warnings"] }> {
  const scheme = URL_SCHEME.exec(repository)?.[1]?.toLowerCase() ?? "ssh";
  if (!ALLOWED_SCHEMES.has(scheme)) {
    throw repositoryError(
      "E_REPO_BAD_ARGUMENT",
      repository,
      `the ${scheme}:// transport is not supported`,
      "use an https://, ssh://, git:// or file:// URL, or a local path",
    );
  }
  if (scheme === "file") {
    let path: string;
    try {
      path = fileURLToPath(repository);
    } catch (cause) {
      throw repositoryError(
        "E_REPO_NOT_FOUND",
        repository,
        `not a valid file URL (${(cause as Error).message})`,
        "write file:///absolute/path/to/repo",
        cause,
      );
    }
    if (!(await exists(path)))
      throw repositoryError("E_REPO_NOT_FOUND", repository, `${path} does not exist`, "check the path in the catalog");
  }
  const gitDir = clonePath(cacheDir, repository);
  if (await exists(gitDir)) {
    if (!fetch) return { gitDir, warnings: [] };
    try {
      await runGit(
        [
          "fetch",
          "--quiet",
          "--prune",
          "--force",
          "--end-of-options",
          "origin",
          "+refs/heads/*:refs/heads/*",
          "+refs/tags/*:refs/tags/*",
        ],
        { gitDir },
      );
      return { gitDir, warnings: [] };
    } catch (cause) {
      // Offline first: evidence from the last fetch is still evidence.
      const code = classifyGitFailure(cause) === "E_REPO_UNREACHABLE" ? "E_REPO_UNREACHABLE" : "E_GIT_FAILED";
      return {
        gitDir,
        warnings: [{ code, message: `fetch failed, using the copy fetched earlier: ${(cause as Error).message}` }],
      };
    }
  }
  // Clone beside the final place and rename, so an interrupted clone never looks complete.
  const temp = `${gitDir}.tmp-${process.pid}-${Date.now()}-${(tempCounter++).toString(36)}`;
  try {
    makeDirectory(dirname(gitDir));
  } catch (cause) {
    throw repositoryError(
      "E_CACHE_DIR",
      repository,
      `cannot clone into the cache ${cacheDir}: ${describeFsError(cause)}`,
      "pass a --cache-dir that is a writable folder (or can be created)",
      cause,
    );
  }
  try {
    await runGit(["clone", "--bare", "--quiet", "--filter=blob:none", "--", repository, temp], {
      cwd: dirname(gitDir),
    });
    try {
      await rename(temp, gitDir);
    } catch (renameError) {
      // Another run cloned the same URL meanwhile: use its clone.
      if (!(await exists(gitDir))) throw renameError;
      await rm(temp, { recursive: true, force: true });
    }
  } catch (cause) {
    await rm(temp, { recursive: true, force: true });
    const code = classifyGitFailure(cause);
    const hint =
      (cause instanceof GitError ? gitFailureHint(cause.stderr) : undefined) ??
      (code === "E_REPO_UNREACHABLE"
        ? UNREACHABLE_HINT
        : code === "E_REPO_NOT_FOUND"
          ? "check the URL and your credentials"
          : undefined);
    throw repositoryError(
      code,
      repository,
      `cannot clone: ${cause instanceof GitError ? gitCause(cause.stderr) : (cause as Error).message}`,
      hint,
      cause,
    );
  }
  return { gitDir, warnings: [] };
}

async function openLocal(repository: string, baseDir: string): Promise<{ gitDir: string; shallow: boolean }> {
  const path = isAbsolute(repository) ? repository : resolve(baseDir, repository);
  const kind = await exists(path);
  if (!kind)
    throw repositoryError(
      "E_REPO_NOT_FOUND",
      repository,
      `${path} does not exist`,
      "check the path in the catalog (relative paths are relative to the catalog file)",
    );
  if (kind !== "dir") throw repositoryError("E_REPO_NOT_GIT", repository, `${path} is a file, not a git repository`);
  // A symlink to a folder inside a repository must not read the enclosing repository: the
  // ceiling is set above the real folder, so git cannot walk up past it.
  const real = await realpath(path).catch(() => path);
  try {
    // The git dir may itself hold a newline: the last line is the shallow flag, the rest the dir.
    const lines = (
      await gitText(["rev-parse", "--absolute-git-dir", "--is-shallow-repository"], {
        cwd: real,
        env: { GIT_CEILING_DIRECTORIES: dirname(real) },
      })
    ).split("\n");
    const shallow = lines.pop();
    return { gitDir: lines.join("\n"), shallow: shallow === "true" };
  } catch (cause) {
    const code = classifyGitFailure(cause);
    const hint =
      code === "E_REPO_NOT_GIT"
        ? "point at the repository's top folder (the one holding .git), or a bare repository; " +
          "for a folder inside a repository write {url: <the repository>, path: <the folder>}"
        : cause instanceof GitError
          ? gitFailureHint(cause.stderr)
          : undefined;
    throw repositoryError(
      code,
      repository,
      code === "E_REPO_NOT_GIT" ? `${path} is not a git repository` : (cause as Error).message,
      hint,
      cause,
    );
  }
}

/**
 * Open a repository for reading.
 *
 * `mirrors` rewrite the location first (longest prefix wins); a rewritten relative path is
 * relative to `baseDir`, and a local path is opened as a local repository.
 *
 * @throws UserError with E_REPO_BAD_ARGUMENT, E_REPO_NOT_FOUND, E_REPO_UNREACHABLE, E_REPO_NOT_GIT or E_GIT_FAILED.
 */
export async function openRepository(
  repository: string,
  options: { baseDir: string; cacheDir: string; fetch?: boolean; mirrors?: Mirrors },
): Promise<OpenedRepository> {
  const rewritten = applyMirrors(repository, options.mirrors);
  if (rewritten.mirror === undefined) return openLocation(repository, options);
  // Read from the mirror; reports keep the catalog's name, and failures say where it was looked for.
  const location =
    isUrl(rewritten.location) || isAbsolute(rewritten.location)
      ? rewritten.location
      : resolve(options.baseDir, rewritten.location);
  try {
    return { ...(await openLocation(location, options)), repository, mirror: location };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const first = error.issues[0];
    throw repositoryError(
      error.code,
      repository,
      `${first?.message ?? error.message} (mirror ${rewritten.mirror} → ${location})`,
      first?.hint,
      error,
    );
  }
}

async function openLocation(
  repository: string,
  options: { baseDir: string; cacheDir: string; fetch?: boolean },
): Promise<OpenedRepository> {
  if (repository.startsWith("-")) {
    throw repositoryError(
      "E_REPO_BAD_ARGUMENT",
      repository,
      "a repository must not begin with '-' (git would read it as an option)",
      "write a path as ./-name",
    );
  }
  if (repository.trim() === "" || repository.includes("\0"))
    throw repositoryError("E_REPO_BAD_ARGUMENT", repository, "empty or malformed repository");
  if (!isUrl(repository)) return { repository, ...(await openLocal(repository, options.baseDir)), warnings: [] };
  const opened = await openUrl(repository, options.cacheDir, options.fetch ?? true);
  let shallow = false;
  try {
    shallow = (await gitText(["rev-parse", "--is-shallow-repository"], { gitDir: opened.gitDir })) === "true";
  } catch (cause) {
    throw repositoryError(classifyGitFailure(cause), repository, (cause as Error).message, undefined, cause);
  }
  return { repository, gitDir: opened.gitDir, shallow, warnings: opened.warnings };
}
