import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

import { catalogFileText, catalogFolderFiles, importReadmeFile, isCatalogFileName } from "../../app/index.js";
import { CATALOG_FILE, PROJECTS_DIR } from "../../catalog/index.js";
import { UserError } from "../../core/index.js";
import { plural } from "../../core/index.js";
import { markInput, printIssues, recoverFolderWrite, writeFileAtomic, writeFolderAtomic } from "../shared.js";

export async function run(readme: string, options: { out?: string; force?: boolean }): Promise<void> {
  markInput(readme, "the README being imported");
  const imported = importReadmeFile({ readme, cwd: process.cwd() });
  const { catalog } = imported;
  printIssues(imported.issues);

  const out = options.out;
  // A catalog a killed run left aside is put back first, so --force is asked for it as for any.
  if (out && !isCatalogFileName(out)) await recoverFolderWrite(out);
  if (out && !options.force) refuseExistingCatalog(out);
  // On stdout the catalog is most likely redirected to a file here: point editors at the schema from here.
  if (!out) return void process.stdout.write(catalogFileText(catalog, process.cwd()));
  if (isCatalogFileName(out)) await writeFileAtomic(out, catalogFileText(catalog, dirname(resolve(out))));
  else {
    const files = catalogFolderFiles(catalog, resolve(out));
    await refuseStaleProjectFiles(out, files);
    // All or nothing: a run killed while writing leaves the previous catalog whole.
    await writeFolderAtomic(out, files);
  }
  const notes = [
    imported.rawCells ? `${plural(imported.rawCells, "cell")} kept as raw markdown` : "",
    imported.otherWarnings ? plural(imported.otherWarnings, "other warning") : "",
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
