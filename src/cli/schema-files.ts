import { readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/index.js";
import { catalogJsonSchema, projectJsonSchema } from "../catalog/index.js";

/**
 * The catalog's JSON Schemas as files that travel with the catalog: a generated catalog's
 * `$schema` names `./upstream.schema.json` beside it, which survives a clone or a move, where a
 * path into the tool's own installation would not.
 */

export const CATALOG_SCHEMA_NAME = "upstream.schema.json";
export const PROJECT_SCHEMA_NAME = "project.schema.json";
/** What a catalog file's `# yaml-language-server: $schema=` line names, and a project file's (in projects/). */
export const CATALOG_SCHEMA_REF = `./${CATALOG_SCHEMA_NAME}`;
export const PROJECT_SCHEMA_REF = `../${PROJECT_SCHEMA_NAME}`;

const schemaText = (schema: Record<string, unknown>) => JSON.stringify(schema, null, 2) + "\n";

/**
 * The schema files for a catalog in `dir`, by path: the catalog's, and with `project` the one
 * project files (projects/<id>.yaml) name.
 */
export function schemaFiles(dir: string, options: { project?: boolean } = {}): Map<string, string> {
  const files = new Map([[join(dir, CATALOG_SCHEMA_NAME), schemaText(catalogJsonSchema())]]);
  if (options.project) files.set(join(dir, PROJECT_SCHEMA_NAME), schemaText(projectJsonSchema()));
  return files;
}

/** Whether the file holds a JSON Schema (one an earlier run wrote, say), which may be replaced by a newer one. */
function holdsJsonSchema(path: string): boolean {
  try {
    const json = JSON.parse(readFileSync(path, "utf8")) as unknown;
    return (
      typeof json === "object" &&
      json !== null &&
      String((json as { $schema?: unknown }).$schema).startsWith("https://json-schema.org/")
    );
  } catch {
    return false;
  }
}

/**
 * Refuse, before anything is written, to replace a file of a schema's name that is not a JSON
 * Schema (someone's own file) unless `force`; a schema file is replaced, as the tool's version may
 * have changed it.
 */
export function checkSchemaTargets(paths: Iterable<string>, force: boolean): void {
  if (force) return;
  for (const path of paths) {
    let exists = true;
    try {
      readFileSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") exists = false;
    }
    if (exists && !holdsJsonSchema(path))
      throw new UserError(
        "E_OUTPUT_EXISTS",
        `${path} exists and is not a JSON Schema; nothing was written. Pass --force to replace it, or move it`,
      );
  }
}
