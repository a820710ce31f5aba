import { existsSync, realpathSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { applyMirrors, repositoryRef, type CatalogRule, type RuleIssue } from "../catalog/index.js";
import type { Issue } from "../core/index.js";
import { loadFrameworks, maturityCatalogRules, type Framework } from "../maturity/index.js";
import { catalogDir } from "./catalog-path.js";

/**
 * Rules beyond the catalog's own that need other modules (frameworks for attestations,
 * aliases and thresholds) or the file system (files the catalog names). Opening a catalog
 * adds them so `catalog/` stays pure and free of `maturity/`.
 */
export async function extraCatalogRules(
  catalogPath: string,
): Promise<{ rules: CatalogRule[]; issues: Issue[]; frameworks: Map<string, Framework> }> {
  const baseDir = catalogDir(catalogPath);
  // The shipped frameworks plus the team's frameworks/*.yaml; a team file with errors is
  // reported and left out, so the catalog itself is still checked in the same run.
  const issues: Issue[] = [];
  const frameworks = await loadFrameworks({ baseDir, issues });
  return {
    rules: [...maturityCatalogRules(frameworks), namedFilesExist(baseDir), repositoriesOnce(baseDir)],
    issues,
    frameworks,
  };
}

/** Files the catalog names (affiliations, local repositories) exist, relative to the catalog. */
function namedFilesExist(baseDir: string): CatalogRule {
  return (catalog) => [
    ...(catalog.program.affiliations ?? []).flatMap((file, i): RuleIssue[] => {
      const at = ["program", "affiliations", i];
      if (!existsSync(resolve(baseDir, file)))
        return [
          {
            code: "E_FILE_NOT_FOUND" as const,
            message: `affiliations file '${file}' does not exist (looked in ${resolve(baseDir, file)})`,
            at,
            hint: "paths are relative to the catalog file; fix the path or remove the entry",
          },
        ];
      // A catalog comes from a pull request: it may not make the tool read files beyond its folder.
      if (!isInside(baseDir, resolve(baseDir, file)))
        return [
          {
            code: "E_CATALOG_PATH_OUTSIDE" as const,
            message: `affiliations file '${file}' is outside the catalog's folder`,
            at,
            hint: "keep the file in the catalog's folder, or name it on the command line with --affiliations",
          },
        ];
      return [];
    }),
    ...catalog.projects.flatMap((project, p) =>
      (project.repositories ?? []).flatMap((entry, r) => {
        const repo = repositoryRef(entry).url;
        const at =
          typeof entry === "string" ? ["projects", p, "repositories", r] : ["projects", p, "repositories", r, "url"];
        // a location a mirror rewrites is looked for where the mirror points, at collection
        return !repo.startsWith("-") &&
          isLocalPath(repo) &&
          applyMirrors(repo, catalog.program.mirrors).mirror === undefined &&
          !existsSync(resolve(baseDir, repo))
          ? [
              {
                code: "E_REPO_NOT_FOUND" as const,
                message:
                  `repository '${repo}' of project '${project.id}' does ` +
                  `not exist (looked in ${resolve(baseDir, repo)})`,
                at,
                hint: "local paths are relative to the catalog file; use a URL for remote repositories",
                severity: "warning" as const,
              },
            ]
          : [];
      }),
    ),
  ];
}

/** Not a URL (scheme://) nor scp-style `host:path`. */
function isLocalPath(repo: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(repo) && !/^[^/\\]+@[^/\\]+:/.test(repo);
}

/**
 * One repository (and folder) listed once per project: `repo`, `repo/`, `./repo` and a symlink
 * to it are one repository, and counting it twice would sum its releases and commits.
 */
function repositoriesOnce(baseDir: string): CatalogRule {
  return (catalog) =>
    catalog.projects.flatMap((project, p) => {
      const seen = new Map<string, number>();
      return (project.repositories ?? []).flatMap((entry, r) => {
        const ref = repositoryRef(entry);
        const key = `${identityOf(ref.url, baseDir)}\0${(ref.path ?? "").replace(/^\/+|\/+$/g, "")}`;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, r);
          return [];
        }
        const at =
          typeof entry === "string" ? ["projects", p, "repositories", r] : ["projects", p, "repositories", r, "url"];
        return [
          {
            code: "E_CATALOG_DUPLICATE_REPOSITORY" as const,
            message:
              `repository '${ref.label}' of project '${project.id}' is the same as ` +
              `repositories[${first}] ('${repositoryRef(project.repositories![first]!).label}')`,
            at,
            hint: "list each repository once (a folder of it as {url, path})",
          },
        ];
      });
    });
}

/**
 * What names a repository regardless of spelling: the real path of a local one, the URL without a trailing slash or
 * .git.
 */
function identityOf(url: string, baseDir: string): string {
  if (!isLocalPath(url))
    return url
      .replace(/\/+$/, "")
      .replace(/\.git$/i, "")
      .toLowerCase();
  const path = resolve(baseDir, url);
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Whether `path` (symlinks resolved) lies inside `folder`. */
function isInside(folder: string, path: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const rel = relative(real(folder), real(path));
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}
