import { isRaw, repositoryRef, type Catalog } from "../catalog/index.js";
import type { FrameworkLadder, GovernanceContext, ProgramProject } from "./model.js";

/**
 * The context the checks need, from a catalog and the frameworks' ladders. `aliases` maps the
 * catalog's state framework names (CNCF, Azure) to framework ids, as the assessment resolves
 * them (exact first, then case-insensitive); the caller passes the program's aliases.
 */
export function governanceContext(
  catalog: Catalog,
  ladders: ReadonlyMap<string, FrameworkLadder>,
  aliases: Readonly<Record<string, string>>,
): GovernanceContext {
  const resolve = (alias: string) =>
    aliases[alias] ?? Object.entries(aliases).find(([a]) => a.toLowerCase() === alias.toLowerCase())?.[1];
  const projects: ProgramProject[] = catalog.projects.map((p) => {
    const state = p.state && !isRaw(p.state) ? p.state : undefined;
    return {
      id: p.id,
      name: p.name,
      frameworkId: state ? resolve(state.framework) : undefined,
      level: state?.level,
      repositories: (p.repositories ?? []).map((r) => {
        const ref = repositoryRef(r);
        const folder = ref.path ?? ref.treeRef;
        return folder ? { url: ref.url, folder } : { url: ref.url };
      }),
      home: p.home,
    };
  });
  // The program's own framework: the first alias's (AzCNU for the bundled program).
  const programFramework = Object.values(aliases).find((id) => ladders.has(id));
  return { projects, frameworks: ladders, programFramework };
}
