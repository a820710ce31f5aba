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

/** `list`: the projects of the catalog, or of one persona, with the stable summary of each. */
export function listProjects(
  catalog: Catalog,
  options: { readonly persona?: string } = {},
): { projects: Project[]; summaries: ProjectSummary[] } {
  const projects = projectsOfPersona(catalog, options.persona);
  return { projects, summaries: projects.map(projectSummary) };
}

/** The state as the catalog writes it: "CNCF: sandbox", or the raw markdown cell. */
export function stateText(p: Project): string {
  if (!p.state) return "";
  return isRaw(p.state) ? p.state.raw : `${p.state.framework}: ${p.state.level}`;
}

export type ProjectSummary = ReturnType<typeof projectSummary>;

/** The stable JSON shape of `list --json`. */
export function projectSummary(p: Project) {
  return {
    id: p.id,
    name: p.name,
    persona: p.persona,
    state: p.state && !isRaw(p.state) ? { framework: p.state.framework, level: p.state.level } : null,
    links: {
      home: p.home ?? null,
      artifacts: (p.artifacts ?? []).map((a) => ({ label: a.label, url: a.url })),
      channels: Array.isArray(p.channels)
        ? p.channels
            .filter((c): c is Extract<typeof c, { url: string }> => "url" in c)
            .map((c) => ({ kind: c.kind, label: c.label, url: c.url }))
        : [],
      usedIn: Array.isArray(p.usedIn) ? p.usedIn.map((u) => ({ title: u.title, url: u.url ?? null })) : [],
    },
    repositories: p.repositories ?? [],
  };
}
