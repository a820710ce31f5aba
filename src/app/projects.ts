import { isRaw, type Catalog, type Project } from "../catalog/index.js";
import { didYouMean, UserError } from "../core/index.js";

/** The projects named, in catalog order; all of them when none is named. An unknown id is an error with a guess. */
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

/** The projects of one persona (all when none is named). An unknown persona is an error with a guess. */
export function projectsOfPersona(catalog: Catalog, persona: string | undefined): Project[] {
  if (!persona) return catalog.projects;
  const ids = catalog.personas.map((p) => p.id);
  if (!ids.includes(persona)) {
    const guess = didYouMean(persona, ids);
    throw new UserError(
      "E_CATALOG_UNKNOWN_PERSONA",
      `no persona '${persona}'${guess ? `; did you mean '${guess}'?` : ""} (personas: ${ids.join(", ")})`,
    );
  }
  return catalog.projects.filter((p) => p.persona === persona);
}

/** `list`: the projects of the catalog, or of one persona, as written (list --json prints them whole). */
export function listProjects(catalog: Catalog, options: { readonly persona?: string } = {}): { projects: Project[] } {
  return { projects: projectsOfPersona(catalog, options.persona) };
}

/** The state as the catalog writes it: "CNCF: sandbox", or the raw markdown cell. */
export function stateText(p: Project): string {
  if (!p.state) return "";
  return isRaw(p.state) ? p.state.raw : `${p.state.framework}: ${p.state.level}`;
}
