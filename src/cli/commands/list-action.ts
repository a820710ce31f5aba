import { listProjects, stateText } from "../../app/index.js";
import { textTable } from "../../core/index.js";
import { openCatalog, printJson } from "../shared.js";

export async function run(options: { catalog?: string; persona?: string; json?: boolean }): Promise<void> {
  const { catalog } = await openCatalog(options);
  const { projects, summaries } = listProjects(catalog, options);
  if (options.json) printJson(summaries);
  else
    process.stdout.write(
      textTable(
        ["ID", "NAME", "PERSONA", "STATE", "REPOSITORIES"],
        projects.map((p) => [p.id, p.name, p.persona, stateText(p), String(p.repositories?.length ?? 0)]),
      ) + "\n",
    );
}
