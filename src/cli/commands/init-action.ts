import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

import { didYouMean, UserError } from "../../core/index.js";
import { CATALOG_FILE, stringifyCatalog, type Catalog } from "../../catalog/index.js";
import { writeFilesAtomic } from "../shared.js";
import { CATALOG_SCHEMA_REF, checkSchemaTargets, schemaFiles } from "../schema-files.js";

/** What a template adds to the starter catalog: the program's frameworks and where projects are used. */
interface Template {
  readonly program: Omit<Catalog["program"], "name">;
  readonly state: { readonly framework: string; readonly level: string };
}

const TEMPLATES: Readonly<Record<string, Template>> = {
  // Neutral: the CNCF's framework only, a "Used in" column, no organization assumed.
  neutral: {
    program: { usedInTitle: "Used in", organizations: [], frameworks: { CNCF: "cncf" } },
    state: { framework: "CNCF", level: "sandbox" },
  },
  // The Azure Container Compute Upstream program's: its guidelines and its "Use on Azure" column.
  azure: {
    program: {
      usedInTitle: "Use on Azure",
      organizations: ["Microsoft"],
      frameworks: { Azure: "azcnu-v0.1", CNCF: "cncf" },
    },
    state: { framework: "Azure", level: "sandbox" },
  },
};

/** The smallest useful catalog: one persona, one project, the template's frameworks. */
function starterCatalog(name: string, template: Template): Catalog {
  return {
    apiVersion: "upstream/v1",
    program: { name, ...template.program },
    personas: [{ id: "general", title: "General" }],
    projects: [
      {
        id: "my-project",
        name: "My Project",
        persona: "general",
        home: "https://github.com/my-org/my-project",
        goal: "What the project is for, in one line",
        state: { ...template.state },
        repositories: ["https://github.com/my-org/my-project"],
      },
    ],
    announcements: [],
  };
}

function templateNamed(name: string): Template {
  const template = TEMPLATES[name];
  if (template) return template;
  const names = Object.keys(TEMPLATES);
  const guess = didYouMean(name, names);
  throw new UserError(
    "E_USAGE",
    `--template expects one of ${names.join(", ")}, got '${name}'${guess ? `; did you mean '${guess}'?` : ""}`,
  );
}

export async function run(dir: string, options: { name: string; template: string; force?: boolean }): Promise<void> {
  const template = templateNamed(options.template);
  const folder = resolve(dir);
  const file = join(folder, CATALOG_FILE);
  if (existsSync(file) && !options.force)
    throw new UserError("E_OUTPUT_EXISTS", `${file} already exists; nothing was written. Pass --force to overwrite it`);
  const schemas = schemaFiles(folder);
  checkSchemaTargets(schemas.keys(), options.force === true);
  // The catalog and the schema it names, together or not at all.
  await writeFilesAtomic(
    new Map([[file, stringifyCatalog(starterCatalog(options.name, template), CATALOG_SCHEMA_REF)], ...schemas]),
  );
  process.stderr.write(
    `wrote ${file} and ${[...schemas.keys()].join(", ")} (its JSON Schema, for editors)\n` +
      `next: edit it, then run \`upstream validate\`\n`,
  );
}
