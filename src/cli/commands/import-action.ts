import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { readInputFile } from "../../core/index.js";
import { basename, dirname, join } from "node:path";

import {
  CATALOG_FILE,
  decodeUtf8,
  PROJECTS_DIR,
  stringifyCatalog,
  stringifyCatalogFolder,
  validateCatalogDocument,
} from "../../catalog/index.js";
import { formatIssue, issue, UserError } from "../../core/index.js";
import { plural } from "../../core/index.js";
import { importReadme, withRepositoriesFromLinks } from "../../markdown/index.js";
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
  markInput(readme, "the README being imported");
  const read = readInputFile(readme, { what: "the README" });
  if ("problem" in read) {
    const what =
      read.problem === "not-found"
        ? "no such file"
        : read.problem === "is-directory"
          ? "it is a folder, not a README file"
          : read.message;
    const code = read.problem === "not-found" ? "E_FILE_NOT_FOUND" : "E_FILE_UNREADABLE";
    throw new UserError(code, `${readme} could not be imported; nothing was written`, {
      issues: [
        issue(code, what, {
          file: readme,
          hint: "give the path of a markdown README, e.g. upstream import README.md --out upstream.yaml",
        }),
      ],
    });
  }
  const decoded = decodeUtf8(readme, read.bytes);
  if ("issue" in decoded)
    throw new UserError("E_FILE_NOT_UTF8", `${readme} could not be imported; nothing was written`, {
      issues: [decoded.issue],
    });
  const imported = importReadme(decoded.text, { file: readme });
  const issues = imported.issues;
  // Repositories from the projects' git hosting links, so the catalog can be assessed at once.
  const catalog = imported.catalog && withRepositoriesFromLinks(imported.catalog);
  if (!catalog)
    throw new UserError(
      issues.find((i) => i.severity === "error")?.code ?? "E_IMPORT_NO_TABLE",
      `${readme} could not be imported; nothing was written`,
      { issues },
    );
  // The importer only builds valid catalogs; checking here keeps a bug from writing a broken file.
  const invalid = validateCatalogDocument(catalog).issues.filter((i) => i.severity !== "warning");
  if (invalid.length > 0)
    throw new UserError(
      "E_INTERNAL",
      `the imported catalog does not validate (${invalid[0]!.message} ` +
        `at ${invalid[0]!.at.join(".")}); nothing was written`,
    );
  for (const i of issues) process.stderr.write(formatIssue(i) + "\n");

  const out = options.out;
  // A catalog a killed run left aside is put back first, so --force is asked for it as for any.
  if (out && !/\.ya?ml$/i.test(out)) await recoverFolderWrite(out);
  if (out && !options.force) refuseExistingCatalog(out);
  // The catalog names the schema file beside it, which travels with it (`upstream schema --write` makes it).
  if (!out) {
    process.stdout.write(stringifyCatalog(catalog, CATALOG_SCHEMA_REF));
    process.stderr.write(`for editors, write ${CATALOG_SCHEMA_NAME} beside the catalog: upstream schema --write DIR\n`);
    return;
  }
  if (/\.ya?ml$/i.test(out)) {
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
  const raw = issues.filter((i) => i.code === "E_IMPORT_UNPARSED_CELL").length;
  const others = issues.length - raw;
  const notes = [
    raw ? `${plural(raw, "cell")} kept as raw markdown` : "",
    others ? plural(others, "other warning") : "",
  ].filter(Boolean);
  const warnings = notes.length ? ` (${notes.join(", ")})` : "";
  process.stderr.write(
    `imported ${plural(catalog.projects.length, "project")} in ` +
      `${plural(catalog.personas.length, "persona")} to ${out}${warnings}\n`,
  );
}

/** A catalog is edited by hand after an import: replacing it silently would lose that work. */
function refuseExistingCatalog(out: string): void {
  const target = /\.ya?ml$/i.test(out) ? out : join(out, CATALOG_FILE);
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
