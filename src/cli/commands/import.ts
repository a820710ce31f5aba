import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { stringifyCatalog, stringifyCatalogFolder, validateCatalogDocument } from "../../catalog/index.js";
import { formatIssue, UserError } from "../../core/errors.js";
import { importReadme } from "../../markdown/index.js";
import { PROJECT_SCHEMA_FILE, SCHEMA_FILE, schemaRefFrom, writeFileAtomic } from "../shared.js";

export function register(program: Command): void {
  program
    .command("import")
    .description("turn a README (one table per persona, or one 'Project Area' table) into a catalog, keeping every word")
    .argument("<readme>", "the README.md to import")
    .option("--out <dir|file>", "write a .yaml file, or a folder (upstream.yaml + projects/<id>.yaml); default: print the YAML")
    .action(async (readme: string, options: { out?: string }) => {
      const text = await readFile(readme, "utf8").catch((error: NodeJS.ErrnoException) => {
        throw new UserError("E_FILE_NOT_FOUND", `cannot read ${readme}: ${error.code ?? String(error)}`, { cause: error });
      });
      const { catalog, issues } = importReadme(text, { file: readme });
      if (!catalog) throw new UserError(issues.find((i) => i.severity === "error")?.code ?? "E_IMPORT_NO_TABLE", `${readme} could not be imported; nothing was written`, { issues });
      // The importer only builds valid catalogs; checking here keeps a bug from writing a broken file.
      const invalid = validateCatalogDocument(catalog).issues.filter((i) => i.severity !== "warning");
      if (invalid.length > 0) throw new UserError("E_INTERNAL", `the imported catalog does not validate (${invalid[0]!.message} at ${invalid[0]!.at.join(".")}); nothing was written`);
      for (const i of issues) process.stderr.write(formatIssue(i) + "\n");

      const out = options.out;
      if (!out) return void process.stdout.write(stringifyCatalog(catalog));
      if (/\.ya?ml$/i.test(out)) await writeFileAtomic(out, stringifyCatalog(catalog, schemaRefFrom(dirname(out))));
      else {
        const files = stringifyCatalogFolder(catalog, { catalog: schemaRefFrom(out, SCHEMA_FILE), project: schemaRefFrom(join(out, "projects"), PROJECT_SCHEMA_FILE) });
        for (const [name, content] of files) await writeFileAtomic(join(out, name), content);
      }
      const warnings = issues.length ? ` (${issues.length} cell${issues.length === 1 ? "" : "s"} kept as raw markdown)` : "";
      process.stderr.write(`imported ${catalog.projects.length} projects in ${catalog.personas.length} personas to ${out}${warnings}\n`);
    });
}
