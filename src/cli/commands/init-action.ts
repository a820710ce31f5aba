import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

import { starterCatalog } from "../../app/index.js";
import { UserError } from "../../core/index.js";
import { CATALOG_FILE, stringifyCatalog } from "../../catalog/index.js";
import { writeFilesAtomic } from "../shared.js";
import { CATALOG_SCHEMA_REF, checkSchemaTargets, schemaFiles } from "../schema-files.js";

export async function run(dir: string, options: { name: string; template: string; force?: boolean }): Promise<void> {
  const catalog = starterCatalog(options.name, options.template);
  const folder = resolve(dir);
  const file = join(folder, CATALOG_FILE);
  if (existsSync(file) && !options.force)
    throw new UserError("E_OUTPUT_EXISTS", `${file} already exists; nothing was written. Pass --force to overwrite it`);
  const schemas = schemaFiles(folder);
  checkSchemaTargets(schemas.keys(), options.force === true);
  // The catalog and the schema it names, together or not at all.
  await writeFilesAtomic(new Map([[file, stringifyCatalog(catalog, CATALOG_SCHEMA_REF)], ...schemas]));
  process.stderr.write(
    `wrote ${file} and ${[...schemas.keys()].join(", ")} (its JSON Schema, for editors)\n` +
      `next: edit it, then run \`upstream validate\`\n`,
  );
}
