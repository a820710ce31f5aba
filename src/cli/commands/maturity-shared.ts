import { statSync } from "node:fs";
import { dirname } from "node:path";
import type { Catalog, Project } from "../../catalog/schema.js";
import { didYouMean, UserError } from "../../core/errors.js";

/** The folder a catalog path stands for (a team's frameworks/ folder sits there). */
export function catalogDir(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return dirname(path);
  }
}

/** The projects named on the command line, in catalog order; all of them when none is named. */
export function selectProjects(catalog: Catalog, ids: readonly string[]): Project[] {
  const known = catalog.projects.map((p) => p.id);
  for (const id of ids) {
    if (known.includes(id)) continue;
    const guess = didYouMean(id, known);
    throw new UserError(
      "E_CATALOG_UNKNOWN_PROJECT",
      `no project '${id}' in the catalog${guess ? `; did you mean '${guess}'?` : ""}`,
    );
  }
  return ids.length ? catalog.projects.filter((p) => ids.includes(p.id)) : [...catalog.projects];
}
