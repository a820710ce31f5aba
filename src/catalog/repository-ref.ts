import type { Repository, RepositoryRole } from "./schema.js";

/**
 * One form for a repository however the catalog writes it: a location, a GitHub/GitLab
 * `…/tree/<branch>/<folder>` URL, or `{url, path?, role?}`. Everything past the catalog reads
 * repositories through `repositoryRef`, so the forms are told apart in one place.
 */
export interface RepositoryRef {
  /** Where the repository is: a URL or a local path, without any `/tree/…` part. */
  readonly url: string;
  /** A folder of the repository (no leading or trailing '/'); undefined for the whole repository. */
  readonly path?: string;
  readonly role: RepositoryRole;
  /** How reports name it: the string as written, or `url//path` for the object form. */
  readonly label: string;
  /**
   * For a `/tree/` URL: the segments after `tree/` (`release/1.2/cmd/x`), since a branch name
   * may hold slashes; `path` is then a guess (all but the first segment) the collector checks
   * against the repository's refs.
   */
  readonly treeRef?: string;
  /** The `path` written beside a `/tree/` URL, appended to the folder the URL names. */
  readonly extraPath?: string;
}

const GITHUB_TREE = /^(https?:\/\/(?:www\.)?github\.com\/[^/?#]+\/[^/?#]+?)(?:\.git)?\/tree\/([^?#]+)/i;
const GITLAB_TREE = /^(https?:\/\/[^/?#]+\/[^?#]+?)\/-\/tree\/([^?#]+)/i;

/** `a//b/`, `./a` → `a/b`; undefined when nothing is left. */
export function normalizeFolder(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const parts = path.split("/").filter((s) => s !== "" && s !== ".");
  return parts.length ? parts.join("/") : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The repository and the part after `tree/` of a GitHub or GitLab folder URL; undefined for any other location. */
export function parseTreeUrl(location: string): { url: string; treeRef: string } | undefined {
  const m = GITHUB_TREE.exec(location) ?? GITLAB_TREE.exec(location);
  if (!m) return undefined;
  const treeRef = m[2]!.split("/").filter(Boolean).map(decode).join("/");
  return treeRef ? { url: m[1]!, treeRef } : undefined;
}

/**
 * Split a tree reference at the first segment (`master/cmd/x` → branch `master`, folder `cmd/x`).
 * `isRef` says whether a longer prefix is a ref of the repository: the longest that is wins,
 * as a branch `release/1.2` holds a slash.
 */
export function splitTreeRef(
  treeRef: string,
  isRef: (name: string) => boolean = () => false,
): { branch: string; path: string | undefined; matched: boolean } {
  const segments = treeRef.split("/");
  for (let n = segments.length; n >= 1; n--) {
    const branch = segments.slice(0, n).join("/");
    if (isRef(branch)) return { branch, path: normalizeFolder(segments.slice(n).join("/")), matched: true };
  }
  return { branch: segments[0]!, path: normalizeFolder(segments.slice(1).join("/")), matched: false };
}

function joinFolders(a: string | undefined, b: string | undefined): string | undefined {
  return normalizeFolder([a, b].filter((s) => s !== undefined).join("/"));
}

/**
 * The normalized form of one catalog entry.
 *
 * @example
 * repositoryRef("https://github.com/kubernetes/autoscaler/tree/master/cluster-autoscaler")
 * // { url: "https://github.com/kubernetes/autoscaler", path: "cluster-autoscaler", role: "code", label:
 * "https://github.com/…", treeRef: "master/cluster-autoscaler" }
 */
export function repositoryRef(entry: Repository): RepositoryRef {
  const written = typeof entry === "string" ? { url: entry } : entry;
  const role = written.role ?? "code";
  const tree = parseTreeUrl(written.url);
  const base = tree?.url ?? written.url;
  const treePath = tree ? splitTreeRef(tree.treeRef).path : undefined;
  const extraPath = normalizeFolder(written.path);
  const path = joinFolders(treePath, extraPath);
  const label = typeof entry === "string" || extraPath === undefined ? written.url : `${written.url}//${extraPath}`;
  return {
    url: base,
    role,
    label,
    ...(path ? { path } : {}),
    ...(tree ? { treeRef: tree.treeRef, ...(extraPath ? { extraPath } : {}) } : {}),
  };
}

/**
 * The folder of a `/tree/` reference once the repository's refs are known: the longest
 * prefix that is a ref is the branch. `matched` is false when none is (the first segment was taken).
 */
export function resolveTreeRef(
  ref: RepositoryRef,
  isRef: (name: string) => boolean,
): { ref: RepositoryRef; branch?: string; matched: boolean } {
  if (!ref.treeRef) return { ref, matched: true };
  const split = splitTreeRef(ref.treeRef, isRef);
  const path = joinFolders(split.path, ref.extraPath);
  const { path: _old, ...rest } = ref;
  void _old;
  return { ref: { ...rest, ...(path ? { path } : {}) }, branch: split.branch, matched: split.matched };
}

/** Rewrite a location by the longest matching prefix, as git's `url.<base>.insteadOf`. */
export function applyMirrors(
  location: string,
  mirrors: ReadonlyMap<string, string> | Readonly<Record<string, string>> | undefined,
): { location: string; mirror?: string } {
  if (!mirrors) return { location };
  let best: [string, string] | undefined;
  for (const [from, to] of mirrors instanceof Map ? mirrors : Object.entries(mirrors)) {
    if (from !== "" && location.startsWith(from) && (!best || from.length > best[0].length)) best = [from, to];
  }
  return best ? { location: best[1] + location.slice(best[0].length), mirror: best[0] } : { location };
}
