import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { importReadmeFile, isCatalogFileName } from "../../app/index.js";
import { CATALOG_FILE, PROJECTS_DIR, stringifyCatalog, stringifyCatalogFolder } from "../../catalog/index.js";
import { formatIssue, UserError } from "../../core/index.js";
import { plural } from "../../core/index.js";
import { markInput, recoverFolderWrite, writeFilesAtomic, writeFolderAtomic } from "../shared.js";
import {
  CATALOG_SCHEMA_NAME,
  CATALOG_SCHEMA_REF,
  checkSchemaTargets,
  PROJECT_SCHEMA_NAME,
  PROJECT_SCHEMA_REF,
  schemaFiles,
} from "../schema-files.js";

export async function run(readme: string, options: { out?: string; force?: boolean }): Promise<void> {
  const { catalog, issues, rawCells, otherWarnings, input } = importReadmeFile({ readme, cwd: process.cwd() });
  markInput(input.path, input.what);
  for (const i of issues) process.stderr.write(formatIssue(i) + "\n");

  const out = options.out;
  // A catalog a killed run left aside is put back first, so --force is asked for it as for any.
  if (out && !isCatalogFileName(out)) await recoverFolderWrite(out);
  if (out && !options.force) refuseExistingCatalog(out);
  // The catalog names the schema file beside it, which travels with it (`upstream schema --write` makes it).
  if (!out) {
    process.stdout.write(stringifyCatalog(catalog, CATALOG_SCHEMA_REF));
    process.stderr.write(`for editors, write ${CATALOG_SCHEMA_NAME} beside the catalog: upstream schema --write DIR\n`);
    return;
  }
  if (isCatalogFileName(out)) {
    const schemas = schemaFiles(dirname(out));
    checkSchemaTargets(schemas.keys(), options.force === true);
    await writeFilesAtomic(new Map([[out, stringifyCatalog(catalog, CATALOG_SCHEMA_REF)], ...schemas]));
  } else {
    const files = stringifyCatalogFolder(catalog, { catalog: CATALOG_SCHEMA_REF, project: PROJECT_SCHEMA_REF });
    for (const [path, text] of schemaFiles(out, { project: true })) files.set(basename(path), text);
    checkSchemaTargets([join(out, CATALOG_SCHEMA_NAME), join(out, PROJECT_SCHEMA_NAME)], options.force === true);
    await refuseStaleProjectFiles(out, files);
    // All or nothing: a run killed while writing leaves the previous catalog whole.
    await writeFolderAtomic(out, files);
  }
  const notes = [
    rawCells ? `${plural(rawCells, "cell")} kept as raw markdown` : "",
    otherWarnings ? plural(otherWarnings, "other warning") : "",
  ].filter(Boolean);
  const warnings = notes.length ? ` (${notes.join(", ")})` : "";
  process.stderr.write(
    `imported ${plural(catalog.projects.length, "project")} in ` +
      `${plural(catalog.personas.length, "persona")} to ${out}${warnings}\n`,
  );
}

/** A catalog is edited by hand after an import: replacing it silently would lose that work. */
function refuseExistingCatalog(out: string): void {
  const target = isCatalogFileName(out) ? out : join(out, CATALOG_FILE);
  if (existsSync(target))
    throw new UserError(
      "E_OUTPUT_WRITE",
      `${target} already exists; nothing was written. Pass --force to replace ` +
        `it (hand edits to it are lost), or import into a new folder and compare`,
    );
}

/** The loader merges every projects/*.yaml of a folder: one left from an earlier import would join this catalog. */
async function refuseStaleProjectFiles(out: string, files: ReadonlyMap<string, string>): Promise<void> {
  const existing = await readdir(join(out, PROJECTS_DIR)).catch(() => [] as string[]);
  const stale = existing.filter((name) => /\.ya?ml$/i.test(name) && !files.has(`${PROJECTS_DIR}/${name}`));
  if (stale.length === 0) return;
  throw new UserError(
    "E_OUTPUT_WRITE",
    `${join(out, PROJECTS_DIR)} holds ${stale.map((n) => basename(n)).join(", ")}, which this import does not ` +
      `write; the catalog would include ${stale.length === 1 ? "it" : "them"}. Nothing was ` +
      `written: remove ${stale.length === 1 ? "it" : "them"}, or import into an empty folder`,
  );
}
