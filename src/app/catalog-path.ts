import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CATALOG_FILE } from "../catalog/index.js";
import { UserError } from "../core/index.js";

/** The folder this package is installed in (holds examples/ and schema/); src/app and dist/cli are both two deep. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The catalog a command reads when it is given none and finds none. */
export const BUNDLED_EXAMPLE = join(PACKAGE_ROOT, "examples", "azure-container-compute", CATALOG_FILE);
export const SCHEMA_FILE = join(PACKAGE_ROOT, "schema", "upstream.schema.json");
export const PROJECT_SCHEMA_FILE = join(PACKAGE_ROOT, "schema", "project.schema.json");

/** Where a catalog was found: named by the caller, in the working folder, or the bundled example. */
export type CatalogSource = "given" | "working-folder" | "bundled-example";

export interface CatalogLocation {
  readonly path: string;
  readonly source: CatalogSource;
}

export interface LocateCatalogInput {
  /** A catalog file or folder, as the caller named it (relative to `cwd`). */
  readonly catalog?: string;
  /** The folder a relative `catalog` and the default ./upstream.yaml are looked for in. */
  readonly cwd: string;
}

/** The catalog named, else `<cwd>/upstream.yaml`, else the bundled example; says which it is. */
export function locateCatalog(input: LocateCatalogInput): CatalogLocation {
  if (input.catalog) {
    refuseInterruptedWrite(resolve(input.cwd, input.catalog));
    return { path: input.catalog, source: "given" };
  }
  const local = join(input.cwd, CATALOG_FILE);
  return existsSync(local)
    ? { path: local, source: "working-folder" }
    : { path: BUNDLED_EXAMPLE, source: "bundled-example" };
}

/** The folder a catalog path stands for (a team's frameworks/ folder and the cache sit there). */
export function catalogDir(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return dirname(path);
  }
}

/**
 * Where a folder write builds the new folder, and where it puts the old one aside: siblings, so renames stay on one
 * file system.
 */
export function folderSides(dir: string): { fresh: string; aside: string } {
  const parent = dirname(dir);
  const name = basename(dir);
  return { fresh: join(parent, `.${name}.upstream-new`), aside: join(parent, `.${name}.upstream-old`) };
}

/**
 * A catalog folder that is gone because a write into it was killed between its two renames
 * is whole beside it: say where, and how to put it back, rather than "no such file".
 */
function refuseInterruptedWrite(catalog: string): void {
  if (existsSync(catalog)) return;
  const dir = /\.ya?ml$/i.test(catalog) ? dirname(catalog) : catalog;
  const { aside } = folderSides(dir);
  if (existsSync(dir) || !existsSync(aside)) return;
  throw new UserError(
    "E_FILE_NOT_FOUND",
    `${dir} does not exist: a write into it was interrupted, and the catalog as it was before is whole at ` +
      `${aside}. Put it back with \`mv ${aside} ${dir}\` (the next import or write into ${dir} does it too)`,
  );
}
