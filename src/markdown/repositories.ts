import type { Catalog, Project } from "../catalog/index.js";
import { webUrlParts, type WebUrlParts } from "./url-parts.js";

/**
 * The git repositories a project's README links name, for `import`: so an imported catalog can
 * be assessed at once. Only git hosting URLs count (github.com, gitlab.com): their `owner/repo`,
 * or, for a `…/tree/<branch>/<path>` link (a folder of a monorepo), that whole URL. The home
 * link and the artifact links are read in order; the project's issue-tracker channel is read
 * only when they name none (a project whose home is its website). A plain repository is left
 * out when a folder of it is listed: the folder is what the project is.
 *
 * @example repositoriesFromLinks({ home: "https://github.com/a/b", artifacts: [{ label: "releases", url:
 * "https://github.com/a/b/releases" }] }) // ["https://github.com/a/b"]
 */
export function repositoriesFromLinks(project: Pick<Project, "home" | "artifacts" | "channels" | "raw">): string[] {
  // A project cell kept raw has no home or artifacts: its links are read from the markdown.
  const links = [
    project.home,
    ...(project.artifacts ?? []).map((a) => a.url),
    ...linkTargets(project.raw?.project ?? ""),
  ];
  let found = gitRepositories(links);
  if (found.length === 0 && Array.isArray(project.channels))
    found = gitRepositories(project.channels.map((c) => ("kind" in c && c.kind === "issues" ? c.url : undefined)));
  return found;
}

/** The catalog with each project's `repositories` filled from its links, where it has none. */
export function withRepositoriesFromLinks(catalog: Catalog): Catalog {
  return {
    ...catalog,
    projects: catalog.projects.map((project) => {
      if (project.repositories?.length) return project;
      const repositories = repositoriesFromLinks(project);
      if (repositories.length === 0) return project;
      // Before the raw cells, where a catalog written by hand has them.
      const { raw, ...rest } = project;
      return { ...rest, repositories, ...(raw ? { raw } : {}) };
    }),
  };
}

function gitRepositories(urls: ReadonlyArray<string | undefined>): string[] {
  const repos = new Map<string, string>();
  const folders = new Map<string, string[]>();
  for (const url of urls) {
    const ref = url === undefined ? undefined : gitRepository(url);
    if (!ref) continue;
    const key = ref.repo.toLowerCase();
    if (ref.folder) {
      const list = folders.get(key) ?? [];
      if (!list.some((f) => f.toLowerCase() === ref.folder!.toLowerCase())) list.push(ref.folder);
      folders.set(key, list);
    }
    if (!repos.has(key)) repos.set(key, ref.repo);
  }
  return [...repos].flatMap(([key, repo]) => folders.get(key) ?? [repo]);
}

/** GitHub paths that are not `owner/repo`. */
const NOT_OWNERS = new Set([
  "orgs",
  "users",
  "settings",
  "marketplace",
  "topics",
  "sponsors",
  "features",
  "about",
  "apps",
  "login",
  "search",
  "collections",
  "enterprise",
  "explore",
  "notifications",
  "pulls",
  "issues",
]);

/** GitLab project pages, for links written without `/-/`. */
const GITLAB_PAGES = new Set([
  "tree",
  "blob",
  "releases",
  "tags",
  "issues",
  "merge_requests",
  "wikis",
  "commits",
  "pipelines",
  "boards",
  "milestones",
]);

/**
 * A git hosting URL's repository (`https://host/owner/repo`), and the whole URL when it names a folder
 * (`/tree/<branch>/<path>`).
 */
export function gitRepository(url: string): { repo: string; folder?: string } | undefined {
  let parsed: WebUrlParts | URL;
  try {
    parsed = webUrlParts(url) ?? new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, "");
  const segments = parsed.pathname.split("/").filter((s) => s !== "");
  if (host === "github.com") {
    const [owner, name, kind, branch, ...path] = segments;
    if (!owner || !name || NOT_OWNERS.has(owner.toLowerCase())) return undefined;
    const repo = `https://github.com/${owner}/${name.replace(/\.git$/i, "")}`;
    return kind === "tree" && branch && path.length > 0
      ? { repo, folder: `${repo}/tree/${branch}/${path.join("/")}` }
      : { repo };
  }
  if (host === "gitlab.com") {
    // Groups nest: the project path runs up to the `/-/` that starts its pages (older links
    // leave it out: then up to the first page name).
    let dash = segments.indexOf("-");
    const pages = dash < 0 ? segments.findIndex((s, i) => i >= 2 && GITLAB_PAGES.has(s)) : dash;
    const project = pages < 0 ? segments : segments.slice(0, pages);
    if (project.length < 2 || NOT_OWNERS.has(project[0]!.toLowerCase())) return undefined;
    const repo = `https://gitlab.com/${project.join("/").replace(/\.git$/i, "")}`;
    if (dash < 0) dash = pages - 1;
    const [kind, branch, ...path] = pages < 0 ? [] : segments.slice(dash + 1);
    return kind === "tree" && branch && path.length > 0
      ? { repo, folder: `${repo}/-/tree/${branch}/${path.join("/")}` }
      : { repo };
  }
  return undefined;
}

/** The destinations of the `[text](url)` links in markdown, by a linear scan. */
function linkTargets(markdown: string): string[] {
  const out: string[] = [];
  let at = markdown.indexOf("](");
  while (at >= 0) {
    let end = at + 2;
    while (end < markdown.length && markdown[end] !== ")" && !/\s/.test(markdown[end]!)) end++;
    if (end > at + 2) out.push(markdown.slice(at + 2, end));
    at = markdown.indexOf("](", end);
  }
  return out;
}
