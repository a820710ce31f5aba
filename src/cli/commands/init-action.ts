import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

import { UserError } from "../../core/errors.js";
import { CATALOG_FILE, stringifyCatalog, type Catalog } from "../../catalog/index.js";
import { schemaRefFrom, writeFileAtomic } from "../shared.js";

/** The smallest useful catalog: one persona, one project, the default framework aliases. */
function starterCatalog(name: string): Catalog {
  return {
    apiVersion: "upstream/v1",
    program: { name, organizations: [], frameworks: { Azure: "azcnu-v0.1", CNCF: "cncf" } },
    personas: [{ id: "general", title: "General" }],
    projects: [
      {
        id: "my-project",
        name: "My Project",
        persona: "general",
        home: "https://github.com/my-org/my-project",
        goal: "What the project is for, in one line",
        state: { framework: "CNCF", level: "sandbox" },
        repositories: ["https://github.com/my-org/my-project"],
      },
    ],
    announcements: [],
  };
}

export async function run(dir: string, options: { name: string; force?: boolean }): Promise<void> {
  const file = join(resolve(dir), CATALOG_FILE);
  if (existsSync(file) && !options.force)
    throw new UserError("E_OUTPUT_WRITE", `${file} already exists; pass --force to overwrite it`);
  await writeFileAtomic(file, stringifyCatalog(starterCatalog(options.name), schemaRefFrom(resolve(dir))));
  process.stderr.write(`wrote ${file}\nnext: edit it, then run \`upstream validate\`\n`);
}
