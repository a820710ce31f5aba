import { UserError, didYouMean } from "../../core/errors.js";
import { isRaw, type Catalog, type Project } from "../../catalog/index.js";
import { openCatalog } from "../shared.js";
import { listOutput, printJson } from "../json-output.js";
import { textTable } from "../../core/text-table.js";

export async function run(options: { catalog?: string; persona?: string; json?: boolean }): Promise<void> {
  const { catalog } = await openCatalog(options);
  const projects = selectProjects(catalog, options.persona);
  if (options.json) printJson("list", listOutput(projects));
  else
    process.stdout.write(
      textTable(
        ["ID", "NAME", "PERSONA", "STATE", "REPOSITORIES"],
        projects.map((p) => [p.id, p.name, p.persona, stateText(p), String(p.repositories?.length ?? 0)]),
      ) + "\n",
    );
}

function selectProjects(catalog: Catalog, persona: string | undefined): Project[] {
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

function stateText(p: Project): string {
  if (!p.state) return "";
  return isRaw(p.state) ? p.state.raw : `${p.state.framework}: ${p.state.level}`;
}
