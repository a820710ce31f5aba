import { listProjects, stateText } from "../../app/index.js";
import { textTable } from "../../core/index.js";
import { openCatalog } from "../shared.js";
import { listOutput, printJson } from "../json-documents.js";

export async function run(options: { catalog?: string; persona?: string; json?: boolean }): Promise<void> {
  const { catalog } = await openCatalog(options);
  const { projects } = listProjects(catalog, options);
  if (options.json) printJson("list", listOutput(projects));
  else
    process.stdout.write(
      textTable(
        ["ID", "NAME", "PERSONA", "STATE", "REPOSITORIES"],
        projects.map((p) => [p.id, p.name, p.persona, stateText(p), String(p.repositories?.length ?? 0)]),
      ) + "\n",
    );
}
